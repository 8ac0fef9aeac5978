#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Attach benchmark against a floor measured in the same run: `lxc-attach -n X -- /bin/true` vs
# `nsenter -t INITPID -a /bin/true` (joins the same namespaces, no cgroup/caps/env/ids work).
# Prints medians (ms) and the ratio. Not a test.
# Usage: bench/attach-bench.sh [BUILDDIR] [ITERATIONS]
set -eu

build=${1:-build}
iters=${2:-30}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath
command -v nsenter >/dev/null 2>&1 || bench_die "needs nsenter (util-linux)"

bench_container a1
lxc-start -P "$lxcpath" -n a1 -d || bench_die "lxc-start failed"
lxc-wait -P "$lxcpath" -n a1 -s RUNNING -t 10 || bench_die "container did not start"
pid=$(lxc-info -P "$lxcpath" -n a1 -p -H)
floor="$lxcpath/floor.ms" att="$lxcpath/attach.ms"
: >"$floor"
: >"$att"

floor_cmd() { "$bt" nsenter -t "$pid" -a /bin/true </dev/null; }
attach_cmd() { "$bt" lxc-attach -P "$lxcpath" -n a1 -- /bin/true </dev/null; }

# One untimed warm-up of each, then interleaved timed runs.
floor_cmd >/dev/null || bench_die "nsenter failed"
attach_cmd >/dev/null || bench_die "lxc-attach failed"
i=0
while [ "$i" -lt "$iters" ]; do
	floor_cmd >>"$floor" || bench_die "nsenter failed (run $((i + 1)))"
	attach_cmd >>"$att" || bench_die "lxc-attach failed (run $((i + 1)))"
	i=$((i + 1))
done

# Stop and let the monitor finish its cleanup (cgroups) before the lxcpath goes.
lxc-stop -P "$lxcpath" -n a1 -k >/dev/null 2>&1 || true
n=0
while [ -n "$(bench_monitor_pids a1)" ] && [ "$n" -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done

mf=$(bench_median "$floor")
ma=$(bench_median "$att")
ra=$(bench_ratio "$ma" "$mf")
printf 'attach-bench: %d iterations, %s CPUs, medians in ms\n' "$iters" "$(nproc)"
printf '  %-44s %9s\n' "floor: nsenter -t PID -a /bin/true" "$mf"
printf '  %-44s %9s  %6sx floor\n' "lxc-attach -n X -- /bin/true" "$ma" "$ra"
