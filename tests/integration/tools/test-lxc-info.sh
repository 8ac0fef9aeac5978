#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-info on a container defined by writing its config file into a temporary lxcpath.
set -eu
. "$(dirname "$0")/lib.sh"

P="$TMP/lxcpath"
mkdir -p "$P/c1"
cat >"$P/c1/config" <<CONF
lxc.uts.name = c1host
lxc.environment = A=1
lxc.environment = B=2
CONF

run lxc-info -n c1 -P "$P"
expect_eq "default exit code" "$RC" 0
expect_eq "default output" "$OUT" "Name:           c1
State:          STOPPED"

run lxc-info -n c1 -P "$P" -s
expect_eq "-s" "$OUT" "State:          STOPPED"
run lxc-info -n c1 -P "$P" -s -H
expect_eq "-s -H" "$OUT" "STOPPED"

run lxc-info -n c1 -P "$P" -c lxc.uts.name
expect_eq "-c" "$OUT" "lxc.uts.name = c1host"
run lxc-info c1 -P "$P" -c lxc.uts.name -H
expect_eq "-c -H (name as operand)" "$OUT" "c1host"
run lxc-info -n c1 -P "$P" -c lxc.uts.name -c lxc.hook.pre-start
expect_eq "two keys, one unset" "$OUT" "lxc.uts.name = c1host
lxc.hook.pre-start ="
run lxc-info -n c1 -P "$P" -c lxc.environment
expect_eq "list key" "$OUT" "lxc.environment = A=1
B=2"
run lxc-info -n c1 -P "$P" -c lxc.no.such.key
expect_eq "invalid key exit code" "$RC" 0
expect_match "invalid key message" "$ERR" '^lxc.no.such.key invalid$'

run lxc-info -n nosuch -P "$P"
expect_eq "undefined container exit code" "$RC" 1
expect_eq "undefined container stdout" "$OUT" ""
expect_match "undefined container message" "$ERR" "^nosuch doesn't exist$"

finish
