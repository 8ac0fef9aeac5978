#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Cgroups of real busybox containers (root): limits from the configuration enforced (memory,
# pids, cpuset, devices), freeze/unfreeze and their states, lxc-cgroup, lxc-info statistics,
# lxc.mount.auto cgroup views, and no cgroup left after a stop, an abort or a killed monitor.
# Usage: test-cgroups.sh CASE. Each case has its own lxcpath and container names.
set -eu
. "$(dirname "$0")/../tools/lib.sh"
. "$(dirname "$0")/lib-cg.sh"
need_cgroups

P="$TMP/lxcpath"
CASE=${1:-}

v1() {
	[ -d "/sys/fs/cgroup/$1" ] && [ ! -f /sys/fs/cgroup/cgroup.controllers ]
}

# Wait (bounded) until the container's cgroups hold no task: a killed monitor's init dies
# asynchronously.
wait_cgroups_empty() {
	local d i busy

	for i in $(seq 100); do
		busy=0
		for d in $(cg_dirs "$1"); do
			[ -s "$d/cgroup.procs" ] && busy=1
		done
		[ "$busy" -eq 0 ] && return 0
		sleep 0.1
	done
	return 1
}

case_limits() {
	local n

	n=$(uniq_name lim)
	make_cg_container "$P" "$n"
	v1 memory || { echo "SKIP: needs the v1 memory controller" >&2; exit 77; }

	# tail buffers all of its input: 200 MiB under a 32 MiB limit.
	run lxc-execute -n "$n" -P "$P" -s lxc.cgroup.memory.limit_in_bytes=32M -- \
		/bin/sh -c 'head -c 209715200 /dev/zero | tail >/dev/null; echo "tail: $?"'
	expect_eq "over the memory limit the allocating process is killed" "$OUT" "tail: 137"
	run lxc-execute -n "$n" -P "$P" -s lxc.cgroup.memory.limit_in_bytes=256M -- \
		/bin/sh -c 'head -c 20971520 /dev/zero | tail | wc -c'
	expect_eq "under the memory limit it completes" "$OUT" "20971520"

	# lxc-init and the shell count: two sleeps fit under pids.max = 4, the third fork fails.
	run lxc-execute -n "$n" -P "$P" -s lxc.cgroup.pids.max=4 -- /bin/sh -c \
		'for i in 1 2 3 4 5 6; do sleep 30 & echo "started $i"; done'
	expect_eq "pids.max: processes below the limit start" "$OUT" "$(printf 'started 1\nstarted 2')"
	expect_match "pids.max: forking past the limit fails" "$ERR" \
		"can't fork: Resource temporarily unavailable"

	run lxc-execute -n "$n" -P "$P" -s lxc.cgroup.cpuset.cpus=0 -- \
		/bin/sh -c 'grep Cpus_allowed_list /proc/self/status'
	expect_eq "cpuset.cpus applied" "$OUT" "$(printf 'Cpus_allowed_list:\t0')"
	expect_no_cgroup "after the runs" "$n"
}

case_devices() {
	local n

	n=$(uniq_name dev)
	make_cg_container "$P" "$n"
	v1 devices || { echo "SKIP: needs the v1 devices controller" >&2; exit 77; }
	run lxc-execute -n "$n" -P "$P" -s "lxc.cgroup.devices.deny=c 1:3 rwm" -- \
		/bin/sh -c 'cat /dev/null; echo "null: $?"; cat /dev/zero | head -c 3 | wc -c'
	expect_eq "a denied node cannot be opened, others can" "$OUT" "$(printf 'null: 1\n3')"
	expect_match "the open fails with EPERM" "$ERR" "/dev/null.*Operation not permitted"
	run lxc-execute -n "$n" -P "$P" -- /bin/sh -c 'cat /dev/null; echo "null: $?"'
	expect_eq "without the rule it opens" "$OUT" "null: 0"
	expect_no_cgroup "after the runs" "$n"
}

