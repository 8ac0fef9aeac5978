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
# -1: bare names, as LXC prints them.
run lxc-ls -1 -P "$P" --defined
expect_eq "-1 --defined" "$OUT" "database
web1
web2"
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

# The fancy table: LXC's default columns, each padded to its widest cell and followed by a
# space, "-" for what is empty.
cat >>"$P/web1/config" <<CONF
lxc.group = onboot
lxc.group = web
lxc.start.auto = 1
lxc.idmap = u 0 100000 65536
lxc.idmap = g 0 100000 65536
CONF
echo "lxc.group = web" >>"$P/web2/config"
run lxc-ls -f -P "$P"
expect_eq "-f exit code" "$RC" 0
expect_eq "-f table" "$OUT" "NAME     STATE   AUTOSTART GROUPS      IPV4 IPV6 UNPRIVILEGED 
database STOPPED 0         -           -    -    false        
web1     STOPPED 1         onboot, web -    -    true         
web2     STOPPED 0         web         -    -    false        "
run lxc-ls -f -F name,STATE,pid,ram,swap,interface -P "$P" 'web2'
expect_eq "-F columns" "$OUT" "NAME STATE   PID RAM   SWAP   INTERFACE 
web2 STOPPED -   -     -      -         "
run lxc-ls -F name -P "$P" '^d'
expect_eq "-F without -f is ignored, as in LXC" "$OUT" "database"
run lxc-ls -f -F name,bogus -P "$P"
expect_eq "-F unknown column exit code" "$RC" 1
expect_eq "-F unknown column message" "$ERR" "lxc-ls: Invalid key: bogus"
run lxc-ls -f -P "$P" 'nomatch'
expect_eq "-f with nothing to list prints nothing" "$OUT" ""

# Groups: a container must be in every group asked for.
run lxc-ls -1 -P "$P" -g web
expect_eq "-g web" "$OUT" "web1
web2"
run lxc-ls -1 -P "$P" -g web,onboot
expect_eq "-g web,onboot" "$OUT" "web1"
run lxc-ls -1 -P "$P" -g web -g onboot
expect_eq "-g twice" "$OUT" "web1"
run lxc-ls -1 -P "$P" -g nosuch
expect_eq "-g nosuch" "$OUT" ""

# JSON: an array of objects with the table's fields.
run lxc-ls --format json -P "$P"
expect_eq "json exit code" "$RC" 0
printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "json output does not parse"
expect_eq "json document" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["name"], c["state"], c["autostart"], ",".join(c["groups"]), c["ipv4"], c["ipv6"],
          c["unprivileged"])')" "database STOPPED False  [] [] False
web1 STOPPED True onboot,web [] [] True
web2 STOPPED False web [] [] False"
run lxc-ls --format json -f -F name,pid -P "$P" database
expect_eq "json with -F" "$OUT" '[{"name":"database","pid":null}]'
run lxc-ls --format json -P "$P" nomatch
expect_eq "json, nothing listed" "$OUT" "[]"
run lxc-ls --format yaml -P "$P"
expect_eq "bad format exit code" "$RC" 1
expect_eq "bad format message" "$ERR" 'lxc-ls: Invalid format "yaml": expected "text" or "json"'

# --nesting: containers stored in a stopped container's rootfs, below the same lxcpath.
mkdir -p "$P/outer/rootfs$P/inner"
echo "lxc.rootfs.path = dir:$P/outer/rootfs" >"$P/outer/config"
echo "lxc.uts.name = inner" >"$P/outer/rootfs$P/inner/config"
run lxc-ls -1 -P "$P" --nesting '^(outer|inner)$'
expect_eq "--nesting names" "$OUT" "outer
outer/inner"
run lxc-ls -1 -P "$P" '^(outer|inner)$'
expect_eq "no --nesting" "$OUT" "outer"
run lxc-ls -f -F name,state -P "$P" --nesting '^(outer|inner)$'
expect_eq "--nesting table" "$OUT" "NAME   STATE   
outer  STOPPED 
\\inner STOPPED "
run lxc-ls -1 -P "$P" --nesting=0 '^(outer|inner)$'
expect_eq "--nesting=0" "$OUT" "outer"

finish
