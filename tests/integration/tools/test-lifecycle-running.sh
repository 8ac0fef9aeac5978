#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# NEEDS THE LIFECYCLE API (start/stop/shutdown/reboot/wait/state): lxc-start, lxc-wait,
# lxc-info, lxc-ls and lxc-stop on a real busybox container, with their exit codes.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

P="$TMP/lxcpath"
make_busybox "$P" b1

# Daemonized start with a pid file; the state is RUNNING right after.
run lxc-start -n b1 -P "$P" -p "$TMP/b1.pid"
expect_eq "start exit code" "$RC" 0
run lxc-wait -n b1 -P "$P" -s RUNNING -t 10
expect_eq "wait RUNNING exit code" "$RC" 0
run lxc-info -n b1 -P "$P" -p -H
PID=$OUT
expect_match "info -p -H is a pid" "$PID" '^[0-9]+$'
expect_eq "pid file holds the init's pid" "$(cat "$TMP/b1.pid" 2>/dev/null)" "$PID"
run lxc-info -n b1 -P "$P" -s -p
expect_eq "info -s -p" "$OUT" "State:          RUNNING
PID:            $PID"
run lxc-info -n b1 -P "$P"
expect_eq "info exit code" "$RC" 0
expect_eq "info first lines" "$(printf '%s\n' "$OUT" | head -n 3)" "Name:           b1
State:          RUNNING
PID:            $PID"
run lxc-info -n b1 -P "$P" --format json -s -p -i
expect_eq "info json" "$OUT" "{\"name\":\"b1\",\"state\":\"RUNNING\",\"pid\":$PID,\"ips\":[]}"

# lxc-ls sees it running.
run lxc-ls -1 --running -P "$P"
expect_eq "ls --running" "$OUT" "b1"
run lxc-ls -1 --active -P "$P"
expect_eq "ls --active" "$OUT" "b1"
run lxc-ls -1 --stopped -P "$P"
expect_eq "ls --stopped" "$OUT" ""
run lxc-ls -f -F name,state,pid -P "$P"
expect_eq "ls -f running" "$(printf '%s\n' "$OUT" | sed -n 2p | tr -s ' ')" "b1 RUNNING $PID "
run lxc-ls --format json -f -F name,state,pid -P "$P"
expect_eq "ls json running" "$OUT" "[{\"name\":\"b1\",\"state\":\"RUNNING\",\"pid\":$PID}]"

# Starting it again is not an error.
run lxc-start -n b1 -P "$P"
expect_eq "start a running container: exit code" "$RC" 0
expect_match "start a running container: message" "$ERR" "Container is already running"

# lxc-wait gives up after its timeout with exit code 1.
run lxc-wait -n b1 -P "$P" -s STOPPED -t 1
expect_eq "wait timeout exit code" "$RC" 1

# Reboot: a new init.
run lxc-stop -n b1 -P "$P" -r -t 20
expect_eq "reboot exit code" "$RC" 0
run lxc-info -n b1 -P "$P" -p -H
expect_match "rebooted init pid" "$OUT" '^[0-9]+$'
[ "$OUT" != "$PID" ] || fail "reboot kept the init pid $PID"
run lxc-info -n b1 -P "$P" -s -H
expect_eq "state after reboot" "$OUT" "RUNNING"

# Clean shutdown (busybox init halts on lxc.signal.halt), then "not running" (2).
run lxc-stop -n b1 -P "$P" -t 20
expect_eq "shutdown exit code" "$RC" 0
run lxc-info -n b1 -P "$P" -s -H
expect_eq "state after shutdown" "$OUT" "STOPPED"
run lxc-stop -n b1 -P "$P"
expect_eq "stop a stopped container: exit code" "$RC" 2

# -k kills at once.
run lxc-start -n b1 -P "$P"
expect_eq "start for -k: exit code" "$RC" 0
run lxc-stop -n b1 -P "$P" -k
expect_eq "stop -k exit code" "$RC" 0
run lxc-info -n b1 -P "$P" -s -H
expect_eq "state after -k" "$OUT" "STOPPED"

