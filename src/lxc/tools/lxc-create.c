/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-create: define a new container from a config file (-f, else lxc.default_config) and
 * populate its root file system with a template (-t NAME|PATH|none) on a backing store
 * (-B, --dir). Everything after "--" goes to the template. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

enum {
	CREATE_DIR = LXC_ARG_TOOL_BASE,
	CREATE_LVNAME,
	CREATE_VGNAME,
	CREATE_THINPOOL,
	CREATE_FSTYPE,
	CREATE_FSSIZE,
	CREATE_ZFSROOT,
	CREATE_RBDNAME,
	CREATE_RBDPOOL,
};

struct create_opts {
	const char *config;
	const char *template;
	const char *bdev;
	const char *fssize;
	struct bdev_specs spec;
};

/* Size with an optional K/M/G/T suffix (powers of 1024), as LXC's --fssize. */
static int parse_size(const char *s, uint64_t *ret)
{
	static const char units[] = "bkmgt";
	char *end;
	unsigned long long v;
	const char *u;

	v = strtoull(s, &end, 10);
	if (end == s || s[0] == '-')
		return -1;
	if (*end) {
		u = strchr(units, *end | 0x20);
		if (!u || end[1] != '\0')
			return -1;
		for (; u > units; u--)
			v *= 1024;
	}
	*ret = v;
	return 0;
}

static int create_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct create_opts *o = args->data;

	switch (c) {
	case 'f':
		o->config = arg;
		break;
	case 't':
		o->template = arg;
		break;
	case 'B':
		o->bdev = arg;
		break;
	case CREATE_DIR:
		o->spec.dir = arg;
		break;
	case CREATE_LVNAME:
		o->spec.lvm.lv = arg;
		break;
	case CREATE_VGNAME:
		o->spec.lvm.vg = arg;
		break;
	case CREATE_THINPOOL:
		o->spec.lvm.thinpool = arg;
		break;
	case CREATE_FSTYPE:
		o->spec.fstype = arg;
		break;
	case CREATE_ZFSROOT:
		o->spec.zfs.zfsroot = arg;
		break;
	case CREATE_RBDNAME:
		o->spec.rbd.rbdname = arg;
		break;
	case CREATE_RBDPOOL:
		o->spec.rbd.rbdpool = arg;
		break;
	case CREATE_FSSIZE:
		if (parse_size(arg, &o->spec.fssize) < 0) {
			lxc_arguments_error(args,
					    "Invalid size \"%s\": expected a number with an "
					    "optional K, M, G or T suffix",
					    arg);
			return -1;
		}
		o->fssize = arg;
		break;
	}
	return 0;
}

/* The backing store options that only make sense with certain -B values. */
static bool bdev_is(const char *bdev, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(bdev, *names) == 0)
			return true;
	return false;
}

static int create_checker(struct lxc_arguments *args)
{
	static const char *const block[] = {"lvm", "loop", "rbd", "best", NULL};
	static const char *const lvm[] = {"lvm", "best", NULL};
	static const char *const zfs[] = {"zfs", "best", NULL};
	static const char *const rbd[] = {"rbd", "best", NULL};
	static const char *const dir[] = {"dir", "none", "best", NULL};
	struct create_opts *o = args->data;
	const char *bdev = o->bdev ? o->bdev : "dir";

	if (!o->template) {
		lxc_arguments_error(args, "A template must be specified with -t (use \"none\" for "
					  "a container without a rootfs)");
		return -1;
	}
	if ((o->spec.fstype || o->fssize) && !bdev_is(bdev, block)) {
		lxc_arguments_error(args, "--fstype and --fssize are only valid with -B lvm, loop "
					  "or rbd");
		return -1;
	}
	if ((o->spec.lvm.lv || o->spec.lvm.vg || o->spec.lvm.thinpool) && !bdev_is(bdev, lvm)) {
		lxc_arguments_error(args, "--lvname, --vgname and --thinpool are only valid with "
					  "-B lvm");
		return -1;
	}
	if ((o->spec.rbd.rbdname || o->spec.rbd.rbdpool) && !bdev_is(bdev, rbd)) {
		lxc_arguments_error(args, "--rbdname and --rbdpool are only valid with -B rbd");
		return -1;
	}
	if (o->spec.zfs.zfsroot && !bdev_is(bdev, zfs)) {
		lxc_arguments_error(args, "--zfsroot is only valid with -B zfs");
		return -1;
	}
	if (o->spec.dir && !bdev_is(bdev, dir)) {
		lxc_arguments_error(args, "--dir is only valid with -B dir");
		return -1;
	}
	return 0;
}

