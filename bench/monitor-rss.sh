#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Monitor memory benchmark: starts a busybox container and reads the VmRSS of its
# "[lxc monitor] LXCPATH NAME" process, PASS/MISS against 1.5 MiB, with a breakdown from
# smaps_rollup and the largest mappings in smaps so the owners see what to cut. Not a test.
# Usage: bench/monitor-rss.sh [BUILDDIR] [TOP]
set -eu

build=${1:-build}
top=${2:-12}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath

bench_container m1
lxc-start -P "$lxcpath" -n m1 -d || bench_die "lxc-start failed"
lxc-wait -P "$lxcpath" -n m1 -s RUNNING -t 10 || bench_die "m1 did not reach RUNNING"
sleep 0.5 # let the monitor settle into its event loop
pid=$(bench_monitor_pids m1)
[ -n "$pid" ] && [ "$(echo "$pid" | wc -l)" = 1 ] || bench_die "no single monitor for m1: \"$pid\""

# Copy the /proc files once so that every figure comes from the same moment.
snap=$lxcpath/snap
mkdir "$snap"
cat "/proc/$pid/status" >"$snap/status"
cat "/proc/$pid/smaps_rollup" >"$snap/rollup" 2>/dev/null || : >"$snap/rollup"
cat "/proc/$pid/smaps" >"$snap/smaps"
readlink "/proc/$pid/exe" >"$snap/exe" || true

rss=$(awk '$1 == "VmRSS:" { print $2 }' "$snap/status")
limit=1536
verdict=$(awk -v r="$rss" -v l="$limit" 'BEGIN { print (r <= l) ? "PASS" : "MISS" }')
printf 'monitor-rss: pid %s, exe %s\n' "$pid" "$(cat "$snap/exe")"
printf '  VmRSS %s KiB (target <= %s KiB = 1.5 MiB) %s\n' "$rss" "$limit" "$verdict"
printf '  status:'
awk '$1 ~ /^(VmHWM|RssAnon|RssFile|RssShmem|VmData|VmStk|VmLib|VmPTE|Threads):$/ {
	printf " %s %s%s", $1, $2, ($3 == "kB" ? "K" : "") }' "$snap/status"
echo
if [ -s "$snap/rollup" ]; then
	printf '  smaps_rollup:'
	awk '$1 ~ /^(Rss|Pss|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Anonymous):$/ {
		printf " %s %sK", $1, $2 }' "$snap/rollup"
	echo
fi

# Per mapping: the header line carries the range and the name; "Rss:" follows it. Group by
# name (file, [heap], [stack], anonymous) and by the mapping's permissions.
printf '  largest mappings by Rss (KiB: Rss Private_Dirty perms name):\n'
awk '
/^[0-9a-f]+-[0-9a-f]+ / {
	perms = $2
	name = (NF >= 6) ? $6 : "[anon]"
	for (i = 7; i <= NF; i++)
		name = name " " $i
	key = name "\t" perms
	next
}
$1 == "Rss:" { rss[key] += $2 }
$1 == "Private_Dirty:" { dirty[key] += $2 }
END {
	for (k in rss) {
		split(k, p, "\t")
		printf "%8d %8d  %s  %s\n", rss[k], dirty[k], p[2], p[1]
	}
}' "$snap/smaps" | sort -k1,1nr | head -n "$top"
printf '  Rss by object (KiB):\n'
awk '
/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anon]"; next }
$1 == "Rss:" { rss[name] += $2 }
END { for (n in rss) printf "%8d  %s\n", rss[n], n }' "$snap/smaps" | sort -k1,1nr | head -n "$top"

lxc-stop -P "$lxcpath" -n m1 -k || bench_die "lxc-stop failed"
