/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.mount.auto: proc, sys and cgroup views in the rootfs, and shmounts. The cgroup modes
 * mount each host hierarchy afresh inside the container's cgroup namespace (its own cgroup is
 * the root there) on a tmpfs /sys/fs/cgroup, or one cgroup2 mount on a unified host. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/compiler.h"
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

/* One cgroup hierarchy of the host: where it is under /sys/fs/cgroup and how to mount it. */
struct cg_hier {
	char name[64];	 /* "memory", "cpu,cpuacct", "systemd", "unified" */
	char data[256];	 /* v1 mount data: "memory", "none,name=systemd"; "" for cgroup2 */
	bool v2;
};

#define CG_MAX_HIER 32

/* Mount options that are flags, not controllers. */
static bool cg_flag_opt(const char *o)
{
	static const char *const flags[] = {
		"rw", "ro", "nosuid", "nodev", "noexec", "relatime", "noatime", "strictatime",
		"nodiratime", "sync", "dirsync", "mand", "lazytime", "clone_children", "noprefix",
		"xattr", "cpuset_v2_mode", "favordynmods", "nsdelegate", "memory_recursiveprot",
		"memory_localevents", "memory_hugetlb_accounting",
	};

	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (strcmp(o, flags[i]) == 0)
			return true;
	return strncmp(o, "release_agent=", 14) == 0;
}

/* v1 mount data from the options of /proc/self/mounts: controllers and name=, "none" first
 * for a named hierarchy without controllers. */
static void cg_v1_data(char *opts, char *out, size_t size)
{
	bool ctrl = false, named = false;
	char *save = NULL, buf[256] = "";

	for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		if (cg_flag_opt(o))
			continue;
		if (strncmp(o, "name=", 5) == 0)
			named = true;
		else
			ctrl = true;
		if (buf[0])
			strncat(buf, ",", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, o, sizeof(buf) - strlen(buf) - 1);
	}
	snprintf(out, size, "%s%s", named && !ctrl ? "none," : "", buf);
}

/* The cgroup mounts directly below /sys/fs/cgroup, as the host has them. */
static int cg_host_hierarchies(struct cg_hier *h, size_t max, size_t *ret_n)
{
	char line[4096], dev[256], mnt[1024], type[32], opts[2048];
	size_t n = 0;
	FILE *f = fopen("/proc/self/mounts", "re");

	if (!f)
		return -errno;
	while (n < max && fgets(line, sizeof(line), f)) {
		const char *base;

		if (sscanf(line, "%255s %1023s %31s %2047s", dev, mnt, type, opts) != 4)
			continue;
		if (strcmp(type, "cgroup") != 0 && strcmp(type, "cgroup2") != 0)
			continue;
		if (strncmp(mnt, "/sys/fs/cgroup/", 15) != 0)
			continue;
		base = mnt + 15;
		if (!*base || strchr(base, '/') || strlen(base) >= sizeof(h[n].name))
			continue;
		memset(&h[n], 0, sizeof(h[n]));
		snprintf(h[n].name, sizeof(h[n].name), "%s", base);
		h[n].v2 = strcmp(type, "cgroup2") == 0;
		if (!h[n].v2)
			cg_v1_data(opts, h[n].data, sizeof(h[n].data));
		n++;
	}
	fclose(f);
	*ret_n = n;
	return 0;
}

/* In a cgroup namespace of its own the init is at the root of every hierarchy. */
static bool cg_in_own_ns(void)
{
	char line[1024];
	bool own = true;
	FILE *f = fopen("/proc/self/cgroup", "re");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		char *path = strchr(line, ':');

		path = path ? strchr(path + 1, ':') : NULL;
		if (path && strcmp(path + 1, "/\n") != 0 && strcmp(path + 1, "/") != 0)
			own = false;
	}
	fclose(f);
	return own;
}

static bool keeps_sys_admin(const struct lxc_conf *conf)
{
	const struct conf_caps *c = &conf->sec.caps;
	uint64_t bit = 1ULL << 21; /* CAP_SYS_ADMIN */

	return c->keep_set ? (c->keep & bit) != 0 : (c->drop & bit) == 0;
}

/* "cgroup" and "cgroup-full" without a mode: rw when the container keeps CAP_SYS_ADMIN,
 * mixed otherwise. */
static unsigned int cgroup_mode(const struct lxc_conf *conf, unsigned int mask)
{
	unsigned int mode = mask & CONF_AUTO_CGROUP_MODE_MASK;

	if (mode == CONF_AUTO_CGROUP_NOSPEC)
		return keeps_sys_admin(conf) ? CONF_AUTO_CGROUP_RW : CONF_AUTO_CGROUP_MIXED;
	if (mode == CONF_AUTO_CGROUP_FULL_NOSPEC)
		return keeps_sys_admin(conf) ? CONF_AUTO_CGROUP_FULL_RW :
					       CONF_AUTO_CGROUP_FULL_MIXED;
	return mode;
}

