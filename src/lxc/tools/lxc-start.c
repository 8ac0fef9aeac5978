/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-start: start the container NAME, daemonized (default) or in the foreground (-F), after
 * applying an extra configuration file (-f), KEY=VAL overrides (-s), a console device or log,
 * and namespaces shared with another container or process (--share-*). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"
#include "tools/common.h"

enum {
	START_SHARE_NET = LXC_ARG_TOOL_BASE,
	START_SHARE_IPC,
	START_SHARE_UTS,
	START_SHARE_PID,
};

struct start_opts {
	bool foreground, close_all_fds;
	const char *pidfile;
	const char *console, *console_log;
	struct lxc_tool_overrides ov;	/* -s, --share-* */
};

static const struct option start_options[] = {
	{ "daemon", no_argument, NULL, 'd' },
	{ "foreground", no_argument, NULL, 'F' },
	{ "rcfile", required_argument, NULL, 'f' },
	{ "define", required_argument, NULL, 's' },
	{ "console", required_argument, NULL, 'c' },
	{ "console-log", required_argument, NULL, 'L' },
	{ "close-all-fds", no_argument, NULL, 'C' },
	{ "pidfile", required_argument, NULL, 'p' },
	{ "share-net", required_argument, NULL, START_SHARE_NET },
	{ "share-ipc", required_argument, NULL, START_SHARE_IPC },
	{ "share-uts", required_argument, NULL, START_SHARE_UTS },
	{ "share-pid", required_argument, NULL, START_SHARE_PID },
	{ NULL, 0, NULL, 0 },
};

static int start_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct start_opts *o = args->data;

	switch (c) {
	case 'd':
		o->foreground = false;
		break;
	case 'F':
		o->foreground = true;
		break;
	case 'f':
		args->rcfile = arg;
		break;
	case 's':
		return lxc_tool_add_define(args, &o->ov, arg);
	case 'c':
		o->console = arg;
		break;
	case 'L':
		o->console_log = arg;
		break;
	case 'C':
		o->close_all_fds = true;
		break;
	case 'p':
		o->pidfile = arg;
		break;
	case START_SHARE_NET:
	case START_SHARE_IPC:
	case START_SHARE_UTS:
	case START_SHARE_PID:
		o->ov.share[c - START_SHARE_NET] = arg;
		break;
	}
	return 0;
}

/* Everything the command line asks to change in the configuration. */
static int apply_options(const struct lxc_arguments *args, const struct start_opts *o,
			 struct lxc_container *c)
{
	if (lxc_tool_apply_overrides(c, &o->ov) < 0)
		return -1;
	if (o->console && !c->set_config_item(c, "lxc.console.path", o->console))
		return -1;
	if (o->console_log && !c->set_config_item(c, "lxc.console.logfile", o->console_log))
		return -1;
	if (o->pidfile) {
		free(c->pidfile);
		c->pidfile = strdup(o->pidfile);
		if (!c->pidfile) {
			lxc_arguments_error(args, "Out of memory");
			return -1;
		}
	}
	c->want_daemonize(c, !o->foreground);
	if (o->close_all_fds)
		c->want_close_all_fds(c, true);
	return 0;
}

/* The library may already have written the pid file; if not, write the init's pid. */
static int write_pidfile(const struct lxc_arguments *args, struct lxc_container *c,
			 const char *path)
{
	struct stat st;
	FILE *f;
	pid_t pid;

	if (stat(path, &st) == 0 && st.st_size > 0)
		return 0;
	pid = c->init_pid(c);
	f = fopen(path, "we");
	if (!f || pid <= 0 || fprintf(f, "%d\n", (int)pid) < 0 || fclose(f) != 0) {
		lxc_arguments_error(args, "Failed to write pid file \"%s\": %s", path,
				    strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* A wait status as a shell reports it: the exit code, or 128 + the signal. */
static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}

static int run(const struct lxc_arguments *args, struct lxc_container *c,
	       const struct start_opts *o)
{
	char *const *argv = args->argc > 0 ? args->argv : NULL;

	if (!c->start(c, 0, argv)) {
		/* The library has logged the cause. */
		lxc_arguments_error(args, "The container failed to start");
		if (!o->foreground)
			lxc_arguments_error(args, "To get more details, run the container in "
					    "foreground mode");
		lxc_arguments_error(args, "Additional information can be obtained by setting "
				    "the --logfile and --logpriority options");
		return c->error_num > 0 && c->error_num < 256 ? c->error_num : EXIT_FAILURE;
	}
	if (o->foreground)
		return exit_code(c->error_num);
	if (o->pidfile && write_pidfile(args, c, o->pidfile) < 0)
		return EXIT_FAILURE;
	return EXIT_SUCCESS;
}

static int start(const struct lxc_arguments *args, const struct start_opts *o)
{
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	if (access(args->lxcpath, R_OK) < 0) {
		lxc_arguments_error(args, "You lack access to \"%s\"", args->lxcpath);
		return EXIT_FAILURE;
	}
	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return EXIT_FAILURE;
	if (c->is_running(c)) {
		lxc_arguments_error(args, "Container is already running.");
		ret = EXIT_SUCCESS;
		goto out;
	}
	if (!args->rcfile && !c->is_defined(c) && args->argc == 0) {
		lxc_arguments_error(args, "Executing \"/sbin/init\" with no configuration file "
				    "may crash the host");
		goto out;
	}
	if (apply_options(args, o, c) < 0)
		goto out;
	ret = run(args, c, o);
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct start_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-start",
		.usage = "--name=NAME [-d|-F] [-f CONFIG] [-s KEY=VAL]... [-p PIDFILE]\n"
			 "                 [--share-net|--share-ipc|--share-uts NAME|PID] "
			 "[-- COMMAND]",
		.help = "Start the container NAME, running COMMAND (default: lxc.init.cmd, else\n"
			"/sbin/init).\n"
			"\n"
			"Options:\n"
			"  -d, --daemon             Run in the background (the default)\n"
			"  -F, --foreground         Keep the terminal attached to the console and\n"
			"                           exit with the init's status\n"
			"  -f, --rcfile=FILE        Load the configuration from FILE\n"
			"  -s, --define=KEY=VAL     Set the configuration key KEY to VAL\n"
			"  -p, --pidfile=FILE       Write the init's PID to FILE\n"
			"  -c, --console=DEVICE     Use DEVICE as the container's console\n"
			"  -L, --console-log=FILE   Log the console output to FILE\n"
			"  -C, --close-all-fds      Close inherited file descriptors instead of\n"
			"                           failing\n"
			"      --share-net=NAME|PID Join the network namespace of a container or\n"
			"                           process (also --share-ipc, --share-uts,\n"
			"                           --share-pid)\n",
		.options = start_options,
		.parser = start_parser,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	ret = start(&args, &opts);
	lxc_tool_overrides_free(&opts.ov);
	exit(ret);
}
