#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Network start cost: lxc-start -d (which returns at RUNNING) of a busybox container with one
# veth on a bridge vs the same container with lxc.net.0.type = empty, both run inside a network
# namespace this script creates (and deletes). Prints medians (ms) and the difference. Not a test.
# Usage: bench/net-bench.sh [BUILDDIR] [ITERATIONS]
set -eu

build=${1:-build}
iters=${2:-20}
. "$(dirname "$0")/lib.sh"
bench_env
bench_lxcpath
ns="lxct-bench-$$"
ip netns add "$ns" || bench_die "cannot create network namespace \"$ns\""
trap 'bench_cleanup; ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns exec "$ns" ip link add br0 type bridge
ip netns exec "$ns" ip link set br0 up

bench_container nempty
bench_clone nempty nveth
sed -i 's/^lxc.net.0.type = empty$/lxc.net.0.type = veth\nlxc.net.0.link = br0\nlxc.net.0.flags = up\nlxc.net.0.ipv4.address = 192.0.2.2\/24/' \
	"$lxcpath/nveth/config"
grep -q "lxc.net.0.link = br0" "$lxcpath/nveth/config" || bench_die "could not set up the veth config"
t_empty="$lxcpath/empty.ms" t_veth="$lxcpath/veth.ms"
: >"$t_empty"
: >"$t_veth"

run() { # NAME OUT: time one start to RUNNING, then stop untimed
	"$bt" ip netns exec "$ns" lxc-start -P "$lxcpath" -n "$1" -d >>"$2" ||
		bench_die "lxc-start of \"$1\" failed"
	ip netns exec "$ns" lxc-stop -P "$lxcpath" -n "$1" -k
}
run nempty /dev/null
run nveth /dev/null
i=0
while [ "$i" -lt "$iters" ]; do
	run nempty "$t_empty"
	run nveth "$t_veth"
	i=$((i + 1))
done
me=$(bench_median "$t_empty")
mv=$(bench_median "$t_veth")
printf 'net-bench: %d iterations, %s CPUs, start to RUNNING, medians in ms\n' "$iters" "$(nproc)"
printf '  %-40s %9s\n' "lxc.net.0.type = empty" "$me"
printf '  %-40s %9s\n' "lxc.net.0.type = veth on a bridge" "$mv"
printf '  %-40s %9s\n' "difference (veth - empty)" "$(awk -v a="$mv" -v b="$me" 'BEGIN { printf "%.3f\n", a - b }')"
