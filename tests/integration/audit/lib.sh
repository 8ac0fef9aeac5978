# SPDX-License-Identifier: LGPL-2.1-or-later
# Helpers of the lifecycle audit tests (sourced): the tools' test helpers (temporary directory,
# cleanups, exact assertions, busybox containers) plus a temporary lxcpath and ways to look
# inside a running container.

. "$(dirname "${BASH_SOURCE[0]}")/../tools/lib.sh"
P="$TMP/lxcpath"
mkdir -p "$P"

# init_pid NAME: the running container's init pid (lxc-info -p -H).
init_pid() {
	lxc-info -n "$1" -P "$P" -p -H
}

# inside NAME CMD...: run CMD in all namespaces of the running container NAME.
inside() {
	local pid

	pid=$(init_pid "$1")
	shift
	nsenter -t "$pid" -m -u -i -n -p -- "$@"
}

# wait_file PATH: until PATH exists (the container says it is ready), at most 10 s.
wait_file() {
	local i

	for i in $(seq 100); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	fail "\"$1\" never appeared"
	return 1
}

# wait_booted PID: until the busybox init PID runs its respawn entries (a getty child), at most
# 10 s. Only then has it set up its halt and reboot signals (it blocks them and waits for them
# with sigtimedwait, so SigCgt cannot tell).
wait_booted() {
	local pid=$1 i c

	for i in $(seq 100); do
		for c in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
			grep -q getty "/proc/$c/cmdline" 2>/dev/null && return 0
		done
		sleep 0.1
	done
	fail "the busybox init $pid never started its gettys"
	return 1
}
