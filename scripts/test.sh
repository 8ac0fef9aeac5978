#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The whole test suite from a fresh Debian 12 machine: dependencies, build, every test.
# Prints a closing "N passed, N failed, N skipped" line and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh
# Snapshot of host state: tests must leave no mount, veth, cgroup or monitor behind.
host_state() {
	awk '{print $5, $9}' /proc/self/mountinfo | sort
	{ ip -o link show type veth 2>/dev/null || true; } | awk -F': ' '{print "veth", $2}'
	find /sys/fs/cgroup -maxdepth 4 -type d \( -name 'lxc.payload*' -o -name 'lxc.monitor*' \) \
		2>/dev/null || true
	{ pgrep -f '^\[lxc monitor\]' || true; } | sed 's/^/monitor /'
	{ pgrep -f '^\[lxc monitor guard\]' || true; } | sed 's/^/guard /'
}
before=$(mktemp); after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
host_state > "$before"
status=0
meson test -C build --print-errorlogs --num-processes 2 "$@" || status=$?
host_state > "$after"
leftover=$(comm -13 "$before" "$after")
if [ -n "$leftover" ]; then
	echo "FAIL: the tests left host state behind:"
	echo "$leftover"
	status=1
fi
python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
for line in open(sys.argv[1]):
    r = json.loads(line).get("result", "")
    if r in ("OK", "EXPECTEDFAIL"):
        counts["passed"] += 1
    elif r == "SKIP":
        counts["skipped"] += 1
    else:
        counts["failed"] += 1
print("{passed} passed, {failed} failed, {skipped} skipped".format(**counts))
PY
exit "$status"
