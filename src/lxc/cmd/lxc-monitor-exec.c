/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-monitor-exec: the container monitor and its cleanup guard, exec'd fresh by start() with
 * argv[0] "[lxc monitor guard] LXCPATH NAME" and the start request on the fd named by
 * LXC_MONITOR_FD. It forks at once (the caller reaps the parent), then splits in two
 * (lifecycle/guard.h); the monitor retitles itself
 * "[lxc monitor] LXCPATH NAME". Both exit with the container init's status (128+N when a
 * signal killed it), 1 on failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "lifecycle/monitor.h"
#include "lifecycle/request.h"
#include "sys/process.h"

/* liblxc passes the request on 3 and the status pipe on 4 (lifecycle/launch.c). */
#define FIRST_UNUSED_FD 5

int main(int argc, char *argv[])
{
	const char *env = getenv(START_REQUEST_ENV);
	int fd;

	if (!env || str_to_int(env, &fd) < 0 || fd < 0) {
		fprintf(stderr, "lxc-monitor-exec: is started by liblxc only (%s is not set)\n",
			START_REQUEST_ENV);
		return 1;
	}
	unsetenv(START_REQUEST_ENV);
	/* Nothing else of the caller's stays open. */
	if (sys_close_range(FIRST_UNUSED_FD, ~0U, 0) < 0)
		for (int i = FIRST_UNUSED_FD; i < 4096; i++)
			close(i);
	/* The caller reaps this process at once: guard and monitor are never its children. */
	switch (fork()) {
	case -1:
		fprintf(stderr, "lxc-monitor-exec: Failed to fork: %s\n", strerror(errno));
		return 1;
	case 0:
		break;
	default:
		_exit(0);
	}
	return monitor_main(fd, argc > 0 ? argv[0] : NULL);
}
