/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A program built the way users build against LXC: flags from `pkg-config lxc`, installed
 * headers, the installed liblxc.so.1. It creates a container object in a temporary lxcpath,
 * sets and reads back a key, and checks the version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>
#include <lxc/version.h>

int main(int argc, char *argv[])
{
	struct lxc_container *c;
	char buf[64];
	int len;

	if (argc != 2) {
		fprintf(stderr, "usage: %s LXCPATH\n", argv[0]);
		return 2;
	}
	if (strcmp(lxc_get_version(), LXC_VERSION)) {
		fprintf(stderr, "lxc_get_version() is \"%s\", header says \"%s\"\n",
			lxc_get_version(), LXC_VERSION);
		return 1;
	}
	c = lxc_container_new("abi-test", argv[1]);
	if (!c) {
		fprintf(stderr, "lxc_container_new() failed\n");
		return 1;
	}
	if (!c->set_config_item(c, "lxc.uts.name", "abi-host")) {
		fprintf(stderr, "set_config_item() failed: %s\n", c->error_string);
		return 1;
	}
	len = c->get_config_item(c, "lxc.uts.name", buf, sizeof(buf));
	if (len != 8 || strcmp(buf, "abi-host")) {
		fprintf(stderr, "get_config_item() returned %d \"%s\"\n", len, buf);
		return 1;
	}
	if (c->is_defined(c) || strcmp(c->state(c), "STOPPED")) {
		fprintf(stderr, "unexpected state of a new container\n");
		return 1;
	}
	if (lxc_container_put(c) != 1) {
		fprintf(stderr, "lxc_container_put() did not free the container\n");
		return 1;
	}
	printf("pkg-config build works: liblxc %s\n", lxc_get_version());
	return 0;
}
