#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Lifecycle benchmark against a floor measured in the same run: (a) lxc-execute -- /bin/true and
# (b) lxc-start -d + lxc-wait -s RUNNING + lxc-stop -k, each vs `unshare -mpfiun --mount-proc
# /bin/true`. Prints medians (ms), ratios and PASS/MISS (targets 2.5x and 5x). Not a test.
# Usage: bench/lifecycle-bench.sh [BUILDDIR] [ITERATIONS]
set -eu

build=${1:-build}
iters=${2:-20}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath
command -v unshare >/dev/null 2>&1 || bench_die "needs unshare (util-linux)"

bench_container b1
floor="$lxcpath/floor.ms" exec_t="$lxcpath/execute.ms" cycle_t="$lxcpath/cycle.ms"
: >"$floor"
: >"$exec_t"
: >"$cycle_t"

floor_cmd() { "$bt" unshare -mpfiun --mount-proc /bin/true; }
exec_cmd() { "$bt" lxc-execute -P "$lxcpath" -n b1 -- /bin/true; }
cycle_cmd() {
	"$bt" lxc-start -P "$lxcpath" -n b1 -d ';' \
		lxc-wait -P "$lxcpath" -n b1 -s RUNNING -t 10 ';' \
		lxc-stop -P "$lxcpath" -n b1 -k
}

# One untimed warm-up of each (page cache, dynamic loader), then interleaved timed runs so that
# drift in machine load hits the floor and the targets alike.
floor_cmd >/dev/null || bench_die "floor command failed"
exec_cmd >/dev/null || bench_die "lxc-execute failed"
cycle_cmd >/dev/null || bench_die "start/wait/stop cycle failed"
i=0
while [ "$i" -lt "$iters" ]; do
	floor_cmd >>"$floor" || bench_die "floor command failed"
	exec_cmd >>"$exec_t" || bench_die "lxc-execute failed (run $((i + 1)))"
	cycle_cmd >>"$cycle_t" || bench_die "start/wait/stop cycle failed (run $((i + 1)))"
	i=$((i + 1))
done

mf=$(bench_median "$floor")
me=$(bench_median "$exec_t")
mc=$(bench_median "$cycle_t")
re=$(bench_ratio "$me" "$mf")
rc=$(bench_ratio "$mc" "$mf")
printf 'lifecycle-bench: %d iterations, %s CPUs, medians in ms\n' "$iters" "$(nproc)"
printf '  %-44s %9s\n' "floor: unshare -mpfiun --mount-proc /bin/true" "$mf"
printf '  %-44s %9s  %6sx floor  (target <= 2.5x) %s\n' "(a) lxc-execute -- /bin/true" "$me" \
	"$re" "$(bench_verdict "$re" 2.5)"
printf '  %-44s %9s  %6sx floor  (target <= 5x)   %s\n' "(b) lxc-start -d + lxc-wait + lxc-stop -k" \
	"$mc" "$rc" "$(bench_verdict "$rc" 5)"
