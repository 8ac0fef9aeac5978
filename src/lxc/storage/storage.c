/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The backend table: lookup by name (-B) and by lxc.rootfs.path prefix, and the dispatch of
 * create, destroy and mount-source to the backend's ops. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/fs/fs.h"
#include "storage/backends.h"
#include "storage/storage.h"

static const struct storage_ops *const backends[] = {
	&storage_dir_ops, &storage_btrfs_ops, &storage_overlay_ops, &storage_loop_ops,
	&storage_lvm_ops, &storage_zfs_ops,   &storage_rbd_ops,	    &storage_nbd_ops,
};

int storage_fail(struct storage_error *err, int errnum, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->err = -errnum;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -errnum;
}

void storage_result_free(struct storage_result *r)
{
	if (!r)
		return;
	free(r->rootfs_path);
	free(r->source);
	r->rootfs_path = NULL;
	r->source = NULL;
	r->created = false;
}

const struct storage_ops *storage_by_name(const char *type)
{
	if (!type || !*type || strcmp(type, "best") == 0 || strcmp(type, "none") == 0)
		return &storage_dir_ops;
	if (strcmp(type, "overlayfs") == 0)
		return &storage_overlay_ops;
	for (size_t i = 0; i < ARRAY_SIZE(backends); i++)
		if (strcmp(backends[i]->name, type) == 0)
			return backends[i];
	return NULL;
}

int storage_detect(const char *rootfs_path, const struct storage_ops **ret_ops,
		   const char **ret_source, struct storage_error *err)
{
	struct conf_rootfs_spec spec;
	const char *why;
	int ret;

	ret = conf_rootfs_parse_path(rootfs_path, &spec, &why);
	if (ret < 0)
		return storage_fail(err, EINVAL, "Invalid rootfs path \"%s\": %s", rootfs_path,
				    why);
	for (size_t i = 0; i < ARRAY_SIZE(backends); i++) {
		if (!backends[i]->detect(spec.type, spec.source))
			continue;
		if (!backends[i]->implemented)
			return storage_fail(err, EOPNOTSUPP,
					    "backing store \"%s\" is not supported yet",
					    backends[i]->name);
		*ret_ops = backends[i];
		*ret_source = spec.source;
		return 0;
	}
	return storage_fail(err, EINVAL, "Invalid rootfs path \"%s\": unknown backing store",
			    rootfs_path);
}

int storage_create(const char *bdevtype, const char *dest, const struct bdev_specs *specs,
		   struct storage_result *ret, struct storage_error *err)
{
	const struct storage_ops *ops = storage_by_name(bdevtype);

	if (!ops)
		return storage_fail(err, EINVAL,
				    "Invalid backing store \"%s\": expected one of "
				    "dir, btrfs, overlay, loop, lvm, zfs, rbd, nbd, best",
				    bdevtype);
	if (!ops->implemented)
		return storage_fail(err, EOPNOTSUPP, "backing store \"%s\" is not supported yet",
				    ops->name);
	return ops->create(dest, specs, ret, err);
}

int storage_destroy(const char *rootfs_path, struct storage_error *err)
{
	const struct storage_ops *ops;
	const char *source;
	int ret;

	ret = storage_detect(rootfs_path, &ops, &source, err);
	if (ret < 0)
		return ret;
	return ops->destroy(source, err);
}

int storage_mount_source(const char *rootfs_path, char **ret, struct storage_error *err)
{
	const struct storage_ops *ops;
	const char *source;
	int r;

	r = storage_detect(rootfs_path, &ops, &source, err);
	if (r < 0)
		return r;
	return ops->mount_source(source, ret, err);
}
