/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-monitor-exec: the container monitor, exec'd fresh by start() with argv[0]
 * "[lxc monitor] LXCPATH NAME" and the start request on the fd named by LXC_MONITOR_FD.
 * Exits with the container init's status (128+N when a signal killed it), 1 on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/str.h"
#include "lifecycle/monitor.h"
#include "lifecycle/request.h"

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
	return monitor_main(fd);
}
