/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-unfreeze: thaw the processes of the frozen container NAME (its state goes THAWED, then
 * RUNNING). Exit 0 on success, 1 otherwise. */
#include <stdbool.h>
#include <stdlib.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"
#include "tools/common.h"

static bool call(struct lxc_container *c)
{
	return c->unfreeze(c);
}

int main(int argc, char *argv[])
{
	struct lxc_arguments args = {
		.progname = "lxc-unfreeze",
		.usage = "--name=NAME",
		.help = "Thaw all the processes of the frozen container NAME.\n",
		.name_mode = LXC_ARGS_NAME_REQUIRED,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(lxc_tool_run_method(&args, call, "unfreeze"));
}
