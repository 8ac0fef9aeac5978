/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* /dev for the container: the autodev tmpfs with device nodes bound from the host, links,
 * a private devpts instance and ptmx, then the console and tty ptys. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/fs/fs.h"
#include "config/proc/proc.h"
#include "log/log.h"
#include "rootfs/mnt.h"
#include "rootfs/rootfs.h"

lxc_log_define(rootfs_dev);

static const struct {
	const char *name;
	unsigned int major, minor;
} dev_nodes[] = {
	{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9},
	{"tty", 5, 0},
};

static const struct {
	const char *name;
	const char *target;
} dev_links[] = {
	{"fd", "/proc/self/fd"},
	{"stdin", "/proc/self/fd/0"},
	{"stdout", "/proc/self/fd/1"},
	{"stderr", "/proc/self/fd/2"},
};

static int dev_fail(struct lxc_error *err, int r, const char *fmt_what, const char *name)
{
	return lxc_error_set(err, ROOTFS_STEP_DEV, r, "Failed to %s \"/dev%s%s\"", fmt_what,
			     *name ? "/" : "", name);
}

/* A fresh device node where we may create one (outside a user namespace). Binding the host's
 * node instead would share the host's devtmpfs superblock with the container, and a remount
 * inside (busybox's "umount -a -r" at shutdown) would then turn the host's /dev read-only. */
static int make_node(const struct rootfs_ctx *ctx, int devfd, const char *name,
		     unsigned int major, unsigned int minor)
{
	if (ctx->userns)
		return -EPERM;
	if (mknodat(devfd, name, S_IFCHR | 0666, makedev(major, minor)) < 0)
		return errno == EEXIST ? 0 : -errno;
	/* mknod honours the umask; device nodes must be 0666. */
	if (fchmodat(devfd, name, 0666, 0) < 0)
		return -errno;
	return 0;
}

/* An empty file at /dev/NAME with the host's node bound onto it (user namespaces). */
static int bind_node(const struct rootfs_ctx *ctx, int devfd, const char *name,
		     struct lxc_error *err)
{
	__do_close int fd = -EBADF;
	char host[64];
	int r;

	fd = openat(devfd, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
	if (fd < 0 && errno == EEXIST) {
		DEBUG("\"/dev/%s\" exists already, leaving it alone", name);
		return 0;
	}
	if (fd < 0)
		return dev_fail(err, errno, "create", name);
	close_prot_errno_disarm(fd);
	fd = openat(devfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return dev_fail(err, errno, "open", name);
	snprintf(host, sizeof(host), "/dev/%s", name);
	r = mnt_mount_on_fd(host, fd, NULL, MS_BIND, NULL);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_DEV, r,
				     "Failed to bind \"%s\" onto \"%s/dev/%s\"", host, ROOT(ctx),
				     name);
	return 0;
}

static int make_links(int devfd, struct lxc_error *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(dev_links); i++)
		if (symlinkat(dev_links[i].target, devfd, dev_links[i].name) < 0 && errno != EEXIST)
			return dev_fail(err, errno, "create symlink", dev_links[i].name);
	return 0;
}

/* /dev/shm (tmpfs) and /dev/mqueue (optional: needs an IPC namespace we own). */
static int ipc_mounts(int devfd, struct lxc_error *err)
{
	__do_close int shm = -EBADF, mq = -EBADF;
	int r;

	if (mkdirat(devfd, "shm", 01777) < 0 && errno != EEXIST)
		return dev_fail(err, errno, "create", "shm");
	shm = openat(devfd, "shm", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (shm < 0)
		return dev_fail(err, errno, "open", "shm");
	r = mnt_mount_on_fd("shm", shm, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
	if (r < 0)
		return dev_fail(err, r, "mount tmpfs on", "shm");
	if (mkdirat(devfd, "mqueue", 0755) < 0 && errno != EEXIST)
		return 0;
	mq = openat(devfd, "mqueue", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (mq >= 0 &&
	    mnt_mount_on_fd("mqueue", mq, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		DEBUG("Skipped mounting mqueue on /dev/mqueue: %m");
	return 0;
}

int rootfs_dev_tmpfs(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	long long size = conf_fs_autodev_tmpfs_size(&ctx->conf->fs);
	__do_close int devfd = -EBADF;
	char data[64];
	int r;

	if (!ctx->root || !ctx->conf->fs.autodev || ctx->dev_mounted)
		return 0;
	devfd = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), "dev", 0755);
	if (devfd < 0)
		return dev_fail(err, devfd, "create", "");
	snprintf(data, sizeof(data), "size=%lld,mode=755", size);
	r = mnt_mount_on_fd("none", devfd, "tmpfs", MS_NOSUID, data);
	if (r < 0)
		return dev_fail(err, r, "mount tmpfs on", "");
	ctx->dev_mounted = true;
	return 0;
}

static int autodev(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	__do_close int devfd = -EBADF;
	int r;

	r = rootfs_dev_tmpfs(ctx, err);
	if (r < 0)
		return r;
	/* A real fd of the tmpfs for the *at() calls below. */
	devfd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "dev", O_RDONLY | O_DIRECTORY);
	if (devfd < 0)
		return dev_fail(err, devfd, "open", "");
	for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		r = make_node(ctx, devfd, dev_nodes[i].name, dev_nodes[i].major,
			      dev_nodes[i].minor);
		if (r == -EPERM)
			r = bind_node(ctx, devfd, dev_nodes[i].name, err);
		else if (r < 0)
			r = dev_fail(err, r, "create device node", dev_nodes[i].name);
		if (r < 0)
			return r;
	}
	r = make_links(devfd, err);
	if (r == 0)
		r = ipc_mounts(devfd, err);
	return r;
}

static int mount_devpts(const struct rootfs_ctx *ctx, struct lxc_error *err)
{
	unsigned int max = ctx->conf->proc.pty_max;
	__do_close int fd = -EBADF;
	char data[128], maxopt[32] = "";
	int r;

	fd = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), "dev/pts", 0755);
	if (fd < 0)
		return dev_fail(err, fd, "create", "pts");
	if (max)
		snprintf(maxopt, sizeof(maxopt), ",max=%u", max);
	snprintf(data, sizeof(data), "newinstance,ptmxmode=0666,mode=0620,gid=5%s", maxopt);
	r = mnt_mount_on_fd("devpts", fd, "devpts", MS_NOSUID | MS_NOEXEC, data);
	if (r == -EINVAL) {
		/* gid 5 may not be mapped in a user namespace. */
		snprintf(data, sizeof(data), "newinstance,ptmxmode=0666,mode=0620%s", maxopt);
		r = mnt_mount_on_fd("devpts", fd, "devpts", MS_NOSUID | MS_NOEXEC, data);
	}
	if (r < 0)
		return dev_fail(err, r, "mount devpts on", "pts");
	return 0;
}