# -W returns at once; lxc-wait then sees STOPPED.
run lxc-start -n b1 -P "$P"
run lxc-stop -n b1 -P "$P" -W
expect_eq "stop -W exit code" "$RC" 0
run lxc-wait -n b1 -P "$P" -s STOPPED -t 20
expect_eq "wait STOPPED after -W" "$RC" 0

# An init that ignores the halt signal: --nokill fails after the timeout and leaves it
# running; without --nokill it is killed after the timeout.
run lxc-start -n b1 -P "$P" -- /bin/sleep 1000
expect_eq "start sleep exit code" "$RC" 0
run lxc-stop -n b1 -P "$P" -t 1 --nokill
expect_eq "stop --nokill exit code" "$RC" 1
run lxc-info -n b1 -P "$P" -s -H
expect_eq "state after --nokill" "$OUT" "RUNNING"
run lxc-stop -n b1 -P "$P" -t 1
expect_eq "stop with kill after timeout exit code" "$RC" 0
run lxc-info -n b1 -P "$P" -s -H
expect_eq "state after the kill" "$OUT" "STOPPED"

# Foreground: the init's exit status becomes lxc-start's; -s overrides a key for this run.
run lxc-start -n b1 -P "$P" -F -s lxc.uts.name=other -- /bin/sh -c 'exit 4' </dev/null
expect_eq "start -F exit status" "$RC" 4
run lxc-start -n b1 -P "$P" -F -s lxc.uts.name=other -- /bin/sh -c '[ "$(hostname)" = other ]' \
	</dev/null
expect_eq "start -F -s lxc.uts.name" "$RC" 0
run lxc-info -n b1 -P "$P" -c lxc.uts.name -H
expect_eq "-s is not saved" "$OUT" "b1"

# -L: the console output goes to a log file.
run lxc-start -n b1 -P "$P" -L "$TMP/console.log" -- /bin/sh -c 'echo hello-console; sleep 1'
expect_eq "start -L exit code" "$RC" 0
run lxc-wait -n b1 -P "$P" -s STOPPED -t 20
expect_eq "wait for the -L container to stop" "$RC" 0
expect_match "console log" "$(cat "$TMP/console.log" 2>/dev/null)" '^hello-console'

# --share-net/--share-uts: b2 joins b1's namespaces; sharing with a stopped container fails.
make_busybox "$P" b2
run lxc-start -n b1 -P "$P"
expect_eq "start b1 for sharing" "$RC" 0
run lxc-start -n b2 -P "$P" --share-net b1 --share-uts b1
expect_eq "start --share-net --share-uts exit code" "$RC" 0
P1=$(lxc-info -n b1 -P "$P" -p -H)
P2=$(lxc-info -n b2 -P "$P" -p -H)
expect_eq "shared net namespace" "$(readlink "/proc/$P2/ns/net")" "$(readlink "/proc/$P1/ns/net")"
expect_eq "shared uts namespace" "$(readlink "/proc/$P2/ns/uts")" "$(readlink "/proc/$P1/ns/uts")"
[ "$(readlink "/proc/$P2/ns/ipc")" != "$(readlink "/proc/$P1/ns/ipc")" ] ||
	fail "the ipc namespace was shared without --share-ipc"
run lxc-stop -n b2 -P "$P" -k
run lxc-stop -n b1 -P "$P" -k
run lxc-start -n b2 -P "$P" --share-ipc b1
[ "$RC" -ne 0 ] || fail "sharing with a stopped container succeeded"
expect_match "sharing with a stopped container: cause" "$ERR" \
	'Failed to find the init of container "b1"'
run lxc-info -n b2 -P "$P" -s -H
expect_eq "b2 stays stopped" "$OUT" "STOPPED"

finish
