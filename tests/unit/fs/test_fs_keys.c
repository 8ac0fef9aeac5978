/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the file system key family through the configuration API: lxc.rootfs.*,
 * lxc.mount.fstab/entry/auto, lxc.autodev*, the family keys lxc.rootfs and lxc.mount, error
 * texts and "a failed set changes nothing". */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/config.h"
#include "conf_harness.h"
#include "config/fs/fs.h"

static void test_rootfs_path(void **state)
{
	static const char *const good[] = {
		"/var/lib/lxc/c1/rootfs",
		"dir:/var/lib/lxc/c1/rootfs",
		"overlay:/a:/b",
		"overlayfs:/lower1:/lower2:/upper",
		"loop:/srv/c1.img",
		"lvm:/dev/lxc/c1",
		"btrfs:/var/lib/lxc/c1/rootfs",
		"zfs:lxc/c1",
		"rbd:lxc/c1",
		"nbd:/img/c1.qcow2:1",
	};
	static const char *const bad[] = {
		"rootfs",      "dir:",	 "dir:relative", "overlay:/a", "overlay:/a:",
		"overlay::/b", "foo:/x", "zfs:",	 "loop:x.img", ":/x",
	};
	__do(conf) struct lxc_conf *c = conf_new();

	assert_string_equal(get(c, "lxc.rootfs.path"), "");
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		assert_int_equal(set(c, "lxc.rootfs.path", good[i]), 0);
		assert_string_equal(get(c, "lxc.rootfs.path"), good[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(set(c, "lxc.rootfs.path", bad[i]), -EINVAL);
		assert_string_equal(get(c, "lxc.rootfs.path"), "nbd:/img/c1.qcow2:1");
	}
	assert_int_equal(set(c, "lxc.rootfs.path", "foo:/x"), -EINVAL);
	assert_string_equal(
		diag.msg, "Invalid value \"foo:/x\" for \"lxc.rootfs.path\": expected an absolute "
			  "path or BACKEND:SOURCE with BACKEND one of dir, btrfs, zfs, lvm, loop, "
			  "nbd, rbd, overlay (overlay:LOWER:UPPER)");
	assert_int_equal(set(c, "lxc.rootfs.path", ""), 0);
	assert_null(c->fs.rootfs.path);
	/* The legacy key is mapped by the core. */
	assert_int_equal(set(c, "lxc.rootfs", "/srv/c1"), 0);
	assert_string_equal(get(c, "lxc.rootfs.path"), "/srv/c1");
}

static void test_rootfs_split(void **state)
{
	struct conf_rootfs_spec s;
	const char *why;

	assert_int_equal(conf_rootfs_parse_path("/srv/c1", &s, &why), 0);
	assert_string_equal(s.type, "");
	assert_string_equal(s.source, "/srv/c1");
	assert_int_equal(conf_rootfs_parse_path("overlay:/a:/b", &s, &why), 0);
	assert_string_equal(s.type, "overlay");
	assert_string_equal(s.source, "/a:/b");
	assert_int_equal(conf_rootfs_parse_path("dir:/x", &s, &why), 0);
	assert_string_equal(s.type, "dir");
	assert_string_equal(s.source, "/x");
	assert_int_equal(conf_rootfs_parse_path("zfs:pool/c1", &s, &why), 0);
	assert_string_equal(s.type, "zfs");
	assert_string_equal(s.source, "pool/c1");
	assert_int_equal(conf_rootfs_parse_path("tmpfs:/x", &s, &why), -EINVAL);
}

static void test_rootfs_spec(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_rootfs_spec s;

	assert_int_equal(conf_fs_rootfs_spec(&c->fs, &s), -ENOENT);
	assert_int_equal(set(c, "lxc.rootfs.path", "loop:/srv/c1.img"), 0);
	assert_int_equal(conf_fs_rootfs_spec(&c->fs, &s), 0);
	assert_string_equal(s.type, "loop");
	assert_string_equal(s.source, "/srv/c1.img");
}

static void test_rootfs_other(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.rootfs.mount", "/usr/lib/lxc/rootfs"), 0);
	assert_string_equal(get(c, "lxc.rootfs.mount"), "/usr/lib/lxc/rootfs");
	assert_int_equal(set(c, "lxc.rootfs.mount", "rel/path"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"rel/path\" for \"lxc.rootfs.mount\": "
				      "expected an absolute path");
	assert_string_equal(get(c, "lxc.rootfs.mount"), "/usr/lib/lxc/rootfs");

	assert_int_equal(set(c, "lxc.rootfs.options", "ro,noatime,idmap=container"), 0);
	assert_string_equal(get(c, "lxc.rootfs.options"), "ro,noatime,idmap=container");
	assert_string_equal(c->fs.rootfs.idmap, "container");
	assert_int_equal(set(c, "lxc.rootfs.options", "idmap=/proc/1/ns/user"), 0);
	assert_string_equal(c->fs.rootfs.idmap, "/proc/1/ns/user");
	assert_int_equal(set(c, "lxc.rootfs.options", "nodev"), 0);
	assert_null(c->fs.rootfs.idmap);
	static const char *const bad_opts[] = {
		"idmap=",
		"idmap=foo",
		"ro,,nodev",
		"ro,",
		",ro",
		"ro nodev",
		"idmap=container,idmap=container",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad_opts); i++)
		assert_int_equal(set(c, "lxc.rootfs.options", bad_opts[i]), -EINVAL);
	assert_string_equal(get(c, "lxc.rootfs.options"), "nodev");
	assert_int_equal(set(c, "lxc.rootfs.options", "idmap=foo"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"idmap=foo\" for \"lxc.rootfs.options\": "
				      "expected comma-separated mount options, with at most one "
				      "idmap=container or idmap=ABSOLUTE-PATH");

	assert_string_equal(get(c, "lxc.rootfs.managed"), "1");
	assert_int_equal(set(c, "lxc.rootfs.managed", "0"), 0);
	assert_string_equal(get(c, "lxc.rootfs.managed"), "0");
	assert_int_equal(set(c, "lxc.rootfs.managed", "2"), -EINVAL);
	assert_string_equal(diag.msg,
			    "Invalid value \"2\" for \"lxc.rootfs.managed\": expected 0 or 1");
	assert_string_equal(get(c, "lxc.rootfs.managed"), "0");
	assert_int_equal(set(c, "lxc.rootfs.managed", ""), 0);
	assert_string_equal(get(c, "lxc.rootfs.managed"), "1");

	/* lxc.rootfs.readonly: 0|1, default 0, printed even when unset. */
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "0");
	assert_false(c->fs.rootfs.readonly);
	assert_int_equal(set(c, "lxc.rootfs.readonly", "1"), 0);
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "1");
	assert_true(c->fs.rootfs.readonly);
	assert_int_equal(set(c, "lxc.rootfs.readonly", "yes"), -EINVAL);
	assert_string_equal(diag.msg,
			    "Invalid value \"yes\" for \"lxc.rootfs.readonly\": expected 0 or 1");
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "1");
	assert_int_equal(set(c, "lxc.rootfs.readonly", ""), 0);
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "0");
	assert_int_equal(set(c, "lxc.rootfs.readonly", "1"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.rootfs.readonly"), 0);
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "0");
}

