#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The monitor's cleanup guard: after `kill -9` of a container monitor, "[lxc monitor guard]"
# kills the payload, removes exactly the container's cgroups, restores the recorded network
# state and announces STOPPED; after a normal stop no guard is left. Network cases run inside a
# test netns (lxct-*). Own lxcpath, unique names; everything is removed at exit.
# Usage: test-guard.sh CASE (kill stop router)
set -u
CASE="${1:-}"
BUILD="${LXC_TEST_BUILDDIR:-build}"
fail=0

if [ "$(id -u)" != 0 ]; then echo "SKIP: needs root"; exit 77; fi
for t in ip busybox pgrep; do
	command -v $t >/dev/null || { echo "SKIP: needs $t"; exit 77; }
done
[ -d /sys/fs/cgroup ] || { echo "SKIP: no /sys/fs/cgroup"; exit 77; }
N="guard-$$-$CASE"
NS=""
LP=$(mktemp -d /tmp/lxc-guard.XXXXXX)
MONPID=""

# Processes whose cmdline starts with PREFIX (the monitors and guards of this lxcpath).
procs() { # PREFIX
	local f p
	for f in /proc/[0-9]*/cmdline; do
		if { tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qF -- "$1"; then
			p=${f#/proc/}; echo "${p%/cmdline}"
		fi
	done
}
monitors() { procs "[lxc monitor] $LP $N"; }
guards() { procs "[lxc monitor guard] $LP $N"; }
cg_left() {
	find /sys/fs/cgroup -mindepth 1 -maxdepth 8 -type d \
		\( -name "lxc.payload.$N" -o -name "lxc.monitor.$N" -o -name "lxc.payload.$N-*" \
		-o -name "lxc.monitor.$N-*" \) 2>/dev/null | sort
}
cleanup() {
	local d p
	[ -n "$MONPID" ] && kill "$MONPID" 2>/dev/null
	for p in $(monitors) $(guards); do kill -9 "$p" 2>/dev/null; done
	sleep 0.3
	for d in $(cg_left | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-); do
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		rmdir "$d" 2>/dev/null
	done
	[ -n "$NS" ] && ip netns del "$NS" 2>/dev/null
	rm -rf --one-file-system "$LP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
check() { # name expected actual
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi
}
check_re() { # name regex actual
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"; else bad "$1: '$3' !~ /$2/"; fi
}
x() { if [ -n "$NS" ]; then ip netns exec "$NS" "$@"; else "$@"; fi; }
# Bounded wait (up to 20 s) until CMD prints nothing.
gone() { for _ in $(seq 100); do [ -z "$("$@")" ] && return 0; sleep 0.2; done; return 1; }

mk() { # config on stdin
	mkdir -p "$LP/$N"
	cat >"$LP/$N/config"
	"$BUILD/templates/lxc-busybox" --path "$LP/$N" --name "$N" --rootfs "$LP/$N/rootfs" \
		>/dev/null || { echo "Bail out! template failed"; exit 1; }
}
start() { x lxc-start -n "$N" -P "$LP" "$@"; }
state() { x lxc-info -n "$N" -P "$LP" -sH; }
listen() { # lxc-monitor in the background, its output in $LP/monitor.out
	x lxc-monitor -n "$N" -P "$LP" >"$LP/monitor.out" 2>&1 &
	MONPID=$!
	sleep 0.5 # it binds its socket before the kill
}
# kill -9 the monitor, then wait for its guard to finish.
kill_monitor() {
	local m
	m=$(monitors)
	check_re "one monitor runs" '^[0-9]+$' "$m"
	check_re "... with its guard" '^[0-9]+$' "$(guards)"
	kill -9 $m
	gone guards || bad "the guard did not finish"
	gone monitors || bad "the monitor did not die"
}

case_kill() {
	mk </dev/null
	start -d || { bad "start"; return; }
	check "running" "RUNNING" "$(state)"
	check_re "cgroups exist while running" "lxc\.payload\.$N" "$(cg_left)"
	g=$(guards)
	check "the guard is not in the monitor cgroup" "" \
		"$(grep "lxc.monitor.$N" /proc/$g/cgroup 2>/dev/null)"
	check_re "the guard holds only /dev/null, its lock, its signalfd and the monitor's socket" \
		'^/dev/null /dev/null /dev/null /.*/guard/[0-9a-f]{64} anon_inode:\[signalfd\] socket$' \
		"$(for f in $(ls /proc/$g/fd); do readlink /proc/$g/fd/$f; done |
		   sed 's/:\[[0-9]*\]$//' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
	listen
	kill_monitor
	x lxc-wait -n "$N" -P "$LP" -s STOPPED -t 10 || bad "lxc-wait STOPPED"
	check "STOPPED after the monitor's SIGKILL" "STOPPED" "$(state)"
	check "no lxc.payload/lxc.monitor cgroup in any hierarchy" "" "$(cg_left)"
	gone sh -c "grep -F \"'$N' changed state to [STOPPED]\" '$LP/monitor.out' >/dev/null || echo no"
	check_re "lxc-monitor saw STOPPED" "'$N' changed state to \[STOPPED\]" \
		"$(cat "$LP/monitor.out")"
	gone guards || bad "no guard left"
	start -d || bad "restart after the kill"
	check "restarted under the same cgroup names" "" "$(cg_left | grep -- "$N-[0-9]")"
	# A start racing with a guard that still cleans up: it waits for the guard.
	m=$(monitors)
	kill -9 $m
	gone monitors || bad "the monitor did not die"
	start -d || bad "a start right after the kill"
	check "... runs" "RUNNING" "$(state)"
	check_re "... keeps its payload cgroup" "lxc\.payload\.$N$" "$(cg_left)"
	check_re "... with its own guard" '^[0-9]+$' "$(guards)"
	x lxc-stop -n "$N" -P "$LP" -k
	check "no cgroup after the stop" "" "$(cg_left)"
	gone guards || bad "no guard after the stop"
}

case_stop() {
	mk </dev/null
	start -d || { bad "start"; return; }
	check_re "a guard runs with the container" '^[0-9]+$' "$(guards)"
	x lxc-stop -n "$N" -P "$LP" -k || bad "stop"
	gone guards || bad "no guard left after a normal stop"
	check "no cgroup left after a normal stop" "" "$(cg_left)"
	start -d || { bad "start 2"; return; }
	x lxc-stop -n "$N" -P "$LP" || bad "clean shutdown"
	gone guards || bad "no guard left after a shutdown"
	check "no monitor left" "" "$(monitors)"
}

case_router() {
	command -v nsenter >/dev/null || { echo "SKIP: needs nsenter"; exit 77; }
	NS="lxct-$$-$RANDOM"
	ip netns add "$NS" || { NS=""; echo "SKIP: cannot create a network namespace"; exit 77; }
	x ip link set lo up
	x ip link add br0 type bridge && x ip link set br0 up
	x ip addr add 198.51.100.1/24 dev br0
	before=$(x ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort | tr '\n' ' ')
	mk <<-EOF
	lxc.net.0.type = veth
	lxc.net.0.veth.mode = router
	lxc.net.0.flags = up
	lxc.net.0.ipv4.address = 192.0.2.20/32
	lxc.net.0.ipv4.gateway = dev
	lxc.net.0.ipv6.address = 2001:db8:1::20/128
	lxc.net.0.ipv6.gateway = fe80::1
	lxc.net.1.type = veth
	lxc.net.1.link = br0
	lxc.net.1.l2proxy = 1
	lxc.net.1.ipv4.address = 198.51.100.30/24
	EOF
	start -d || { bad "start"; return; }
	check_re "host route to the container" "192\.0\.2\.20 dev veth" "$(x ip route show 192.0.2.20)"
	check_re "l2proxy entry on the link" "198\.51\.100\.30 dev br0 proxy" "$(x ip neigh show proxy)"
	kill_monitor
	check "STOPPED" "STOPPED" "$(state)"
	gone x ip route show 192.0.2.20 || true
	check "host IPv4 route gone" "" "$(x ip route show 192.0.2.20)"
	check "host IPv6 route gone" "" "$(x ip -6 route show 2001:db8:1::20)"
	check "l2proxy entry gone" "" "$(x ip neigh show proxy)"
	check "no host-side device left" "$before" \
		"$(x ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort | tr '\n' ' ')"
	check "no cgroup left" "" "$(cg_left)"
}

case "$CASE" in
kill | stop | router) "case_$CASE" ;;
*) echo "Bail out! unknown case '$CASE'"; exit 99 ;;
esac
exit $fail
