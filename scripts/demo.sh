#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The main job, from a fresh Debian 12 machine: install dependencies, build, then show what the
# project does today with a real container definition in a temporary lxcpath — load an old
# LXC 2.x style config (legacy keys are accepted, warned about once and migrated), read values
# back through the C API, migrate the file with lxc-update-config, and show the error a typo
# gets. Container start/stop come with the lifecycle work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh >/dev/null
eval "$(meson devenv -C build --dump)"

P=$(mktemp -d /tmp/lxc-demo.XXXXXX)
trap 'rm -rf --one-file-system "$P"' EXIT
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

mkdir -p "$P/web/rootfs" "$P/broken"
cat > "$P/web/config" <<CONFIG
# A container config as many older guides still write it
lxc.utsname = web
lxc.rootfs = $P/web/rootfs
lxc.network.type = veth
lxc.network.link = br0
lxc.network.flags = up
lxc.network.hwaddr = 00:16:3e:xx:xx:xx
lxc.network.ipv4 = 192.0.2.10/24
lxc.network.ipv6 = 2001:db8::10/64
lxc.cgroup.memory.limit_in_bytes = 256M
lxc.cap.drop = sys_module mac_admin
CONFIG
printf 'lxc.uts.name = broken\nlxc.net.0.type = veth\nlxc.net.0.lnk = br0\n' > "$P/broken/config"

step lxc-config lxc.lxcpath
step lxc-ls -P "$P" -1
step lxc-info -P "$P" -n web -c lxc.uts.name -c lxc.rootfs.path -c lxc.net.0.ipv4.address \
	-c lxc.net.0.ipv6.address -c lxc.cgroup.memory.limit_in_bytes
step lxc-update-config -c "$P/web/config"
step cat "$P/web/config"
echo
echo "\$ lxc-info -P $P -n broken   # a typo in a key"
lxc-info -P "$P" -n broken || echo "(exit status $?)"
