/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-config: list the system configuration keys (-l) or print one key's value, as the library
 * resolves it (lxc.conf on top of the built-in defaults). Unlike the other tools it has no
 * common options: -l here means "list". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

/* lxc.system.conf(5) keys, in the order LXC lists them. */
static const char *const keys[] = {
	"lxc.default_config",
	"lxc.lxcpath",
	"lxc.bdev.lvm.vg",
	"lxc.bdev.lvm.thin_pool",
	"lxc.bdev.zfs.root",
	"lxc.bdev.rbd.rbdpool",
	"lxc.cgroup.use",
	"lxc.cgroup.pattern",
};

static void usage(const char *me)
{
	printf("Usage: %s -l     list the keys of the system configuration\n", me);
	printf("       %s KEY    print the value of KEY\n", me);
	printf("\n");
	printf("The values are those of lxc.conf on top of the library's defaults.\n");
	printf("See lxc-config(1) and lxc.system.conf(5).\n");
}

static int print_item(const char *key)
{
	const char *value;

	errno = 0;
	value = lxc_get_global_config_item(key);
	if (value) {
		printf("%s\n", value);
		return EXIT_SUCCESS;
	}
	if (errno != 0)
		return EXIT_FAILURE;	/* the library printed why (e.g. a broken lxc.conf) */
	printf("%s is not set.\n", key);
	return EXIT_SUCCESS;
}

int main(int argc, char *argv[])
{
	const char *me = "lxc-config";

	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(me);
		return EXIT_SUCCESS;
	}
	if (strcmp(argv[1], "-l") == 0) {
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			printf("%s\n", keys[i]);
		return EXIT_SUCCESS;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(argv[1], keys[i]) == 0)
			return print_item(keys[i]);
	fprintf(stderr, "Unknown configuration item: %s\n", argv[1]);
	return EXIT_FAILURE;
}
