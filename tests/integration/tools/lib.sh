# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared helpers of the tools' integration tests (sourced): a temporary directory removed on
# exit, and assertions that print what differed.

TMP=$(mktemp -d /tmp/lxc-test-tools.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILED=0

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

finish() {
	if [ "$FAILED" -ne 0 ]; then
		exit 1
	fi
	echo "ok"
}