/* Our cgroup in hierarchy h, from /proc/self/cgroup ("/lxc.payload.c1"; "/" if unknown). */
static void cg_own_path(const struct cg_hier *h, char *out, size_t size)
{
	const char *want = strncmp(h->data, "none,", 5) == 0 ? h->data + 5 : h->data;
	char line[1024];
	FILE *f = fopen("/proc/self/cgroup", "re");

	snprintf(out, size, "/");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *ctrl = strchr(line, ':'), *path;

		path = ctrl ? strchr(ctrl + 1, ':') : NULL;
		if (!path)
			continue;
		*path++ = '\0';
		path[strcspn(path, "\n")] = '\0';
		if (h->v2 ? strcmp(line, "0") == 0 : strcmp(ctrl + 1, want) == 0) {
			snprintf(out, size, "%s", path);
			break;
		}
	}
	fclose(f);
}

/* Bind the host's HOST_PATH (absolute) onto REL in the rootfs, read-write. */
static int bind_host_dir(const struct rootfs_ctx *ctx, const char *host, const char *rel,
			 struct lxc_error *err)
{
	__do_close int src = -EBADF, dst = -EBADF;
	int r;

	src = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (src < 0)
		return auto_fail(err, -errno, host, rel);
	dst = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), rel, 0755);
	if (dst < 0)
		return auto_fail(err, dst, host, rel);
	r = mnt_bind_fd(src, dst, false);
	return r < 0 ? auto_fail(err, r, host, rel) : 0;
}

/* cgroup-full:mixed outside a cgroup namespace, as LXC: the host's whole hierarchy read-only,
 * with the container's own cgroup bound writable at its path inside it. */
static int bind_hierarchy_mixed(const struct rootfs_ctx *ctx, const struct cg_hier *h,
				struct lxc_error *err)
{
	__do_close int top = -EBADF;
	char own[512] = "/", host[700], rel[700];
	int r;

	snprintf(host, sizeof(host), "/sys/fs/cgroup/%.63s", h->name);
	snprintf(rel, sizeof(rel), "sys/fs/cgroup/%.63s", h->name);
	r = bind_host_dir(ctx, host, rel, err);
	if (r < 0)
		return r;
	top = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH | O_NOFOLLOW);
	if (top < 0)
		return auto_fail(err, top, "a read-only view", rel);
	r = mnt_remount_bind(top, MS_RDONLY | KERNFS_FLAGS);
	if (r < 0)
		return auto_fail(err, r, "a read-only view", rel);
	cg_own_path(h, own, sizeof(own));
	if (strcmp(own, "/") == 0)
		return 0;
	snprintf(host, sizeof(host), "/sys/fs/cgroup/%.63s%s", h->name, own);
	snprintf(rel, sizeof(rel), "sys/fs/cgroup/%.63s%s", h->name, own);
	return bind_host_dir(ctx, host, rel, err);
}

/* Outside a cgroup namespace (and in a user namespace, where no cgroup file system may be
 * mounted): bind the host's hierarchy, or only our own cgroup at its path below it. */
static int bind_hierarchy(const struct rootfs_ctx *ctx, const struct cg_hier *h, bool full,
			  unsigned long flags, struct lxc_error *err)
{
	__do_close int src = -EBADF, dst = -EBADF;
	char own[512] = "/", host[700], rel[700];
	int r;

	if (!full)
		cg_own_path(h, own, sizeof(own));
	snprintf(host, sizeof(host), "/sys/fs/cgroup/%.63s%s", h->name, own);
	snprintf(rel, sizeof(rel), "sys/fs/cgroup/%.63s%s", h->name, own);
	src = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (src < 0)
		return auto_fail(err, -errno, host, rel);
	dst = mnt_mkdir_in_root(ctx->root_fd, ROOT(ctx), rel, 0755);
	if (dst < 0)
		return auto_fail(err, dst, host, rel);
	r = mnt_bind_fd(src, dst, false);
	if (r < 0)
		return auto_fail(err, r, host, rel);
	if (!(flags & MS_RDONLY))
		return 0;
	close_prot_errno_disarm(dst);
	dst = mnt_open_in_root(ctx->root_fd, ROOT(ctx), rel, O_PATH | O_NOFOLLOW);
	if (dst < 0)
		return auto_fail(err, dst, "a read-only view", rel);
	r = mnt_remount_bind(dst, flags);
	return r < 0 ? auto_fail(err, r, "a read-only view", rel) : 0;
}

