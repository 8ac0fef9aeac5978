/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.mount.fstab and lxc.mount.entry: each line mounted below the rootfs, targets resolved
 * without leaving it, create=dir|file, optional, bind/rbind with a read-only remount. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/fs/fs.h"
#include "log/log.h"
#include "rootfs/mnt.h"
#include "rootfs/rootfs.h"

lxc_log_define(rootfs_entries);

static const char *strip_dir_prefix(const char *path, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;

	while (n > 1 && prefix[n - 1] == '/')
		n--;
	if (n > 1 && strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == '\0'))
		return path + n;
	return NULL;
}

/* The target inside the rootfs. As in LXC, an absolute target naming the rootfs (its mount
 * point, its source directory or LXCPATH/NAME/rootfs) loses that prefix; any other target
 * is taken relative to the rootfs. */
static const char *target_in_root(const struct rootfs_ctx *ctx, const char *target)
{
	struct conf_rootfs_spec spec;
	char buf[PATH_MAX];
	const char *rel;

	if (!ctx->root || target[0] != '/')
		return target;
	rel = strip_dir_prefix(target, ctx->root);
	if (!rel && conf_fs_rootfs_spec(&ctx->conf->fs, &spec) == 0)
		rel = strip_dir_prefix(target, spec.source);
	if (!rel && ctx->lxcpath && ctx->name) {
		snprintf(buf, sizeof(buf), "%s/%s/rootfs", ctx->lxcpath, ctx->name);
		rel = strip_dir_prefix(target, buf);
	}
	return rel ? rel : target;
}

/* create=dir|file, then open the target. Returns the O_PATH fd or -errno. */
static int prepare_target(const struct rootfs_ctx *ctx, const struct conf_mount_entry *e,
			  const char *rel)
{
	int r;

	if (e->flags & CONF_MNT_CREATE_DIR) {
		r = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), rel, 0755);
		if (r < 0)
			return r;
		close(r);
	} else if (e->flags & CONF_MNT_CREATE_FILE) {
		r = mnt_mkfile_in_root(ctx->root_fd, ROOT(ctx), rel, 0644);
		if (r < 0)
			return r;
	}
	return mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH);
}

/* Mount the source onto the prepared target; with "relative" the source lies in the rootfs. */
static int do_mount(const struct rootfs_ctx *ctx, const struct conf_mount_entry *e, int tfd,
		    const struct mnt_opts *o)
{
	__do_close int sfd = -EBADF;
	char sbuf[MNT_FD_PATH_LEN];
	const char *src = e->source;
	unsigned long flags = o->flags;

	if (e->flags & CONF_MNT_RELATIVE) {
		sfd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), e->source, O_PATH);
		if (sfd < 0)
			return sfd;
		src = mnt_fd_path(sfd, sbuf);
	}
	if (flags & MS_BIND) {
		flags &= MS_BIND | MS_REC;
		return mnt_mount_on_fd(src, tfd, NULL, flags, NULL);
	}
	return mnt_mount_on_fd(src, tfd, e->fstype, flags & ~MS_REC, o->data);
}

/* After a bind: remount with the flags a bind ignores (ro, nosuid, ...), then propagation. */
static int finish_mount(const struct rootfs_ctx *ctx, const char *rel, const struct mnt_opts *o)
{
	unsigned long extra = o->flags & ~(MS_BIND | MS_REC | MS_REMOUNT);
	__do_close int fd = -EBADF;
	int r;

	if (!((o->flags & MS_BIND) && extra) && !o->pflags)
		return 0;
	/* Reopen: the fd used as target points below the new mount, not at it. */
	fd = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH);
	if (fd < 0)
		return fd;
	if ((o->flags & MS_BIND) && extra) {
		r = mnt_remount_bind(fd, extra);
		if (r < 0)
			return r;
	}
	if (o->pflags)
		return mnt_mount_on_fd(NULL, fd, NULL, o->pflags, NULL);
	return 0;
}

