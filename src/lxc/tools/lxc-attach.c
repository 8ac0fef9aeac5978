/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-attach: run COMMAND (default: the user's shell) inside the running container NAME and
 * exit with its status (128 + N when killed by signal N); 1 when it could not be attached.
 * A pty is allocated when one of the standard fds is a terminal. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

enum {
	ATT_CLEAR_ENV = LXC_ARG_TOOL_BASE,
	ATT_KEEP_ENV,
	ATT_KEEP_VAR,
};

struct attach_args {
	lxc_attach_options_t opts;
	int elevated;		/* LXC_ATTACH_* flags to clear */
	bool keep_var_given;
	int nenv, nkeep;
	char **env, **keep;
	const char *pty_log;
};

static const struct option attach_options[] = {
	{ "elevated-privileges", optional_argument, NULL, 'e' },
	{ "arch", required_argument, NULL, 'a' },
	{ "namespaces", required_argument, NULL, 's' },
	{ "remount-sys-proc", no_argument, NULL, 'R' },
	{ "clear-env", no_argument, NULL, ATT_CLEAR_ENV },
	{ "keep-env", no_argument, NULL, ATT_KEEP_ENV },
	{ "set-var", required_argument, NULL, 'v' },
	{ "keep-var", required_argument, NULL, ATT_KEEP_VAR },
	{ "uid", required_argument, NULL, 'u' },
	{ "gid", required_argument, NULL, 'g' },
	{ "context", required_argument, NULL, 'c' },
	{ "pty-log", required_argument, NULL, 'L' },
	{ "rcfile", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 },
};

/* The lxc.arch names (lxc.conf(5)) and the personality each selects. */
static const struct {
	const char *name;
	unsigned long personality;
} arches[] = {
	{ "x86", PER_LINUX32 },	   { "i386", PER_LINUX32 },   { "i486", PER_LINUX32 },
	{ "i586", PER_LINUX32 },   { "i686", PER_LINUX32 },   { "linux32", PER_LINUX32 },
	{ "arm", PER_LINUX32 },	   { "armel", PER_LINUX32 },  { "armhf", PER_LINUX32 },
	{ "armv7l", PER_LINUX32 }, { "armv7", PER_LINUX32 },  { "powerpc", PER_LINUX32 },
	{ "ppc", PER_LINUX32 },	   { "s390", PER_LINUX32 },   { "mips", PER_LINUX32 },
	{ "mipsel", PER_LINUX32 }, { "x86_64", PER_LINUX },   { "amd64", PER_LINUX },
	{ "aarch64", PER_LINUX },  { "arm64", PER_LINUX },    { "ppc64", PER_LINUX },
	{ "ppc64le", PER_LINUX },  { "ppc64el", PER_LINUX },  { "powerpc64", PER_LINUX },
	{ "s390x", PER_LINUX },	   { "mips64", PER_LINUX },   { "mips64el", PER_LINUX },
	{ "riscv64", PER_LINUX },  { "linux64", PER_LINUX },
};

/* lxc-attach -s names (lxc-attach(1)). */
static const struct {
	const char *name;
	int flag;
} namespaces[] = {
	{ "MOUNT", CLONE_NEWNS },   { "PID", CLONE_NEWPID },	   { "UTSNAME", CLONE_NEWUTS },
	{ "IPC", CLONE_NEWIPC },    { "USER", CLONE_NEWUSER },	   { "NETWORK", CLONE_NEWNET },
	{ "CGROUP", 0x02000000 },   { "TIME", 0x00000080 },
};

static const struct {
	const char *name;
	int flags;
} privileges[] = {
	{ "CGROUP", LXC_ATTACH_MOVE_TO_CGROUP },
	{ "CAP", LXC_ATTACH_DROP_CAPABILITIES },
	{ "LSM", LXC_ATTACH_LSM_EXEC },
};

#define FIND(table, tok, field, ret)                                                      \
	({                                                                                \
		bool found_ = false;                                                      \
		for (size_t i_ = 0; i_ < sizeof(table) / sizeof(table[0]); i_++)          \
			if (strcmp(table[i_].name, tok) == 0) {                           \
				*(ret) = table[i_].field;                                 \
				found_ = true;                                            \
			}                                                                 \
		found_;                                                                   \
	})

/* "A|B|C" against a table: OR of the values; -1 on an unknown or empty name. */
static int parse_list(const char *arg, bool privs)
{
	char buf[256], *save = NULL;
	int flags = 0, v = 0;

	if (!arg[0] || strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	if (strstr(buf, "||") || buf[0] == '|' || buf[strlen(buf) - 1] == '|')
		return -1;
	for (char *tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		if (privs ? !FIND(privileges, tok, flags, &v) : !FIND(namespaces, tok, flag, &v))
			return -1;
		flags |= v;
	}
	return flags;
}

static bool parse_id(const char *s, unsigned int *ret)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v >= (unsigned int)-1)
		return false;
	*ret = (unsigned int)v;
	return true;
}

