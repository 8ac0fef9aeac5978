/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-device -n NAME add|del DEVICE [NAME]: move a host network interface into a running
 * container (optionally renamed) or back out of it; a DEVICE under /dev is a device node,
 * handed to add_device_node/remove_device_node. Exit 0 on success, 1 otherwise. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

static bool is_node(const char *dev)
{
	return strncmp(dev, "/dev/", 5) == 0;
}

static int device(const struct lxc_arguments *args)
{
	const char *action, *dev, *dst;
	struct lxc_container *c;
	int ret = EXIT_FAILURE;
	bool add, ok;

	if (args->argc < 2 || args->argc > 3) {
		lxc_arguments_error(args, "Usage: %s -n NAME add|del DEVICE [NAME]", args->progname);
		return EXIT_FAILURE;
	}
	action = args->argv[0];
	dev = args->argv[1];
	dst = args->argc == 3 ? args->argv[2] : NULL;
	if (strcmp(action, "add") != 0 && strcmp(action, "del") != 0) {
		lxc_arguments_error(args, "Invalid action \"%s\": use \"add\" or \"del\"", action);
		return EXIT_FAILURE;
	}
	add = action[0] == 'a';
	if (geteuid() != 0) {
		lxc_arguments_error(args, "%s must be run as root", args->progname);
		return EXIT_FAILURE;
	}
	c = lxc_arguments_open_container(args, 0);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		lxc_arguments_error(args, "Container %s is not running", c->name);
		goto out;
	}
	if (is_node(dev))
		ok = add ? c->add_device_node(c, dev, dst) : c->remove_device_node(c, dev, dst);
	else
		ok = add ? c->attach_interface(c, dev, dst) : c->detach_interface(c, dev, dst);
	if (!ok) {
		/* The library has already reported why on stderr. */
		if (!c->error_string)
			lxc_arguments_error(args, "Failed to %s %s %s %s", add ? "add" : "remove",
					    dev, add ? "to" : "from", c->name);
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
		.progname = "lxc-device",
		.usage = "--name=NAME add|del DEVICE [NAME]",
		.help = "Move the host network interface DEVICE into the running container NAME\n"
			"(add), renamed to NAME inside when given, or out of it (del), renamed to\n"
			"NAME outside. A DEVICE under /dev is a device node.\n",
		.name_mode = LXC_ARGS_NAME_REQUIRED,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(device(&args));
}