static void test_rootfs_family(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_string_equal(get(c, "lxc.rootfs"), "");
	assert_int_equal(set(c, "lxc.rootfs.path", "dir:/srv/c1"), 0);
	assert_int_equal(set(c, "lxc.rootfs.options", "idmap=container"), 0);
	assert_int_equal(set(c, "lxc.rootfs.managed", "0"), 0);
	assert_int_equal(set(c, "lxc.rootfs.readonly", "1"), 0);
	assert_string_equal(get(c, "lxc.rootfs"), "lxc.rootfs.path = dir:/srv/c1\n"
						  "lxc.rootfs.options = idmap=container\n"
						  "lxc.rootfs.managed = 0\n"
						  "lxc.rootfs.readonly = 1\n");
	assert_string_equal(list(c, "lxc.rootfs"), "managed\nmount\noptions\npath\nreadonly\n");
	assert_int_equal(conf_clear_item(c, "lxc.rootfs"), 0);
	assert_string_equal(get(c, "lxc.rootfs"), "");
	assert_string_equal(get(c, "lxc.rootfs.managed"), "1");
	assert_string_equal(get(c, "lxc.rootfs.readonly"), "0");
	assert_null(c->fs.rootfs.idmap);
}

static void test_mount_entry(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	const struct conf_mount_entry *e;

	assert_int_equal(set(c, "lxc.mount.entry", "proc proc proc nodev,noexec,nosuid 0 0"), 0);
	assert_int_equal(set(c, "lxc.mount.entry",
			     "/sys/kernel/debug sys/kernel/debug none bind,optional,create=dir"),
			 0);
	assert_int_equal(set(c, "lxc.mount.entry", "dev/null proc/kcore none bind,relative 0 0"),
			 0);
	assert_int_equal(set(c, "lxc.mount.entry", "tmpfs tmp tmpfs"), 0);
	assert_string_equal(get(c, "lxc.mount.entry"),
			    "proc proc proc nodev,noexec,nosuid 0 0\n"
			    "/sys/kernel/debug sys/kernel/debug none bind,optional,create=dir\n"
			    "dev/null proc/kcore none bind,relative 0 0\n"
			    "tmpfs tmp tmpfs\n");
	assert_int_equal(c->fs.entries.n, 4);
	e = &c->fs.entries.items[1];
	assert_string_equal(e->source, "/sys/kernel/debug");
	assert_string_equal(e->target, "sys/kernel/debug");
	assert_string_equal(e->fstype, "none");
	assert_int_equal(e->flags, CONF_MNT_BIND | CONF_MNT_OPTIONAL | CONF_MNT_CREATE_DIR);
	assert_int_equal(c->fs.entries.items[2].flags, CONF_MNT_BIND | CONF_MNT_RELATIVE);
	assert_string_equal(c->fs.entries.items[3].options, "defaults");

	static const char *const bad[] = {
		"proc",		 "proc proc",	 "a b c d 0 0 extra",
		"a b c d x",	 "a b c d 0 y",	 "a b c create=dev",
		"a b c create=", "a b c idmap=", "a b c d -1 0",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(set(c, "lxc.mount.entry", bad[i]), -EINVAL);
	assert_int_equal(c->fs.entries.n, 4);
	assert_int_equal(set(c, "lxc.mount.entry", "proc proc"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"proc proc\" for \"lxc.mount.entry\": "
				      "expected an fstab line: SOURCE TARGET FSTYPE [OPTIONS [FREQ "
				      "[PASSNO]]]");
	assert_int_equal(set(c, "lxc.mount.entry", "a b c rw,create=block"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"a b c rw,create=block\" for "
				      "\"lxc.mount.entry\": expected create=dir or create=file");

	assert_int_equal(set(c, "lxc.mount.entry", ""), 0);
	assert_string_equal(get(c, "lxc.mount.entry"), "");
	assert_int_equal(c->fs.entries.n, 0);
}

static void test_mount_entry_parse(void **state)
{
	struct conf_mount_entry e;
	const char *why;

	assert_int_equal(conf_mount_entry_parse("/my\\040dir\ttarget\\011x  none  "
						"bind,create=file,idmap=container 1 2",
						&e, &why),
			 0);
	assert_string_equal(e.source, "/my dir");
	assert_string_equal(e.target, "target\tx");
	assert_string_equal(e.options, "bind,create=file,idmap=container");
	assert_string_equal(e.idmap, "container");
	assert_int_equal(e.flags, CONF_MNT_BIND | CONF_MNT_CREATE_FILE | CONF_MNT_IDMAP);
	assert_int_equal(e.freq, 1);
	assert_int_equal(e.passno, 2);
	conf_mount_entry_free(&e);
	assert_int_equal(conf_mount_entry_parse("a b c rbind", &e, &why), 0);
	assert_int_equal(e.flags, CONF_MNT_RBIND);
	conf_mount_entry_free(&e);
}

static const struct {
	const char *in;
	const char *out;
} auto_cases[] = {
	{"proc", "proc:mixed"},
	{"proc:mixed", "proc:mixed"},
	{"proc:rw", "proc:rw"},
	{"sys", "sys:mixed"},
	{"sys:mixed", "sys:mixed"},
	{"sys:ro", "sys:ro"},
	{"sys:rw", "sys:rw"},
	{"cgroup", "cgroup"},
	{"cgroup:mixed", "cgroup:mixed"},
	{"cgroup:ro", "cgroup:ro"},
	{"cgroup:rw", "cgroup:rw"},
	{"cgroup:force", "cgroup:force"},
	{"cgroup:mixed:force", "cgroup:mixed:force"},
	{"cgroup:ro:force", "cgroup:ro:force"},
	{"cgroup:rw:force", "cgroup:rw:force"},
	{"cgroup-full", "cgroup-full"},
	{"cgroup-full:mixed", "cgroup-full:mixed"},
	{"cgroup-full:ro", "cgroup-full:ro"},
	{"cgroup-full:rw", "cgroup-full:rw"},
	{"cgroup-full:force", "cgroup-full:force"},
	{"cgroup-full:mixed:force", "cgroup-full:mixed:force"},
	{"cgroup-full:ro:force", "cgroup-full:ro:force"},
	{"cgroup-full:rw:force", "cgroup-full:rw:force"},
	{"shmounts:/run/shm", "shmounts:/run/shm"},
	{"shmounts:/run/shm:/dev/shmounts", "shmounts:/run/shm:/dev/shmounts"},
	/* Stable order proc, sys, cgroup, shmounts; later tokens of a group win. */
	{"cgroup:rw sys proc", "proc:mixed sys:mixed cgroup:rw"},
	{"proc:rw\tsys:ro  proc", "proc:mixed sys:ro"},
	{"cgroup:rw:force cgroup-full:ro", "cgroup-full:ro"},
	{"shmounts:/a proc:rw", "proc:rw shmounts:/a"},
};

static void test_mount_auto_tokens(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(auto_cases); i++) {
		__do(conf) struct lxc_conf *c = conf_new();

		assert_int_equal(set(c, "lxc.mount.auto", auto_cases[i].in), 0);
		assert_string_equal(get(c, "lxc.mount.auto"), auto_cases[i].out);
	}
}

static void test_mount_auto(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_string_equal(get(c, "lxc.mount.auto"), "");
	assert_int_equal(set(c, "lxc.mount.auto", "proc:rw sys:ro"), 0);
	assert_int_equal(set(c, "lxc.mount.auto", "cgroup:mixed"), 0);
	assert_string_equal(get(c, "lxc.mount.auto"), "proc:rw sys:ro cgroup:mixed");
	assert_int_equal(c->fs.autos.mask,
			 CONF_AUTO_PROC_RW | CONF_AUTO_SYS_RO | CONF_AUTO_CGROUP_MIXED);
	assert_null(conf_fs_shmounts_container(&c->fs));

	/* An unknown token names it and changes nothing, even after valid tokens. */
	assert_int_equal(set(c, "lxc.mount.auto", "proc cgroup:bogus"), -EINVAL);
	assert_string_equal(
		diag.msg, "Invalid value \"cgroup:bogus\" for \"lxc.mount.auto\": expected "
			  "proc, proc:mixed, proc:rw, sys, sys:mixed, sys:ro, sys:rw, "
			  "cgroup[:mixed|:ro|:rw][:force], cgroup-full[:mixed|:ro|:rw][:force] or "
			  "shmounts:HOSTPATH[:CONTAINERPATH]");
	static const char *const bad[] = {
		"proc:ro",	"proc:force",	   "sys:force", "force",
		":force",	"cgroup:force:rw", "cgroup2",	"shmounts:",
		"shmounts:rel", "shmounts:/a:rel", "PROC",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(set(c, "lxc.mount.auto", bad[i]), -EINVAL);
	assert_int_equal(set(c, "lxc.mount.auto", "shmounts:/a:rel"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"shmounts:/a:rel\" for \"lxc.mount.auto\": "
				      "expected shmounts:HOSTPATH[:CONTAINERPATH] with absolute "
				      "paths");
	assert_string_equal(get(c, "lxc.mount.auto"), "proc:rw sys:ro cgroup:mixed");

	assert_int_equal(set(c, "lxc.mount.auto", "shmounts:/run/lxc-shm"), 0);
	assert_string_equal(conf_fs_shmounts_container(&c->fs), "/dev/.lxc-mounts");
	assert_string_equal(c->fs.autos.shmounts_host, "/run/lxc-shm");
	assert_int_equal(set(c, "lxc.mount.auto", "shmounts:/run/x:/mnt/y"), 0);
	assert_string_equal(conf_fs_shmounts_container(&c->fs), "/mnt/y");

	/* Empty value resets; clear resets. */
	assert_int_equal(set(c, "lxc.mount.auto", ""), 0);
	assert_string_equal(get(c, "lxc.mount.auto"), "");
	assert_int_equal(c->fs.autos.mask, 0);
	assert_int_equal(set(c, "lxc.mount.auto", "sys"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.mount.auto"), 0);
	assert_string_equal(get(c, "lxc.mount.auto"), "");
}

static void test_mount_fstab_and_family(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.mount.fstab", "/var/lib/lxc/c1/fstab"), 0);
	assert_string_equal(get(c, "lxc.mount.fstab"), "/var/lib/lxc/c1/fstab");
	assert_int_equal(set(c, "lxc.mount.fstab", "a\nb"), -EINVAL);
	assert_string_equal(get(c, "lxc.mount.fstab"), "/var/lib/lxc/c1/fstab");
	assert_int_equal(set(c, "lxc.mount.entry", "tmpfs tmp tmpfs defaults 0 0"), 0);
	assert_int_equal(set(c, "lxc.mount.auto", "proc sys"), 0);
	assert_string_equal(get(c, "lxc.mount"), "lxc.mount.fstab = /var/lib/lxc/c1/fstab\n"
						 "lxc.mount.entry = tmpfs tmp tmpfs defaults 0 0\n"
						 "lxc.mount.auto = proc:mixed sys:mixed\n");
	assert_string_equal(list(c, "lxc.mount"), "auto\nentry\nfstab\n");
	assert_int_equal(conf_clear_item(c, "lxc.mount"), 0);
	assert_string_equal(get(c, "lxc.mount"), "");
	assert_string_equal(get(c, "lxc.mount.fstab"), "");
	/* Legacy lxc.mount = PATH is mapped to lxc.mount.fstab by the core. */
	assert_int_equal(set(c, "lxc.mount", "/etc/fstab.c1"), 0);
	assert_string_equal(get(c, "lxc.mount.fstab"), "/etc/fstab.c1");
}

static void test_autodev(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_string_equal(get(c, "lxc.autodev"), "1");
	assert_int_equal(set(c, "lxc.autodev", "0"), 0);
	assert_string_equal(get(c, "lxc.autodev"), "0");
	assert_int_equal(set(c, "lxc.autodev", "true"), -EINVAL);
	assert_string_equal(get(c, "lxc.autodev"), "0");
	assert_int_equal(conf_clear_item(c, "lxc.autodev"), 0);
	assert_string_equal(get(c, "lxc.autodev"), "1");

	/* A numeric key prints its effective value, the default when unset or 0. */
	assert_string_equal(get(c, "lxc.autodev.tmpfs.size"), "500000");
	assert_int_equal(conf_fs_autodev_tmpfs_size(&c->fs), 500000);
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "1048576"), 0);
	assert_string_equal(get(c, "lxc.autodev.tmpfs.size"), "1048576");
	assert_int_equal(conf_fs_autodev_tmpfs_size(&c->fs), 1048576);
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "0"), 0);
	assert_string_equal(get(c, "lxc.autodev.tmpfs.size"), "500000");
	assert_int_equal(conf_fs_autodev_tmpfs_size(&c->fs), 500000);
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "1048576"), 0);
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "1M"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid value \"1M\" for \"lxc.autodev.tmpfs.size\": "
				      "expected an integer from 0 to 2147483647");
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "-1"), -EINVAL);
	assert_string_equal(get(c, "lxc.autodev.tmpfs.size"), "1048576");
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", ""), 0);
	assert_string_equal(get(c, "lxc.autodev.tmpfs.size"), "500000");
	assert_int_equal(conf_fs_autodev_tmpfs_size(&c->fs), 500000);
}

