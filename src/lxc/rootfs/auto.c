/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.mount.auto: proc, sys and cgroup views in the rootfs, and shmounts. The cgroup modes
 * are a first cut (one cgroup2 or tmpfs mount); the per-hierarchy v1 layouts belong to the
 * cgroup layer. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "config/fs/fs.h"
#include "log/log.h"
#include "rootfs/mnt.h"
#include "rootfs/rootfs.h"

lxc_log_define(rootfs_auto);

#define KERNFS_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static int auto_fail(struct lxc_error *err, int r, const char *what, const char *rel)
{
	return lxc_error_set(err, ROOTFS_STEP_AUTO, r, "Failed to mount %s on \"/%s\"", what, rel);
}

/* Mount a fresh kernel file system (proc, sysfs, ...) at rel, creating it if needed. */
static int mount_kernfs(const struct rootfs_ctx *ctx, const char *fstype, const char *rel,
			unsigned long flags, const char *data, struct lxc_error *err)
{
	__do_close int fd = -EBADF;
	int r;

	fd = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), rel, 0755);
	if (fd < 0)
		return auto_fail(err, fd, fstype, rel);
	r = mnt_mount_on_fd(fstype, fd, fstype, flags, data);
	if (r < 0)
		return auto_fail(err, r, fstype, rel);
	return 0;
}

/* Make rel (a directory or file under a mount done here) a read-only bind of itself. A
 * missing rel is fine when optional. */
static int bind_self_ro(const struct rootfs_ctx *ctx, const char *rel, bool optional,
			struct lxc_error *err)
{
	__do_close int fd = -EBADF, top = -EBADF;
	int r;

	fd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH | O_NOFOLLOW);
	if (fd == -ENOENT && optional)
		return 0;
	if (fd < 0)
		return auto_fail(err, fd, "a read-only view", rel);
	r = mnt_bind_fd(fd, fd, false);
	if (r < 0)
		return auto_fail(err, r, "a read-only view", rel);
	top = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH | O_NOFOLLOW);
	if (top < 0)
		return auto_fail(err, top, "a read-only view", rel);
	r = mnt_remount_bind(top, MS_RDONLY | KERNFS_FLAGS);
	if (r < 0)
		return auto_fail(err, r, "a read-only view", rel);
	return 0;
}

/* Mount the writable object held by keep_fd back on rel (below a read-only view). */
static int bind_back(const struct rootfs_ctx *ctx, int keep_fd, const char *rel,
		     struct lxc_error *err)
{
	__do_close int fd = -EBADF;
	int r;

	if (keep_fd < 0)
		return 0;
	fd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH);
	if (fd < 0)
		return auto_fail(err, fd, "a writable view", rel);
	r = mnt_bind_fd(keep_fd, fd, false);
	if (r < 0)
		return auto_fail(err, r, "a writable view", rel);
	return 0;
}

/* proc:mixed: /proc/sys and /proc/sysrq-trigger read-only; /proc/sys/net stays writable
 * when the container has its own network namespace. */
static int auto_proc(const struct rootfs_ctx *ctx, unsigned int mode, struct lxc_error *err)
{
	__do_close int net = -EBADF;
	int r;

	r = mount_kernfs(ctx, "proc", "proc", KERNFS_FLAGS, NULL, err);
	if (r < 0 || mode != CONF_AUTO_PROC_MIXED)
		return r;
	if (ctx->netns)
		net = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "proc/sys/net", O_PATH);
	r = bind_self_ro(ctx, "proc/sys", false, err);
	if (r == 0)
		r = bind_back(ctx, net, "proc/sys/net", err);
	if (r == 0)
		r = bind_self_ro(ctx, "proc/sysrq-trigger", true, err);
	return r;
}

/* sys:mixed: read-only except /sys/devices/virtual/net (own network namespace only). */
static int auto_sys(const struct rootfs_ctx *ctx, unsigned int mode, struct lxc_error *err)
{
	__do_close int net = -EBADF;
	unsigned long ro = mode == CONF_AUTO_SYS_RO ? MS_RDONLY : 0;
	int r;

	r = mount_kernfs(ctx, "sysfs", "sys", KERNFS_FLAGS | ro, NULL, err);
	if (r < 0 || mode != CONF_AUTO_SYS_MIXED)
		return r;
	if (ctx->netns)
		net = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "sys/devices/virtual/net", O_PATH);
	r = bind_self_ro(ctx, "sys", false, err);
	if (r == 0)
		r = bind_back(ctx, net, "sys/devices/virtual/net", err);
	return r;
}

static bool cgroup_mode_ro(unsigned int mask)
{
	return mask & (CONF_AUTO_CGROUP_RO | CONF_AUTO_CGROUP_FULL_RO);
}

/* A unified host gets a cgroup2 mount (the container's cgroup namespace decides what it
 * sees); otherwise a tmpfs placeholder until the cgroup layer populates v1 hierarchies. */
static int auto_cgroup(const struct rootfs_ctx *ctx, unsigned int mask, struct lxc_error *err)
{
	unsigned long flags = KERNFS_FLAGS | (cgroup_mode_ro(mask) ? MS_RDONLY : 0);
	struct statfs sf;

	if (statfs("/sys/fs/cgroup", &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC)
		return mount_kernfs(ctx, "cgroup2", "sys/fs/cgroup", flags, NULL, err);
	return mount_kernfs(ctx, "tmpfs", "sys/fs/cgroup", flags, "mode=755,size=64k", err);
}

static int auto_shmounts(const struct rootfs_ctx *ctx, struct lxc_error *err)
{
	const struct conf_fs *fs = &ctx->conf->fs;
	const char *host = fs->autos.shmounts_host;
	const char *rel = conf_fs_shmounts_container(fs);
	__do_close int fd = -EBADF;
	int r;

	if (!host)
		return 0;
	r = mkdir_p(host, 0711);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_AUTO, r, "Failed to create \"%s\"", host);
	fd = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), rel, 0711);
	if (fd < 0)
		return auto_fail(err, fd, host, rel + (*rel == '/'));
	r = mnt_mount_on_fd(host, fd, NULL, MS_BIND | MS_REC, NULL);
	if (r < 0)
		return auto_fail(err, r, host, rel + (*rel == '/'));
	return 0;
}

int rootfs_auto_kernfs(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	unsigned int mask = ctx->conf->fs.autos.mask;
	int r = 0;

	if (ctx->kernfs_done)
		return 0;
	if (mask & CONF_AUTO_PROC_MASK)
		r = auto_proc(ctx, mask & CONF_AUTO_PROC_MASK, err);
	if (r == 0 && (mask & CONF_AUTO_SYS_MASK))
		r = auto_sys(ctx, mask & CONF_AUTO_SYS_MASK, err);
	if (r == 0)
		ctx->kernfs_done = true;
	return r;
}

int rootfs_mount_auto(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	unsigned int mask = ctx->conf->fs.autos.mask;
	int r = rootfs_auto_kernfs(ctx, err);

	if (r == 0 && (mask & CONF_AUTO_CGROUP_MODE_MASK))
		r = auto_cgroup(ctx, mask & CONF_AUTO_CGROUP_MASK, err);
	if (r == 0 && (mask & CONF_AUTO_SHMOUNTS))
		r = auto_shmounts(ctx, err);
	return r;
}
