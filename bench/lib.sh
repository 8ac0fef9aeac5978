# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared helpers for the bench/*.sh scripts (sourced, not run): the build tree's environment, a
# temporary lxcpath, busybox containers, cleanup of everything started, medians and ratios.
# The sourcing script sets "build" (the build directory) before sourcing this file.

bench_die() {
	echo "$0: $*" >&2
	exit 1
}

# Build tree environment: the tools, liblxc and lxc-monitor-exec of "$build", not the host's.
bench_env() {
	[ -d "$build" ] || bench_die "build directory \"$build\" not found"
	build=$(cd "$build" && pwd)
	[ -x "$build/src/lxc/tools/lxc-start" ] || bench_die "\"$build\" is not built (ninja -C $build)"
	[ -x "$build/bench/bench-time" ] || bench_die "\"$build/bench/bench-time\" missing (ninja -C $build)"
	if command -v meson >/dev/null 2>&1 && dump=$(meson devenv -C "$build" --dump 2>/dev/null); then
		set +u # the dump expands $PATH and $LD_LIBRARY_PATH, possibly unset
		eval "$dump"
		set -u
		LD_LIBRARY_PATH=${LD_LIBRARY_PATH%:} # no empty entry (the current directory)
	else
		PATH="$build/src/lxc/tools:$PATH"
		LD_LIBRARY_PATH="$build/src/lxc${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
		LXC_LIBEXEC_DIR="$build/src/lxc/cmd"
		LXC_GLOBAL_CONF="$build/config/devenv-lxc.conf"
		export PATH LD_LIBRARY_PATH LXC_LIBEXEC_DIR LXC_GLOBAL_CONF
	fi
	bt="$build/bench/bench-time"
	[ "$(id -u)" = 0 ] || bench_die "needs root (containers are privileged)"
	command -v busybox >/dev/null 2>&1 || bench_die "needs busybox on PATH (busybox-static)"
}

# PIDs of the "[lxc monitor] LXCPATH NAME" processes of our lxcpath (NAME optional).
bench_monitor_pids() {
	for f in /proc/[0-9]*/cmdline; do
		cmd=$(tr '\0' ' ' 2>/dev/null <"$f") || continue
		case "$cmd" in
		"[lxc monitor] $lxcpath ${1:-}"*)
			p=${f#/proc/}
			echo "${p%/cmdline}" ;;
		esac
	done
}

# Stop every container of our lxcpath, then kill any monitor left and remove the lxcpath.
bench_cleanup() {
	[ -n "${lxcpath:-}" ] && [ -d "$lxcpath" ] || return 0
	for c in $(lxc-ls -P "$lxcpath" --active -1 2>/dev/null); do
		lxc-stop -P "$lxcpath" -n "$c" -k >/dev/null 2>&1 || true
	done
	# lxc-stop returns at STOPPED, before the monitor has removed its cgroups: give the
	# monitors time to finish (a SIGKILL now would leave lxc.monitor.NAME behind).
	i=0
	while [ -n "$(bench_monitor_pids)" ] && [ "$i" -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	for p in $(bench_monitor_pids); do
		echo "$0: warning: killing monitor $p that did not exit" >&2
		kill -9 "$p" 2>/dev/null || true
	done
	sleep 0.1
	if grep -q " $lxcpath/" /proc/self/mounts; then
		echo "$0: warning: mounts left under $lxcpath:" >&2
		grep " $lxcpath/" /proc/self/mounts >&2
	else
		rm -rf --one-file-system "$lxcpath"
	fi
	rm -rf --one-file-system "/run/lxc/lock/$lxcpath" 2>/dev/null || true
}

# A temporary lxcpath, cleaned up at exit even on failure or interruption.
bench_lxcpath() {
	lxcpath=$(mktemp -d "${TMPDIR:-/tmp}/lxc-bench-XXXXXX")
	trap 'bench_cleanup' EXIT
	trap 'exit 130' INT TERM HUP PIPE
}

# bench_container NAME: LXCPATH/NAME with a busybox rootfs (lxc.net.0.type = empty).
bench_container() {
	mkdir "$lxcpath/$1"
	echo "lxc.net.0.type = empty" >"$lxcpath/$1/config"
	"$build/templates/lxc-busybox" --path "$lxcpath/$1" --name "$1" \
		--rootfs "$lxcpath/$1/rootfs" --tty 1 >/dev/null ||
		bench_die "lxc-busybox failed for \"$1\""
}

# bench_clone SRC DST: a copy of a stopped container with its own rootfs (what lxc-copy does).
bench_clone() {
	cp -a "$lxcpath/$1" "$lxcpath/$2"
	sed -e "s|$lxcpath/$1/rootfs|$lxcpath/$2/rootfs|" -e "s|^lxc.uts.name = $1\$|lxc.uts.name = $2|" \
		"$lxcpath/$1/config" >"$lxcpath/$2/config"
}

# bench_median FILE: the median of the numbers in FILE, one per line.
bench_median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_ratio A B: A / B to two decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f\n", a / b; else print "inf" }'
}

# bench_verdict RATIO LIMIT: PASS if RATIO <= LIMIT, else MISS.
bench_verdict() {
	awk -v r="$1" -v l="$2" 'BEGIN { print (r != "inf" && r <= l) ? "PASS" : "MISS" }'
}

# bench_times N OUT CMD...: run "bench-time CMD..." N times, one figure per line into OUT.
bench_times() {
	n=$1 out=$2
	shift 2
	: >"$out"
	i=0
	while [ "$i" -lt "$n" ]; do
		"$bt" "$@" >>"$out" || bench_die "run $((i + 1)) failed: $*"
		i=$((i + 1))
	done
}
