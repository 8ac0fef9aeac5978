/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-freeze: freeze every process of the running container NAME (its state becomes FROZEN
 * until lxc-unfreeze). Exit 0 on success, 1 otherwise. */
#include <stdbool.h>
#include <stdlib.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"
#include "tools/common.h"

static bool call(struct lxc_container *c)
{
	return c->freeze(c);
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
	exit(lxc_tool_run_method(&args, call, "freeze"));
}
