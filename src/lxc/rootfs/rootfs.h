/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file system half of the container init: everything done in the container's new mount
 * namespace before execve (propagation, rootfs bind, fstab and mount entries, lxc.mount.auto,
 * autodev and devpts, console and tty binds, pivot_root). The lifecycle calls the steps in
 * order and runs hooks between them. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "config/conf.h"
#include "rootfs/error.h"

/* Step names recorded in struct lxc_error.step. */
#define ROOTFS_STEP_PROPAGATION "propagation"
#define ROOTFS_STEP_ROOTFS	"rootfs"
#define ROOTFS_STEP_MOUNTS	"mount entry"
#define ROOTFS_STEP_AUTO	"mount.auto"
#define ROOTFS_STEP_DEV		"autodev"
#define ROOTFS_STEP_CONSOLE	"console"
#define ROOTFS_STEP_PIVOT	"pivot_root"

/* The rootfs mount point when neither ctx->mount_point nor lxc.rootfs.mount is set:
 * RUNDIR/rootfs, i.e. /run/lxc/rootfs for root ($XDG_RUNTIME_DIR/lxc/rootfs otherwise; see
 * paths_rundir()). It is only a mount point: it is created if missing and every mount on it
 * lives in the container's private mount namespace, so all containers can share it. */
#define ROOTFS_DEFAULT_MOUNT_NAME "rootfs"

/* lxc.rootfs.mount, else RUNDIR/ROOTFS_DEFAULT_MOUNT_NAME (malloc'd): the mount point a start
 * uses without ctx->mount_point, and LXC_ROOTFS_MOUNT for hooks. 0 or -errno. */
int rootfs_mount_point(const struct lxc_conf *conf, char **ret);

struct rootfs_ctx {
	/* Inputs, set by the caller before rootfs_prepare_propagation(); not owned. */
	const struct lxc_conf *conf;
	const char *name; /* container name */
	const char *lxcpath;
	const char *mount_point;      /* NULL: lxc.rootfs.mount, else the default above */
	const char *console_path;     /* host path of the console pty peer (/dev/pts/N), NULL:
				       * no console (or lxc.console.path = none) */
	const char *const *tty_paths; /* n_ttys host pty peers for /dev/tty1..N (tty.max) */
	size_t n_ttys;
	bool userns; /* running in a new user namespace */
	bool netns;  /* private network namespace: keep /proc/sys/net and
		      * /sys/devices/virtual/net writable in the mixed modes */

	/* State, owned by the context (released by rootfs_ctx_fini). */
	char *root;	  /* the mount point in use, NULL with no lxc.rootfs.path */
	int root_fd;	  /* O_PATH fd of the mounted rootfs, -EBADF before */
	int console_fd;	  /* O_PATH fds of console/ttys, opened by propagation so */
	int *tty_fds;	  /* they stay reachable after /dev is covered */
	bool kernfs_done; /* proc/sys of lxc.mount.auto mounted */
	bool dev_mounted; /* the autodev tmpfs is on /dev */
};

/* Initialise ctx (all state empty, fds -EBADF); the caller then fills the inputs. */
void rootfs_ctx_init(struct rootfs_ctx *ctx);
/* Close fds and free state. Does not unmount anything (the namespace goes away). */
void rootfs_ctx_fini(struct rootfs_ctx *ctx);

/* Each step returns 0 or -errno and, on failure, fills *err (step + message naming the
 * object). Call them in this order, in the new mount namespace, as (namespaced) root. */

/* Make every mount under / recursively slave so nothing propagates to the host, and open
 * the console/tty pty peers (O_PATH) while the host's /dev is still visible. */
int rootfs_prepare_propagation(struct rootfs_ctx *ctx, struct lxc_error *err);

/* Bind lxc.rootfs.path ("dir:PATH" or a bare PATH; other backends fail with 'storage type
 * "T" is not supported yet') recursively onto the mount point with lxc.rootfs.options
 * (mount flags and propagation; "ro" is deferred to rootfs_pivot()). Missing source:
 * 'Failed to mount rootfs "PATH": No such file or directory'. With no lxc.rootfs.path this
 * is a no-op and later steps work on the host's / (in the private mount namespace). */
int rootfs_mount(struct rootfs_ctx *ctx, struct lxc_error *err);

/* As in LXC, entries may target /proc, /sys and /dev (lxcfs files, /dev/fuse binds), so this
 * step first mounts the proc and sys parts of lxc.mount.auto and the (empty) autodev tmpfs
 * on /dev. Then lxc.mount.fstab lines, then lxc.mount.entry, in order. Targets are relative
 * to the rootfs (absolute ones are taken inside it) and resolved without leaving it (openat2
 * RESOLVE_IN_ROOT when available, else a resolved-path check refusing escapes with -EXDEV).
 * create=dir|file make the target, optional skips an entry that fails, bind/rbind with ro
 * etc. are remounted, relative sources are taken inside the rootfs. */
int rootfs_mount_fstab_and_entries(struct rootfs_ctx *ctx, struct lxc_error *err);

/* lxc.mount.auto, the parts the entries step did not do already: proc (mixed: /proc/sys and
 * /proc/sysrq-trigger read-only except /proc/sys/net with ctx->netns; rw), sys (mixed:
 * read-only except /sys/devices/virtual/net with ctx->netns; ro; rw), cgroup* (this wave: a
 * cgroup2 mount on /sys/fs/cgroup, read-only for :ro, when the host is unified, else a tmpfs
 * placeholder; v1 hierarchies and :force semantics are left to the cgroup layer), shmounts
 * (bind of the host directory). */
int rootfs_mount_auto(struct rootfs_ctx *ctx, struct lxc_error *err);

/* lxc.autodev: the tmpfs on /dev (lxc.autodev.tmpfs.size) if not mounted yet, null zero full
 * random urandom tty bound from the host's nodes onto empty files (names a mount entry
 * already provided are left alone), /dev/fd and std{in,out,err} links, /dev/shm (tmpfs),
 * /dev/mqueue (optional). With or without autodev: a new devpts instance on /dev/pts
 * (newinstance,ptmxmode=0666,mode=0620,gid=5[,max=lxc.pty.max]) and /dev/ptmx -> pts/ptmx.
 * Skipped entirely with no lxc.rootfs.path. */
int rootfs_setup_dev(struct rootfs_ctx *ctx, struct lxc_error *err);

/* Bind the console pty onto /dev/console (with lxc.tty.dir also onto /dev/DIR/console) and
 * tty i onto /dev/tty<i>, or onto /dev/DIR/tty<i> with a symlink /dev/tty<i> -> DIR/tty<i>. */
int rootfs_setup_console_ttys(struct rootfs_ctx *ctx, struct lxc_error *err);

/* With lxc.rootfs.readonly = 1 or "ro" in lxc.rootfs.options, first remount the rootfs bind
 * read-only (mounts on top of it keep their flags). Then pivot_root into the rootfs, detach
 * the old root (MNT_DETACH), chdir("/"). No-op with no lxc.rootfs.path. */
int rootfs_pivot(struct rootfs_ctx *ctx, struct lxc_error *err);

/* All of the above in order (for callers without hooks, and tests). */
int rootfs_setup_all(struct rootfs_ctx *ctx, struct lxc_error *err);
