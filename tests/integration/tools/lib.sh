# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared helpers of the tools' integration tests (sourced): a temporary directory removed on
# exit (after the cleanup commands registered with at_exit), assertions that print what
# differed, and busybox containers for the tests that start real containers.

TMP=$(mktemp -d -t lxc-test-tools.XXXXXX)
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

# at_exit COMMAND: run COMMAND (a string for eval) on exit, latest first.
at_exit() {
	CLEANUP+=("$1")
}

fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}

# expect_eq DESCRIPTION ACTUAL EXPECTED
expect_eq() {
	if [ "$2" != "$3" ]; then
		fail "$1"
		printf '  expected: [%s]\n  actual:   [%s]\n' "$3" "$2" >&2
	fi
}

# expect_match DESCRIPTION TEXT EXTENDED-REGEX
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

# The tests that start containers need root and busybox; without them they cannot run at
# all, which is reported (exit 77), never passed.
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

# make_busybox LXCPATH NAME: a busybox container from the build tree's template, killed on
# exit if it still runs.
make_busybox() {
	mkdir -p "$1/$2"
	if ! "$LXC_TEST_BUILDDIR/templates/lxc-busybox" --path="$1/$2" --name="$2" >/dev/null; then
		echo "FAIL: the busybox template failed for \"$2\"" >&2
		exit 1
	fi
	at_exit "lxc-stop -n '$2' -P '$1' -k"
}

finish() {
	if [ "$FAILED" -ne 0 ]; then
		exit 1
	fi
	echo "ok"
}
