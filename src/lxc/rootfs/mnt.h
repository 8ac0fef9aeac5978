/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal helpers of the rootfs layer: mount option parsing, resolving and creating paths
 * without leaving the rootfs, and mounting onto O_PATH fds. Not for other modules. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Mount options split into mount(2) flags, propagation flags and the remaining data string
 * (malloc'd, NULL when empty). LXC's own options (create=, optional, relative, idmap=) and
 * "defaults" are dropped. -ENOMEM only. */
struct mnt_opts {
	unsigned long flags;
	unsigned long pflags;
	char *data;
};
int mnt_opts_parse(const char *options, struct mnt_opts *ret);
void mnt_opts_free(struct mnt_opts *o);

/* "/proc/self/fd/N" for fd into buf. */
#define MNT_FD_PATH_LEN 32
const char *mnt_fd_path(int fd, char buf[MNT_FD_PATH_LEN]);

/* Open rel (leading '/' ignored, "" = the root itself) below root_fd without leaving it:
 * openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) when available, else openat() followed by
 * a check that the resolved path is still below root (-EXDEV if not). flags are open(2)
 * flags (O_CLOEXEC is added). Returns the fd or -errno. */
int mnt_open_in_root(int root_fd, const char *root, const char *rel, int flags);

/* mkdir -p of rel inside the root (each component created with mode if missing, never
 * following a symlink out of the root). Returns an O_PATH fd of the directory or -errno. */
int mnt_mkdir_in_root(int root_fd, const char *root, const char *rel, unsigned int mode);

/* Create an empty regular file rel inside the root (parents with 0755) if nothing exists
 * there yet. 0 or -errno. */
int mnt_mkfile_in_root(int root_fd, const char *root, const char *rel, unsigned int mode);

/* mount(2) with the target given as an fd. 0 or -errno. */
int mnt_mount_on_fd(const char *source, int target_fd, const char *fstype, unsigned long flags,
		    const char *data);
/* Bind mount the object of src_fd onto target_fd (recursively with rec). 0 or -errno. */
int mnt_bind_fd(int src_fd, int target_fd, bool rec);
/* Remount the bind mount at fd with flags (MS_RDONLY, MS_NOSUID, ...) added to the flags the
 * mount already has and may not drop (nosuid, nodev, noexec, atime flags). 0 or -errno. */
int mnt_remount_bind(int fd, unsigned long flags);

struct rootfs_ctx;
struct lxc_error;
/* The directory paths are resolved in: the rootfs mount point, or "/" without a rootfs. */
#define ROOT(ctx) ((ctx)->root ? (ctx)->root : "/")
/* Steps shared between the public ones (each runs once; later calls return 0). */
int rootfs_auto_kernfs(struct rootfs_ctx *ctx, struct lxc_error *err); /* proc and sys */
int rootfs_dev_tmpfs(struct rootfs_ctx *ctx, struct lxc_error *err);   /* autodev tmpfs */
