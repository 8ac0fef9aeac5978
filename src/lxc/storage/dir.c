/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The "dir" backend: the rootfs is a plain directory, lxc.rootfs.path = dir:PATH (or a bare
 * absolute PATH). Create makes the directory (mode 0755), destroy removes it like
 * rm -rf --one-file-system, the mount source is the directory itself. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "storage/backends.h"

static bool dir_detect(const char *type, const char *source)
{
	return strcmp(type, "dir") == 0 || type[0] == '\0';
}

/* specs->dir made absolute against the current directory; malloc'd. */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX];
	char *ret;

	if (path[0] == '/')
		return strdup(path);
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	if (asprintf(&ret, "%s/%s", cwd, path) < 0)
		return NULL;
	return ret;
}

static int dir_create(const char *dest, const struct bdev_specs *specs, struct storage_result *ret,
		      struct storage_error *err)
{
	__do_free char *src = NULL, *value = NULL;
	bool existed;
	int r;

	src = absolute(specs && specs->dir ? specs->dir : dest);
	if (!src)
		return storage_fail(err, errno ? errno : ENOMEM,
				    "Failed to resolve rootfs path "
				    "\"%s\": %s",
				    specs && specs->dir ? specs->dir : dest,
				    strerror(errno ? errno : ENOMEM));
	if (asprintf(&value, "dir:%s", src) < 0) {
		value = NULL;
		return storage_fail(err, ENOMEM, "Out of memory");
	}
	existed = access(src, F_OK) == 0;
	if (existed && !dir_exists(src))
		return storage_fail(err, ENOTDIR, "Failed to create rootfs directory \"%s\": %s",
				    src, strerror(ENOTDIR));
	r = mkdir_p(src, 0755);
	if (r < 0)
		return storage_fail(err, -r, "Failed to create rootfs directory \"%s\": %s", src,
				    strerror(-r));
	if (!existed && chmod(src, 0755) < 0)
		return storage_fail(err, errno, "Failed to set mode of \"%s\": %s", src,
				    strerror(errno));
	ret->rootfs_path = take_ptr(value);
	ret->source = take_ptr(src);
	ret->created = !existed;
	return 0;
}

/* Refuse to remove "/" itself: a config with lxc.rootfs.path = / must never wipe the host. */
static int dir_destroy(const char *source, struct storage_error *err)
{
	char real[PATH_MAX];
	int r;

	if (realpath(source, real) && strcmp(real, "/") == 0)
		return storage_fail(err, EPERM,
				    "Refusing to remove rootfs \"%s\": it is the host's "
				    "root directory",
				    source);
	r = storage_remove_tree(source);
	if (r < 0)
		return storage_fail(err, -r, "Failed to remove rootfs \"%s\": %s", source,
				    r == -EBUSY ? "a file system is still mounted below it"
						: strerror(-r));
	return 0;
}

static int dir_mount_source(const char *source, char **ret, struct storage_error *err)
{
	*ret = strdup(source);
	if (!*ret)
		return storage_fail(err, ENOMEM, "Out of memory");
	return 0;
}

const struct storage_ops storage_dir_ops = {
	.name = "dir",
	.detect = dir_detect,
	.create = dir_create,
	.destroy = dir_destroy,
	.mount_source = dir_mount_source,
	.implemented = true,
};
