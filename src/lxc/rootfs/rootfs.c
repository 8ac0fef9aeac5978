/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The rootfs context, mount propagation, the rootfs bind and pivot_root, and the whole
 * sequence in order (see rootfs.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "log/log.h"
#include "rootfs/mnt.h"
#include "rootfs/rootfs.h"

lxc_log_define(rootfs);

void rootfs_ctx_init(struct rootfs_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->root_fd = -EBADF;
	ctx->console_fd = -EBADF;
}

static void close_ttys(struct rootfs_ctx *ctx)
{
	if (!ctx->tty_fds)
		return;
	for (size_t i = 0; i < ctx->n_ttys; i++)
		close_prot_errno_disarm(ctx->tty_fds[i]);
	free_disarm(ctx->tty_fds);
}

void rootfs_ctx_fini(struct rootfs_ctx *ctx)
{
	if (!ctx)
		return;
	close_prot_errno_disarm(ctx->root_fd);
	close_prot_errno_disarm(ctx->console_fd);
	close_ttys(ctx);
	free_disarm(ctx->root);
}

static int open_pty(const char *path, int *ret_fd, struct lxc_error *err)
{
	int fd = open(path, O_PATH | O_CLOEXEC);

	if (fd < 0)
		return lxc_error_set(err, ROOTFS_STEP_PROPAGATION, errno,
				     "Failed to open terminal \"%s\"", path);
	*ret_fd = fd;
	return 0;
}

/* Keep the ptys reachable once /dev is covered by the container's own /dev. */
static int open_ptys(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	int r;

	if (ctx->console_path && ctx->console_fd < 0) {
		r = open_pty(ctx->console_path, &ctx->console_fd, err);
		if (r < 0)
			return r;
	}
	if (!ctx->n_ttys || ctx->tty_fds)
		return 0;
	ctx->tty_fds = malloc(ctx->n_ttys * sizeof(*ctx->tty_fds));
	if (!ctx->tty_fds)
		return lxc_error_set(err, ROOTFS_STEP_PROPAGATION, ENOMEM,
				     "Failed to allocate tty list");
	for (size_t i = 0; i < ctx->n_ttys; i++)
		ctx->tty_fds[i] = -EBADF;
	for (size_t i = 0; i < ctx->n_ttys; i++) {
		r = open_pty(ctx->tty_paths[i], &ctx->tty_fds[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}

int rootfs_prepare_propagation(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return lxc_error_set(err, ROOTFS_STEP_PROPAGATION, errno,
				     "Failed to make \"/\" rslave");
	return open_ptys(ctx, err);
}

int rootfs_mount_point(const struct lxc_conf *conf, char **ret)
{
	__do_free char *rundir = NULL;
	struct strbuf sb = {0};
	int r;

	if (conf->fs.rootfs.mount) {
		*ret = strdup(conf->fs.rootfs.mount);
		return *ret ? 0 : -ENOMEM;
	}
	r = paths_rundir(&rundir);
	if (r < 0)
		return r;
	if (strbuf_printf(&sb, "%s/%s", rundir, ROOTFS_DEFAULT_MOUNT_NAME) < 0) {
		strbuf_free(&sb);
		return -ENOMEM;
	}
	*ret = strbuf_take(&sb);
	strbuf_free(&sb);
	return *ret ? 0 : -ENOMEM;
}

/* ctx->mount_point, lxc.rootfs.mount or RUNDIR/rootfs. */
static int mount_point(const struct rootfs_ctx *ctx, char **ret)
{
	if (ctx->mount_point) {
		*ret = strdup(ctx->mount_point);
		return *ret ? 0 : -ENOMEM;
	}
	return rootfs_mount_point(ctx->conf, ret);
}

/* Bind source onto mp with the rootfs options (flags by remount, then propagation). */
static int bind_rootfs(const char *source, const char *mp, const char *options,
		       const struct mnt_opts *o, struct lxc_error *err)
{
	__do_close int fd = -EBADF;
	/* "ro" waits for rootfs_pivot() so mount entries, autodev and hooks can still create
	 * their mount points; see make_readonly(). */
	unsigned long extra = o->flags & ~(MS_BIND | MS_REC | MS_REMOUNT | MS_RDONLY);
	int r;

	if (mount(source, mp, NULL, MS_BIND | MS_REC, o->data) < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno,
				     "Failed to mount rootfs \"%s\"", source);
	fd = open(mp, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno,
				     "Failed to open rootfs mount point \"%s\"", mp);
	if (extra) {
		r = mnt_remount_bind(fd, extra);
		if (r < 0)
			return lxc_error_set(err, ROOTFS_STEP_ROOTFS, r,
					     "Failed to remount rootfs \"%s\" with options \"%s\"",
					     mp, options);
	}
	if (o->pflags && mnt_mount_on_fd(NULL, fd, NULL, o->pflags, NULL) < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno,
				     "Failed to change propagation of rootfs \"%s\"", mp);
	return 0;
}

int rootfs_mount(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	const struct conf_rootfs *rc = &ctx->conf->fs.rootfs;
	struct conf_rootfs_spec spec;
	struct mnt_opts o;
	char real[PATH_MAX];
	__do_free char *mp = NULL;
	int r;

	r = conf_fs_rootfs_spec(&ctx->conf->fs, &spec);
	if (r == -ENOENT) {
		DEBUG("No rootfs configured, staying on the host's root");
		ctx->root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		return ctx->root_fd < 0 ? lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno,
							"Failed to open \"/\"")
					: 0;
	}
	if (r < 0)
		return lxc_error_set_plain(err, ROOTFS_STEP_ROOTFS, EINVAL,
					   "Invalid value \"%s\" for \"lxc.rootfs.path\"",
					   rc->path);
	if (spec.type[0] && strcmp(spec.type, "dir") != 0)
		return lxc_error_set_plain(err, ROOTFS_STEP_ROOTFS, EOPNOTSUPP,
					   "Failed to mount rootfs \"%s\": storage type \"%s\" is "
					   "not supported yet",
					   rc->path, spec.type);
	if (rc->idmap)
		return lxc_error_set_plain(err, ROOTFS_STEP_ROOTFS, EOPNOTSUPP,
					   "Failed to mount rootfs \"%s\": idmapped rootfs "
					   "(\"idmap=%s\") is not supported yet",
					   spec.source, rc->idmap);
	r = mount_point(ctx, &mp);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, r,
				     "Failed to determine the rootfs mount point");
	r = mkdir_p(mp, 0755);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, r,
				     "Failed to create rootfs mount point \"%s\"", mp);
	if (!realpath(mp, real))
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno,
				     "Failed to resolve rootfs mount point \"%s\"", mp);
	if (mnt_opts_parse(rc->options, &o) < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, ENOMEM, "Failed to parse \"%s\"",
				     "lxc.rootfs.options");
	r = bind_rootfs(spec.source, real, rc->options, &o, err);
	mnt_opts_free(&o);
	if (r < 0)
		return r;
	ctx->root = strdup(real);
	if (!ctx->root)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, ENOMEM, "Failed to allocate path");
	ctx->root_fd = open(real, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (ctx->root_fd < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, errno, "Failed to open rootfs \"%s\"",
				     real);
	DEBUG("Mounted rootfs \"%s\" on \"%s\"", spec.source, real);
	return 0;
}