static int append(char ***v, int *n, char *s)
{
	char **nv = realloc(*v, (*n + 2) * sizeof(**v));

	if (!nv)
		return -1;
	nv[(*n)++] = s;
	nv[*n] = NULL;
	*v = nv;
	return 0;
}

static int attach_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct attach_args *a = args->data;
	unsigned int id;
	int v;

	switch (c) {
	case 'e':
		v = arg ? parse_list(arg, true) : LXC_ATTACH_MOVE_TO_CGROUP |
			  LXC_ATTACH_DROP_CAPABILITIES | LXC_ATTACH_LSM_EXEC;
		if (v < 0) {
			lxc_arguments_error(args, "Invalid privileges \"%s\": expected CGROUP, CAP "
					    "or LSM separated by \"|\"", arg);
			return -1;
		}
		a->elevated |= v;
		break;
	case 's':
		v = parse_list(arg, false);
		if (v < 0) {
			lxc_arguments_error(args, "Invalid namespaces \"%s\": expected MOUNT, PID, "
					    "UTSNAME, IPC, USER, NETWORK, CGROUP or TIME separated "
					    "by \"|\"", arg);
			return -1;
		}
		a->opts.namespaces = v;
		/* -s implies -e. */
		a->elevated |= LXC_ATTACH_MOVE_TO_CGROUP | LXC_ATTACH_DROP_CAPABILITIES |
			       LXC_ATTACH_LSM_EXEC;
		break;
	case 'a': {
		unsigned long p;

		if (!FIND(arches, arg, personality, &p)) {
			lxc_arguments_error(args, "Invalid architecture \"%s\"", arg);
			return -1;
		}
		a->opts.personality = (long)p;
		break;
	}
	case 'R':
		a->opts.attach_flags |= LXC_ATTACH_REMOUNT_PROC_SYS;
		break;
	case ATT_CLEAR_ENV:
		a->opts.env_policy = LXC_ATTACH_CLEAR_ENV;
		break;
	case ATT_KEEP_ENV:
		a->opts.env_policy = LXC_ATTACH_KEEP_ENV;
		break;
	case 'v':
		if (!strchr(arg, '=') || arg[0] == '=') {
			lxc_arguments_error(args, "Invalid variable \"%s\": expected VAR=VALUE", arg);
			return -1;
		}
		return append(&a->env, &a->nenv, arg);
	case ATT_KEEP_VAR:
		a->keep_var_given = true;
		return append(&a->keep, &a->nkeep, arg);
	case 'u':
	case 'g':
		if (!parse_id(arg, &id)) {
			lxc_arguments_error(args, "Invalid %s \"%s\": expected a number",
					    c == 'u' ? "uid" : "gid", arg);
			return -1;
		}
		if (c == 'u')
			a->opts.uid = id;
		else
			a->opts.gid = id;
		break;
	case 'c':
		a->opts.lsm_label = arg;
		a->opts.attach_flags |= LXC_ATTACH_LSM_LABEL;
		break;
	case 'L':
		a->pty_log = arg;
		break;
	case 'f':
		args->rcfile = arg;
		break;
	}
	return 0;
}

