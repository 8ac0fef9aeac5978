#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Lifecycle audit, lxc-execute: exit codes (status, 128+N for a signal), the command under
# lxc-init as pid 2, fds of the caller not inherited, and SIGTERM to the container's init or
# to lxc-execute itself forwarded to the command.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

make_busybox "$P" b1
R="$P/b1/rootfs"

run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'exit 0'
expect_eq "exit 0" "$RC" 0
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'exit 42'
expect_eq "exit 42" "$RC" 42
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'kill -TERM $$'
expect_eq "killed by SIGTERM: 128 + 15" "$RC" 143
run lxc-execute -n b1 -P "$P" -- /nonexistent-command
expect_eq "missing command: 127" "$RC" 127
run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'echo $$; cat /proc/1/comm'
expect_eq "the command is pid 2 under lxc-init" "$OUT" "2
lxc-init"

# Inherited fds: fd 7 of the caller is closed in the container (init and command).
exec 7>"$TMP/fd7"
# (The command's own list is probed with stat: listing a directory opens an fd.)
run lxc-execute -n b1 -P "$P" -- /bin/sh -c \
	'ls /proc/1/fd; echo --; for f in 0 1 2 3 4 5 6 7 8 9; do [ -e /proc/$$/fd/$f ] && echo $f; done; true'
exec 7>&-
expect_eq "fds of lxc-init and the command" "$(printf '%s\n' "$OUT" | tr '\n' ' ')" "0 1 2 -- 0 1 2 "

# SIGTERM to the container's init (lxc-init) is forwarded to the command, whose trap decides
# the exit status.
SCRIPT='trap "exit 42" TERM; touch /ready; sleep 100 & wait'
lxc-execute -n b1 -P "$P" -- /bin/sh -c "$SCRIPT" >"$TMP/x.out" 2>&1 &
XP=$!
wait_file "$R/ready"
kill -TERM "$(init_pid b1)"
set +e
wait $XP
RC=$?
set -e
expect_eq "SIGTERM to the init, forwarded: exit code" "$RC" 42
expect_eq "stopped after the forwarded signal" "$(lxc-info -n b1 -P "$P" -s -H)" "STOPPED"
rm -f "$R/ready"

# SIGTERM to lxc-execute itself: passed on to the monitor, the init and the command, as with
# LXC's in-process monitor; nothing keeps running.
lxc-execute -n b1 -P "$P" -- /bin/sh -c "$SCRIPT" >"$TMP/x.out" 2>&1 &
XP=$!
wait_file "$R/ready"
kill -TERM $XP
set +e
wait $XP
RC=$?
set -e
expect_eq "SIGTERM to lxc-execute, forwarded: exit code" "$RC" 42
expect_eq "stopped after lxc-execute's signal" "$(lxc-info -n b1 -P "$P" -s -H)" "STOPPED"
rm -f "$R/ready"

finish
