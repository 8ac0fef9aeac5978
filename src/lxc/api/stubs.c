/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods whose subsystem has not landed yet. Each fails cleanly: false, -1 or NULL, with
 * error_num = ENOSYS and error_string 'Failed to <what> "NAME": not implemented yet in this
 * build'. The table below is the only list; delete a row when its method is implemented. */
#include <errno.h>
#include <stdint.h>

#include "api/api.h"

/* X(member, what it does, return type, failure value, parameters after c) */
#define API_STUBS(X)                                                                          \
	X(clone, "clone container", struct lxc_container *, NULL, const char *newname,          \
	  const char *lxcpath, int flags, const char *bdevtype, const char *bdevdata,           \
	  uint64_t newsize, char **hookargs)                                                    \
	X(snapshot, "snapshot container", int, -1, const char *commentfile)                     \
	X(snapshot_list, "list snapshots of container", int, -1,                                \
	  struct lxc_snapshot **snapshots)                                                      \
	X(snapshot_restore, "restore snapshot of container", bool, false,                       \
	  const char *snapname, const char *newname)                                            \
	X(snapshot_destroy, "destroy snapshot of container", bool, false,                       \
	  const char *snapname)                                                                 \
	X(snapshot_destroy_all, "destroy snapshots of container", bool, false)                  \
	X(add_device_node, "add device node to container", bool, false, const char *src_path,   \
	  const char *dest_path)                                                                \
	X(remove_device_node, "remove device node from container", bool, false,                 \
	  const char *src_path, const char *dest_path)                                          \
	X(checkpoint, "checkpoint container", bool, false, char *directory, bool stop,          \
	  bool verbose)                                                                         \
	X(restore, "restore container", bool, false, char *directory, bool verbose)             \
	X(migrate, "migrate container", int, -1, unsigned int cmd, struct migrate_opts *opts,   \
	  unsigned int size)                                                                    \
	X(mount, "mount into container", int, -1, const char *source, const char *target,       \
	  const char *filesystemtype, unsigned long mountflags, const void *data,               \
	  struct lxc_mount *mnt)                                                                \
	X(umount, "unmount in container", int, -1, const char *target,                          \
	  unsigned long mountflags, struct lxc_mount *mnt)                                      \
	X(seccomp_notify_fd, "get seccomp notify fd of container", int, -1)                     \
	X(seccomp_notify_fd_active, "get seccomp notify fd of container", int, -1)              \
	X(devpts_fd, "get devpts fd of container", int, -1)

static void not_implemented(struct lxc_container *c, const char *what)
{
	if (c)
		api_error(c, ENOSYS, "Failed to %s \"%s\": not implemented yet in this build", what,
			  c->name);
	errno = ENOSYS;
}

#define API_STUB_DEFINE(member, what, type, fail, ...)                                        \
	static type stub_##member(struct lxc_container *c, ##__VA_ARGS__)                       \
	{                                                                                     \
		not_implemented(c, what);                                                     \
		return fail;                                                                  \
	}
API_STUBS(API_STUB_DEFINE)


void api_install_stub_methods(struct lxc_container *c)
{
#define API_STUB_INSTALL(member, ...) c->member = stub_##member;
	API_STUBS(API_STUB_INSTALL)
}
