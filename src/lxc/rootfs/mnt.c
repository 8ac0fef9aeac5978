/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Mount option tables and safe path handling inside the rootfs (see mnt.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "rootfs/mnt.h"
#include "sys/features.h"
#include "sys/process.h"

struct mnt_flag {
	const char *name;
	bool clear;
	unsigned long flag;
};

static const struct mnt_flag mnt_flags[] = {
	{"defaults", false, 0},
	{"ro", false, MS_RDONLY},
	{"rw", true, MS_RDONLY},
	{"suid", true, MS_NOSUID},
	{"nosuid", false, MS_NOSUID},
	{"dev", true, MS_NODEV},
	{"nodev", false, MS_NODEV},
	{"exec", true, MS_NOEXEC},
	{"noexec", false, MS_NOEXEC},
	{"sync", false, MS_SYNCHRONOUS},
	{"async", true, MS_SYNCHRONOUS},
	{"dirsync", false, MS_DIRSYNC},
	{"remount", false, MS_REMOUNT},
	{"mand", false, MS_MANDLOCK},
	{"nomand", true, MS_MANDLOCK},
	{"atime", true, MS_NOATIME},
	{"noatime", false, MS_NOATIME},
	{"diratime", true, MS_NODIRATIME},
	{"nodiratime", false, MS_NODIRATIME},
	{"bind", false, MS_BIND},
	{"rbind", false, MS_BIND | MS_REC},
	{"relatime", false, MS_RELATIME},
	{"norelatime", true, MS_RELATIME},
	{"strictatime", false, MS_STRICTATIME},
	{"nostrictatime", true, MS_STRICTATIME},
	{"lazytime", false, MS_LAZYTIME},
	{"nolazytime", true, MS_LAZYTIME},
	{"silent", false, MS_SILENT},
	{"loud", true, MS_SILENT},
};

static const struct mnt_flag mnt_pflags[] = {
	{"private", false, MS_PRIVATE},	      {"rprivate", false, MS_PRIVATE | MS_REC},
	{"slave", false, MS_SLAVE},	      {"rslave", false, MS_SLAVE | MS_REC},
	{"shared", false, MS_SHARED},	      {"rshared", false, MS_SHARED | MS_REC},
	{"unbindable", false, MS_UNBINDABLE}, {"runbindable", false, MS_UNBINDABLE | MS_REC},
};

/* Options that only mean something to LXC; "create=" and "idmap=" match as prefixes. */
static const char *const lxc_only_opts[] = {"create=", "idmap=", "optional", "relative"};

static bool is_lxc_only(const char *opt)
{
	for (size_t i = 0; i < ARRAY_SIZE(lxc_only_opts); i++) {
		const char *o = lxc_only_opts[i];

		if (str_ends_with(o, "=") ? str_starts_with(opt, o) : strcmp(opt, o) == 0)
			return true;
	}
	return false;
}

static const struct mnt_flag *flag_lookup(const struct mnt_flag *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

void mnt_opts_free(struct mnt_opts *o)
{
	free_disarm(o->data);
}

int mnt_opts_parse(const char *options, struct mnt_opts *ret)
{
	__do_free char *copy = NULL;
	struct strbuf data = {0};
	char *save = NULL;

	memset(ret, 0, sizeof(*ret));
	if (!options)
		return 0;
	copy = strdup(options);
	if (!copy)
		return -ENOMEM;
	for (char *opt = strtok_r(copy, ",", &save); opt; opt = strtok_r(NULL, ",", &save)) {
		const struct mnt_flag *f;

		if (is_lxc_only(opt))
			continue;
		f = flag_lookup(mnt_flags, ARRAY_SIZE(mnt_flags), opt);
		if (f) {
			if (f->clear)
				ret->flags &= ~f->flag;
			else
				ret->flags |= f->flag;
			continue;
		}
		f = flag_lookup(mnt_pflags, ARRAY_SIZE(mnt_pflags), opt);
		if (f) {
			ret->pflags |= f->flag;
			continue;
		}
		if ((data.len && strbuf_append(&data, ",") < 0) || strbuf_append(&data, opt) < 0) {
			strbuf_free(&data);
			return -ENOMEM;
		}
	}
	ret->data = data.len ? strbuf_take(&data) : NULL;
	strbuf_free(&data);
	return 0;
}

const char *mnt_fd_path(int fd, char buf[MNT_FD_PATH_LEN])
{
	snprintf(buf, MNT_FD_PATH_LEN, "/proc/self/fd/%d", fd);
	return buf;
}

/* Without openat2: resolve normally, then refuse a result outside root. */
static int open_checked(int root_fd, const char *root, const char *rel, int flags)
{
	char fdp[MNT_FD_PATH_LEN], buf[PATH_MAX];
	__do_close int fd = -EBADF;
	size_t rlen = strlen(root);
	ssize_t n;

	fd = openat(root_fd, *rel ? rel : ".", flags | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = readlink(mnt_fd_path(fd, fdp), buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (rlen > 1 && root[rlen - 1] == '/')
		rlen--;
	if (strcmp(root, "/") != 0 &&
	    (strncmp(buf, root, rlen) != 0 || (buf[rlen] != '\0' && buf[rlen] != '/')))
		return -EXDEV;
	return take_fd(fd);
}

int mnt_open_in_root(int root_fd, const char *root, const char *rel, int flags)
{
	struct open_how how = {0};
	int fd;

	while (*rel == '/')
		rel++;
	if (!sys_has(SYS_FEATURE_OPENAT2))
		return open_checked(root_fd, root, rel, flags);
	how.flags = (unsigned int)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	fd = sys_openat2(root_fd, *rel ? rel : ".", &how);
	if (fd == -ENOSYS || fd == -EPERM)
		return open_checked(root_fd, root, rel, flags);
	return fd;
}

int mnt_mkdir_in_root(int root_fd, const char *root, const char *rel, unsigned int mode)
{
	__do_free char *path = NULL;
	__do_close int cur = -EBADF;
	char *p, *save = NULL;
	struct strbuf prefix = {0};

	path = strdup(rel);
	if (!path)
		return -ENOMEM;
	cur = mnt_open_in_root(root_fd, root, "", O_PATH | O_DIRECTORY);
	if (cur < 0)
		return cur;
	for (p = strtok_r(path, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		int next;

		if (mkdirat(cur, p, mode) < 0 && errno != EEXIST) {
			int e = -errno;

			strbuf_free(&prefix);
			return e;
		}
		if (strbuf_printf(&prefix, "/%s", p) < 0) {
			strbuf_free(&prefix);
			return -ENOMEM;
		}
		next = mnt_open_in_root(root_fd, root, prefix.buf, O_PATH | O_DIRECTORY);
		if (next < 0) {
			strbuf_free(&prefix);
			return next;
		}
		close(cur);
		cur = next;
	}
	strbuf_free(&prefix);
	return take_fd(cur);
}

int mnt_mkfile_in_root(int root_fd, const char *root, const char *rel, unsigned int mode)
{
	__do_free char *dir = NULL;
	__do_close int dfd = -EBADF;
	const char *base;
	char *slash;
	int fd;

	while (*rel == '/')
		rel++;
	dir = strdup(rel);
	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		base = rel + (slash - dir) + 1;
	} else {
		dir[0] = '\0';
		base = rel;
	}
	if (!*base)
		return -EISDIR;
	dfd = mnt_mkdir_in_root(root_fd, root, dir, 0755);
	if (dfd < 0)
		return dfd;
	/* Anything already there (a file, a device node, a symlink) is used as it is. */
	fd = openat(dfd, base, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	close(fd);
	return 0;
}

int mnt_mount_on_fd(const char *source, int target_fd, const char *fstype, unsigned long flags,
		    const char *data)
{
	char t[MNT_FD_PATH_LEN];

	if (mount(source, mnt_fd_path(target_fd, t), fstype, flags, data) < 0)
		return -errno;
	return 0;
}

int mnt_bind_fd(int src_fd, int target_fd, bool rec)
{
	char s[MNT_FD_PATH_LEN];

	return mnt_mount_on_fd(mnt_fd_path(src_fd, s), target_fd, NULL,
			       MS_BIND | (rec ? MS_REC : 0), NULL);
}

/* statvfs flags a remount must keep (the kernel refuses to clear them in a user namespace). */
static const struct {
	unsigned long st;
	unsigned long ms;
} locked_flags[] = {
	{ST_NOSUID, MS_NOSUID},	  {ST_NODEV, MS_NODEV},		  {ST_NOEXEC, MS_NOEXEC},
	{ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME},
};

int mnt_remount_bind(int fd, unsigned long flags)
{
	struct statvfs sv;

	if (fstatvfs(fd, &sv) == 0)
		for (size_t i = 0; i < ARRAY_SIZE(locked_flags); i++)
			if (sv.f_flag & locked_flags[i].st)
				flags |= locked_flags[i].ms;
	return mnt_mount_on_fd(NULL, fd, NULL, MS_REMOUNT | MS_BIND | flags, NULL);
}
