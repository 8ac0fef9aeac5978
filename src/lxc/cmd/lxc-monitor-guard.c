/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-monitor-guard: "[lxc monitor guard] LXCPATH NAME", spawned by a container monitor with
 * the pipe from it on LXC_GUARD_FD. Waits for the monitor; if it dies without saying "done",
 * removes what it left behind (see lifecycle/guard.h). Keeps no other fd open. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/str.h"
#include "lifecycle/guard.h"
#include "sys/process.h"

static const char *take_env(const char *key)
{
	const char *v = getenv(key);

	return v && *v ? v : NULL;
}

int main(int argc, char *argv[])
{
	const char *fds = take_env(GUARD_ENV_FD), *pids = take_env(GUARD_ENV_MONITOR);
	const char *lxcpath = take_env(GUARD_ENV_LXCPATH), *name = take_env(GUARD_ENV_NAME);
	int fd, pid;

	if (!fds || !pids || !lxcpath || !name || str_to_int(fds, &fd) < 0 || fd < 3 ||
	    str_to_int(pids, &pid) < 0 || pid <= 0) {
		fprintf(stderr, "lxc-monitor-guard: is started by the container monitor only\n");
		return 1;
	}
	/* Nothing of the container's (console ptys, sockets) may stay open here: only the pipe
	 * (fd) and the lock on the next fd, held until exit. */
	if (fd > 3)
		sys_close_range(3, (unsigned int)fd - 1, 0);
	if (sys_close_range((unsigned int)fd + 2, ~0U, 0) < 0)
		for (int i = fd + 2; i < 4096; i++)
			close(i);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	return guard_main(fd, (pid_t)pid, lxcpath, name);
}
