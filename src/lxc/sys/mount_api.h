/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The new mount API: open_tree, move_mount, mount_setattr, fsopen, fsconfig, fsmount. Each
 * returns an fd or 0 on success, -errno on failure (-ENOSYS/-EPERM: fall back to mount(2)). */
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int sys_open_tree(int dfd, const char *path, unsigned int flags)
{
	long r = syscall(SYS_open_tree, dfd, path, flags);

	return r < 0 ? -errno : (int)r;
}

static inline int sys_move_mount(int from_dfd, const char *from_path, int to_dfd,
				 const char *to_path, unsigned int flags)
{
	long r = syscall(SYS_move_mount, from_dfd, from_path, to_dfd, to_path, flags);

	return r < 0 ? -errno : 0;
}

static inline int sys_mount_setattr(int dfd, const char *path, unsigned int flags,
				    struct mount_attr *attr, size_t size)
{
	long r = syscall(SYS_mount_setattr, dfd, path, flags, attr, size);

	return r < 0 ? -errno : 0;
}

static inline int sys_fsopen(const char *fsname, unsigned int flags)
{
	long r = syscall(SYS_fsopen, fsname, flags);

	return r < 0 ? -errno : (int)r;
}

static inline int sys_fsconfig(int fd, unsigned int cmd, const char *key, const void *value,
			       int aux)
{
	long r = syscall(SYS_fsconfig, fd, cmd, key, value, aux);

	return r < 0 ? -errno : 0;
}

static inline int sys_fsmount(int fd, unsigned int flags, unsigned int attr_flags)
{
	long r = syscall(SYS_fsmount, fd, flags, attr_flags);

	return r < 0 ? -errno : (int)r;
}
