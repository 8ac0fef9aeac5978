/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-wait: block until the container NAME reaches one of the states given with -s (several
 * joined by '|'), or until -t TIMEOUT seconds have passed. Exit 0 when reached, 1 otherwise. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

struct wait_opts {
	const char *states;
	int timeout;		/* seconds, -1: no limit */
};

static const struct option wait_options[] = {
	{ "state", required_argument, NULL, 's' },
	{ "timeout", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

/* A whole decimal number >= -1 (LXC accepts -1 as "forever"). */
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

static int wait_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct wait_opts *o = args->data;

	switch (c) {
	case 's':
		o->states = arg;
		break;
	case 't':
		if (parse_timeout(arg, &o->timeout) < 0) {
			lxc_arguments_error(args, "Invalid timeout \"%s\": expected -1 or a number "
					    "of seconds", arg);
			return -1;
		}
		break;
	}
	return 0;
}

static int wait_checker(struct lxc_arguments *args)
{
	const struct wait_opts *o = args->data;

	if (!o->states || !*o->states) {
		lxc_arguments_error(args, "Missing state option to wait for (-s STATE)");
		return -1;
	}
	return 0;
}

static int wait_for(const struct lxc_arguments *args, const struct wait_opts *o)
{
	struct lxc_container *c;
	int ret;

	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return -1;
	/* A timeout is not an error worth a message: the exit status says it. */
	ret = c->wait(c, o->states, o->timeout) ? 0 : -1;
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct wait_opts opts = { .timeout = -1 };
	struct lxc_arguments args = {
		.progname = "lxc-wait",
		.usage = "--name=NAME --state=STATE[|STATE...] [--timeout=SECONDS]",
		.help = "Wait until the container NAME is in one of the given states.\n"
			"\n"
			"Options:\n"
			"  -s, --state=STATES       The states to wait for, separated by '|':\n"
			"                           STOPPED, STARTING, RUNNING, STOPPING,\n"
			"                           ABORTING, FREEZING, FROZEN, THAWED\n"
			"  -t, --timeout=SECONDS    Give up after SECONDS (-1, the default: never)\n",
		.options = wait_options,
		.parser = wait_parser,
		.checker = wait_checker,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(wait_for(&args, &opts) == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
