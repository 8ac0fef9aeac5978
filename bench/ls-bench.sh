#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-ls scaling benchmark: `lxc-ls -f` over 200 defined containers (10 running) vs over 20
# (2 running), in two lxcpaths of the same run. Prints both medians (ms), the ratio and PASS/MISS
# (target: 200 costs at most 10x what 20 cost). Not a test.
# Usage: bench/ls-bench.sh [BUILDDIR] [ITERATIONS]
set -eu

build=${1:-build}
iters=${2:-20}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath

# Two lxcpaths under the one cleaned-up temporary directory; "lxcpath" names the one that
# bench_container/bench_clone/bench_cleanup work on, so point it at each in turn.
top=$lxcpath
small=$top/small large=$top/large
mkdir "$small" "$large"
cleanup_all() {
	for lxcpath in "$small" "$large" "$top"; do
		bench_cleanup
	done
}
trap cleanup_all EXIT

# populate DIR TOTAL RUNNING: TOTAL busybox containers c000.., the first RUNNING of them started.
populate() {
	lxcpath=$1
	bench_container c000
	i=1
	while [ "$i" -lt "$2" ]; do
		bench_clone c000 "$(printf 'c%03d' "$i")"
		i=$((i + 1))
	done
	i=0
	while [ "$i" -lt "$3" ]; do
		lxc-start -P "$lxcpath" -n "$(printf 'c%03d' "$i")" -d ||
			bench_die "lxc-start failed in $lxcpath"
		i=$((i + 1))
	done
	[ "$(lxc-ls -P "$lxcpath" --running -1 | wc -l)" = "$3" ] ||
		bench_die "expected $3 running containers in $lxcpath"
	[ "$(lxc-ls -P "$lxcpath" -1 | wc -l)" = "$2" ] ||
		bench_die "expected $2 defined containers in $lxcpath"
}
populate "$small" 20 2
populate "$large" 200 10

# lxc-ls's stderr goes to a log: one untimed run of each shows what it complains about.
ts=$top/small.ms tl=$top/large.ms errs=$top/lxc-ls.stderr
: >"$ts"
: >"$tl"
"$bt" lxc-ls -P "$small" -f >/dev/null 2>"$errs" || bench_die "lxc-ls failed"
"$bt" lxc-ls -P "$large" -f >/dev/null 2>>"$errs" || bench_die "lxc-ls failed"
i=0
while [ "$i" -lt "$iters" ]; do
	"$bt" lxc-ls -P "$small" -f >>"$ts" 2>/dev/null || bench_die "lxc-ls -f failed on 20"
	"$bt" lxc-ls -P "$large" -f >>"$tl" 2>/dev/null || bench_die "lxc-ls -f failed on 200"
	i=$((i + 1))
done

ms=$(bench_median "$ts")
ml=$(bench_median "$tl")
r=$(bench_ratio "$ml" "$ms")
printf 'ls-bench: %d iterations, %s CPUs, medians in ms\n' "$iters" "$(nproc)"
printf '  %-42s %9s\n' "lxc-ls -f, 20 defined (2 running)" "$ms"
printf '  %-42s %9s  (target about 15 ms on 2 cores) %s\n' "lxc-ls -f, 200 defined (10 running)" \
	"$ml" "$(bench_verdict "$ml" 15)"
printf '  %-42s %9sx (target <= 10x) %s\n' "ratio 200 / 20" "$r" "$(bench_verdict "$r" 10)"
if [ -s "$errs" ]; then
	printf '  note: lxc-ls wrote %d stderr lines over one run of each, first: %s\n' \
		"$(wc -l <"$errs")" "$(head -n 1 "$errs")"
fi
