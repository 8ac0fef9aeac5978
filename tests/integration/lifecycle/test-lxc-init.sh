#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-init as a subreaper: exit codes, 128+N for signals, 127 for a missing command, signal
# forwarding to the command, orphans reaped.
set -u
INIT="$1"
fail=0
check() { # name expected actual
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected $2, got $3"; fail=1; fi
}

"$INIT" -- sh -c 'exit 3'; check "exit status passed through" 3 $?
"$INIT" -- sh -c 'kill -9 $$'; check "killed by SIGKILL gives 137" 137 $?
"$INIT" -q -- /nonexistent/command; check "missing command gives 127" 127 $?
"$INIT" >/dev/null 2>&1; check "no command is a usage error" 1 $?

# SIGTERM to init reaches the command, which exits 42 from its trap.
"$INIT" -- sh -c 'trap "exit 42" TERM; while :; do sleep 0.05; done' &
pid=$!
sleep 0.3
kill -TERM "$pid"
wait "$pid"; check "SIGTERM forwarded to the command" 42 $?

# An orphan (grandchild whose parent exits) is reaped: no zombie is left under init.
out=$("$INIT" -- sh -c '(sleep 0.2 &) ; sleep 0.5; ps -o stat= --ppid $PPID | grep -c Z' 2>/dev/null)
check "orphans are reaped" 0 "${out:-0}"
exit $fail
