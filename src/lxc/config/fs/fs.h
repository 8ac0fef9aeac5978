/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the file system keys: the root file system (lxc.rootfs.*), mount entries and
 * the fstab file (lxc.mount.entry, lxc.mount.fstab), automatic kernel file system mounts
 * (lxc.mount.auto) and /dev population (lxc.autodev*), plus the pure parsers the start
 * sequence reuses (fstab lines, rootfs path, mount.auto tokens). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

#define CONF_AUTODEV_TMPFS_SIZE_DEFAULT 500000
#define CONF_SHMOUNTS_CONTAINER_DEFAULT "/dev/.lxc-mounts"

/* lxc.mount.auto as a bit mask. Each group (proc, sys, cgroup) holds at most one mode; a later
 * token of a group replaces the earlier one. "proc" is proc:mixed and "sys" is sys:mixed;
 * "cgroup" and "cgroup-full" without a mode stay NOSPEC (the start sequence picks rw or mixed
 * depending on CAP_SYS_ADMIN). FORCE belongs to the cgroup group. */
enum {
	CONF_AUTO_PROC_MIXED = 1U << 0,
	CONF_AUTO_PROC_RW = 1U << 1,
	CONF_AUTO_PROC_MASK = CONF_AUTO_PROC_MIXED | CONF_AUTO_PROC_RW,

	CONF_AUTO_SYS_MIXED = 1U << 2,
	CONF_AUTO_SYS_RO = 1U << 3,
	CONF_AUTO_SYS_RW = 1U << 4,
	CONF_AUTO_SYS_MASK = CONF_AUTO_SYS_MIXED | CONF_AUTO_SYS_RO | CONF_AUTO_SYS_RW,

	CONF_AUTO_CGROUP_NOSPEC = 1U << 5,
	CONF_AUTO_CGROUP_MIXED = 1U << 6,
	CONF_AUTO_CGROUP_RO = 1U << 7,
	CONF_AUTO_CGROUP_RW = 1U << 8,
	CONF_AUTO_CGROUP_FULL_NOSPEC = 1U << 9,
	CONF_AUTO_CGROUP_FULL_MIXED = 1U << 10,
	CONF_AUTO_CGROUP_FULL_RO = 1U << 11,
	CONF_AUTO_CGROUP_FULL_RW = 1U << 12,
	CONF_AUTO_CGROUP_FORCE = 1U << 13,
	CONF_AUTO_CGROUP_MODE_MASK = 0xffU << 5, /* bits 5..12, without FORCE */
	CONF_AUTO_CGROUP_MASK = CONF_AUTO_CGROUP_MODE_MASK | CONF_AUTO_CGROUP_FORCE,

	CONF_AUTO_SHMOUNTS = 1U << 14,
	CONF_AUTO_ALL_MASK = CONF_AUTO_PROC_MASK | CONF_AUTO_SYS_MASK | CONF_AUTO_CGROUP_MASK |
			     CONF_AUTO_SHMOUNTS,
};

/* lxc.mount.auto state. */
struct conf_mount_auto {
	unsigned int mask;	  /* CONF_AUTO_* */
	char *shmounts_host;	  /* shmounts:HOST[:CONTAINER], set with CONF_AUTO_SHMOUNTS */
	char *shmounts_container; /* NULL: CONF_SHMOUNTS_CONTAINER_DEFAULT */
};

/* LXC's own options in a mount entry (removed before the options reach the kernel). */
enum {
	CONF_MNT_CREATE_DIR = 1U << 0,	/* create=dir */
	CONF_MNT_CREATE_FILE = 1U << 1, /* create=file */
	CONF_MNT_OPTIONAL = 1U << 2,	/* optional */
	CONF_MNT_RELATIVE = 1U << 3,	/* relative: source is relative to the mounted rootfs */
	CONF_MNT_BIND = 1U << 4,	/* bind (kernel option, noted for the start sequence) */
	CONF_MNT_RBIND = 1U << 5,	/* rbind */
	CONF_MNT_IDMAP = 1U << 6,	/* idmap=container|PATH */
};

/* One fstab-format line: "SOURCE TARGET FSTYPE [OPTIONS [FREQ [PASSNO]]]". Fields are decoded
 * (\040 and the other octal escapes of fstab(5)); TARGET may be relative to the rootfs. */