/* lxc.rootfs.readonly = 1 or "ro" in lxc.rootfs.options: once everything is mounted, remount
 * the rootfs bind itself read-only (MS_REMOUNT|MS_BIND|MS_RDONLY, per mount, the flags it
 * already has kept). Mounts on top of it (/dev, /proc, tmpfs entries) stay as they are. */
static int make_readonly(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	const struct conf_rootfs *rc = &ctx->conf->fs.rootfs;
	struct mnt_opts o;
	bool ro = rc->readonly;
	int r;

	if (!ro && rc->options) {
		if (mnt_opts_parse(rc->options, &o) < 0)
			return lxc_error_set(err, ROOTFS_STEP_ROOTFS, ENOMEM,
					     "Failed to parse \"%s\"", "lxc.rootfs.options");
		ro = o.flags & MS_RDONLY;
		mnt_opts_free(&o);
	}
	if (!ro)
		return 0;
	r = mnt_remount_bind(ctx->root_fd, MS_RDONLY);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_ROOTFS, r,
				     "Failed to remount rootfs \"%s\" read-only", ctx->root);
	DEBUG("Remounted rootfs \"%s\" read-only", ctx->root);
	return 0;
}

int rootfs_pivot(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	int r;

	if (!ctx->root)
		return 0;
	r = make_readonly(ctx, err);
	if (r < 0)
		return r;
	if (fchdir(ctx->root_fd) < 0)
		return lxc_error_set(err, ROOTFS_STEP_PIVOT, errno, "Failed to enter rootfs \"%s\"",
				     ctx->root);
	/* pivot_root(".", ".") stacks the old root on top of the new one; detach it. */
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return lxc_error_set(err, ROOTFS_STEP_PIVOT, errno,
				     "Failed to pivot_root into \"%s\"", ctx->root);
	if (umount2(".", MNT_DETACH) < 0)
		return lxc_error_set(err, ROOTFS_STEP_PIVOT, errno,
				     "Failed to detach the old root");
	if (chdir("/") < 0)
		return lxc_error_set(err, ROOTFS_STEP_PIVOT, errno, "Failed to change to \"/\"");
	close_prot_errno_disarm(ctx->root_fd);
	ctx->root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	DEBUG("Pivoted into \"%s\"", ctx->root);
	return 0;
}

typedef int (*rootfs_step_fn)(struct rootfs_ctx *ctx, struct lxc_error *err);

static const rootfs_step_fn rootfs_steps[] = {
	rootfs_prepare_propagation,
	rootfs_mount,
	rootfs_mount_fstab_and_entries,
	rootfs_mount_auto,
	rootfs_setup_dev,
	rootfs_setup_console_ttys,
	rootfs_pivot,
};

int rootfs_setup_all(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(rootfs_steps); i++) {
		int r = rootfs_steps[i](ctx, err);

		if (r < 0)
			return r;
	}
	return 0;
}
