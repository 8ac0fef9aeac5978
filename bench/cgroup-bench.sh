#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# cgroup benchmark: the cgroup part of the start sequence (the monitor's "cgroups" host step:
# create the monitor and payload cgroups, move both in, apply limits), read from the DEBUG line
# the monitor logs for it, next to the whole start-to-RUNNING time; and a freeze plus unfreeze
# round trip of a running container. Prints medians (ms). Not a test.
# Usage: bench/cgroup-bench.sh [BUILDDIR] [ITERATIONS]
set -eu

build=${1:-build}
iters=${2:-20}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath

bench_container cg1
log="$lxcpath/cg1.log" start_t="$lxcpath/start.ms" step_t="$lxcpath/step.ms"
freeze_t="$lxcpath/freeze.ms"
: >"$start_t"
: >"$step_t"
: >"$freeze_t"

i=0
while [ "$i" -lt "$iters" ]; do
	: >"$log"
	"$bt" lxc-start -P "$lxcpath" -n cg1 -d -l DEBUG -o "$log" ';' \
		lxc-wait -P "$lxcpath" -n cg1 -s RUNNING -t 10 >>"$start_t" ||
		bench_die "start failed (run $((i + 1)))"
	sed -n 's/.*Host step "cgroups" of container "cg1" took \([0-9.]*\) ms.*/\1/p' "$log" \
		>>"$step_t"
	"$bt" lxc-freeze -P "$lxcpath" -n cg1 ';' lxc-unfreeze -P "$lxcpath" -n cg1 \
		>>"$freeze_t" || bench_die "freeze/unfreeze failed (run $((i + 1)))"
	lxc-stop -P "$lxcpath" -n cg1 -k >/dev/null 2>&1 || bench_die "stop failed"
	i=$((i + 1))
done
[ -s "$step_t" ] || bench_die "the monitor logged no cgroups step (log level DEBUG?)"

ms=$(bench_median "$start_t")
mg=$(bench_median "$step_t")
mf=$(bench_median "$freeze_t")
printf 'cgroup-bench: %d iterations, %s CPUs, medians in ms\n' "$iters" "$(nproc)"
printf '  %-48s %9s\n' "lxc-start -d + lxc-wait -s RUNNING" "$ms"
printf '  %-48s %9s  (%s%% of the start)\n' "  of which the cgroups step" "$mg" \
	"$(awk -v a="$mg" -v b="$ms" 'BEGIN { printf "%.0f", (b > 0) ? (100 * a / b) : 0 }')"
printf '  %-48s %9s\n' "lxc-freeze + lxc-unfreeze round trip" "$mf"