case_freeze() {
	local n log

	n=$(uniq_name frz)
	make_cg_container "$P" "$n"
	log="$TMP/$n.log"

	run lxc-freeze -n "$n" -P "$P"
	expect_eq "freezing a stopped container fails" "$RC" 1
	expect_match "... saying why" "$ERR" \
		"Failed to freeze container \"$n\": container is not running"

	run lxc-start -n "$n" -P "$P" -d -l DEBUG -o "$log"
	expect_eq "start" "$RC" 0
	run lxc-unfreeze -n "$n" -P "$P"
	expect_eq "unfreezing a running container fails" "$RC" 1
	expect_match "... saying why" "$ERR" \
		"Failed to unfreeze container \"$n\": container is not frozen"

	run lxc-freeze -n "$n" -P "$P"
	expect_eq "freeze" "$RC:$ERR" "0:"
	run lxc-info -n "$n" -P "$P" -s
	expect_eq "lxc-info shows FROZEN" "$OUT" "State:          FROZEN"
	run lxc-wait -n "$n" -P "$P" -s FROZEN -t 10
	expect_eq "lxc-wait sees FROZEN" "$RC" 0
	run lxc-cgroup -n "$n" -P "$P" freezer.state
	if v1 freezer; then
		expect_eq "the freezer says FROZEN" "$OUT" "FROZEN"
	fi
	run lxc-freeze -n "$n" -P "$P"
	expect_eq "freezing a frozen container succeeds" "$RC" 0

	run lxc-unfreeze -n "$n" -P "$P"
	expect_eq "unfreeze" "$RC:$ERR" "0:"
	run lxc-info -n "$n" -P "$P" -s
	expect_eq "running again" "$OUT" "State:          RUNNING"
	for s in FREEZING FROZEN THAWED; do
		expect_match "state $s announced" "$(cat "$log")" "Container \"$n\" is $s"
	done

	# Frozen behind the monitor's back: still reported as FROZEN, and lxc-unfreeze thaws it.
	if v1 freezer; then
		run lxc-cgroup -n "$n" -P "$P" freezer.state FROZEN
		run lxc-info -n "$n" -P "$P" -s
		expect_eq "frozen through lxc-cgroup" "$OUT" "State:          FROZEN"
		run lxc-unfreeze -n "$n" -P "$P"
		expect_eq "... and thawed by lxc-unfreeze" "$RC:$(lxc-info -n "$n" -P "$P" -s)" \
			"0:State:          RUNNING"
	fi

	# A frozen container can still be stopped.
	run lxc-freeze -n "$n" -P "$P"
	run lxc-stop -n "$n" -P "$P" -k
	expect_eq "stop a frozen container" "$RC" 0
	run lxc-info -n "$n" -P "$P" -s
	expect_eq "stopped" "$OUT" "State:          STOPPED"
	run lxc-unfreeze -n "$n" -P "$P"
	expect_match "unfreezing a stopped container fails" "$RC:$ERR" \
		"^1:.*Failed to unfreeze container \"$n\": container is not running"
	expect_no_cgroup "after the stop" "$n"
}

case_lxc_cgroup() {
	local n

	n=$(uniq_name cgt)
	make_cg_container "$P" "$n" "lxc.cgroup.memory.limit_in_bytes = 64M"
	v1 memory || { echo "SKIP: needs the v1 memory controller" >&2; exit 77; }

	run lxc-cgroup -n "$n" -P "$P" memory.limit_in_bytes
	expect_match "a stopped container" "$RC:$ERR" "^1:.*$n is not running"
	run lxc-start -n "$n" -P "$P" -d
	expect_eq "start" "$RC" 0
	run lxc-cgroup -n "$n" -P "$P" memory.limit_in_bytes
	expect_eq "get the configured limit" "$RC:$OUT" "0:67108864"
	run lxc-cgroup -n "$n" -P "$P" memory.limit_in_bytes 128M
	expect_eq "set" "$RC:$OUT:$ERR" "0::"
	run lxc-cgroup -n "$n" -P "$P" memory.limit_in_bytes
	expect_eq "get the new value" "$OUT" "134217728"
	run lxc-cgroup -n "$n" -P "$P" memory.limit_in_bytes foo
	expect_eq "a bad value" "$RC" 1
	expect_match "... names key, value and the kernel's error" "$ERR" \
		"Failed to set cgroup item \"memory.limit_in_bytes\" of container \"$n\" to \"foo\": Invalid argument"
	run lxc-cgroup -n "$n" -P "$P" memory.no_such_file
	expect_match "an unknown file" "$RC:$ERR" \
		"^1:.*Failed to read cgroup item \"memory.no_such_file\" of container \"$n\": No such file or directory"
	run lxc-cgroup -n "$n" -P "$P" ../memory.limit_in_bytes
	expect_eq "a path is refused" "$RC" 1
	run lxc-cgroup -n "$n" -P "$P"
	expect_match "no state object" "$RC:$ERR" "^1:.*Missing state object"
	run lxc-info -n "$n" -P "$P" -c lxc.cgroup.memory.limit_in_bytes
	expect_eq "the running config" "$OUT" "lxc.cgroup.memory.limit_in_bytes = 64M"
	run lxc-stop -n "$n" -P "$P" -k
	expect_no_cgroup "after the stop" "$n"
}

