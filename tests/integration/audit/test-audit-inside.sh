#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Lifecycle audit, the running container as configured: mount entries (create=dir, relative
# target, tmpfs, optional missing source), /dev and devpts, ttys with lxc.tty.max/tty.dir,
# lxc.environment, lxc.prlimit, lxc.sysctl, lxc.proc.oom_score_adj, the hooks' environment,
# lxc.rootfs.readonly and "ro" in lxc.rootfs.options, lxc.init.cwd/uid/gid.
set -eu
. "$(dirname "$0")/lib.sh"
need_containers

make_busybox "$P" b1
R="$P/b1/rootfs"
mkdir -p "$TMP/src" "$TMP/hooks"
echo from-host >"$TMP/src/file"
# Version 0 hooks get NAME SECTION TYPE; each records its arguments and LXC_* variables.
printf '#!/bin/sh\n{ echo "args=$*"; env | grep "^LXC_" | sort; } >"%s/$3"\n' "$TMP/hooks" \
	>"$TMP/hook"
chmod +x "$TMP/hook"
cat >>"$P/b1/config" <<CONF
lxc.mount.entry = $TMP/src mnt/a/b none bind,create=dir 0 0
lxc.mount.entry = tmpfs media/t tmpfs create=dir,size=1m 0 0
lxc.mount.entry = /nonexistent-audit-source mnt/opt none bind,optional,create=dir 0 0
lxc.tty.max = 2
lxc.tty.dir = lxc
lxc.environment = AUDIT_VAR=hello world
lxc.prlimit.nofile = 1234:2345
lxc.sysctl.kernel.msgmax = 12345
lxc.proc.oom_score_adj = 345
lxc.hook.pre-start = $TMP/hook
lxc.hook.pre-mount = $TMP/hook
lxc.hook.mount = $TMP/hook
lxc.hook.autodev = $TMP/hook
lxc.hook.start-host = $TMP/hook
lxc.hook.post-stop = $TMP/hook
lxc.rootfs.readonly = 1
CONF

run lxc-info -n b1 -P "$P" -c lxc.rootfs.readonly -H
expect_eq "lxc.rootfs.readonly read back" "$OUT" "1"

run lxc-start -n b1 -P "$P"
expect_eq "start: exit code" "$RC" 0
PID=$(init_pid b1)
wait_booted "$PID"

# Mount entries: a bind with create=dir and a relative target, a tmpfs, an optional entry
# whose source is missing (skipped, its directory still created).
expect_eq "bind entry content" "$(inside b1 cat /mnt/a/b/file)" "from-host"
MOUNTS=$(inside b1 cat /proc/self/mounts)
expect_match "tmpfs entry" "$MOUNTS" '^tmpfs /media/t tmpfs rw,relatime,size=1024k 0 0$'
if printf '%s\n' "$MOUNTS" | grep -q ' /mnt/opt '; then
	fail "optional entry with a missing source was mounted"
fi
[ -d "$R/mnt/opt" ] || fail "optional entry: create=dir did not create mnt/opt"

# lxc.rootfs.readonly: / is read-only (EROFS) while /dev, tmpfs entries and the bind stay
# writable.
expect_match "rootfs mounted ro" "$MOUNTS" '^[^ ]+ / [^ ]+ ro,'
run inside b1 touch /audit-x
expect_eq "write to / fails" "$RC" 1
expect_eq "write to /: EROFS" "$ERR" "touch: /audit-x: Read-only file system"
run inside b1 /bin/sh -c 'touch /dev/x /dev/shm/x /media/t/x /mnt/a/b/x && echo writable'
expect_eq "writable mounts on a read-only root" "$OUT" "writable"

# /dev: the autodev nodes, links and a private devpts.
expect_eq "/dev entries" "$(inside b1 ls /dev | tr '\n' ' ')" \
	"console fd full log lxc mqueue null ptmx pts random shm stderr stdin stdout tty tty1 tty2 urandom x zero "
for n in null:1,3 zero:1,5 full:1,7 random:1,8 urandom:1,9 tty:5,0; do
	expect_eq "/dev/${n%%:*} numbers" \
		"$(inside b1 stat -c '%F %t,%T' "/dev/${n%%:*}")" "character special file ${n#*:}"
