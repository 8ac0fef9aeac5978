/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-execute: run one command in the container NAME under lxc-init, from its configuration
 * or a configuration file alone (-f), and exit with the command's status (128 + N when it was
 * killed by signal N). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"
#include "tools/common.h"

enum {
	EXEC_SHARE_NET = LXC_ARG_TOOL_BASE,
	EXEC_SHARE_IPC,
	EXEC_SHARE_UTS,
	EXEC_SHARE_PID,
};

struct exec_opts {
	bool daemonize;
	const char *uid, *gid;
	struct lxc_tool_overrides ov;	/* -s, --share-* */
};

static const struct option exec_options[] = {
	{ "daemon", no_argument, NULL, 'd' },
	{ "rcfile", required_argument, NULL, 'f' },
	{ "define", required_argument, NULL, 's' },
	{ "uid", required_argument, NULL, 'u' },
	{ "gid", required_argument, NULL, 'g' },
	{ "share-net", required_argument, NULL, EXEC_SHARE_NET },
	{ "share-ipc", required_argument, NULL, EXEC_SHARE_IPC },
	{ "share-uts", required_argument, NULL, EXEC_SHARE_UTS },
	{ "share-pid", required_argument, NULL, EXEC_SHARE_PID },
	{ NULL, 0, NULL, 0 },
};

static bool is_id(const char *s)
{
	char *end;

	errno = 0;
	(void)strtoul(s, &end, 10);
	return !errno && end != s && !*end && *s != '-';
}

static int exec_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct exec_opts *o = args->data;

	switch (c) {
	case 'd':
		o->daemonize = true;
		break;
	case 'f':
		args->rcfile = arg;
		break;
	case 's':
		return lxc_tool_add_define(args, &o->ov, arg);
	case 'u':
	case 'g':
		if (!is_id(arg)) {
			lxc_arguments_error(args, "Invalid %s \"%s\": expected a number",
					    c == 'u' ? "uid" : "gid", arg);
			return -1;
		}
		*(c == 'u' ? &o->uid : &o->gid) = arg;
		break;
	default:
		if (c >= EXEC_SHARE_NET && c < EXEC_SHARE_NET + LXC_TOOL_NSHARE)
			o->ov.share[c - EXEC_SHARE_NET] = arg;
		break;
	}
	return 0;
}

/* The library logs why a value is refused. */
static int set_item(const struct lxc_arguments *args, struct lxc_container *c, const char *key,
		    const char *value)
{
	return c->set_config_item(c, key, value) ? 0 : -1;
}

static int apply_options(const struct lxc_arguments *args, const struct exec_opts *o,
			 struct lxc_container *c)
{
	if (lxc_tool_apply_overrides(c, &o->ov) < 0)
		return -1;
	if (o->uid && set_item(args, c, "lxc.init.uid", o->uid) < 0)
		return -1;
	if (o->gid && set_item(args, c, "lxc.init.gid", o->gid) < 0)
		return -1;
	c->want_daemonize(c, o->daemonize);
	return 0;
}

/* Without a command, lxc.execute.cmd must name one. */
static bool has_command(const struct lxc_arguments *args, struct lxc_container *c)
{
	return args->argc > 0 || c->get_config_item(c, "lxc.execute.cmd", NULL, 0) > 0;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}

static int execute(const struct lxc_arguments *args, const struct exec_opts *o)
{
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	c = lxc_arguments_open_container(args, 0);
	if (!c)
		return EXIT_FAILURE;
	if (apply_options(args, o, c) < 0)
		goto out;
	if (!has_command(args, c)) {
		lxc_arguments_error(args, "Missing command to execute (give one after \"--\" or "
				    "set lxc.execute.cmd)");
		goto out;
	}
	if (!c->start(c, 1, args->argc > 0 ? args->argv : NULL)) {
		/* The library has logged the cause. */
		lxc_arguments_error(args, "Failed to run the command in container \"%s\"",
				    c->name);
		goto out;
	}
	ret = o->daemonize ? EXIT_SUCCESS : exit_code(c->error_num);
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct exec_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-execute",
		.usage = "--name=NAME [-d] [-f CONFIG] [-s KEY=VAL]... [-u UID] [-g GID] "
			 "[-- COMMAND]",
		.help = "Run COMMAND (default: lxc.execute.cmd) in the container NAME under\n"
			"lxc-init and exit with its status.\n"
			"\n"
			"Options:\n"
			"  -f, --rcfile=FILE        Load the configuration from FILE\n"
			"  -s, --define=KEY=VAL     Set the configuration key KEY to VAL\n"
			"  -d, --daemon             Run in the background and return at once\n"
			"  -u, --uid=UID            Run COMMAND as user id UID\n"
			"  -g, --gid=GID            Run COMMAND as group id GID\n"
			"      --share-net=NAME|PID Join the network namespace of a container or\n"
			"                           process (also --share-ipc, --share-uts,\n"
			"                           --share-pid)\n",
		.options = exec_options,
		.parser = exec_parser,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	ret = execute(&args, &opts);
	lxc_tool_overrides_free(&opts.ov);
	exit(ret);
}