case_info() {
	local n i cpu

	n=$(uniq_name inf)
	make_cg_container "$P" "$n"
	run lxc-start -n "$n" -P "$P" -d -- /bin/sh -c 'while :; do :; done'
	expect_eq "start a busy container" "$RC" 0
	cpu=0
	for i in $(seq 100); do
		run lxc-info -n "$n" -P "$P" -S -H
		cpu=$(echo "$OUT" | sed -n 's/^CPU use: *//p')
		[ "${cpu:-0}" -gt 0 ] && break
		sleep 0.1
	done
	expect_match "CPU use is counted" "$cpu" "^[1-9][0-9]*$"
	expect_match "Memory use is counted" "$(echo "$OUT" | sed -n 's/^Memory use: *//p')" \
		"^[1-9][0-9]*$"
	expect_match "a BlkIO use line" "$OUT" "BlkIO use: *[0-9]+"
	if v1 memory && [ -f "$(cg_dirs "$n" | grep /memory/ | tail -n 1)/memory.kmem.usage_in_bytes" ]; then
		expect_match "KMem use is counted" "$OUT" "KMem use: *[1-9][0-9]*"
	fi
	run lxc-info -n "$n" -P "$P" -S
	expect_match "human readable" "$OUT" "CPU use: *[0-9.]+ seconds"
	if lxc-info --help 2>&1 | grep -q -- --format; then
		run lxc-info -n "$n" -P "$P" -S --format json
		if [ "$RC" -eq 0 ]; then
			expect_match "json: cpu" "$OUT" "\"cpu_use_ns\": *[1-9]"
			expect_match "json: memory" "$OUT" "\"memory_use_bytes\": *[1-9]"
		fi
	fi
	run lxc-stop -n "$n" -P "$P" -k
	expect_no_cgroup "after the stop" "$n"
}

case_cleanup() {
	local n pid

	n=$(uniq_name cln)
	make_cg_container "$P" "$n"

	run lxc-start -n "$n" -P "$P" -d -s lxc.cgroup.memory.limit_in_bytes=foo
	expect_match "a bad limit: the start fails" "$RC" "^[1-9]"
	expect_match "... naming key, value and the kernel's error" "$ERR" \
		"Failed to set \"lxc.cgroup.memory.limit_in_bytes\" to \"foo\": Invalid argument"
	expect_no_cgroup "after the abort" "$n"
	expect_eq "no monitor after the abort" "$(pgrep -f "^\[lxc monitor\] $P $n" || true)" ""

	run lxc-start -n "$n" -P "$P" -d
	expect_eq "start" "$RC" 0
	expect_match "a payload cgroup exists while running" "$(cg_dirs "$n")" "/lxc.payload.$n$"
	expect_match "a monitor cgroup exists while running" "$(cg_dirs "$n")" "/lxc.monitor.$n$"
	run lxc-stop -n "$n" -P "$P" -k
	expect_no_cgroup "after a stop" "$n"

	run lxc-start -n "$n" -P "$P" -d
	pid=$(pgrep -f "^\[lxc monitor\] $P $n" || true)
	expect_match "the monitor runs" "$pid" "^[0-9]+$"
	# Its cleanup guard would remove the cgroups (tests/integration/guard): kill it first.
	kill -9 $(pgrep -f "^\[lxc monitor guard\] $P $n" || true) 2>/dev/null || true
	kill -9 "$pid"
	wait_cgroups_empty "$n" || fail "the killed monitor's container did not die"
	expect_match "a SIGKILLed monitor without its guard leaves its cgroups" "$(cg_dirs "$n")" \
		"lxc.payload.$n"
	run lxc-start -n "$n" -P "$P" -d
	expect_eq "the next start takes over the stale cgroups" "$RC" 0
	expect_eq "... under the same names" "$(cg_dirs "$n" | grep -c -- "$n-[0-9]" || true)" 0
	run lxc-stop -n "$n" -P "$P" -k
	expect_no_cgroup "after the stop that followed" "$n"
}

# The hierarchies the host mounts directly below /sys/fs/cgroup, sorted.
host_hierarchies() {
	awk '$3 ~ /^cgroup2?$/ && $2 ~ "^/sys/fs/cgroup/[^/]+$" { sub("/sys/fs/cgroup/", "", $2); print $2 }' \
		/proc/self/mounts | sort | tr '\n' ' '
}

