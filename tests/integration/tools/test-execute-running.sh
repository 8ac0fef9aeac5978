#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# NEEDS THE LIFECYCLE API (start with useinit): lxc-execute's exit status is its command's,
# from a created container or from a configuration file alone.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

P="$TMP/lxcpath"
make_busybox "$P" b1

run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'exit 0'
expect_eq "exit 0" "$RC" 0
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'exit 3'
expect_eq "exit 3" "$RC" 3
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'kill -9 $$'
expect_eq "killed by SIGKILL: 128 + 9" "$RC" 137
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'echo "pid $$"'
expect_eq "the command is pid 2 under lxc-init" "$OUT" "pid 2"
run lxc-execute -n b1 -P "$P" -u 1000 -g 1001 -- /bin/sh -c 'echo $(id -u) $(id -g)'
expect_eq "-u/-g" "$OUT" "1000 1001"
run lxc-execute -n b1 -P "$P" -s lxc.environment=GREETING=hi -- /bin/sh -c 'echo $GREETING'
expect_eq "-s lxc.environment" "$OUT" "hi"
echo "exit 7" >"$P/b1/rootfs/exit7"
run lxc-execute -n b1 -P "$P" -s "lxc.execute.cmd=/bin/sh /exit7"
expect_eq "lxc.execute.cmd when no command is given" "$RC" 7
run lxc-info -n b1 -P "$P" -s -H
expect_eq "stopped afterwards" "$OUT" "STOPPED"

# A container that was never created: its configuration file is enough.
cp "$P/b1/config" "$TMP/ghost.conf"
run lxc-execute -n ghost -P "$P" -f "$TMP/ghost.conf" -- /bin/sh -c 'exit 5'
expect_eq "-f config alone: exit status" "$RC" 5
[ ! -e "$P/ghost" ] || fail "lxc-execute -f created $P/ghost"

finish
