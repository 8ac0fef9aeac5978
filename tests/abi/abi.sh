#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# ABI checks of the built library. Usage: abi.sh layout|pkgconfig|symbols BUILDDIR SRCDIR
#   layout     install into a temporary destdir, compile abi_layout.c against the installed
#              headers and run it
#   pkgconfig  the same, but compile abi_pkgconfig.c with `pkg-config --cflags --libs lxc`
#              from the destdir and run it against the installed library
#   symbols    the dynamic symbols liblxc.so.1 defines equal exactly the names in liblxc.sym
set -eu

mode=$1
build=$2
src=$3
CC=${CC:-cc}

tmp=$(mktemp -d)
trap 'rm -rf --one-file-system "$tmp"' EXIT

# prefix and libdir of the build, from meson's introspection.
option() {
	meson introspect "$build" --buildoptions | python3 -c '
import json, sys
for o in json.load(sys.stdin):
    if o["name"] == sys.argv[1]:
        print(o["value"])' "$1"
}

install_tree() {
	meson install -C "$build" --destdir "$tmp/dest" --no-rebuild --quiet \
		>"$tmp/install.log" 2>&1 || {
		cat "$tmp/install.log" >&2
		echo "Failed to install the build into \"$tmp/dest\"" >&2
		exit 1
	}
	prefix=$(option prefix)
	libdir=$(option libdir)
	case "$libdir" in
	/*) ;;
	*) libdir="$prefix/$libdir" ;;
	esac
	includedir=$(option includedir)
	case "$includedir" in
	/*) ;;
	*) includedir="$prefix/$includedir" ;;
	esac
}

case "$mode" in
layout)
	install_tree
	$CC -std=gnu11 -Wall -Werror -I"$tmp/dest$includedir" "$src/abi_layout.c" \
		-o "$tmp/abi_layout"
	"$tmp/abi_layout"
	;;
pkgconfig)
	install_tree
	pcdir="$tmp/dest$libdir/pkgconfig"
	[ -f "$pcdir/lxc.pc" ] || { echo "lxc.pc was not installed in \"$pcdir\"" >&2; exit 1; }
	flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --define-variable=prefix="$tmp/dest$prefix" \
		--cflags --libs lxc)
	echo "pkg-config: $flags"
	# shellcheck disable=SC2086
	$CC -std=gnu11 -Wall -Werror "$src/abi_pkgconfig.c" -o "$tmp/abi_pkgconfig" $flags
	mkdir "$tmp/lxcpath"
	LD_LIBRARY_PATH="$tmp/dest$libdir" "$tmp/abi_pkgconfig" "$tmp/lxcpath"
	# it must have used the installed library
	LD_LIBRARY_PATH="$tmp/dest$libdir" ldd "$tmp/abi_pkgconfig" |
		grep -q "$tmp/dest$libdir/liblxc.so.1" || {
		echo "The test program did not load the installed liblxc.so.1" >&2
		exit 1
	}
	;;
symbols)
	lib="$build/src/lxc/liblxc.so.1"
	sym="${LXC_TEST_SRCDIR:-$src/../..}/src/lxc/liblxc.sym"
	nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWiu]$/ { print $3 }' | sed 's/@.*//' |
		sort -u >"$tmp/exported"
	sed -n '/global:/,/local:/p' "$sym" |
		sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);.*/\1/p' | sort -u >"$tmp/wanted"
	if [ "$(wc -l <"$tmp/wanted")" -ne 15 ]; then
		echo "liblxc.sym lists $(wc -l <"$tmp/wanted") names, expected 15" >&2
		exit 1
	fi
	if ! diff -u "$tmp/wanted" "$tmp/exported"; then
		echo "liblxc.so.1 exports differ from liblxc.sym (- missing, + extra)" >&2
		exit 1
	fi
	echo "liblxc.so.1 exports exactly the 15 symbols of liblxc.sym"
	;;
*)
	echo "Unknown mode \"$mode\"" >&2
	exit 2
	;;
esac
