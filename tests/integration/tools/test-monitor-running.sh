#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# NEEDS THE LIFECYCLE API and the state bus: lxc-monitor prints the state changes and the exit
# status of a container run with lxc-execute, as text and JSON, filtered by name, from one or
# two lxcpaths.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

P="$TMP/lxcpath"
make_busybox "$P" b1

# start_monitor OUTFILE ARGS...: lxc-monitor in the background (its pid in MON_PID), once its
# socket is bound.
start_monitor() {
	local out=$1 i

	shift
	lxc-monitor -P "$P" "$@" >"$out" 2>&1 &
	MON_PID=$!
	at_exit "kill $MON_PID"
	for i in $(seq 100); do
		if ls /run/lxc/monitor/*/"$MON_PID" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.1
	done
	fail "lxc-monitor $* never listened"
}

start_monitor "$TMP/text" -n 'b[0-9]'
TEXT_PID=$MON_PID
mkdir -p "$TMP/empty-lxcpath"
start_monitor "$TMP/json" --format json -P "$TMP/empty-lxcpath"	# two lxcpaths
JSON_PID=$MON_PID
start_monitor "$TMP/other" -n 'b'	# whole-name match: not b1

run lxc-execute -n b1 -P "$P" -- /bin/sh -c 'exit 6'
expect_eq "execute exit status" "$RC" 6

# The STOPPED message is sent before lxc-execute returns; stop the monitors and read.
for pid in "$TEXT_PID" "$JSON_PID" "$MON_PID"; do
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if ls /run/lxc/monitor/*/"$pid" >/dev/null 2>&1; then
		fail "lxc-monitor $pid left its socket behind"
	fi
done

expect_eq "text events" "$(cat "$TMP/text")" "'b1' changed state to [STARTING]
'b1' changed state to [RUNNING]
'b1' changed state to [STOPPING]
'b1' exited with status [6]
'b1' changed state to [STOPPED]"
expect_eq "json events" "$(cat "$TMP/json")" \
"{\"name\":\"b1\",\"state\":\"STARTING\",\"lxcpath\":\"$P\"}
{\"name\":\"b1\",\"state\":\"RUNNING\",\"lxcpath\":\"$P\"}
{\"name\":\"b1\",\"state\":\"STOPPING\",\"lxcpath\":\"$P\"}
{\"name\":\"b1\",\"exit_status\":6,\"lxcpath\":\"$P\"}
{\"name\":\"b1\",\"state\":\"STOPPED\",\"lxcpath\":\"$P\"}"
while read -r line; do
	printf '%s' "$line" | python3 -m json.tool >/dev/null || fail "not JSON: $line"
done <"$TMP/json"
expect_eq "name filter" "$(cat "$TMP/other")" ""

finish
