#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Lifecycle audit, error paths: invalid names for lxc-create/start/destroy change nothing, a
# bad template, a missing rootfs, starting a running container, stopping a stopped one,
# destroying a running one without -f, and two lxc-start at once (exactly one wins).
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

make_busybox "$P" b1
snapshot() {
	(cd "$TMP" && find . -path ./.out -prune -o -path ./.err -prune -o -print | sort)
}
BEFORE=$(snapshot)

LONG=$(printf 'x%.0s' $(seq 300))
check_name() {
	local name=$1 why=$2 tool

	for tool in "lxc-create -t busybox" lxc-start lxc-destroy; do
		run $tool -n "$name" -P "$P"
		expect_eq "$tool -n \"${name:0:12}\": exit code" "$RC" 1
		expect_eq "$tool -n \"${name:0:12}\": first line" "$(printf '%s\n' "$ERR" | head -n1)" \
			"${tool%% *}: Invalid container name \"$name\": $why"
	done
}
check_name "" "the name is empty"
check_name "/" "it contains \"/\""
check_name ".." "\".\" and \"..\" are reserved"
check_name "a/b" "it contains \"/\""
check_name "$LONG" "it is longer than 254 bytes"
expect_eq "invalid names created or changed nothing" "$(snapshot)" "$BEFORE"

# A template that does not exist: exit 1, nothing left behind.
run lxc-create -n bad -t nosuchtemplate -P "$P"
expect_eq "bad template: exit code" "$RC" 1
expect_eq "bad template: message" "$ERR" "lxc-create: Failed to create container \"bad\": \
template \"nosuchtemplate\" not found (no file \"$LXC_TEMPLATE_DIR/lxc-nosuchtemplate\")"
[ ! -e "$P/bad" ] || fail "a failed lxc-create left \"$P/bad\""

# A missing rootfs: lxc-start exits with the errno (ENOENT, 2), naming the step and path.
mkdir -p "$P/mr"
printf 'lxc.rootfs.path = dir:%s/nonexistent\nlxc.uts.name = mr\n' "$P/mr" >"$P/mr/config"
at_exit "lxc-stop -n mr -P '$P' -k"
run lxc-start -n mr -P "$P"
expect_eq "missing rootfs: exit code" "$RC" 2
expect_eq "missing rootfs: first line" "$(printf '%s\n' "$ERR" | head -n1)" \
	"lxc-start: Failed to start container \"mr\": rootfs: Failed to mount rootfs \"$P/mr/nonexistent\": No such file or directory"
expect_match "missing rootfs: summary" "$ERR" '^lxc-start: The container failed to start$'
run lxc-info -n mr -P "$P" -s -H
expect_eq "missing rootfs: stays STOPPED" "$OUT" "STOPPED"

# Stopping a stopped container: 2 (lxc-stop(1): "exists but was not running").
run lxc-stop -n b1 -P "$P"
expect_eq "stop a stopped container: exit code" "$RC" 2
expect_eq "stop a stopped container: message" "$ERR" "lxc-stop: b1 is not running"
run lxc-stop -n b1 -P "$P" -k
expect_eq "stop -k a stopped container: exit code" "$RC" 2

# Two lxc-start at once: exactly one container init runs; the loser says why.
lxc-start -n b1 -P "$P" >"$TMP/s1.out" 2>"$TMP/s1.err" &
S1=$!
lxc-start -n b1 -P "$P" >"$TMP/s2.out" 2>"$TMP/s2.err" &
S2=$!
set +e
wait $S1; R1=$?
wait $S2; R2=$?
set -e
run lxc-info -n b1 -P "$P" -s -H
expect_eq "concurrent start: RUNNING" "$OUT" "RUNNING"
PID=$(init_pid b1)
expect_eq "concurrent start: one monitor" "$(pgrep -c -f -x "\[lxc monitor\] $P b1")" 1
# The loser either saw the winner running (exit 0, "already running", as LXC) or lost the
# race for the command socket (EBUSY, 16).
LOSER=""
for i in 1 2; do
	r=$([ $i = 1 ] && echo $R1 || echo $R2)
	e=$(cat "$TMP/s$i.err")
	if [ -n "$e" ]; then
		LOSER=$i
		case "$r" in
		0) expect_eq "concurrent start: loser $i message" "$e" \
			"lxc-start: Container is already running." ;;
		16) expect_eq "concurrent start: loser $i cause" "$(printf '%s\n' "$e" | head -n1)" \
			"lxc-start: Failed to start container \"b1\": Container \"b1\" is already running" ;;
		*) fail "concurrent start: loser $i exit code $r: $e" ;;
		esac
	else
		expect_eq "concurrent start: winner $i exit code" "$r" 0
	fi
done
[ -n "$LOSER" ] || fail "concurrent start: both lxc-start claim to have started b1"

# Starting a running container: exit 0 with a message, as LXC; the init is unchanged.
run lxc-start -n b1 -P "$P"
expect_eq "start a running container: exit code" "$RC" 0
expect_eq "start a running container: message" "$ERR" "lxc-start: Container is already running."
expect_eq "start a running container: same init" "$(init_pid b1)" "$PID"

# lxc-destroy refuses a running container without -f and changes nothing.
run lxc-destroy -n b1 -P "$P"
expect_eq "destroy running: exit code" "$RC" 1
expect_eq "destroy running: message" "$ERR" \
	"lxc-destroy: Container \"b1\" is running; stop it first or use -f"
[ -f "$P/b1/config" ] && [ -d "$P/b1/rootfs/bin" ] || fail "destroy without -f removed files"
expect_eq "destroy running: still running" "$(lxc-info -n b1 -P "$P" -s -H)" "RUNNING"
run lxc-destroy -n b1 -P "$P" -f
expect_eq "destroy -f running: exit code" "$RC" 0
[ ! -e "$P/b1" ] || fail "destroy -f left \"$P/b1\""
kill -0 "$PID" 2>/dev/null && fail "destroy -f left the init $PID running"

finish
