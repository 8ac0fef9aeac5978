/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The ready-made exec functions for attach(): run a command, or the caller's login shell. They
 * run in the attached child and return only when exec failed. As in LXC, a failed command
 * returns 126 (not executable), 127 (not found) or -1; a failed shell returns -1. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/attach_options.h>

#include "base/compiler.h"
#include "log/log.h"

lxc_log_define(api);

static int exec_status(int err)
{
	switch (err) {
	case EACCES:
	case ENOEXEC:
		return 126;
	case ENOENT:
		return 127;
	}
	return -1;
}

LXC_EXPORT int lxc_attach_run_command(void *payload)
{
	lxc_attach_command_t *cmd = payload;
	int err;

	if (!cmd || !cmd->program) {
		ERROR("Failed to run command: no program given");
		return -1;
	}
	execvp(cmd->program, cmd->argv);
	err = errno;
	SYSERROR("Failed to exec \"%s\"", cmd->program);
	return exec_status(err);
}

LXC_EXPORT int lxc_attach_run_shell(void *payload)
{
	struct passwd pw, *res = NULL;
	const char *shell = NULL;
	char buf[4096];

	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) == 0 && res && res->pw_shell &&
	    res->pw_shell[0])
		shell = res->pw_shell;
	else
		WARN("Failed to find the shell of uid %u, using \"/bin/sh\"", (unsigned)getuid());
	if (shell)
		execlp(shell, shell, (char *)NULL);
	execl("/bin/sh", "/bin/sh", (char *)NULL);
	SYSERROR("Failed to exec shell \"%s\"", shell ? shell : "/bin/sh");
	return -1;
}
