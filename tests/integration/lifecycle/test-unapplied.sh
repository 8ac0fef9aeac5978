#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Settings this build parses but does not apply yet are refused at start with a clear error
# (a container configured with a seccomp policy must never run without one), and the container
# stays stopped with nothing left behind (its cgroup included).
set -u
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
B=${LXC_TEST_BUILDDIR:?}
T=$(mktemp -d /tmp/lxc-test-unapplied.XXXXXX)
P=$T/lxcpath
N=unap-$$
cleanup() {
	"$B/src/lxc/tools/lxc-stop" -P "$P" -n "$N" -k >/dev/null 2>&1
	rm -rf --one-file-system "$T"
}
trap cleanup EXIT
fail=0
"$B/src/lxc/tools/lxc-create" -P "$P" -n "$N" -t busybox >/dev/null 2>&1 ||
	{ echo "not ok - lxc-create"; exit 1; }
refused() { # description, expected message part, -s KEY=VALUE...
	local what=$1 want=$2 out rc left
	shift 2
	out=$("$B/src/lxc/tools/lxc-start" -P "$P" -n "$N" "$@" 2>&1); rc=$?
	# The container's cgroup, made by the monitor's guard while the monitor got ready, is
	# not left behind by a start that fails before the monitor needs it.
	left=$(find /sys/fs/cgroup -maxdepth 3 -type d -name "lxc.payload.$N*" 2>/dev/null)
	state=$("$B/src/lxc/tools/lxc-info" -P "$P" -n "$N" -s 2>&1)
	if [ "$rc" -ne 0 ] && grep -qF -- "$want" <<<"$out" && grep -q STOPPED <<<"$state" &&
	   [ -z "$left" ]; then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $rc): $out / $state / left: $left"; fail=1
	fi
}
refused "seccomp profile refused" \
	'lxc.seccomp.profile "/nonexistent.seccomp" is set, but this build does not apply seccomp' \
	-s lxc.seccomp.profile=/nonexistent.seccomp
refused "time offsets refused" "lxc.time.offset.* is set" -s lxc.time.offset.boot=10s
refused "core scheduling refused" "lxc.sched.core is set" -s lxc.sched.core=1
# Without them the same container starts.
if "$B/src/lxc/tools/lxc-start" -P "$P" -n "$N" >/dev/null 2>&1; then
	echo "ok - starts without them"
else
	echo "not ok - starts without them"; fail=1
fi
exit $fail
