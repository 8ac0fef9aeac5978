#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-ls -f and --format json over 200 defined containers: every one listed once, in name
# order. The generous timeout only catches a hang or per-container process, not slowness.
set -eu
. "$(dirname "$0")/lib.sh"

P="$TMP/lxcpath"
for i in $(seq -w 1 200); do
	mkdir -p "$P/c$i"
	printf 'lxc.uts.name = c%s\nlxc.group = g%s\n' "$i" "$((10#$i % 2))" >"$P/c$i/config"
done

run timeout 60 lxc-ls -f -P "$P"
expect_eq "-f exit code" "$RC" 0
expect_eq "-f lines" "$(printf '%s\n' "$OUT" | wc -l)" 201
expect_eq "-f first row" "$(printf '%s\n' "$OUT" | sed -n 2p)" \
	"c001 STOPPED 0         g1     -    -    false        "
expect_eq "-f last row" "$(printf '%s\n' "$OUT" | tail -n 1)" \
	"c200 STOPPED 0         g0     -    -    false        "

run timeout 60 lxc-ls --format json -g g0 -P "$P"
expect_eq "json exit code" "$RC" 0
expect_eq "json -g g0 count" "$(printf '%s' "$OUT" | python3 -c \
	'import json, sys; print(len(json.load(sys.stdin)))')" 100

finish
