#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-console on real busybox containers (root; own lxcpath; lxc.tty.max = 2), driven through
# tmux: login prompts on tty1 and the console, typing reaches the shell, Ctrl+a q detaches and
# restores the terminal, one client per tty, the tty can be taken again after a detach, a
# kill -9 or a closed terminal; the console log file and the ring buffer (console_log API);
# console_getfd holding a tty; lxc.console.path = none refused clearly.
set -u
TEMPLATE=$1
API=$2
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
command -v busybox >/dev/null || { echo "busybox not installed"; exit 77; }
[ -e /proc/self/ns/pid ] || { echo "no pid namespaces"; exit 77; }

T=$(mktemp -d /tmp/lxc-test-console.XXXXXX)
sock=$T/tmux.sock
tm() { tmux -S "$sock" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	for n in c1 c2 c3; do
		[ -e "$T/$n/config" ] && lxc-stop -P "$T" -n "$n" -k >/dev/null 2>&1
	done
	pkill -9 -f "^lxc-console -P $T " 2>/dev/null
	rm -rf --one-file-system "$T"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	for w in $(tm list-windows -a -F '#{window_name}' 2>/dev/null); do
		echo "--- window $w:"
		tm capture-pane -p -t "t:$w" 2>/dev/null | grep -v '^$'
	done
	exit 1
}
ok() { echo "ok - $*"; }
pane() { tm capture-pane -p -t "t:$1" 2>/dev/null; }
# Wait (bounded) until window $1 shows $2 (a fixed string).
wait_pane() {
	for _ in $(seq 1 150); do
		pane "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	fail "window $1 never showed \"$2\""
}
# Wait until the pane's last non-empty line ends with $2 (a prompt).
wait_last() {
	local last
	for _ in $(seq 1 150); do
		last=$(pane "$1" | grep -v '^$' | tail -n 1)
		[ "${last%"$2"}" != "$last" ] && return 0
		sleep 0.1
	done
	fail "window $1 never ended with \"$2\""
}
# A shell window with a fixed prompt.
new_shell() {
	tm new-window -d -t t -n "$1" "env PS1='host\$ ' bash --norc --noprofile"
	wait_last "$1" 'host$'
}
run_in() { tm send-keys -t "t:$1" "$2" Enter; }
clear_pane() { run_in "$1" clear; tm clear-history -t "t:$1"; wait_last "$1" 'host$'; }
console_cmd() { echo "lxc-console -P $T -n c1 $*"; }

# --- containers: c1 (tty.max 2, log file, ring buffer), c2 (no console) ---
for n in c1 c2; do
	"$TEMPLATE" --path "$T/$n" --name "$n" --rootfs "$T/$n/rootfs" --tty 2 >"$T/tpl" 2>&1 ||
		{ cat "$T/tpl"; fail "template for $n"; }
done
cat >>"$T/c1/config" <<EOF
lxc.console.logfile = $T/c1-console.log
lxc.console.buffer.size = 65536
lxc.console.size = 4096
lxc.console.rotate = 1
EOF
echo "lxc.console.path = none" >>"$T/c2/config"
"$API" start "$T" c1 || fail "start c1"
"$API" start "$T" c2 || fail "start c2"

tm new-session -d -s t -n main -x 80 -y 24 "sleep 100000" || { echo "tmux cannot start"; exit 77; }
tm set-option -g remain-on-exit on >/dev/null

# --- tty1: login prompt, typing, Ctrl+a q, terminal restored ---
new_shell a
run_in a "stty -g > $T/stty.before"
run_in a "$(console_cmd -t 1)"
wait_pane a 'Connected to tty 1'
wait_pane a 'Type <Ctrl+a q> to exit the console, <Ctrl+a Ctrl+a> to enter Ctrl+a itself'
tm send-keys -t t:a Enter
wait_pane a 'c1 login:'
ok "login prompt on tty1"
tm send-keys -t t:a root Enter
wait_last a '~ #'
run_in a 'echo typed-$((6*7)); tty'
wait_pane a 'typed-42'
wait_pane a '/dev/tty1'
ok "typing reaches the shell on tty1"

