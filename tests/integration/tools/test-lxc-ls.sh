#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-ls over a temporary lxcpath: defined containers only, padded names, regex filters.
set -eu
. "$(dirname "$0")/lib.sh"

P="$TMP/lxcpath"
for c in web1 web2 database; do
	mkdir -p "$P/$c"
	echo "lxc.uts.name = $c" >"$P/$c/config"
done
mkdir -p "$P/not-a-container"

# stdout is not a terminal here: one name per line, padded to the longest name.
run lxc-ls -P "$P"
expect_eq "exit code" "$RC" 0
expect_eq "names" "$OUT" "database
web1    
web2    "
run lxc-ls -1 -P "$P" --defined
expect_eq "-1 --defined" "$OUT" "database
web1    
web2    "
run lxc-ls -P "$P" '^web'
expect_eq "regex operand" "$OUT" "web1
web2"
run lxc-ls -P "$P" --filter 'base$'
expect_eq "--filter" "$OUT" "database"
run lxc-ls -P "$P" --stopped -1 'web2'
expect_eq "--stopped" "$OUT" "web2"
run lxc-ls -P "$P" --running
expect_eq "--running: none" "$OUT" ""
run lxc-ls -P "$P" 'x('
expect_eq "bad regex exit code" "$RC" 1
expect_eq "bad regex message" "$ERR" 'lxc-ls: Invalid regular expression "x("'

run lxc-ls -P "$TMP/does-not-exist"
expect_eq "missing lxcpath exit code" "$RC" 0
expect_eq "missing lxcpath output" "$OUT" ""

finish
