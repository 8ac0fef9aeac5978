#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Compile a header-only check with clang's UndefinedBehaviorSanitizer (gcc does not report
# pointer arithmetic on NULL) and run it; any report fails the test.
# Usage: run-ubsan.sh CLANG SOURCE INCLUDE_DIR...
set -eu
CLANG=$1
SRC=$2
shift 2
WORK=$(mktemp -d)
trap 'rm -rf --one-file-system "$WORK"' EXIT INT TERM
INC=""
for d in "$@"; do
	INC="$INC -I$d"
done
# shellcheck disable=SC2086
"$CLANG" -std=gnu11 -O1 -g -Wall -Werror -fsanitize=undefined -fno-sanitize-recover=all \
	$INC -o "$WORK/check" "$SRC"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$WORK/check"
