#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# lxc-config: the key list, values from the build tree's and a temporary lxc.conf, unset keys,
# unknown keys, a broken lxc.conf, help.
set -eu
. "$(dirname "$0")/lib.sh"

run lxc-config -l
expect_eq "-l exit code" "$RC" 0
expect_eq "-l lists the keys" "$OUT" "lxc.default_config
lxc.lxcpath
lxc.bdev.lvm.vg
lxc.bdev.lvm.thin_pool
lxc.bdev.zfs.root
lxc.bdev.rbd.rbdpool
lxc.cgroup.use
lxc.cgroup.pattern"

run lxc-config lxc.default_config
expect_eq "default_config from the devenv lxc.conf" "$OUT" "$LXC_TEST_BUILDDIR/config/default.conf"

cat >"$TMP/lxc.conf" <<CONF
# test system config
lxc.lxcpath = $TMP/containers///
lxc.bdev.lvm.vg=vg0
lxc.cgroup.pattern = lxc/%n
CONF
export LXC_GLOBAL_CONF="$TMP/lxc.conf"
run lxc-config lxc.lxcpath
expect_eq "lxcpath exit code" "$RC" 0
expect_eq "lxcpath without trailing slashes" "$OUT" "$TMP/containers"
run lxc-config lxc.bdev.lvm.vg
expect_eq "lvm.vg" "$OUT" "vg0"
run lxc-config lxc.cgroup.pattern
expect_eq "cgroup.pattern" "$OUT" "lxc/%n"
run lxc-config lxc.bdev.zfs.root
expect_eq "zfs.root default" "$OUT" "lxc"
run lxc-config lxc.cgroup.use
expect_eq "unset key exit code" "$RC" 0
expect_eq "unset key" "$OUT" "lxc.cgroup.use is not set."

run lxc-config lxc.nosuch
expect_eq "unknown item exit code" "$RC" 1
expect_eq "unknown item stdout" "$OUT" ""
expect_eq "unknown item message" "$ERR" "Unknown configuration item: lxc.nosuch"

printf 'lxc.bdev.lvm.vg = vg0\nlxc.lxpath = /x\n' >"$TMP/lxc.conf"
run lxc-config lxc.lxcpath
expect_eq "broken lxc.conf exit code" "$RC" 1
expect_eq "broken lxc.conf stdout" "$OUT" ""
expect_eq "broken lxc.conf message" "$ERR" \
	"lxc-config: $TMP/lxc.conf:2: Unknown key \"lxc.lxpath\" (did you mean \"lxc.lxcpath\"?)"

run lxc-config --help
expect_eq "--help exit code" "$RC" 0
expect_match "--help usage" "$OUT" '^Usage: lxc-config -l     list the keys of the system configuration$'
run lxc-config
expect_eq "no argument exit code" "$RC" 0
expect_match "no argument usage" "$OUT" '^       lxc-config KEY    print the value of KEY$'

finish
