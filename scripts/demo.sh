#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The main job, from a fresh Debian 12 machine (as root): install dependencies, build, then
# create a busybox container with the shipped default config in a temporary lxcpath, start it,
# look at it with lxc-info and lxc-ls, run a command inside, stop it and destroy it. Finally
# show how an old LXC 2.x config is accepted and migrated. Everything comes from the build
# tree; nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh >/dev/null
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}" PKG_CONFIG_PATH="${PKG_CONFIG_PATH:-}"
eval "$(meson devenv -C build --dump)"

P=$(mktemp -d /tmp/lxc-demo.XXXXXX)
cleanup() {
	lxc-stop -P "$P" -n demo -k >/dev/null 2>&1 || true
	rm -rf --one-file-system "$P"
}
trap cleanup EXIT
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step lxc-create -P "$P" -n demo -t busybox
step lxc-start -P "$P" -n demo
step lxc-wait -P "$P" -n demo -s RUNNING -t 10
step lxc-info -P "$P" -n demo
step lxc-ls -P "$P" -f
if [ -x build/src/lxc/tools/lxc-attach ]; then
	step lxc-attach -P "$P" -n demo -- sh -c 'echo "hello from $(hostname), pid 1 is $(cat /proc/1/comm)"'
else
	step lxc-execute -P "$P" -n demo-exec -f "$P/demo/config" -- sh -c 'echo "hello from $(hostname)"'
fi
step lxc-stop -P "$P" -n demo
step lxc-info -P "$P" -n demo -s
step lxc-destroy -P "$P" -n demo

# An LXC 2.x style config: accepted with one warning per old key, and migrated on request.
mkdir -p "$P/old"
cat > "$P/old/config" <<CONFIG
lxc.utsname = old
lxc.rootfs = $P/old/rootfs
lxc.network.type = veth
lxc.network.link = br0
lxc.network.ipv4 = 192.0.2.10/24
CONFIG
step lxc-info -P "$P" -n old -c lxc.uts.name -c lxc.net.0.ipv4.address
step lxc-update-config -c "$P/old/config"
step cat "$P/old/config"
printf 'lxc.uts.name = typo\nlxc.net.0.type = veth\nlxc.net.0.lnk = br0\n' > "$P/old/config"
echo
echo "\$ lxc-info -P $P -n old        # with a typo in a key"
lxc-info -P "$P" -n old || echo "(exit status $?)"