/* /dev/ptmx -> pts/ptmx; an existing node or file (no autodev) gets pts/ptmx bound on it. */
static int setup_ptmx(const struct rootfs_ctx *ctx, struct lxc_error *err)
{
	__do_close int devfd = -EBADF, src = -EBADF, dst = -EBADF;
	struct stat st;
	int r;

	devfd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "dev", O_RDONLY | O_DIRECTORY);
	if (devfd < 0)
		return dev_fail(err, devfd, "open", "");
	if (fstatat(devfd, "ptmx", &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (symlinkat("pts/ptmx", devfd, "ptmx") < 0)
			return dev_fail(err, errno, "create symlink", "ptmx");
		return 0;
	}
	if (S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode))
		return 0;
	src = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "dev/pts/ptmx", O_PATH);
	dst = openat(devfd, "ptmx", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (src < 0 || dst < 0)
		return dev_fail(err, src < 0 ? src : -errno, "open", "ptmx");
	r = mnt_bind_fd(src, dst, false);
	if (r < 0)
		return dev_fail(err, r, "bind pts/ptmx onto", "ptmx");
	return 0;
}

int rootfs_setup_dev(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	int r;

	if (!ctx->root) {
		DEBUG("No rootfs, leaving /dev alone");
		return 0;
	}
	if (ctx->conf->fs.autodev) {
		r = autodev(ctx, err);
		if (r < 0)
			return r;
	}
	r = mount_devpts(ctx, err);
	if (r == 0)
		r = setup_ptmx(ctx, err);
	return r;
}

/* Bind pty fd onto /dev/REL (created as an empty file if missing). */
static int bind_pty(const struct rootfs_ctx *ctx, int pty_fd, const char *rel,
		    struct lxc_error *err)
{
	__do_close int fd = -EBADF;
	char path[128];
	int r;

	snprintf(path, sizeof(path), "dev/%s", rel);
	r = mnt_mkfile_in_root(ctx->root_fd, ROOT(ctx), path, 0);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, r, "Failed to create \"/dev/%s\"",
				     rel);
	fd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), path, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, fd, "Failed to open \"/dev/%s\"",
				     rel);
	r = mnt_bind_fd(pty_fd, fd, false);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, r,
				     "Failed to bind the pty onto \"/dev/%s\"", rel);
	return 0;
}

static int setup_console(const struct rootfs_ctx *ctx, const char *dir, struct lxc_error *err)
{
	char rel[128];
	int r;

	if (ctx->console_fd < 0)
		return 0;
	if (dir) {
		snprintf(rel, sizeof(rel), "%s/console", dir);
		r = bind_pty(ctx, ctx->console_fd, rel, err);
		if (r < 0)
			return r;
	}
	return bind_pty(ctx, ctx->console_fd, "console", err);
}

/* /dev/DIR/ttyN bound, /dev/ttyN -> DIR/ttyN replacing whatever was there. */
static int link_tty(const struct rootfs_ctx *ctx, const char *dir, const char *name,
		    struct lxc_error *err)
{
	__do_close int devfd = -EBADF;
	char target[128];

	devfd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "dev", O_RDONLY | O_DIRECTORY);
	if (devfd < 0)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, devfd, "Failed to open \"/dev\"");
	snprintf(target, sizeof(target), "%s/%s", dir, name);
	if (unlinkat(devfd, name, 0) < 0 && errno != ENOENT)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, errno,
				     "Failed to remove \"/dev/%s\"", name);
	if (symlinkat(target, devfd, name) < 0)
		return lxc_error_set(err, ROOTFS_STEP_CONSOLE, errno,
				     "Failed to create symlink \"/dev/%s\"", name);
	return 0;
}

int rootfs_setup_console_ttys(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	const char *dir = ctx->conf->proc.tty_dir;
	char name[32], rel[160];
	int r;

	r = setup_console(ctx, dir, err);
	for (size_t i = 0; r == 0 && i < ctx->n_ttys && ctx->tty_fds; i++) {
		snprintf(name, sizeof(name), "tty%zu", i + 1);
		if (!dir) {
			r = bind_pty(ctx, ctx->tty_fds[i], name, err);
			continue;
		}
		snprintf(rel, sizeof(rel), "%s/%s", dir, name);
		r = bind_pty(ctx, ctx->tty_fds[i], rel, err);
		if (r == 0)
			r = link_tty(ctx, dir, name, err);
	}
	return r;
}
