/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pidfd family: pidfd_open, pidfd_send_signal, pidfd_getfd. Each returns the kernel's result
 * or -errno (-ENOSYS where the kernel or a seccomp filter lacks the call). */
#pragma once

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	long r = syscall(SYS_pidfd_open, pid, flags);

	return r < 0 ? -errno : (int)r;
}

static inline int sys_pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	long r = syscall(SYS_pidfd_send_signal, pidfd, sig, info, flags);

	return r < 0 ? -errno : 0;
}

static inline int sys_pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	long r = syscall(SYS_pidfd_getfd, pidfd, targetfd, flags);

	return r < 0 ? -errno : (int)r;
}