/* One hierarchy on /sys/fs/cgroup/NAME: in the container's own cgroup namespace a fresh
 * cgroup (v1) or cgroup2 mount, whose root is the container's cgroup; else a bind. */
static int mount_hierarchy(const struct rootfs_ctx *ctx, const struct cg_hier *h, bool own_ns,
			   unsigned int mode, unsigned long flags, struct lxc_error *err)
{
	bool full = mode >= CONF_AUTO_CGROUP_FULL_NOSPEC;
	char rel[128];

	if (!own_ns && mode == CONF_AUTO_CGROUP_FULL_MIXED)
		return bind_hierarchy_mixed(ctx, h, err);
	if (!own_ns)
		return bind_hierarchy(ctx, h, full, flags, err);
	snprintf(rel, sizeof(rel), "sys/fs/cgroup/%.63s", h->name);
	return mount_kernfs(ctx, h->v2 ? "cgroup2" : "cgroup", rel, flags,
			    h->data[0] ? h->data : NULL, err);
}

/* Co-mounted controllers ("cpu,cpuacct"): a symlink per controller, as the host has them. */
static void link_comounted(const struct rootfs_ctx *ctx, const struct cg_hier *h)
{
	__do_close int dir = -EBADF;
	char names[64], *save = NULL;

	if (!strchr(h->name, ','))
		return;
	dir = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "sys/fs/cgroup", O_PATH | O_DIRECTORY);
	if (dir < 0)
		return;
	snprintf(names, sizeof(names), "%.63s", h->name);
	for (char *c = strtok_r(names, ",", &save); c; c = strtok_r(NULL, ",", &save))
		if (symlinkat(h->name, dir, c) < 0 && errno != EEXIST)
			WARN("Failed to link \"/sys/fs/cgroup/%s\", ignoring: %s", c,
			     strerror(errno));
}

/* lxc.mount.auto cgroup modes. A pure cgroup2 host gets one cgroup2 mount. Otherwise a tmpfs
 * on /sys/fs/cgroup holds one mount per host hierarchy (same names as on the host, "unified"
 * for cgroup2), read-only in the ro modes; the tmpfs itself is read-only except in the rw
 * modes. As LXC: in its own cgroup namespace a container that keeps CAP_SYS_ADMIN mounts
 * cgroups itself, so nothing is done there without ":force". Outside a cgroup namespace the
 * host's hierarchies (cgroup-full) or the container's own cgroups (cgroup) are bound. */
static int auto_cgroup(const struct rootfs_ctx *ctx, unsigned int mask, struct lxc_error *err)
{
	struct cg_hier h[CG_MAX_HIER];
	unsigned int mode = cgroup_mode(ctx->conf, mask);
	bool ro = mode == CONF_AUTO_CGROUP_RO || mode == CONF_AUTO_CGROUP_FULL_RO;
	bool rw = mode == CONF_AUTO_CGROUP_RW || mode == CONF_AUTO_CGROUP_FULL_RW;
	unsigned long flags = KERNFS_FLAGS | (ro ? MS_RDONLY : 0);
	__do_close int top = -EBADF;
	bool own_ns = cg_in_own_ns();
	struct statfs sf;
	size_t n = 0;
	int r;

	if (!(mask & CONF_AUTO_CGROUP_FORCE) && own_ns && keeps_sys_admin(ctx->conf))
		return 0;
	if (statfs("/sys/fs/cgroup", &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC)
		return mount_kernfs(ctx, "cgroup2", "sys/fs/cgroup", flags, NULL, err);
	r = cg_host_hierarchies(h, ARRAY_SIZE(h), &n);
	if (r < 0)
		return lxc_error_set(err, ROOTFS_STEP_AUTO, r, "Failed to read the host's cgroup "
				     "mounts");
	r = mount_kernfs(ctx, "tmpfs", "sys/fs/cgroup", KERNFS_FLAGS, "mode=755,size=10240k",
			 err);
	for (size_t i = 0; r == 0 && i < n; i++)
		r = mount_hierarchy(ctx, &h[i], own_ns, mode, flags, err);
	for (size_t i = 0; r == 0 && i < n; i++)
		link_comounted(ctx, &h[i]);
	if (r < 0 || rw)
		return r;
	top = mnt_open_in_root(ctx->root_fd, ROOT(ctx), "sys/fs/cgroup", O_PATH | O_NOFOLLOW);
	if (top < 0)
		return auto_fail(err, top, "a read-only view", "sys/fs/cgroup");
	r = mnt_remount_bind(top, MS_RDONLY | KERNFS_FLAGS);
	if (r < 0)
		return auto_fail(err, r, "a read-only view", "sys/fs/cgroup");
	return 0;
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