case_automount() {
	local n want

	n=$(uniq_name aut)
	make_cg_container "$P" "$n"
	[ ! -f /sys/fs/cgroup/cgroup.controllers ] ||
		{ echo "SKIP: the layout checks are for v1 or hybrid hosts" >&2; exit 77; }
	want=$(host_hierarchies)

	run lxc-execute -n "$n" -P "$P" -s "lxc.mount.auto=proc:mixed sys:mixed cgroup:mixed:force" \
		-s lxc.cgroup.memory.limit_in_bytes=48M -- /bin/sh -c \
		'ls /sys/fs/cgroup | tr "\n" " "; echo
		 cat /sys/fs/cgroup/memory/memory.limit_in_bytes
		 grep -c -v ":/$" /proc/self/cgroup
		 mkdir /sys/fs/cgroup/x 2>&1 | sed "s/.*: //"
		 mkdir /sys/fs/cgroup/memory/sub && echo made && rmdir /sys/fs/cgroup/memory/sub'
	expect_eq "cgroup:mixed:force" "$OUT" "$(printf '%s\n%s\n%s\n%s\n%s' "$want" 50331648 0 \
		"Read-only file system" made)"

	run lxc-execute -n "$n" -P "$P" -s "lxc.mount.auto=proc:mixed sys:mixed cgroup:ro:force" \
		-- /bin/sh -c 'mkdir /sys/fs/cgroup/memory/sub 2>&1 | sed "s/.*: //"'
	expect_eq "cgroup:ro:force: the hierarchies are read-only" "$OUT" "Read-only file system"

	run lxc-execute -n "$n" -P "$P" -s "lxc.mount.auto=proc:mixed sys:mixed cgroup:rw:force" \
		-- /bin/sh -c 'mkdir /sys/fs/cgroup/x && echo made'
	expect_eq "cgroup:rw:force: the tmpfs is writable" "$OUT" "made"

	run lxc-execute -n "$n" -P "$P" -s "lxc.mount.auto=proc:mixed sys:mixed cgroup:mixed" \
		-s lxc.cap.drop=sys_admin -- /bin/sh -c 'ls /sys/fs/cgroup | tr "\n" " "'
	expect_eq "cgroup:mixed without CAP_SYS_ADMIN is mounted" "$OUT" "$want"

	run lxc-execute -n "$n" -P "$P" -s "lxc.mount.auto=proc:mixed sys:mixed cgroup:mixed" \
		-- /bin/sh -c 'ls /sys/fs/cgroup | wc -l'
	expect_eq "with CAP_SYS_ADMIN and a cgroup namespace it is left to the init" "$OUT" 0

	run lxc-execute -n "$n" -P "$P" \
		-s "lxc.mount.auto=proc:mixed sys:mixed cgroup-full:ro:force" -- \
		/bin/sh -c 'ls /sys/fs/cgroup | tr "\n" " "'
	expect_eq "cgroup-full:ro:force" "$OUT" "$want"

	# Without a cgroup namespace the container's own cgroup is bound at its host path.
	run lxc-execute -n "$n" -P "$P" -s lxc.namespace.keep=cgroup \
		-s "lxc.mount.auto=proc:mixed sys:mixed cgroup:mixed" \
		-s lxc.cgroup.memory.limit_in_bytes=48M -- /bin/sh -c \
		'p=$(sed -n "s/^[0-9]*:memory://p" /proc/self/cgroup)
		 cat "/sys/fs/cgroup/memory$p/memory.limit_in_bytes"
		 touch /sys/fs/cgroup/memory/x 2>&1 | sed "s/.*: //"'
	expect_eq "no cgroup namespace: own cgroup bound, the rest read-only" "$OUT" \
		"$(printf '50331648\nRead-only file system')"

	# cgroup-full:mixed without a cgroup namespace: the host's whole hierarchy is visible but
	# read-only, and only the container's own cgroup is writable.
	run lxc-execute -n "$n" -P "$P" -s lxc.namespace.keep=cgroup \
		-s "lxc.mount.auto=proc:mixed sys:mixed cgroup-full:mixed" -- /bin/sh -c \
		'p=$(sed -n "s/^[0-9]*:pids://p" /proc/self/cgroup)
		 test -f /sys/fs/cgroup/pids/cgroup.procs && echo host-root-visible
		 mkdir /sys/fs/cgroup/pids/lxc-test-x 2>&1 | sed "s/.*: //"
		 mkdir "/sys/fs/cgroup/pids$p/sub" && echo own-writable && rmdir "/sys/fs/cgroup/pids$p/sub"'
	expect_eq "cgroup-full:mixed: hierarchy read-only, own cgroup writable" "$OUT" \
		"$(printf 'host-root-visible\nRead-only file system\nown-writable')"
	expect_no_cgroup "after the runs" "$n"
}

case "$CASE" in
limits) case_limits ;;
devices) case_devices ;;
freeze) case_freeze ;;
lxc-cgroup) case_lxc_cgroup ;;
info) case_info ;;
cleanup) case_cleanup ;;
automount) case_automount ;;
*)
	echo "usage: $0 limits|devices|freeze|lxc-cgroup|info|cleanup|automount" >&2
	exit 2
	;;
esac
finish
