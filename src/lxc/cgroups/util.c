// SPDX-License-Identifier: LGPL-2.1-or-later
/* Shared helpers of the cgroup driver: the error record, cgroup file reads and writes, the
 * populated check and the children-first removal of a cgroup tree. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/internal.h"

int cgroup_error_set(struct cgroup_error *e, int err, const char *fmt, ...)
{
	va_list ap;

	if (!e || e->err)
		return err;
	e->err = err;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return err;
}

const char *cgroup_layout_name(enum cgroup_layout l)
{
	switch (l) {
	case CGROUP_LAYOUT_LEGACY:
		return "legacy";
	case CGROUP_LAYOUT_HYBRID:
		return "hybrid";
	case CGROUP_LAYOUT_UNIFIED:
		return "unified";
	default:
		return "none";
	}
}

char *cg_path(const char *dir, const char *file)
{
	struct strbuf sb = { 0 };

	if (strbuf_printf(&sb, "%s/%s", dir, file) < 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}

int cg_write(const char *dir, const char *file, const char *value)
{
	__do_free char *p = cg_path(dir, file);
	__do_close int fd = -EBADF;
	size_t len = strlen(value);
	ssize_t n;

	if (!p)
		return -ENOMEM;
	fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	/* One write: a cgroup file takes one value per write(2). */
	do {
		n = write(fd, value, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

int cg_read(const char *dir, const char *file, char **ret)
{
	__do_free char *p = cg_path(dir, file);

	if (!p)
		return -ENOMEM;
	return file_read_all(p, ret, NULL);
}

int cg_populated(const char *dir)
{
	__do_closedir DIR *d = NULL;
	__do_free char *procs = NULL;
	struct dirent *de;
	int ret;

	ret = cg_read(dir, "cgroup.procs", &procs);
	if (ret == -ENOENT && !dir_exists(dir))
		return 0;
	if (ret < 0)
		return ret;
	if (!str_is_empty(procs))
		return 1;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		__do_free char *sub = NULL;

		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sub = cg_path(dir, de->d_name);
		if (!sub)
			return -ENOMEM;
		ret = cg_populated(sub);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int cg_rmdir_tree(const char *dir)
{
	__do_closedir DIR *d = NULL;
	struct dirent *de;
	int ret;

	/* Usually a leaf with no tasks left: then one rmdir does it. */
	if (rmdir(dir) == 0 || errno == ENOENT)
		return 0;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		__do_free char *sub = NULL;

		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sub = cg_path(dir, de->d_name);
		if (!sub)
			return -ENOMEM;
		ret = cg_rmdir_tree(sub);
		if (ret < 0)
			return ret;
	}
	/* Tasks that were just killed may keep the cgroup busy for a moment. */
	for (int i = 0; i < 200; i++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -errno;
		cg_msleep(10);
	}
	return -EBUSY;
}

char *cg_run_dir(const struct cgroup_run *run, const struct cgroup_hierarchy *h,
		 enum cgroup_kind kind, bool inner)
{
	const char *rel = kind == CGROUP_MONITOR ? run->monitor :
			  (inner ? run->payload_inner : run->payload);

	if (!rel || !h->base)
		return NULL;
	return cg_path(h->base, rel);
}

bool cg_has_controller(const struct cgroup_hierarchy *h, const char *controller)
{
	return strv_contains(h->controllers, controller);
}

void cg_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
