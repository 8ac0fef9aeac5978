#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Option parsing and the errors lxc-start, lxc-stop, lxc-execute, lxc-wait and lxc-monitor
# report before doing anything, on a defined container that is not running. Nothing here
# starts a container.
set -eu
. "$(dirname "$0")/lib.sh"

P="$TMP/lxcpath"
mkdir -p "$P/c1"
echo "lxc.uts.name = c1" >"$P/c1/config"

# lxc-stop: combinations LXC refuses, then "not running" (exit 2).
run lxc-stop -n c1 -P "$P" -k -r
expect_eq "stop -k -r exit code" "$RC" 1
expect_eq "stop -k -r message" "$ERR" "lxc-stop: -k can't be used with -r"
run lxc-stop -n c1 -P "$P" -k --nokill
expect_eq "stop -k --nokill" "$ERR" "lxc-stop: -k can't be used with --nokill"
run lxc-stop -n c1 -P "$P" -k -t 5
expect_eq "stop -k -t 5" "$ERR" "lxc-stop: -k doesn't allow timeouts"
run lxc-stop -n c1 -P "$P" --nolock
expect_eq "stop --nolock without -k exit code" "$RC" 1
expect_eq "stop --nolock without -k" "$ERR" "lxc-stop: --nolock may only be used with -k"
run lxc-stop -n c1 -P "$P" -t abc
expect_eq "stop bad timeout exit code" "$RC" 1
expect_eq "stop bad timeout" "$ERR" \
	'lxc-stop: Invalid timeout "abc": expected -1 or a number of seconds'
run lxc-stop -n c1 -P "$P" -t -2
expect_eq "stop timeout below -1" "$RC" 1
run lxc-stop -P "$P"
expect_eq "stop without a name exit code" "$RC" 1
expect_eq "stop without a name" "$ERR" "lxc-stop: No container name specified"
run lxc-stop -n c1 -P "$P"
expect_eq "stop a stopped container: exit code 2" "$RC" 2
expect_eq "stop a stopped container: message" "$ERR" "lxc-stop: c1 is not running"
run lxc-stop -n c1 -P "$P" -k
expect_eq "stop -k a stopped container: exit code 2" "$RC" 2
run lxc-stop -n c1 -P "$P" -W -t 10
expect_eq "stop -W -t on a stopped container: exit code 2" "$RC" 2
run lxc-stop -n c1 -P "$P" --bogus
expect_eq "stop unknown option" "$RC" 1
expect_match "stop unknown option names it" "$ERR" "unrecognized option '--bogus'"

# lxc-wait: -s is required, -t must be a number.
run lxc-wait -n c1 -P "$P"
expect_eq "wait without -s exit code" "$RC" 1
expect_eq "wait without -s" "$ERR" "lxc-wait: Missing state option to wait for (-s STATE)"
run lxc-wait -n c1 -P "$P" -s RUNNING -t x
expect_eq "wait bad timeout exit code" "$RC" 1
expect_eq "wait bad timeout" "$ERR" \
	'lxc-wait: Invalid timeout "x": expected -1 or a number of seconds'
run lxc-wait -P "$P" -s RUNNING
expect_eq "wait without a name" "$ERR" "lxc-wait: No container name specified"

# lxc-start: -s needs KEY=VAL; /sbin/init with no configuration at all is refused.
run lxc-start -n c1 -P "$P" -s novalue
expect_eq "start -s without = exit code" "$RC" 1
expect_eq "start -s without =" "$ERR" 'lxc-start: Invalid definition "novalue": expected KEY=VAL'
run lxc-start -n nosuch -P "$P"
expect_eq "start without configuration exit code" "$RC" 1
expect_eq "start without configuration" "$ERR" \
	'lxc-start: Executing "/sbin/init" with no configuration file may crash the host'
run lxc-start -n c1 -P "$P" -s lxc.no.such.key=1
expect_eq "start -s unknown key exit code" "$RC" 1
expect_eq "start -s unknown key: one line" "$(printf '%s\n' "$ERR" | wc -l)" 1
expect_match "start -s unknown key" "$ERR" 'Unknown configuration key "lxc.no.such.key"'
run lxc-start -n c1 -P "$TMP/no/such/dir"
expect_eq "start with a missing lxcpath exit code" "$RC" 1
expect_eq "start with a missing lxcpath" "$ERR" "lxc-start: You lack access to \"$TMP/no/such/dir\""

# lxc-execute: a command is needed (operand or lxc.execute.cmd); -u/-g are numbers.
run lxc-execute -n c1 -P "$P"
expect_eq "execute without a command exit code" "$RC" 1
expect_eq "execute without a command" "$ERR" \
	'lxc-execute: Missing command to execute (give one after "--" or set lxc.execute.cmd)'
run lxc-execute -n c1 -P "$P" -u root -- /bin/true
expect_eq "execute -u root exit code" "$RC" 1
expect_eq "execute -u root" "$ERR" 'lxc-execute: Invalid uid "root": expected a number'
run lxc-execute -n c1 -P "$P" -g -1 -- /bin/true
expect_eq "execute -g -1" "$ERR" 'lxc-execute: Invalid gid "-1": expected a number'
run lxc-execute -n c1 -P "$P" -s x -- /bin/true
expect_eq "execute -s without =" "$ERR" 'lxc-execute: Invalid definition "x": expected KEY=VAL'

# lxc-monitor: -Q has nothing to do; --format is text or json; the regex must compile.
run lxc-monitor -Q -P "$P"
expect_eq "monitor -Q exit code" "$RC" 0
expect_eq "monitor -Q output" "$OUT$ERR" ""
run lxc-monitor -P "$P" --format xml
expect_eq "monitor bad format exit code" "$RC" 1
expect_eq "monitor bad format" "$ERR" 'lxc-monitor: Invalid format "xml": expected "text" or "json"'
run lxc-monitor -P "$P" -n 'a('
expect_eq "monitor bad regex exit code" "$RC" 1
expect_eq "monitor bad regex" "$ERR" 'lxc-monitor: Invalid regular expression "a("'

# --help goes to stderr and exits 0 for each tool.
for t in lxc-start lxc-stop lxc-execute lxc-wait lxc-monitor lxc-info lxc-ls; do
	run "$t" --help
	expect_eq "$t --help exit code" "$RC" 0
	expect_match "$t --help usage line" "$ERR" "^Usage: $t "
done

finish
