#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# End to end through a real terminal (tmux): typing reaches a shell on the console pty through
# the client loop and the monitor proxy, output comes back, window sizes follow the terminal
# (also after a resize), "Ctrl-a q" detaches and the terminal settings are restored; the
# console log file holds the output.
set -u
driver=$1
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
[ -c /dev/ptmx ] || { echo "no /dev/ptmx"; exit 77; }

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
tm() { tmux -S "$sock" -f /dev/null "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; rm -rf --one-file-system "$tmp"; }
trap cleanup EXIT

fail() { echo "FAIL: $*"; echo "--- pane:"; tm capture-pane -p -t t 2>/dev/null; exit 1; }
# Wait (bounded) until the pane shows $1.
wait_pane() {
	for _ in $(seq 1 100); do
		tm capture-pane -p -t t 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "pane never showed \"$1\""
}
wait_file() {
	for _ in $(seq 1 100); do
		[ -s "$1" ] && return 0
		sleep 0.1
	done
	fail "\"$1\" never appeared"
}

tm new-session -d -s t -x 80 -y 24 "$driver $tmp/console.log $tmp/result" ||
	{ echo "tmux cannot start a session"; exit 77; }
tm set-option -t t remain-on-exit on >/dev/null

wait_pane '$'
tm send-keys -t t 'echo hel''lo-$((6*7))' Enter
wait_pane 'hello-42'
tm send-keys -t t 'stty size' Enter
wait_pane '24 80'
tm resize-window -t t -x 100 -y 30
tm send-keys -t t 'stty size' Enter
wait_pane '30 100'
tm send-keys -t t C-a q
wait_file "$tmp/result"

grep -qx 'run=0' "$tmp/result" || fail "mainloop: $(cat "$tmp/result")"
grep -qx 'client=0' "$tmp/result" || fail "client: $(cat "$tmp/result")"
grep -qx 'restored=yes' "$tmp/result" || fail "terminal settings not restored"
grep -q '^ring=[1-9]' "$tmp/result" || fail "ring buffer empty"
grep -q 'hello-42' "$tmp/console.log" || fail "console log lacks the output"
grep -q '30 100' "$tmp/console.log" || fail "console log lacks the resized size"
echo "ok"
