#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Lifecycle audit, stopping: lxc-stop -t on an init that ignores the halt signal kills it after
# the timeout, lxc-stop -r reboots (new init, RUNNING), lxc-monitor sees STARTING, RUNNING,
# STOPPING, STOPPED, and the JSON of lxc-info and lxc-ls parses with the documented keys.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

make_busybox "$P" b1

# lxc-monitor in the background, once its socket is bound.
lxc-monitor -n b1 -P "$P" >"$TMP/monitor" 2>&1 &
MON=$!
at_exit "kill $MON"
for i in $(seq 100); do
	ls /run/lxc/monitor/*/"$MON" >/dev/null 2>&1 && break
	sleep 0.1
done

run lxc-start -n b1 -P "$P"
expect_eq "start: exit code" "$RC" 0
PID=$(init_pid b1)
expect_match "init pid" "$PID" '^[0-9]+$'

# The init is pid 1 of the container's pid namespace, with the configured hostname.
expect_eq "NSpid of the init" "$(awk '/^NSpid:/{print $NF}' "/proc/$PID/status")" 1
expect_eq "hostname inside" "$(inside b1 /bin/hostname)" "b1"

# JSON output parses and has the documented keys.
run lxc-info -n b1 -P "$P" --format json
expect_eq "lxc-info json: exit code" "$RC" 0
printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "lxc-info json does not parse: $OUT"
expect_eq "lxc-info json keys" "$(printf '%s' "$OUT" | python3 -c \
	'import json,sys; d=json.load(sys.stdin); print(d["name"], d["state"], d["pid"], d["ips"])')" \
	"b1 RUNNING $PID []"
run lxc-ls -P "$P" --format json -f
expect_eq "lxc-ls json: exit code" "$RC" 0
printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "lxc-ls json does not parse: $OUT"
expect_eq "lxc-ls json keys" "$(printf '%s' "$OUT" | python3 -c \
	'import json,sys; d=json.load(sys.stdin)[0]; print(d["name"], d["state"], sorted(d))')" \
	"b1 RUNNING ['autostart', 'groups', 'ipv4', 'ipv6', 'name', 'state', 'unprivileged']"

# Reboot: a new init, RUNNING again (busybox init: SIGTERM reboots, SIGUSR1 halts).
wait_booted "$PID"
run lxc-stop -n b1 -P "$P" -r -t 30
expect_eq "reboot: exit code" "$RC" 0
run lxc-wait -n b1 -P "$P" -s RUNNING -t 30
expect_eq "reboot: RUNNING again" "$RC" 0
NPID=$(init_pid b1)
expect_match "reboot: init pid" "$NPID" '^[0-9]+$'
[ "$NPID" != "$PID" ] || fail "reboot kept the init pid $PID"
expect_eq "reboot: NSpid" "$(awk '/^NSpid:/{print $NF}' "/proc/$NPID/status")" 1

# Clean shutdown, then the monitor's view of the whole run.
wait_booted "$NPID"
run lxc-stop -n b1 -P "$P" -t 30
expect_eq "shutdown: exit code" "$RC" 0
expect_eq "shutdown: STOPPED" "$(lxc-info -n b1 -P "$P" -s -H)" "STOPPED"
# lxc-stop returns once the command socket reports STOPPED; the bus message may follow.
for i in $(seq 100); do
	[ "$(grep -c 'STOPPED' "$TMP/monitor")" -ge 2 ] && break
	sleep 0.1
done
kill -TERM $MON
wait $MON 2>/dev/null || true
expect_eq "lxc-monitor events" "$(grep -v 'exited with status' "$TMP/monitor")" \
	"'b1' changed state to [STARTING]
'b1' changed state to [RUNNING]
'b1' changed state to [STOPPING]
'b1' changed state to [STOPPED]
'b1' changed state to [STARTING]
'b1' changed state to [RUNNING]
'b1' changed state to [STOPPING]
'b1' changed state to [STOPPED]"

# An init that ignores the halt signal (a shell trapping SIGUSR1, busybox's halt signal):
# lxc-stop -t 2 waits the timeout, then kills it, exit 0.
cat >"$P/b1/rootfs/ignore-halt" <<'SH'
trap '' USR1
touch /ready
while :; do sleep 1; done
SH
run lxc-start -n b1 -P "$P" -s "lxc.init.cmd=/bin/sh /ignore-halt"
expect_eq "start ignore-halt: exit code" "$RC" 0
wait_file "$P/b1/rootfs/ready"
PID=$(init_pid b1)
T0=$(date +%s)
run lxc-stop -n b1 -P "$P" -t 2
T1=$(date +%s)
expect_eq "stop -t 2 ignoring init: exit code" "$RC" 0
[ $((T1 - T0)) -ge 2 ] || fail "lxc-stop -t 2 returned before the timeout"
expect_eq "stop -t 2: STOPPED" "$(lxc-info -n b1 -P "$P" -s -H)" "STOPPED"
kill -0 "$PID" 2>/dev/null && fail "the init $PID survived lxc-stop -t 2"

finish