struct conf_mount_entry {
	char *line; /* as written */
	char *source;
	char *target;
	char *fstype;
	char *options; /* as written, "defaults" when omitted */
	char *idmap;   /* value of idmap=, or NULL */
	int freq;
	int passno;
	unsigned int flags; /* CONF_MNT_* */
};

struct conf_mount_list {
	struct conf_mount_entry *items;
	size_t n;
	size_t cap;
};

struct conf_rootfs {
	char *path;    /* lxc.rootfs.path as written, NULL: share the host's root */
	char *mount;   /* lxc.rootfs.mount, NULL: the built-in default */
	char *options; /* lxc.rootfs.options as written */
	char *idmap;   /* idmap= value from options ("container" or a path), or NULL */
	bool managed;  /* lxc.rootfs.managed, default true */
	bool readonly; /* lxc.rootfs.readonly, default false: remount / read-only before pivot */
};

struct conf_fs {
	struct conf_rootfs rootfs;
	char *fstab;			/* lxc.mount.fstab */
	struct conf_mount_list entries; /* lxc.mount.entry, in order */
	struct conf_mount_auto autos;	/* lxc.mount.auto */
	bool autodev;			/* lxc.autodev, default true */
	long long autodev_tmpfs_size;	/* lxc.autodev.tmpfs.size in bytes, -1: unset */
};

void conf_fs_init(struct conf_fs *m);
void conf_fs_free(struct conf_fs *m); /* leaves m re-initialised */

/* Sub-state helpers, used by the key handlers and by the start sequence. */
void conf_rootfs_reset(struct conf_rootfs *r);
void conf_mount_entry_free(struct conf_mount_entry *e); /* frees the members only */
void conf_mount_list_clear(struct conf_mount_list *l);
/* Appends *e (taking its members; *e is zeroed). -ENOMEM only. */
int conf_mount_list_push(struct conf_mount_list *l, struct conf_mount_entry *e);
void conf_mount_auto_reset(struct conf_mount_auto *a);

/* Parse one fstab-format line into ret (members allocated). On -EINVAL *ret_why says what is
 * wrong (a static string, "expected ..." wording) and ret is left empty. -ENOMEM possible. */
int conf_mount_entry_parse(const char *line, struct conf_mount_entry *ret, const char **ret_why);

/* The backend part of lxc.rootfs.path. type is "" for a bare path ("/var/lib/lxc/c1/rootfs",
 * detected at start), else the scheme as written ("dir", "overlay", "overlayfs", "loop",
 * "nbd", "lvm", "btrfs", "zfs", "rbd"); source points into path, after the "type:". */
struct conf_rootfs_spec {
	char type[16];
	const char *source;
};
/* Split and validate a rootfs path. -EINVAL with *ret_why ("expected ...") if malformed. */
int conf_rootfs_parse_path(const char *path, struct conf_rootfs_spec *ret, const char **ret_why);
/* The same for the configured lxc.rootfs.path; -ENOENT when it is unset. */
int conf_fs_rootfs_spec(const struct conf_fs *m, struct conf_rootfs_spec *ret);
/* Validate lxc.rootfs.options and extract idmap= (*ret_idmap malloc'd or NULL). */
int conf_rootfs_parse_options(const char *options, char **ret_idmap, const char **ret_why);

/* Apply the space/tab-separated tokens of one lxc.mount.auto line on top of *a (which is only
 * changed on success). On -EINVAL *ret_bad is the offending token (malloc'd) and *ret_why
 * what was expected. */
int conf_mount_auto_apply(struct conf_mount_auto *a, const char *value, char **ret_bad,
			  const char **ret_why);
/* Canonical text: "proc:..." "sys:..." "cgroup...[:force]" "shmounts:HOST[:CONTAINER]", in
 * that order, separated by one space, no trailing newline; nothing when no bit is set. */
int conf_mount_auto_format(const struct conf_mount_auto *a, struct strbuf *out);

/* Effective values with defaults applied (a tmpfs size of 0 means the default). */
const char *conf_fs_shmounts_container(const struct conf_fs *m);
long long conf_fs_autodev_tmpfs_size(const struct conf_fs *m);