static int attach_checker(struct lxc_arguments *args)
{
	struct attach_args *a = args->data;

	if (a->keep_var_given && a->opts.env_policy != LXC_ATTACH_CLEAR_ENV) {
		lxc_arguments_error(args, "--keep-var can only be used with --clear-env");
		return -1;
	}
	return 0;
}

/* Signals sent to lxc-attach itself go on to the attached process. */
static volatile pid_t attached_pid;

static void forward_signal(int sig)
{
	if (attached_pid > 0)
		kill(attached_pid, sig);
}

static void forward_signals(pid_t pid)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2 };
	struct sigaction sa = { .sa_handler = forward_signal };

	attached_pid = pid;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}

static int run(const struct lxc_arguments *args, struct attach_args *a)
{
	lxc_attach_command_t cmd = { 0 };
	struct lxc_container *c;
	int ret = EXIT_FAILURE, status;
	pid_t pid;

	c = lxc_arguments_open_container(args, LXC_OPEN_DEFINED);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		lxc_arguments_error(args, "Container \"%s\" is not running", args->name);
		goto out;
	}
	a->opts.attach_flags &= ~a->elevated;
	a->opts.extra_env_vars = a->env;
	a->opts.extra_keep_env = a->keep;
	if (a->pty_log) {
		a->opts.log_fd = open(a->pty_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (a->opts.log_fd < 0) {
			lxc_arguments_error(args, "Failed to open pty log \"%s\": %s", a->pty_log,
					    strerror(errno));
			goto out;
		}
	}
	if (isatty(STDIN_FILENO) || isatty(STDOUT_FILENO) || isatty(STDERR_FILENO))
		a->opts.attach_flags |= LXC_ATTACH_TERMINAL;
	if (args->argc > 0) {
		cmd.program = args->argv[0];
		cmd.argv = args->argv;
	}
	/* The library has logged the cause of a failure. */
	if (c->attach(c, args->argc > 0 ? lxc_attach_run_command : lxc_attach_run_shell, &cmd,
		      &a->opts, &pid) < 0)
		goto out;
	forward_signals(pid);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			lxc_arguments_error(args, "Failed to wait for process %d: %s", pid,
					    strerror(errno));
			goto out;
		}
	}
	ret = exit_code(status);
out:
	if (a->opts.log_fd >= 0)
		close(a->opts.log_fd);
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct attach_args a = { .opts = LXC_ATTACH_OPTIONS_DEFAULT };
	struct lxc_arguments args = {
		.progname = "lxc-attach",
		.usage = "--name=NAME [-e] [-s NAMESPACES] [-R] [-a ARCH] [--clear-env] "
			 "[-v VAR=VALUE]... [--keep-var VAR]... [-u UID] [-g GID] [-- COMMAND]",
		.help = "Run COMMAND (default: the user's shell) inside the running container\n"
			"NAME and exit with its status.\n"
			"\n"
			"Options:\n"
			"  -e, --elevated-privileges[=PRIVS]\n"
			"                           Do not drop PRIVS (CGROUP|CAP|LSM, default all)\n"
			"  -s, --namespaces=NS      Join only NS (MOUNT|PID|UTSNAME|IPC|USER|NETWORK|\n"
			"                           CGROUP|TIME); implies -e\n"
			"  -R, --remount-sys-proc   Remount /proc and /sys (with -s, without MOUNT)\n"
			"  -a, --arch=ARCH          Run with the personality of ARCH\n"
			"      --keep-env           Keep the environment (default), add container=lxc\n"
			"      --clear-env          Start from an empty environment\n"
			"  -v, --set-var=VAR=VALUE  Set VAR in the environment\n"
			"      --keep-var=VAR       Keep VAR with --clear-env\n"
			"  -u, --uid=UID            Run as user id UID\n"
			"  -g, --gid=GID            Run as group id GID\n"
			"  -c, --context=CONTEXT    Run with LSM label CONTEXT\n"
			"  -L, --pty-log=FILE       Copy the pty's output to FILE\n"
			"  -f, --rcfile=FILE        Load the configuration from FILE\n",
		.options = attach_options,
		.parser = attach_parser,
		.checker = attach_checker,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &a,
	};
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	ret = run(&args, &a);
	free(a.env);
	free(a.keep);
	exit(ret);
}
