/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* storage_remove_tree(): rm -rf --one-file-system done with directory fds. Every entry is
 * examined with statx(AT_SYMLINK_NOFOLLOW), directories are opened O_NOFOLLOW and checked
 * again after opening, and a directory on another mount (mount id, else st_dev) is left
 * alone. Symlinks are removed, never followed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "storage/storage.h"

/* Identity of the file system (and mount, where the kernel tells) the removal stays on. */
struct tree_root {
	dev_t dev;
	uint64_t mnt_id;
	bool have_mnt_id;
};

static int stat_at(int dfd, const char *name, int flags, struct statx *stx)
{
	if (statx(dfd, name, flags | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT,
		  STATX_TYPE | STATX_MNT_ID, stx) < 0)
		return -errno;
	return 0;
}

static bool same_mount(const struct tree_root *root, const struct statx *stx)
{
	if (makedev(stx->stx_dev_major, stx->stx_dev_minor) != root->dev)
		return false;
	if (root->have_mnt_id && (stx->stx_mask & STATX_MNT_ID))
		return stx->stx_mnt_id == root->mnt_id;
	return true;
}

static int keep_first(int ret, int err)
{
	return ret < 0 ? ret : err;
}

static int remove_contents(int dfd, const struct tree_root *root);

/* Remove directory entry name of dfd, which statx says is a directory. */
static int remove_subdir(int dfd, const char *name, const struct tree_root *root)
{
	__do_close int fd = -EBADF;
	struct statx stx;
	int ret;

	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	/* Re-check what was opened: it may have been swapped for a mount point meanwhile. */
	ret = stat_at(fd, "", AT_EMPTY_PATH, &stx);
	if (ret < 0)
		return ret;
	if (!same_mount(root, &stx))
		return -EBUSY;
	ret = remove_contents(fd, root);
	if (unlinkat(dfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		ret = keep_first(ret, -errno);
	return ret;
}

static int remove_entry(int dfd, const char *name, const struct tree_root *root)
{
	struct statx stx;
	int ret;

	ret = stat_at(dfd, name, 0, &stx);
	if (ret < 0)
		return ret == -ENOENT ? 0 : ret;
	if (!S_ISDIR(stx.stx_mode)) {
		if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
			return -errno;
		return 0;
	}
	/* Another file system mounted here: leave it (and the mount point) alone. */
	if (!same_mount(root, &stx))
		return -EBUSY;
	return remove_subdir(dfd, name, root);
}

static int remove_contents(int dfd, const struct tree_root *root)
{
	__do_closedir DIR *dir = NULL;
	struct dirent *de;
	int fd, ret = 0;

	fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		ret = -errno;
		close(fd);
		return ret;
	}
	while ((errno = 0, de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ret = keep_first(ret, remove_entry(dfd, de->d_name, root));
	}
	if (errno)
		ret = keep_first(ret, -errno);
	return ret;
}

int storage_remove_tree(const char *path)
{
	__do_close int fd = -EBADF;
	struct tree_root root;
	struct statx stx;
	int ret;

	ret = stat_at(AT_FDCWD, path, 0, &stx);
	if (ret < 0)
		return ret == -ENOENT ? 0 : ret;
	if (!S_ISDIR(stx.stx_mode))
		return unlink(path) < 0 && errno != ENOENT ? -errno : 0;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	ret = stat_at(fd, "", AT_EMPTY_PATH, &stx);
	if (ret < 0)
		return ret;
	root.dev = makedev(stx.stx_dev_major, stx.stx_dev_minor);
	root.mnt_id = stx.stx_mnt_id;
	root.have_mnt_id = stx.stx_mask & STATX_MNT_ID;
	ret = remove_contents(fd, &root);
	if (rmdir(path) < 0 && errno != ENOENT)
		ret = keep_first(ret, -errno);
	return ret;
}
