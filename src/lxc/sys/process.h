/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Process creation and fd hygiene: clone3 (with CLONE_PIDFD/CLONE_INTO_CGROUP), close_range,
 * openat2. Each returns the kernel's result or -errno. */
#pragma once

#include <errno.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* Like fork() when args->stack is 0: returns 0 in the child, the pid in the parent. */
static inline pid_t sys_clone3(struct clone_args *args)
{
	long r = syscall(SYS_clone3, args, sizeof(*args));

	return r < 0 ? -errno : (pid_t)r;
}

static inline int sys_close_range(unsigned int first, unsigned int last, unsigned int flags)
{
	long r = syscall(SYS_close_range, first, last, flags);

	return r < 0 ? -errno : 0;
}

static inline int sys_openat2(int dfd, const char *path, struct open_how *how)
{
	long r = syscall(SYS_openat2, dfd, path, how, sizeof(*how));

	return r < 0 ? -errno : (int)r;
}
