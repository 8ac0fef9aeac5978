#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Build the config fuzzer with clang, ASan, UBSan and libFuzzer coverage in its own build
# directory and run it for SECONDS (default 600) on a copy of the seed corpus.
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]
# Environment: FUZZ_BUILDDIR (default ../build-fuzz next to the source tree), FUZZ_CFLAGS
# (extra compiler flags for a new build directory).
# Exit status: 0 when the run finished without a crash or a leak, non-zero otherwise.
set -eu

SECONDS_TO_RUN=${1:-600}
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILDDIR=${FUZZ_BUILDDIR:-$SRCDIR/../build-fuzz}
TARGET=fuzz-config-load

if ! command -v clang >/dev/null 2>&1; then
	echo "run-fuzz.sh: clang is needed for libFuzzer" >&2
	exit 2
fi

if [ ! -f "$BUILDDIR/build.ninja" ]; then
	CC=clang meson setup "$BUILDDIR" "$SRCDIR" \
		-Dfuzzers=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined ${FUZZ_CFLAGS:-}" \
		-Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$BUILDDIR" "tests/fuzz/$TARGET"

WORK=$(mktemp -d)
trap 'rm -rf --one-file-system "$WORK"' EXIT INT TERM
mkdir -p "$WORK/corpus" "$BUILDDIR/fuzz-artifacts"
cp "$SRCDIR"/tests/fuzz/corpus/config/* "$WORK/corpus/"

# Run from the scratch directory so relative include paths stay inside it.
cd "$WORK"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	"$BUILDDIR/tests/fuzz/$TARGET" -max_total_time="$SECONDS_TO_RUN" -detect_leaks=1 \
	-max_len=4096 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$BUILDDIR/fuzz-artifacts/" \
	-dict="$SRCDIR/tests/fuzz/config.dict" "$WORK/corpus"
