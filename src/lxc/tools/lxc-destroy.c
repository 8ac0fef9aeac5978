/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-destroy: remove a stopped container (its backing store and its directory); -f stops a
 * running one first, -s also removes its snapshots. Silent on success, as LXC. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

struct destroy_opts {
	bool force;
	bool snapshots;
};

static int destroy_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct destroy_opts *o = args->data;

	if (c == 'f')
		o->force = true;
	else if (c == 's')
		o->snapshots = true;
	return 0;
}

static const struct option destroy_options[] = {
	{"force", no_argument, NULL, 'f'},
	{"snapshots", no_argument, NULL, 's'},
	{NULL, 0, NULL, 0},
};

static int destroy(const struct lxc_arguments *args, const struct destroy_opts *o)
{
	struct lxc_container *c;
	bool ok = false;

	c = lxc_container_new(args->name, args->lxcpath);
	if (!c)
		return -1; /* the library said why */
	if (args->rcfile) {
		c->clear_config(c);
		if (!c->load_config(c, args->rcfile))
			goto out;
	}
	if (!c->is_defined(c)) {
		lxc_arguments_error(args, "Container \"%s\" is not defined", c->name);
		goto out;
	}
	if (!c->may_control(c)) {
		lxc_arguments_error(args, "Insufficient privileges to control \"%s\"", c->name);
		goto out;
	}
	if (c->is_running(c)) {
		if (!o->force) {
			lxc_arguments_error(args,
					    "Container \"%s\" is running; stop it first or "
					    "use -f",
					    c->name);
			goto out;
		}
		if (!c->stop(c))
			goto out; /* the library said why */
	}
	/* The library logs the cause of a failure. */
	ok = o->snapshots ? c->destroy_with_snapshots(c) : c->destroy(c);
out:
	lxc_container_put(c);
	return ok ? 0 : -1;
}

int main(int argc, char *argv[])
{
	struct destroy_opts opts = {0};
	struct lxc_arguments args = {
		.progname = "lxc-destroy",
		.usage = "--name=NAME [-f] [-s]",
		.help = "Destroy the container NAME: run its destroy hooks, remove its root file\n"
			"system (when lxc.rootfs.managed) and its directory in the lxcpath.\n"
			"\n"
			"Options:\n"
			"  -f, --force              Stop the container first if it is running\n"
			"  -s, --snapshots          Also destroy its snapshots\n",
		.options = destroy_options,
		.parser = destroy_parser,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(destroy(&args, &opts) == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
