/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-stop: ask the container's init to shut down (lxc.signal.halt), killing it when it has
 * not stopped within the timeout; or kill it at once (-k), or reboot it (-r). Exit 0 when
 * done, 1 on failure, 2 when the container was not running. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

#define STOP_DEFAULT_TIMEOUT 60
#define STOP_EXIT_NOT_RUNNING 2

enum {
	STOP_NOKILL = LXC_ARG_TOOL_BASE,
	STOP_NOLOCK,
};

struct stop_opts {
	bool reboot, kill, nokill, nolock, nowait;
	bool timeout_set;
	int timeout;
};

static const struct option stop_options[] = {
	{ "reboot", no_argument, NULL, 'r' },
	{ "nowait", no_argument, NULL, 'W' },
	{ "timeout", required_argument, NULL, 't' },
	{ "kill", no_argument, NULL, 'k' },
	{ "nokill", no_argument, NULL, STOP_NOKILL },
	{ "nolock", no_argument, NULL, STOP_NOLOCK },
	{ NULL, 0, NULL, 0 },
};

static int parse_timeout(const char *s, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -1 || v > 0x7fffffff)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

static int stop_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct stop_opts *o = args->data;

	switch (c) {
	case 'r':
		o->reboot = true;
		break;
	case 'W':
		o->nowait = true;
		break;
	case 'k':
		o->kill = true;
		break;
	case STOP_NOKILL:
		o->nokill = true;
		break;
	case STOP_NOLOCK:
		o->nolock = true;
		break;
	case 't':
		if (parse_timeout(arg, &o->timeout) < 0) {
			lxc_arguments_error(args, "Invalid timeout \"%s\": expected -1 or a number "
					    "of seconds", arg);
			return -1;
		}
		o->timeout_set = true;
		break;
	}
	return 0;
}

/* Option combinations LXC refuses, as {condition, message}. */
static int stop_checker(struct lxc_arguments *args)
{
	struct stop_opts *o = args->data;
	const struct {
		bool bad;
		const char *msg;
	} rules[] = {
		{ o->kill && o->nokill, "-k can't be used with --nokill" },
		{ o->kill && o->reboot, "-k can't be used with -r" },
		{ o->kill && o->timeout_set && o->timeout != 0, "-k doesn't allow timeouts" },
		{ o->nolock && !o->kill, "--nolock may only be used with -k" },
	};

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].bad) {
			lxc_arguments_error(args, "%s", rules[i].msg);
			return -1;
		}
	}
	if (!o->timeout_set)
		o->timeout = o->kill ? 0 : STOP_DEFAULT_TIMEOUT;
	if (o->nowait)
		o->timeout = 0;
	return 0;
}

/* Reboot: the init pid changes once the container is back (or the wait gives up). */
static int do_reboot(struct lxc_container *c, const struct stop_opts *o)
{
	if (o->timeout == 0)
		return c->reboot(c) ? 0 : -1;
	if (!c->reboot2(c, o->timeout)) {
		printf("Reboot did not complete before timeout\n");
		return -1;
	}
	return 0;
}

/* Clean shutdown, then (unless --nokill, -W or a zero timeout) a kill. */
static int do_shutdown(struct lxc_container *c, const struct stop_opts *o)
{
	if (c->shutdown(c, o->timeout))
		return 0;
	if (o->timeout == 0)
		return 0;	/* asked without waiting: the request itself went out */
	if (o->nokill)
		return -1;
	return c->stop(c) ? 0 : -1;
}

static int stop(const struct lxc_arguments *args, const struct stop_opts *o)
{
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		lxc_arguments_error(args, "%s is not running", c->name);
		ret = STOP_EXIT_NOT_RUNNING;
		goto out;
	}
	if (o->kill)
		ret = c->stop(c) ? EXIT_SUCCESS : EXIT_FAILURE;
	else if (o->reboot)
		ret = do_reboot(c, o) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
	else
		ret = do_shutdown(c, o) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct stop_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-stop",
		.usage = "--name=NAME [-W] [-r] [-t TIMEOUT] [-k] [--nokill] [--nolock]",
		.help = "Stop the container NAME: request a clean shutdown and kill it if it has\n"
			"not stopped within the timeout.\n"
			"\n"
			"Options:\n"
			"  -r, --reboot             Request a reboot instead\n"
			"  -W, --nowait             Send the request and return without waiting\n"
			"  -t, --timeout=SECONDS    Wait SECONDS for the shutdown before killing\n"
			"                           (default 60; -1: wait forever)\n"
			"  -k, --kill               Kill the container at once\n"
			"      --nokill             Never kill: only request a clean shutdown\n"
			"      --nolock             Do not take the container lock (only with -k)\n",
		.options = stop_options,
		.parser = stop_parser,
		.checker = stop_checker,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(stop(&args, &opts));
}
