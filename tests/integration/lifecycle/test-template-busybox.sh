#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The busybox template: rootfs layout, applet links, inittab gettys, passwd/group, hostname,
# the config it appends, and clear errors for a missing or unusable busybox.
set -u
TEMPLATE="$1"
T=$(mktemp -d /tmp/lxc-test-template.XXXXXX)
trap 'rm -rf --one-file-system "$T"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
expect() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

"$TEMPLATE" --path "$T/c1" --name c1 --rootfs "$T/c1/rootfs" --tty 3 >"$T/out" 2>&1 ||
	{ cat "$T/out"; bad "template runs"; exit 1; }
R=$T/c1/rootfs
expect "busybox copied" '[ -x "$R/bin/busybox" ]'
expect "init applet linked" '[ "$(readlink "$R/sbin/init")" = /bin/busybox ]'
expect "sh applet linked" '[ -L "$R/bin/sh" ]'
expect "three getty lines" '[ "$(grep -c "^tty[0-9]::respawn:/sbin/getty" "$R/etc/inittab")" = 3 ]'
expect "console getty" 'grep -q "^::respawn:/sbin/getty -L console" "$R/etc/inittab"'
expect "root in passwd" 'grep -q "^root:x:0:0:" "$R/etc/passwd"'
expect "root in group" 'grep -q "^root:x:0:" "$R/etc/group"'
expect "hostname" '[ "$(cat "$R/etc/hostname")" = c1 ]'
expect "syslogd started at boot" 'grep -q syslogd "$R/etc/init.d/rcS"'
expect "config: rootfs" 'grep -qx "lxc.rootfs.path = dir:$R" "$T/c1/config"'
expect "config: uts name" 'grep -qx "lxc.uts.name = c1" "$T/c1/config"'
expect "config: halt signal" 'grep -qx "lxc.signal.halt = SIGUSR1" "$T/c1/config"'
expect "config: tty.max" 'grep -qx "lxc.tty.max = 3" "$T/c1/config"'
expect "config: pty.max" 'grep -q "^lxc.pty.max = " "$T/c1/config"'
expect "config: mount.auto" 'grep -q "^lxc.mount.auto = " "$T/c1/config"'
# The rootfs is self-contained: its shell runs under chroot (read-only commands only).
expect "rootfs shell runs" '[ "$(chroot "$R" /bin/sh -c "cat /etc/hostname")" = c1 ]'

"$TEMPLATE" --path "$T/c2" --name c2 --busybox-path /nonexistent/busybox >"$T/err" 2>&1
expect "missing busybox fails" '[ $? -ne 0 ] && grep -q "is not an executable file" "$T/err"'
expect "nothing created for a missing busybox" '[ ! -e "$T/c2/rootfs" ]'
"$TEMPLATE" --path "$T/c3" --name c3 --busybox-path /bin/true >"$T/err" 2>&1
expect "non-busybox binary fails clearly" '[ $? -ne 0 ] && grep -q "lacks the \"init\" applet" "$T/err"'
"$TEMPLATE" --name c4 >"$T/err" 2>&1
expect "missing --path fails" '[ $? -ne 0 ] && grep -q "missing --path" "$T/err"'
exit $fail
