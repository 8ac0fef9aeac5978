/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Backing stores of a container's root file system: one ops table per backend (dir, and the
 * names of those not implemented yet), chosen by name for create or detected from
 * lxc.rootfs.path ("TYPE:SOURCE" or a bare path) for destroy and mount. Returns -errno and
 * fills a struct storage_error; never logs above DEBUG. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct bdev_specs;

/* Filled on failure only: a complete sentence without the container name, e.g.
 * 'backing store "zfs" is not supported yet' or 'Failed to create directory "/x": EACCES'. */
struct storage_error {
	int err; /* the -errno also returned */
	char msg[1024];
};

/* What a backend created: rootfs_path is the lxc.rootfs.path value ("dir:/var/lib/lxc/c1/rootfs"),
 * source the host path the template populates and the start sequence mounts. Both malloc'd;
 * free with storage_result_free(). created: the backend made it (roll back removes it). */
struct storage_result {
	char *rootfs_path;
	char *source;
	bool created;
};
void storage_result_free(struct storage_result *r);

struct storage_ops {
	const char *name; /* "dir", "btrfs", ... as in -B and the lxc.rootfs.path prefix */
	/* Whether this backend handles lxc.rootfs.path whose prefix is type ("" for a bare path)
	 * and whose remainder is source. */
	bool (*detect)(const char *type, const char *source);
	/* Make a new store. dest is the default place (LXCPATH/NAME/rootfs), specs may be NULL
	 * (specs->dir overrides dest for "dir"). */
	int (*create)(const char *dest, const struct bdev_specs *specs, struct storage_result *ret,
		      struct storage_error *err);
	/* Remove the store named by source (the part after "TYPE:"), without following symlinks
	 * or crossing mount points. A missing store is not an error. */
	int (*destroy)(const char *source, struct storage_error *err);
	/* The path (or device) to mount as the rootfs for source; malloc'd into *ret. */
	int (*mount_source)(const char *source, char **ret, struct storage_error *err);
	bool implemented;
};

/* The backend named type ("dir", "btrfs", ...); NULL if the name is unknown. "best" and NULL
 * mean "dir" (the only backend implemented). Unimplemented backends are returned and fail
 * with 'backing store "X" is not supported yet'. */
const struct storage_ops *storage_by_name(const char *type);

/* The backend for an lxc.rootfs.path value; *ret_source points into rootfs_path (after the
 * "TYPE:" prefix, or the whole value for a bare path). -EINVAL for a malformed or unknown
 * value, -EOPNOTSUPP for a known but unimplemented backend (err filled in both cases). */
int storage_detect(const char *rootfs_path, const struct storage_ops **ret_ops,
		   const char **ret_source, struct storage_error *err);

/* Create a store of type bdevtype (NULL/"best": dir). -EOPNOTSUPP for an unimplemented backend,
 * -EINVAL for an unknown name. */
int storage_create(const char *bdevtype, const char *dest, const struct bdev_specs *specs,
		   struct storage_result *ret, struct storage_error *err);

/* Destroy the store named by an lxc.rootfs.path value. */
int storage_destroy(const char *rootfs_path, struct storage_error *err);

/* The host path to mount for an lxc.rootfs.path value (dir: the directory). */
int storage_mount_source(const char *rootfs_path, char **ret, struct storage_error *err);

/* rm -rf --one-file-system of path, never following symlinks (path itself included: a symlink
 * is unlinked, not followed) and never descending into another file system (a mount point
 * below path is left in place and reported as -EBUSY after everything else was removed).
 * -ENOENT is success. */
int storage_remove_tree(const char *path);