static int mount_entry(const struct rootfs_ctx *ctx, const struct conf_mount_entry *e,
		       const char *origin, struct lxc_error *err)
{
	const char *rel = target_in_root(ctx, e->target);
	bool optional = e->flags & CONF_MNT_OPTIONAL;
	__do_close int tfd = -EBADF;
	struct mnt_opts o;
	int r;

	if (e->idmap) {
		if (optional)
			return 0;
		return lxc_error_set_plain(err, ROOTFS_STEP_MOUNTS, EOPNOTSUPP,
					   "Failed to mount \"%s\" on \"%s\": idmapped mounts are "
					   "not supported yet",
					   e->source, e->target);
	}
	if (mnt_opts_parse(e->options, &o) < 0)
		return lxc_error_set(err, ROOTFS_STEP_MOUNTS, ENOMEM, "Failed to parse %s", origin);
	tfd = prepare_target(ctx, e, rel);
	if (tfd < 0) {
		r = tfd;
		if (!optional)
			lxc_error_set(err, ROOTFS_STEP_MOUNTS, r,
				      "Failed to prepare mount target \"%s\" in \"%s\"", e->target,
				      ROOT(ctx));
		goto out;
	}
	r = do_mount(ctx, e, tfd, &o);
	if (r == 0)
		r = finish_mount(ctx, rel, &o);
	if (r < 0 && !optional)
		lxc_error_set(err, ROOTFS_STEP_MOUNTS, r, "Failed to mount \"%s\" on \"%s\"",
			      e->source, e->target);
out:
	mnt_opts_free(&o);
	if (r < 0 && optional) {
		DEBUG("Skipped optional mount of \"%s\" on \"%s\" (%s): %s", e->source, e->target,
		      origin, strerror(-r));
		return 0;
	}
	if (r == 0)
		DEBUG("Mounted \"%s\" on \"%s\" (%s)", e->source, e->target, origin);
	return r;
}

static bool is_blank_or_comment(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '\0' || *line == '#';
}

static int mount_fstab_line(const struct rootfs_ctx *ctx, const char *path, size_t lineno,
			    const char *line, struct lxc_error *err)
{
	struct conf_mount_entry e = {0};
	const char *why = NULL;
	char origin[64];
	int r;

	if (is_blank_or_comment(line))
		return 0;
	r = conf_mount_entry_parse(line, &e, &why);
	if (r == -EINVAL)
		return lxc_error_set_plain(err, ROOTFS_STEP_MOUNTS, EINVAL,
					   "Invalid mount entry \"%s\" in \"%s\" line %zu: "
					   "expected %s",
					   line, path, lineno, why ? why : "an fstab line");
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_MOUNTS, r, "Failed to parse \"%s\"", path);
	snprintf(origin, sizeof(origin), "fstab line %zu", lineno);
	r = mount_entry(ctx, &e, origin, err);
	conf_mount_entry_free(&e);
	return r;
}

static int mount_fstab(const struct rootfs_ctx *ctx, const char *path, struct lxc_error *err)
{
	__do_free char *buf = NULL;
	char *line, *save = NULL;
	size_t len = 0, lineno = 0;
	int r;

	r = file_read_all(path, &buf, &len);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_MOUNTS, r, "Failed to read fstab \"%s\"",
				     path);
	/* strtok_r would skip empty lines and so miscount; split by hand. */
	for (line = buf; line; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		lineno++;
		r = mount_fstab_line(ctx, path, lineno, line, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int rootfs_mount_fstab_and_entries(struct rootfs_ctx *ctx, struct lxc_error *err)
{
	const struct conf_fs *fs = &ctx->conf->fs;
	int r;

	r = rootfs_auto_kernfs(ctx, err);
	if (r == 0)
		r = rootfs_dev_tmpfs(ctx, err);
	if (r < 0)
		return r;
	if (fs->fstab) {
		r = mount_fstab(ctx, fs->fstab, err);
		if (r < 0)
			return r;
	}
	for (size_t i = 0; i < fs->entries.n; i++) {
		r = mount_entry(ctx, &fs->entries.items[i], "lxc.mount.entry", err);
		if (r < 0)
			return r;
	}
	return 0;
}
