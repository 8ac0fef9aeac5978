#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs everything needed to build and test on Debian 12 (run as root). Idempotent.
set -euo pipefail
pkgs=(
	meson ninja-build gcc pkg-config
	libc6-dev # libc.a: lxc-init and lxc-monitor-exec are linked statically
	libcap-dev libseccomp-dev libapparmor-dev libselinux1-dev libssl-dev libjson-c-dev
	libcmocka-dev scdoc man-db groff-base
	busybox-static iproute2 tmux uidmap util-linux
	clang libclang-rt-14-dev
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "Installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