static const struct option create_options[] = {
	{"config", required_argument, NULL, 'f'},
	{"template", required_argument, NULL, 't'},
	{"bdev", required_argument, NULL, 'B'},
	{"dir", required_argument, NULL, CREATE_DIR},
	{"lvname", required_argument, NULL, CREATE_LVNAME},
	{"vgname", required_argument, NULL, CREATE_VGNAME},
	{"thinpool", required_argument, NULL, CREATE_THINPOOL},
	{"fstype", required_argument, NULL, CREATE_FSTYPE},
	{"fssize", required_argument, NULL, CREATE_FSSIZE},
	{"zfsroot", required_argument, NULL, CREATE_ZFSROOT},
	{"rbdname", required_argument, NULL, CREATE_RBDNAME},
	{"rbdpool", required_argument, NULL, CREATE_RBDPOOL},
	{NULL, 0, NULL, 0},
};

/* The config the container starts from: -f FILE, else lxc.default_config when it exists. */
static int load_start_config(const struct lxc_arguments *args, struct lxc_container *c,
			     const struct create_opts *o)
{
	const char *file = o->config;

	if (!file) {
		file = lxc_get_global_config_item("lxc.default_config");
		if (!file || access(file, F_OK) < 0)
			return 0;
	}
	if (c->load_config(c, file))
		return 0;
	if (!c->error_string)
		lxc_arguments_error(args, "Failed to load config file \"%s\"", file);
	return -1;
}

static int create(const struct lxc_arguments *args, struct create_opts *o)
{
	const char *template = strcmp(o->template, "none") == 0 ? NULL : o->template;
	const char *bdev = o->bdev;
	struct lxc_container *c;
	int ret = -1;

	c = lxc_container_new(args->name, args->lxcpath);
	if (!c)
		return -1; /* the library said why */
	if (c->is_defined(c)) {
		lxc_arguments_error(args, "Container \"%s\" already exists", c->name);
		goto out;
	}
	if (load_start_config(args, c, o) < 0)
		goto out;
	if (bdev && strcmp(bdev, "none") == 0)
		bdev = "dir";
	/* The library logged the cause as an error. */
	if (c->create(c, template, bdev, &o->spec, args->quiet ? LXC_CREATE_QUIET : 0, args->argv))
		ret = 0;
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct create_opts opts = {0};
	struct lxc_arguments args = {
		.progname = "lxc-create",
		.usage = "--name=NAME --template=TEMPLATE [-f CONFIG] [-B BACKINGSTORE] "
			 "[--dir=DIR]\n"
			 "       [-- TEMPLATE-OPTIONS]",
		.help = "Create the container NAME: its directory in the lxcpath, its config and,\n"
			"unless TEMPLATE is \"none\", a root file system the template populates.\n"
			"\n"
			"Options:\n"
			"  -t, --template=TEMPLATE  Template name (TEMPLATEDIR/lxc-TEMPLATE), path "
			"to\n"
			"                           an executable, or \"none\" for no rootfs\n"
			"  -f, --config=FILE        Start from this config instead of\n"
			"                           lxc.default_config\n"
			"  -B, --bdev=TYPE          Backing store: dir (default, also \"none\"), "
			"best,\n"
			"                           btrfs, overlay, loop, lvm, zfs, rbd (only dir "
			"and\n"
			"                           best, which means dir, are supported)\n"
			"      --dir=DIR            Place the rootfs at DIR (with -B dir)\n"
			"      --lvname=LV, --vgname=VG, --thinpool=POOL   LVM options (-B lvm)\n"
			"      --fstype=TYPE, --fssize=SIZE[KMGT]    File system (-B lvm, loop, "
			"rbd)\n"
			"      --zfsroot=DATASET    ZFS options (-B zfs)\n"
			"      --rbdname=NAME, --rbdpool=POOL        Ceph RBD options (-B rbd)\n"
			"  -q, --quiet              Also silence the template's output\n"
			"  -- TEMPLATE-OPTIONS      Passed to the template after --path, --name "
			"and\n"
			"                           --rootfs\n",
		.options = create_options,
		.parser = create_parser,
		.checker = create_checker,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(create(&args, &opts) == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
