/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Kernel feature probes: each runs once, harmlessly, and its answer is cached. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "sys/features.h"
#include "sys/mount_api.h"
#include "sys/pidfd.h"
#include "sys/process.h"

/* Per feature: 0 unknown, 1 present, 2 missing. */
static _Atomic int cache[SYS_FEATURE_MAX];
static _Atomic unsigned int forced_missing;

static bool missing_errno(int err)
{
	return err == -ENOSYS || err == -EPERM;
}

static bool probe_pidfd(void)
{
	int fd = sys_pidfd_open(getpid(), 0);

	if (fd < 0)
		return false;
	/* Signal 0 only checks that the process exists. */
	int r = sys_pidfd_send_signal(fd, 0, NULL, 0);

	close(fd);
	return r == 0;
}

static bool probe_clone3(void)
{
	/* An invalid size is rejected with EINVAL by a kernel that knows clone3, ENOSYS else. */
	long r = syscall(SYS_clone3, NULL, 0);

	return !(r < 0 && missing_errno(-errno));
}

static bool probe_close_range(void)
{
	/* An empty range (first > last) is EINVAL where supported. */
	int r = sys_close_range(~0U, 0, 0);

	return !missing_errno(r);
}

static bool probe_openat2(void)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC | O_DIRECTORY,
				.resolve = RESOLVE_NO_MAGICLINKS };
	int fd = sys_openat2(AT_FDCWD, "/", &how);

	if (fd >= 0)
		close(fd);
	return !missing_errno(fd);
}

static bool probe_mount_api(void)
{
	int fd = sys_fsopen("tmpfs", FSOPEN_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return true;
	}
	return !missing_errno(fd);
}

static bool probe_mount_setattr(void)
{
	/* Unknown flags give EINVAL where the call exists. */
	int r = sys_mount_setattr(-EBADF, "", ~0U, NULL, 0);

	return !missing_errno(r);
}

static const struct {
	const char *name;
	bool (*probe)(void);
} probes[SYS_FEATURE_MAX] = {
	[SYS_FEATURE_PIDFD] = { "pidfd", probe_pidfd },
	[SYS_FEATURE_CLONE3] = { "clone3", probe_clone3 },
	[SYS_FEATURE_CLOSE_RANGE] = { "close_range", probe_close_range },
	[SYS_FEATURE_OPENAT2] = { "openat2", probe_openat2 },
	[SYS_FEATURE_MOUNT_API] = { "mount_api", probe_mount_api },
	[SYS_FEATURE_MOUNT_SETATTR] = { "mount_setattr", probe_mount_setattr },
};

bool sys_has(enum sys_feature f)
{
	int v;

	if ((unsigned int)f >= SYS_FEATURE_MAX)
		return false;
	if (atomic_load(&forced_missing) & (1U << f))
		return false;
	v = atomic_load(&cache[f]);
	if (v == 0) {
		v = probes[f].probe() ? 1 : 2;
		atomic_store(&cache[f], v);
	}
	return v == 1;
}

const char *sys_feature_name(enum sys_feature f)
{
	return (unsigned int)f < SYS_FEATURE_MAX ? probes[f].name : "unknown";
}

void sys_features_override(unsigned int missing_mask)
{
	for (int i = 0; i < SYS_FEATURE_MAX; i++)
		atomic_store(&cache[i], 0);
	atomic_store(&forced_missing, missing_mask);
}
