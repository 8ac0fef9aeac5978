# SPDX-License-Identifier: LGPL-2.1-or-later
# Helpers of the lifecycle audit tests (sourced): the build tree's tools first in PATH, a
# temporary lxcpath removed on exit after the registered cleanups (containers killed), exact
# assertions, busybox containers from the build tree's template, nsenter into a container.

PATH="$LXC_TEST_BUILDDIR/src/lxc/tools:$PATH"
TMP=$(mktemp -d -t lxc-test-audit.XXXXXX)
P="$TMP/lxcpath"
mkdir -p "$P"
CLEANUP=()
FAILED=0

on_exit() {
	local i

	for ((i = ${#CLEANUP[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUP[i]}" >/dev/null 2>&1 || true
	done
	rm -rf --one-file-system "$TMP"
}
trap on_exit EXIT

at_exit() {
	CLEANUP+=("$1")
}

fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}

expect_eq() {
	if [ "$2" != "$3" ]; then
		fail "$1"
		printf '  expected: [%s]\n  actual:   [%s]\n' "$3" "$2" >&2
	fi
}

expect_match() {
	if ! printf '%s\n' "$2" | grep -Eq -- "$3"; then
		fail "$1"
		printf '  pattern: %s\n  text:    [%s]\n' "$3" "$2" >&2
	fi
}

# run CMD...: sets OUT, ERR and RC.
run() {
	set +e
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	set -e
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
}

need_containers() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: starting containers needs root" >&2
		exit 77
	fi
	if ! command -v busybox >/dev/null; then
		echo "SKIP: busybox is not installed" >&2
		exit 77
	fi
}

# make_busybox NAME: a busybox container in $P, killed on exit if it still runs.
make_busybox() {
	mkdir -p "$P/$1"
	if ! "$LXC_TEST_BUILDDIR/templates/lxc-busybox" --path="$P/$1" --name="$1" >/dev/null; then
		echo "FAIL: the busybox template failed for \"$1\"" >&2
		exit 1
	fi
	at_exit "lxc-stop -n '$1' -P '$P' -k"
}

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

finish() {
	if [ "$FAILED" -ne 0 ]; then
		exit 1
	fi
	echo "ok"
}