static void test_load_string(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c,
					  "lxc.rootfs.path = dir:/srv/c1\n"
					  "lxc.mount.auto = proc:mixed sys:ro\n"
					  "lxc.mount.auto = cgroup:rw:force\n"
					  "lxc.mount.entry = /a mnt/a none bind,create=dir 0 0\n"
					  "lxc.autodev = 0\n",
					  "c1.conf", &d),
			 0);
	assert_string_equal(get(c, "lxc.mount.auto"), "proc:mixed sys:ro cgroup:rw:force");
	assert_string_equal(get(c, "lxc.rootfs.path"), "dir:/srv/c1");
	assert_string_equal(get(c, "lxc.autodev"), "0");
	assert_int_equal(conf_load_string(c, "lxc.mount.auto = proc bogus\n", "bad.conf", &d),
			 -EINVAL);
	assert_string_equal(d.msg, "Invalid value \"bogus\" for \"lxc.mount.auto\": expected "
				   "proc, proc:mixed, proc:rw, sys, sys:mixed, sys:ro, sys:rw, "
				   "cgroup[:mixed|:ro|:rw][:force], "
				   "cgroup-full[:mixed|:ro|:rw][:force] or "
				   "shmounts:HOSTPATH[:CONTAINERPATH]");
	assert_int_equal(d.line, 1);
	assert_string_equal(get(c, "lxc.mount.auto"), "proc:mixed sys:ro cgroup:rw:force");
}

