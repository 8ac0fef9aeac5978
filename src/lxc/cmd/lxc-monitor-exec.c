/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-monitor-exec: the container monitor and its cleanup guard, exec'd fresh by start() with
 * argv[0] "[lxc monitor guard] LXCPATH NAME" and the start request on the fd named by
 * LXC_MONITOR_FD. It starts the guard at once in a process that shares its memory (clone
 * CLONE_VM) and exits (the caller reaps it); the guard splits in two (lifecycle/guard.h), the
 * monitor retitles itself
 * "[lxc monitor] LXCPATH NAME". Both exit with the container init's status (128+N when a
 * signal killed it), 1 on failure. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/str.h"
#include "lifecycle/monitor.h"
#include "lifecycle/request.h"
#include "sys/process.h"

/* liblxc passes the request on 3 and the status pipe on 4 (lifecycle/launch.c). */
#define FIRST_UNUSED_FD 5
/* The stack of the guard (and of the monitor and init it forks), as a main thread's. */
#define GUARD_STACK_SIZE (8UL << 20)

struct guard_args {
	int fd;
	char *title;
};

static int guard_main(void *data)
{
	struct guard_args *a = data;

	_exit(monitor_main(a->fd, a->title));
}

/* The caller reaps this process at once: guard and monitor are never its children. The guard
 * shares our memory (no copy of page tables, no copy-on-write faults) and has it to itself once
 * we exit, which we do at once, without touching memory: its own stack, and no clear of our
 * thread id (glibc's thread descriptor is the guard's now). */
static int spawn_guard(struct guard_args *a)
{
	char *stack = mmap(NULL, GUARD_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);

	if (stack == MAP_FAILED)
		return -errno;
	/* A guard page below, as the kernel leaves below a main thread's stack. */
	mprotect(stack, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE);
	if (clone(guard_main, stack + GUARD_STACK_SIZE, CLONE_VM | SIGCHLD, a) < 0)
		return -errno;
	syscall(SYS_set_tid_address, NULL);
	_exit(0);
}

int main(int argc, char *argv[])
{
	const char *env = getenv(START_REQUEST_ENV);
	static struct guard_args a;
	int ret;

	if (!env || str_to_int(env, &a.fd) < 0 || a.fd < 0) {
		fprintf(stderr, "lxc-monitor-exec: is started by liblxc only (%s is not set)\n",
			START_REQUEST_ENV);
		return 1;
	}
	unsetenv(START_REQUEST_ENV);
	/* Nothing else of the caller's stays open. */
	if (sys_close_range(FIRST_UNUSED_FD, ~0U, 0) < 0)
		for (int i = FIRST_UNUSED_FD; i < 4096; i++)
			close(i);
	a.title = argc > 0 ? argv[0] : NULL;
	ret = spawn_guard(&a);
	fprintf(stderr, "lxc-monitor-exec: Failed to start the monitor: %s\n", strerror(-ret));
	return 1;
}
