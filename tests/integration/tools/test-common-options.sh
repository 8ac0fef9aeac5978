#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The common options of the container tools, on lxc-info: -o/-l/-q, a bad level, a log file
# that can't be opened, a missing name, a bad option, --help/--usage/--version.
set -eu
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/lxcpath/c1"
echo "lxc.uts.name = c1" >"$TMP/lxcpath/c1/config"

run lxc-info -n c1 -P "$TMP/lxcpath" -l BOGUS
expect_eq "bad level exit code" "$RC" 1
expect_eq "bad level message" "$ERR" 'lxc-info: Invalid log priority "BOGUS"'
run lxc-info -q -n c1 -P "$TMP/lxcpath" -l BOGUS
expect_eq "-q bad level exit code" "$RC" 1
expect_eq "-q silences the message" "$ERR" ""

touch "$TMP/afile"
run lxc-info -n c1 -P "$TMP/lxcpath" -o "$TMP/afile/log"
expect_eq "unopenable log exit code" "$RC" 1
expect_eq "unopenable log message" "$ERR" \
	"lxc-info: Failed to open log file \"$TMP/afile/log\": Not a directory"

# An error while reading lxc.conf reaches stderr and the -o log file, formatted like LXC's.
printf 'lxc.lxpath = /x\n' >"$TMP/broken.conf"
run env LXC_GLOBAL_CONF="$TMP/broken.conf" lxc-info -n c1 -o "$TMP/log/info.log" -l INFO
expect_eq "broken lxc.conf exit code" "$RC" 1
expect_eq "broken lxc.conf stderr" "$ERR" \
	"lxc-info: $TMP/broken.conf:1: Unknown key \"lxc.lxpath\" (did you mean \"lxc.lxcpath\"?)"
expect_match "log file line" "$(cat "$TMP/log/info.log")" \
	"^lxc-info c1 [0-9]{14}\.[0-9]{3} ERROR    sysconf - sysconf\.c:[a-z_]+:[0-9]+ - $TMP/broken\.conf:1: Unknown key"
run env LXC_GLOBAL_CONF="$TMP/broken.conf" lxc-info -q -n c1 -o "$TMP/log/quiet.log"
expect_eq "-q with a log file: stderr" "$ERR" ""
expect_match "-q with a log file: the file" "$(cat "$TMP/log/quiet.log")" "Unknown key \"lxc.lxpath\""

# -l without -o: the log goes to LXCPATH/NAME/NAME.log (LXC's default place).
run lxc-info -n c1 -P "$TMP/lxcpath" -l DEBUG
expect_eq "-l DEBUG exit code" "$RC" 0
[ -f "$TMP/lxcpath/c1/c1.log" ] || fail "-l without -o creates LXCPATH/NAME/NAME.log"
# No log options: no log file.
rm -f "$TMP/lxcpath/c1/c1.log"
run lxc-info -n c1 -P "$TMP/lxcpath"
[ ! -e "$TMP/lxcpath/c1/c1.log" ] || fail "no log file without -o/-l"

run lxc-info -P "$TMP/lxcpath"
expect_eq "missing name exit code" "$RC" 1
expect_eq "missing name message" "$ERR" "lxc-info: No container name specified"

run lxc-info --no-such-option
expect_eq "bad option exit code" "$RC" 1
expect_match "bad option message" "$ERR" "unrecognized option '--no-such-option'"
expect_match "bad option prints the help" "$ERR" '^Usage: lxc-info '

run lxc-info --help
expect_eq "--help exit code" "$RC" 0
expect_match "--help text" "$ERR" '^Usage: lxc-info --name=NAME'
expect_match "--help common options" "$ERR" '^  -P, --lxcpath=PATH'
run lxc-info --usage
expect_eq "--usage exit code" "$RC" 0
expect_match "--usage text" "$ERR" '^Usage: lxc-info \[-c\|--config=CONFIG\]'
run lxc-info --version
expect_eq "--version exit code" "$RC" 0
expect_match "--version" "$OUT" '^[0-9]+\.[0-9]+\.[0-9]+'

finish
