#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-start -F puts the container's console on the caller's terminal (driven through tmux):
# busybox's getty prompts on the console, root logs in, typed commands reach the shell inside
# the container, and lxc-start exits when the container stops.
set -u
command -v tmux >/dev/null || { echo "tmux not installed"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
B=${LXC_TEST_BUILDDIR:?}
T=$(mktemp -d /tmp/lxc-test-fg.XXXXXX)
P=$T/lxcpath
sock=$T/tmux.sock
tm() { tmux -S "$sock" -f /dev/null "$@"; }
cleanup() {
	"$B/src/lxc/tools/lxc-stop" -P "$P" -n fg -k >/dev/null 2>&1
	tm kill-server >/dev/null 2>&1
	rm -rf --one-file-system "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- pane:"; tm capture-pane -p -t t 2>/dev/null; exit 1; }
wait_pane() {
	for _ in $(seq 1 150); do
		tm capture-pane -p -S -50 -t t 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	fail "pane never showed \"$1\""
}

"$B/src/lxc/tools/lxc-create" -P "$P" -n fg -t busybox -- --tty 1 >/dev/null ||
	fail "lxc-create failed"
tm new-session -d -s t -x 100 -y 30 \
	"$B/src/lxc/tools/lxc-start -P $P -n fg -F; echo lxc-start-exited=\$?; sleep 60" ||
	{ echo "tmux cannot start a session"; exit 77; }
wait_pane 'fg login:'
tm send-keys -t t 'root' Enter
wait_pane '(~ #|/ #)'
tm send-keys -t t 'echo inside-$(hostname)-$((6*7))' Enter
wait_pane 'inside-fg-42'
echo "ok - console on the caller's terminal, login and shell work"
"$B/src/lxc/tools/lxc-stop" -P "$P" -n fg -k || fail "lxc-stop failed"
wait_pane 'lxc-start-exited='
echo "ok - lxc-start -F returns when the container stops"
exit 0
