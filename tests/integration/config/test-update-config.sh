#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-update-config: migration of an LXC 2.x config, the backup, idempotence, permissions,
# help and failures. Usage: test-update-config.sh PATH-TO-lxc-update-config
set -eu

TOOL=$1
DIR=$(mktemp -d)
trap 'rm -rf --one-file-system "$DIR"' EXIT INT TERM
FAILED=0

fail() {
	echo "FAIL: $*" >&2
	FAILED=1
}

cat > "$DIR/config" <<'CONF'
# Distribution configuration
lxc.include = /usr/share/lxc/config/debian.common.conf
lxc.arch = amd64

lxc.rootfs = /var/lib/lxc/c1/rootfs
lxc.rootfs.backend = dir
lxc.utsname = c1
lxc.tty = 4
lxc.pts = 1024
  lxc.aa_profile=unconfined
lxc.network.type = veth
lxc.network.flags = up
lxc.network.link = lxcbr0
lxc.network.ipv4 = 10.0.3.2/24
lxc.network.ipv4.gateway = auto
lxc.network.type = veth
lxc.network.link = br1
lxc.network.2.type = macvlan
lxc.network.2.ipv6 = fd00::1/64
lxc.limit.nofile = 1024
lxc.kmsg = 0
lxc.console = none
#lxc.utsname = commented
lxc.mount.entry = proc proc proc defaults 0 0
lxc.mount = /var/lib/lxc/c1/fstab
lxc.haltsignal = SIGPWR
lxc.id_map = u 0 100000 65536
CONF

cat > "$DIR/expected" <<'CONF'
# Distribution configuration
lxc.include = /usr/share/lxc/config/debian.common.conf
lxc.arch = amd64

lxc.rootfs.path = /var/lib/lxc/c1/rootfs
lxc.uts.name = c1
lxc.tty.max = 4
lxc.pty.max = 1024
  lxc.apparmor.profile=unconfined
lxc.net.0.type = veth
lxc.net.0.flags = up
lxc.net.0.link = lxcbr0
lxc.net.0.ipv4.address = 10.0.3.2/24
lxc.net.0.ipv4.gateway = auto
lxc.net.1.type = veth
lxc.net.1.link = br1
lxc.net.2.type = macvlan
lxc.net.2.ipv6.address = fd00::1/64
lxc.prlimit.nofile = 1024
lxc.console.path = none
#lxc.utsname = commented
lxc.mount.entry = proc proc proc defaults 0 0
lxc.mount.fstab = /var/lib/lxc/c1/fstab
lxc.signal.halt = SIGPWR
lxc.idmap = u 0 100000 65536
CONF

cp "$DIR/config" "$DIR/original"
chmod 0600 "$DIR/config"

"$TOOL" -c "$DIR/config" || fail "exit status $? on a valid file"
cmp -s "$DIR/config" "$DIR/expected" || { fail "rewritten file differs"; diff -u "$DIR/expected" "$DIR/config" >&2 || true; }
cmp -s "$DIR/config.backup" "$DIR/original" || fail "backup differs from the original"
[ "$(stat -c %a "$DIR/config")" = 600 ] || fail "mode not kept: $(stat -c %a "$DIR/config")"
[ -z "$(find "$DIR" -name 'config.??????' ! -name config.backup)" ] || fail "temporary file left behind"

# A second run changes nothing.
"$TOOL" --config "$DIR/config" || fail "second run failed"
cmp -s "$DIR/config" "$DIR/expected" || fail "second run changed the file"

# A non-dir backend becomes the path prefix.
printf 'lxc.rootfs.backend = loop\nlxc.rootfs = /srv/c1.img\n' > "$DIR/loop"
"$TOOL" -c "$DIR/loop" || fail "loop backend file"
[ "$(cat "$DIR/loop")" = "lxc.rootfs.path = loop:/srv/c1.img" ] || fail "loop prefix: $(cat "$DIR/loop")"

# Help.
"$TOOL" --help > "$DIR/help" || fail "--help exit status"
grep -q -- "-c, --config=FILE" "$DIR/help" || fail "--help text"
"$TOOL" > "$DIR/help2" || fail "no arguments exit status"

# Failures: exit 1 with a message naming the file, nothing created.
if "$TOOL" -c "$DIR/missing" 2> "$DIR/err"; then
	fail "missing file succeeded"
else
	[ $? -eq 1 ] || fail "missing file: wrong exit status"
fi
grep -q "Failed to read \"$DIR/missing\": No such file or directory" "$DIR/err" || fail "missing file message: $(cat "$DIR/err")"
[ ! -e "$DIR/missing.backup" ] || fail "backup created for a missing file"
mkdir "$DIR/adir"
"$TOOL" -c "$DIR/adir" 2> "$DIR/err" && fail "directory accepted"
grep -q "Failed to read \"$DIR/adir\"" "$DIR/err" || fail "directory message: $(cat "$DIR/err")"
"$TOOL" --bogus 2> /dev/null && fail "unknown option accepted"

if [ $FAILED -ne 0 ]; then
	exit 1
fi
echo "ok"
