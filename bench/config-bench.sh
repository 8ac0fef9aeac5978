#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Configuration benchmark: load/save of a generated 10,000-line config and new+load of 200
# defined containers, medians over several runs. Not a test.
# Usage: bench/config-bench.sh [BUILDDIR] [LINES] [CONTAINERS] [RUNS]
set -eu

build=${1:-build}
shift || true
bin="$build/bench/config-bench"
if [ ! -x "$bin" ]; then
	echo "\"$bin\" not found: build first (ninja -C $build)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ "$(id -u)" != 0 ] || rm -rf "/run/lxc/lock/$tmp"' EXIT

# Keep the host's lxc.conf out of it.
: >"$tmp/lxc.conf"
LXC_GLOBAL_CONF="$tmp/lxc.conf" \
	LD_LIBRARY_PATH="$build/src/lxc${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	"$bin" "$tmp" "$@"
