/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A wait status as an exit code, the way shells report it: the exit status, 128+N when signal
 * N killed the process, 1 otherwise. Header-only: the static helpers (lxc-init) use it too. */
#pragma once

#include <sys/wait.h>

static inline int sys_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}
