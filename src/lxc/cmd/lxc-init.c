/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-init: the small pid 1 of application containers (lxc-execute). It starts the command,
 * forwards signals to it, reaps every zombie, and exits with the command's status (128+N when
 * the command was killed by signal N). Outside a pid namespace it acts as a subreaper. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sys/exit_code.h"

extern char **environ;

static const char usage[] =
	"Usage: lxc-init [-n NAME] [-P LXCPATH] [-q] -- COMMAND [ARG...]\n"
	"\n"
	"Run COMMAND as the child of a minimal init: signals sent to init are passed on to\n"
	"COMMAND, orphans are reaped, and init exits with COMMAND's status.\n"
	"\n"
	"  -n, --name=NAME        container name (informational)\n"
	"  -P, --lxcpath=LXCPATH  container path (informational)\n"
	"  -q, --quiet            do not print errors\n"
	"  -h, --help             print this help\n";

static bool quiet;

static void say(const char *fmt, const char *arg)
{
	if (quiet)
		return;
	fputs("lxc-init: ", stderr);
	fprintf(stderr, fmt, arg, strerror(errno));
	fputc('\n', stderr);
}

/* Signals that are passed on to the command rather than handled by init. */
static bool is_forwarded(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGKILL:
	case SIGSTOP:
	case SIGTTIN:
	case SIGTTOU:
		return false;
	default:
		return true;
	}
}

/* Reap every child that has exited; remember the main command's status. */
static bool reap(pid_t cmd, int *ret_code)
{
	bool cmd_done = false;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid <= 0)
			break;
		if (pid == cmd) {
			*ret_code = sys_exit_code(status);
			cmd_done = true;
		}
	}
	return cmd_done;
}

/* The command, with default signal dispositions, the original signal mask and its own
 * session; vfork-like (posix_spawn), as init's memory need not be copied for an exec. Returns
 * its pid, or -errno when it could not be started. */
static pid_t spawn(char **argv, const sigset_t *oldmask)
{
	posix_spawnattr_t attr;
	sigset_t all;
	pid_t pid;
	int err;

	sigfillset(&all);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, oldmask);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSID);
	err = posix_spawnp(&pid, argv[0], NULL, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	return err ? -err : pid;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	sigset_t all, oldmask;
	int code = 0, opt;
	bool cmd_done = false;
	pid_t cmd;

	while ((opt = getopt_long(argc, argv, "+n:P:qh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n':
		case 'P':
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	if (optind >= argc) {
		fputs("lxc-init: no command given\n", stderr);
		fputs(usage, stderr);
		return 1;
	}

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &oldmask);
	if (getpid() != 1)
		prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

	cmd = spawn(argv + optind, &oldmask);
	if (cmd < 0) {
		/* As a shell reports it: 127 not found, 126 found but not executable. */
		errno = -cmd;
		say("Failed to execute \"%s\": %s", argv[optind]);
		return cmd == -ENOENT ? 127 : 126;
	}

	while (!cmd_done) {
		siginfo_t info;
		int sig = sigwaitinfo(&all, &info);

		if (sig < 0) {
			if (errno == EINTR)
				continue;
			say("Failed to wait for signals%s: %s", "");
			return 1;
		}
		if (sig == SIGCHLD) {
			cmd_done = reap(cmd, &code);
			continue;
		}
		if (is_forwarded(sig) && kill(-cmd, sig) < 0)
			kill(cmd, sig);
	}

	/* The command is gone. As pid 1, everything left in the container goes with it; as a
	 * subreaper, stop what the command's process group left behind and reap what has exited. */
	if (getpid() == 1)
		kill(-1, SIGKILL);
	else
		kill(-cmd, SIGKILL);
	while (waitpid(-1, NULL, getpid() == 1 ? 0 : WNOHANG) > 0 || errno == EINTR)
		;
	return code;
}
