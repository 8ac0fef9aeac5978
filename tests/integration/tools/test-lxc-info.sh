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
run lxc-info -n c1 -P "$P" -c lxc.environment -c lxc.uts.name
expect_eq "a list key then another: no blank line between" "$OUT" "lxc.environment = A=1
B=2
lxc.uts.name = c1host"
run lxc-info -n c1 -P "$P" -c lxc.no.such.key
expect_eq "invalid key exit code" "$RC" 0
expect_match "invalid key message" "$ERR" '^lxc.no.such.key invalid$'

run lxc-info -n nosuch -P "$P"
expect_eq "undefined container exit code" "$RC" 1
expect_eq "undefined container stdout" "$OUT" ""
expect_match "undefined container message" "$ERR" "^nosuch doesn't exist$"

# -S on a stopped container: nothing to report, as LXC leaves unavailable statistics out.
run lxc-info -n c1 -P "$P" -S
expect_eq "-S stopped exit code" "$RC" 0
expect_eq "-S stopped output" "$OUT" ""
run lxc-info -n c1 -P "$P" -s -p -i -S
expect_eq "-s -p -i -S stopped" "$OUT" "State:          STOPPED"
run lxc-info -n c1 -P "$P" -p -H
expect_eq "-p stopped: nothing" "$OUT" ""

# JSON: one document with the selected fields.
run lxc-info -n c1 -P "$P" --format json
expect_eq "json exit code" "$RC" 0
printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "json output does not parse"
expect_eq "json default" "$OUT" '{"name":"c1","state":"STOPPED","ips":[]}'
run lxc-info -n c1 -P "$P" --format json -s -c lxc.uts.name -c lxc.environment \
	-c lxc.hook.pre-start
expect_eq "json -s -c" "$OUT" \
	'{"name":"c1","state":"STOPPED","config":{"lxc.uts.name":"c1host","lxc.environment":"A=1\nB=2","lxc.hook.pre-start":""}}'
printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "json -c output does not parse"
run lxc-info -n c1 -P "$P" --format json -c lxc.no.such.key
expect_eq "json unknown key" "$OUT" '{"name":"c1","config":{"lxc.no.such.key":null}}'
expect_match "json unknown key message" "$ERR" '^lxc.no.such.key invalid$'
run lxc-info -n c1 -P "$P" --format json -p -H
expect_eq "json -p stopped" "$OUT" '{"name":"c1"}'
run lxc-info -n c1 -P "$P" --format xml
expect_eq "bad format exit code" "$RC" 1
expect_eq "bad format message" "$ERR" 'lxc-info: Invalid format "xml": expected "text" or "json"'
run lxc-info -n nosuch -P "$P" --format json
expect_eq "json undefined container exit code" "$RC" 1
expect_eq "json undefined container stdout" "$OUT" ""

finish
