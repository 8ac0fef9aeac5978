# SPDX-License-Identifier: LGPL-2.1-or-later
# Helpers of the cgroup integration tests (sourced after ../tools/lib.sh): unique container
# names, the cgroup directories a container left behind, and a cleanup that removes only
# those (empty directories named after this test's containers), deepest first.

need_cgroups() {
	need_containers
	for c in memory pids cpuset devices freezer; do
		if [ ! -d "/sys/fs/cgroup/$c" ] && [ ! -f /sys/fs/cgroup/cgroup.controllers ]; then
			echo "SKIP: no cgroup hierarchy for \"$c\"" >&2
			exit 77
		fi
	done
}

# A container name nobody else uses: the cgroup checks below look for it by name.
uniq_name() {
	echo "cgt$$$1"
}

# cg_dirs NAME: every cgroup directory whose name mentions NAME, deepest first.
cg_dirs() {
	find /sys/fs/cgroup -mindepth 2 -maxdepth 8 -type d -name "*$1*" 2>/dev/null |
		awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-
}

# Kill the monitors of lxcpath P ("[lxc monitor] P NAME") with SIGKILL.
kill_monitors() {
	local pid cmd

	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
		case "$cmd" in
		"[lxc monitor] $1 "*) kill -9 "$pid" 2>/dev/null || true ;;
		esac
	done
}

# On exit: stop NAME, then remove what a broken run may have left (empty cgroups only).
cg_cleanup() {
	local d p

	lxc-stop -n "$2" -P "$1" -k >/dev/null 2>&1 || true
	kill_monitors "$1"
	for d in $(cg_dirs "$2"); do
		# Processes still inside (a killed monitor's init): kill them, they are ours.
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null || true
		done
		if [ -f "$d/freezer.state" ]; then
			echo THAWED >"$d/freezer.state" 2>/dev/null || true
		fi
	done
	sleep 0.2
	for d in $(cg_dirs "$2"); do
		rmdir "$d" 2>/dev/null || true
	done
}

# make_cg_container LXCPATH NAME [CONFIG LINES...]: a busybox container, cleaned up on exit.
make_cg_container() {
	local p=$1 n=$2

	shift 2
	mkdir -p "$p/$n"
	if ! "$LXC_TEST_BUILDDIR/templates/lxc-busybox" --path="$p/$n" --name="$n" >/dev/null; then
		echo "FAIL: the busybox template failed for \"$n\"" >&2
		exit 1
	fi
	at_exit "cg_cleanup '$p' '$n'"
	for line in "$@"; do
		echo "$line" >>"$p/$n/config"
	done
}

# expect_no_cgroup DESCRIPTION NAME: the payload cgroup is gone when the monitor reports
# STOPPED; the monitor cgroup goes once the monitor has exited (its guard removes it), so this
# waits up to 5 s for that.
expect_no_cgroup() {
	local left i

	for i in $(seq 50); do
		left=$(cg_dirs "$2")
		[ -z "$left" ] && break
		sleep 0.1
	done
	expect_eq "$1: no cgroup left" "$left" ""
}
