/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-cgroup: print the value of a cgroup file ("memory.limit_in_bytes", "cpuset.cpus") of the
 * running container NAME, or write VALUE to it. The file is not checked against the kernel's
 * controllers here; the library reports what the kernel says. Exit 0 on success, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

static int cgroup_checker(struct lxc_arguments *args)
{
	if (args->argc < 1) {
		lxc_arguments_error(args, "Missing state object");
		return -1;
	}
	if (args->argc > 2) {
		lxc_arguments_error(args, "Too many arguments: \"%s\"", args->argv[2]);
		return -1;
	}
	return 0;
}

static int cgroup_get(const struct lxc_arguments *args, struct lxc_container *c, const char *key)
{
	char *buf;
	int len;

	len = c->get_cgroup_item(c, key, NULL, 0);
	if (len < 0)
		goto fail;
	buf = malloc((size_t)len + 1);
	if (!buf) {
		lxc_arguments_error(args, "Out of memory");
		return -1;
	}
	len = c->get_cgroup_item(c, key, buf, len + 1);
	if (len < 0) {
		free(buf);
		goto fail;
	}
	fwrite(buf, 1, strnlen(buf, (size_t)len), stdout);
	free(buf);
	return 0;
fail:
	if (!c->error_string)
		lxc_arguments_error(args, "Failed to retrieve value of \"%s\" for \"%s\"", key,
				    c->name);
	return -1;
}

static int cgroup_tool(const struct lxc_arguments *args)
{
	struct lxc_container *c;
	const char *key = args->argv[0];
	int ret = -1;

	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return -1;
	if (!c->is_running(c)) {
		lxc_arguments_error(args, "%s is not running", c->name);
		goto out;
	}
	if (args->argc < 2) {
		ret = cgroup_get(args, c, key);
	} else if (c->set_cgroup_item(c, key, args->argv[1])) {
		ret = 0;
	} else if (!c->error_string) {
		lxc_arguments_error(args, "Failed to assign \"%s\" to \"%s\" for \"%s\"",
				    args->argv[1], key, c->name);
	}
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct lxc_arguments args = {
		.progname = "lxc-cgroup",
		.usage = "--name=NAME STATE-OBJECT [VALUE]",
		.help = "Print the value of STATE-OBJECT (a cgroup file such as cpuset.cpus) in the\n"
			"cgroup of the running container NAME, or set it to VALUE.\n",
		.checker = cgroup_checker,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(cgroup_tool(&args) == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