/* What save writes reads back into the same state. */
static void test_write_roundtrip(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	__do(conf) struct lxc_conf *back = conf_new();
	struct conf_diag d = {};
	struct strbuf text = {}, a = {}, b = {};

	assert_int_equal(set(c, "lxc.rootfs.path", "overlay:/a:/b"), 0);
	assert_int_equal(set(c, "lxc.mount.entry", "proc proc proc defaults 0 0"), 0);
	assert_int_equal(set(c, "lxc.mount.entry", "/x x none bind,create=dir 0 0"), 0);
	assert_int_equal(set(c, "lxc.mount.auto", "proc:rw"), 0);
	assert_int_equal(set(c, "lxc.mount.auto", "cgroup:mixed"), 0);
	assert_int_equal(set(c, "lxc.autodev.tmpfs.size", "100000"), 0);
	assert_int_equal(conf_write(c, &text), 0);
	assert_int_equal(conf_load_string(back, text.buf, "saved.conf", &d), 0);
	assert_int_equal(conf_get_item(c, "lxc.mount", &a), 0);
	assert_int_equal(conf_get_item(back, "lxc.mount", &b), 0);
	assert_string_equal(a.buf, b.buf);
	assert_string_equal(get(back, "lxc.rootfs.path"), "overlay:/a:/b");
	assert_string_equal(get(back, "lxc.autodev.tmpfs.size"), "100000");
	strbuf_free(&text);
	strbuf_free(&a);
	strbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rootfs_path),
		cmocka_unit_test(test_rootfs_split),
		cmocka_unit_test(test_rootfs_spec),
		cmocka_unit_test(test_rootfs_other),
		cmocka_unit_test(test_rootfs_family),
		cmocka_unit_test(test_mount_entry),
		cmocka_unit_test(test_mount_entry_parse),
		cmocka_unit_test(test_mount_auto_tokens),
		cmocka_unit_test(test_mount_auto),
		cmocka_unit_test(test_mount_fstab_and_family),
		cmocka_unit_test(test_autodev),
		cmocka_unit_test(test_load_string),
		cmocka_unit_test(test_write_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
