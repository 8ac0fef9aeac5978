/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-freeze: freeze every process of the running container NAME (its state becomes FROZEN
 * until lxc-unfreeze). Exit 0 on success, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

static int freeze(const struct lxc_arguments *args)
{
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return EXIT_FAILURE;
	if (!c->freeze(c)) {
		/* The library has already reported why on stderr. */
		if (!c->error_string)
			lxc_arguments_error(args, "Failed to freeze %s", c->name);
		goto out;
	}
	ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct lxc_arguments args = {
		.progname = "lxc-freeze",
		.usage = "--name=NAME",
		.help = "Freeze all the processes of the running container NAME.\n",
		.name_mode = LXC_ARGS_NAME_REQUIRED,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(freeze(&args));
}