# a second client on tty1 is refused; the first keeps working
out=$(lxc-console -P "$T" -n c1 -t 1 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to tty 1 of container "c1": it is in use by another client (one client per tty)' ] ||
	fail "second client on tty1: rc=$rc: $out"
ok "second lxc-console on tty1 refused"
out=$(lxc-console -P "$T" -n c1 -t 3 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to tty 3 of container "c1": the container has no such tty (see lxc.tty.max)' ] ||
	fail "tty 3: rc=$rc: $out"
ok "nonexistent tty refused"

tm send-keys -t t:a C-a q
wait_last a 'host$'
run_in a "stty -g > $T/stty.after; echo detached-ok"
wait_pane a 'detached-ok'
cmp -s "$T/stty.before" "$T/stty.after" || fail "terminal settings not restored"
ok "Ctrl+a q detaches and restores the terminal"

# the tty can be taken again; the shell is still there
clear_pane a
run_in a "$(console_cmd -t 1)"
wait_pane a 'Connected to tty 1'
run_in a 'echo again-$((7*6))'
wait_pane a 'again-42'
ok "tty1 taken again after a detach"

# kill -9 of that lxc-console: the shell on tty1 survives, the tty is free again
pkill -9 -f "^lxc-console -P $T -n c1 -t 1$" || fail "no lxc-console to kill"
wait_last a 'host$'
run_in a 'reset; clear'
wait_last a 'host$'
new_shell b
run_in b "$(console_cmd -t 1)"
wait_pane b 'Connected to tty 1'
run_in b 'echo after-kill-$((5*5))'
wait_pane b 'after-kill-25'
ok "kill -9 of lxc-console leaves tty1 working and free"

# closing the terminal (the tmux window) releases the tty too
tm kill-window -t t:b
out=""
for _ in $(seq 1 150); do
	pgrep -f "^lxc-console -P $T -n c1 -t 1$" >/dev/null || break
	sleep 0.1
done
new_shell c
run_in c "$(console_cmd -t 1)"
wait_pane c 'Connected to tty 1'
run_in c 'echo after-close-$((4*4))'
wait_pane c 'after-close-16'
tm send-keys -t t:c C-a q
wait_last c 'host$'
ok "closing the terminal releases tty1"

# --- default: the first free tty; none free: clear error ---
run_in c "$(console_cmd)"
wait_pane c 'Connected to tty 1'
tm send-keys -t t:c Enter
new_shell d
run_in d "$(console_cmd)"
wait_pane d 'Connected to tty 2'
tm send-keys -t t:d Enter
wait_pane d 'c1 login:'
ok "login prompt on tty2 (first free)"
out=$(lxc-console -P "$T" -n c1 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to a tty of container "c1": no free tty (all of lxc.tty.max are in use)' ] ||
	fail "no free tty: rc=$rc: $out"
ok "no free tty refused"
tm send-keys -t t:c C-a q
wait_last c 'host$'
tm send-keys -t t:d C-a q
wait_last d 'host$'

# --- the console (-t 0) ---
clear_pane c
run_in c "$(console_cmd -t 0)"
wait_pane c 'Connected to tty 0'
tm send-keys -t t:c Enter
wait_pane c 'c1 login:'
ok "login prompt on the console"
tm send-keys -t t:c root Enter
wait_last c '~ #'
run_in c 'echo console-$((8*8)); tty; stty size'
wait_pane c 'console-64'
wait_pane c '/dev/console'
wait_pane c '24 80'
tm resize-window -t t:c -x 100 -y 30
run_in c 'stty size'
wait_pane c '30 100'
ok "typing reaches the console shell, window size follows"
out=$(lxc-console -P "$T" -n c1 -t 0 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to the console of container "c1": it is in use by another client' ] ||
	fail "second console client: rc=$rc: $out"
ok "second lxc-console on the console refused"
tm send-keys -t t:c C-a q
wait_last c 'host$'
clear_pane c
run_in c "$(console_cmd -t 0 -e ^b)"
wait_pane c 'Type <Ctrl+b q> to exit the console'
run_in c 'echo console-again'
wait_pane c 'console-again'

# --- console log file (lxc.console.size 4096, rotate 1) ---
cat "$T/c1-console.log.1" "$T/c1-console.log" 2>/dev/null | grep -q 'c1 login:' ||
	fail "console log file lacks the login prompt"
cat "$T/c1-console.log.1" "$T/c1-console.log" 2>/dev/null | grep -q 'console-64' ||
	fail "console log file lacks the typed output"
ok "console log file holds the console output"
run_in c 'seq 1 3000; echo seq-$((1+1))-done'
wait_pane c 'seq-2-done'
for _ in $(seq 1 150); do
	grep -q 'seq-2-done' "$T/c1-console.log" 2>/dev/null && break
	sleep 0.1
done
grep -q 'seq-2-done' "$T/c1-console.log" || fail "console log lacks the last output"
[ "$(stat -c %s "$T/c1-console.log.1")" = 4096 ] || fail "rotated log is not 4096 bytes"
[ "$(stat -c %s "$T/c1-console.log")" -le 4096 ] || fail "console log exceeds lxc.console.size"
ok "console log rotated at lxc.console.size"
tm send-keys -t t:c C-b q
wait_last c 'host$'
ok "the console taken again, -e ^b detaches with Ctrl+b q"

# --- ring buffer and console_getfd through the API ---
"$API" log "$T" c1 'seq-2-done' || fail "console_log"
ok "console_log reads, clears, reads empty"
"$API" getfd "$T" c1 || fail "console_getfd"
ok "console_getfd holds tty2 until closed"

# --- lxc.console.path = none ---
out=$(lxc-console -P "$T" -n c2 -t 0 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to the console of container "c2": the container has no console (lxc.console.path = none)' ] ||
	fail "console none: rc=$rc: $out"
"$API" nocons "$T" c2 || fail "console none through the API"
ok "lxc.console.path = none: console refused"

# --- lxc.console.path = a host terminal (a tmux pane's tty) ---
tm new-window -d -t t -n e "sleep 100000"
dev=$(tm display-message -p -t t:e '#{pane_tty}')
[ -c "$dev" ] || fail "no tty for window e: \"$dev\""
"$TEMPLATE" --path "$T/c3" --name c3 --rootfs "$T/c3/rootfs" --tty 0 >"$T/tpl" 2>&1 ||
	{ cat "$T/tpl"; fail "template for c3"; }
echo "lxc.console.path = $dev" >>"$T/c3/config"
"$API" start "$T" c3 || fail "start c3"
tm send-keys -t t:e Enter
wait_pane e 'c3 login:'
tm send-keys -t t:e root Enter
wait_last e '~ #'
tm send-keys -t t:e 'echo device-$((3*3)); tty' Enter
wait_pane e 'device-9'
wait_pane e '/dev/console'
ok "lxc.console.path = a host terminal is the console"
out=$(lxc-console -P "$T" -n c3 -t 0 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to the console of container "c3": it is in use by another client' ] ||
	fail "console on a device: rc=$rc: $out"
out=$(lxc-console -P "$T" -n c3 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: Failed to connect to a tty of container "c3": the container has no ttys (lxc.tty.max = 0)' ] ||
	fail "no ttys: rc=$rc: $out"
ok "lxc.tty.max = 0: tty refused"
"$API" stop "$T" c3 || fail "stop c3"

"$API" stop "$T" c1 || fail "stop c1"
"$API" stop "$T" c2 || fail "stop c2"
out=$(lxc-console -P "$T" -n c1 </dev/null 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = 'lxc-console: c1 is not running' ] || fail "stopped: rc=$rc: $out"
ok "stopped container refused"
echo "all ok"