done
expect_eq "/dev/ptmx" "$(inside b1 readlink /dev/ptmx)" "pts/ptmx"
expect_eq "/dev/fd" "$(inside b1 readlink /dev/fd)" "/proc/self/fd"
expect_eq "/dev/stdin" "$(inside b1 readlink /dev/stdin)" "/proc/self/fd/0"
expect_eq "/dev/stdout" "$(inside b1 readlink /dev/stdout)" "/proc/self/fd/1"
expect_eq "/dev/stderr" "$(inside b1 readlink /dev/stderr)" "/proc/self/fd/2"
expect_match "devpts on /dev/pts" "$MOUNTS" '^devpts /dev/pts devpts [^ ]*ptmxmode=666'
expect_match "console bound" "$MOUNTS" '^devpts /dev/console devpts '
# ttys: lxc.tty.max = 2 under lxc.tty.dir = lxc, /dev/ttyN linking there.
expect_eq "tty dir" "$(inside b1 ls /dev/lxc | tr '\n' ' ')" "console tty1 tty2 "
expect_eq "tty1 link" "$(inside b1 readlink /dev/tty1)" "lxc/tty1"
expect_eq "tty2 link" "$(inside b1 readlink /dev/tty2)" "lxc/tty2"
expect_eq "container_ttys" "$(tr '\0' '\n' <"/proc/$PID/environ" | grep '^container_ttys=')" \
	"container_ttys=lxc/tty1 lxc/tty2"

# lxc.environment reaches the init; prlimit, sysctl and oom_score_adj are applied.
expect_eq "lxc.environment" "$(tr '\0' '\n' <"/proc/$PID/environ" | grep '^AUDIT_VAR=')" \
	"AUDIT_VAR=hello world"
expect_eq "prlimit nofile" "$(awk '/^Max open files/{print $4, $5}' "/proc/$PID/limits")" \
	"1234 2345"
expect_eq "sysctl" "$(inside b1 cat /proc/sys/kernel/msgmax)" "12345"
expect_eq "oom_score_adj" "$(cat "/proc/$PID/oom_score_adj")" "345"

run lxc-stop -n b1 -P "$P" -k
expect_eq "stop: exit code" "$RC" 0

# The hooks ran with LXC's environment.
for h in pre-start pre-mount mount autodev start-host post-stop; do
	if [ ! -f "$TMP/hooks/$h" ]; then
		fail "hook $h did not run"
		continue
	fi
	H=$(cat "$TMP/hooks/$h")
	expect_eq "hook $h: args" "$(printf '%s\n' "$H" | head -n1)" "args=b1 lxc $h"
	expect_match "hook $h: LXC_NAME" "$H" '^LXC_NAME=b1$'
	expect_match "hook $h: LXC_CONFIG_FILE" "$H" "^LXC_CONFIG_FILE=$P/b1/config\$"
	expect_match "hook $h: LXC_ROOTFS_PATH" "$H" "^LXC_ROOTFS_PATH=dir:$R\$"
	expect_match "hook $h: LXC_ROOTFS_MOUNT" "$H" '^LXC_ROOTFS_MOUNT=/run/lxc/rootfs$'
	expect_match "hook $h: LXC_HOOK_VERSION" "$H" '^LXC_HOOK_VERSION=0$'
done
expect_match "post-stop LXC_TARGET" "$(cat "$TMP/hooks/post-stop" 2>/dev/null)" \
	'^LXC_TARGET=stop$'

# "ro" in lxc.rootfs.options has the same effect; without either, / is writable. lxc.init.cwd,
# uid and gid apply to the command.
sed -i '/^lxc.rootfs.readonly/d; /^lxc.hook/d' "$P/b1/config"
run lxc-info -n b1 -P "$P" -c lxc.rootfs.readonly -H
expect_eq "lxc.rootfs.readonly unset prints 0" "$OUT" "0"
run lxc-execute -n b1 -P "$P" -s lxc.rootfs.options=ro -- /bin/sh -c \
	'grep " / " /proc/self/mounts | cut -d" " -f4 | cut -d, -f1; touch /audit-y'
expect_eq "options=ro: exit code" "$RC" 1
expect_eq "options=ro: mounted ro" "$OUT" "ro"
expect_eq "options=ro: EROFS" "$ERR" "touch: /audit-y: Read-only file system"
run lxc-execute -n b1 -P "$P" -s lxc.init.cwd=/tmp -s lxc.init.uid=1000 -s lxc.init.gid=1001 \
	-- /bin/sh -c 'pwd; id -u; id -g; touch /tmp/audit-z'
expect_eq "init cwd/uid/gid" "$OUT" "/tmp
1000
1001"
expect_eq "writable root by default" "$RC" 0
[ -f "$R/tmp/audit-z" ] || fail "the write to the writable root did not reach the rootfs"

finish
