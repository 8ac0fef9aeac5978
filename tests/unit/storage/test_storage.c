/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The storage layer: backend lookup by name and by lxc.rootfs.path, the "not supported yet"
 * errors, the dir backend, and tree removal that neither follows symlinks nor stops early. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <lxc/lxccontainer.h>

#include "storage/storage.h"

static char tmp[64];

static int setup(void **state)
{
	snprintf(tmp, sizeof(tmp), "/tmp/lxc-test-storage.XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_by_name(void **state)
{
	assert_string_equal(storage_by_name(NULL)->name, "dir");
	assert_string_equal(storage_by_name("best")->name, "dir");
	assert_string_equal(storage_by_name("none")->name, "dir");
	assert_string_equal(storage_by_name("overlayfs")->name, "overlay");
	assert_string_equal(storage_by_name("zfs")->name, "zfs");
	assert_null(storage_by_name("floppy"));
}

static void test_detect(void **state)
{
	struct storage_error err = {0};
	const struct storage_ops *ops;
	const char *src;

	assert_int_equal(storage_detect("dir:/a/b", &ops, &src, &err), 0);
	assert_string_equal(ops->name, "dir");
	assert_string_equal(src, "/a/b");
	assert_int_equal(storage_detect("/a/b", &ops, &src, &err), 0);
	assert_string_equal(src, "/a/b");
	assert_int_equal(storage_detect("btrfs:/a/b", &ops, &src, &err), -EOPNOTSUPP);
	assert_string_equal(err.msg, "backing store \"btrfs\" is not supported yet");
	assert_int_equal(storage_detect("overlayfs:/a:/b", &ops, &src, &err), -EOPNOTSUPP);
	assert_string_equal(err.msg, "backing store \"overlay\" is not supported yet");
	assert_int_equal(storage_detect("relative", &ops, &src, &err), -EINVAL);
}

static void test_create_errors(void **state)
{
	struct storage_error err = {0};
	struct storage_result res = {0};

	assert_int_equal(storage_create("lvm", "/x", NULL, &res, &err), -EOPNOTSUPP);
	assert_string_equal(err.msg, "backing store \"lvm\" is not supported yet");
	assert_int_equal(storage_create("floppy", "/x", NULL, &res, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "Invalid backing store \"floppy\""));
}

static void test_dir_create_destroy(void **state)
{
	struct storage_error err = {0};
	struct storage_result res = {0};
	struct bdev_specs specs = {0};
	char dest[128], other[128], expect[160];

	snprintf(dest, sizeof(dest), "%s/c1/rootfs", tmp);
	assert_int_equal(storage_create("dir", dest, NULL, &res, &err), 0);
	snprintf(expect, sizeof(expect), "dir:%s", dest);
	assert_string_equal(res.rootfs_path, expect);
	assert_string_equal(res.source, dest);
	assert_true(res.created);
	storage_result_free(&res);

	/* specs->dir wins; an existing directory is used but not "created". */
	snprintf(other, sizeof(other), "%s/elsewhere", tmp);
	assert_int_equal(mkdir(other, 0700), 0);
	specs.dir = other;
	assert_int_equal(storage_create(NULL, dest, &specs, &res, &err), 0);
	assert_string_equal(res.source, other);
	assert_false(res.created);
	storage_result_free(&res);

	assert_int_equal(storage_destroy(expect, &err), 0);
	assert_int_equal(access(dest, F_OK), -1);
	/* Missing is fine. */
	assert_int_equal(storage_destroy(expect, &err), 0);
	assert_int_equal(storage_destroy("dir:/", &err), -EPERM);
}

static void write_file(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("canary\n", f);
	fclose(f);
}

static void test_remove_tree_symlinks(void **state)
{
	char root[128], outside[128], p[256];

	snprintf(root, sizeof(root), "%s/tree", tmp);
	snprintf(outside, sizeof(outside), "%s/outside", tmp);
	assert_int_equal(mkdir(outside, 0755), 0);
	snprintf(p, sizeof(p), "%s/canary", outside);
	write_file(p);
	snprintf(p, sizeof(p), "%s/a/b/c", root);
	assert_int_equal(mkdir(root, 0755), 0);
	snprintf(p, sizeof(p), "%s/a", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a/b", root);
	assert_int_equal(mkdir(p, 0000), 0); /* unreadable for others: root still removes it */
	snprintf(p, sizeof(p), "%s/a/file", root);
	write_file(p);
	snprintf(p, sizeof(p), "%s/a/link-dir", root);
	assert_int_equal(symlink(outside, p), 0);
	snprintf(p, sizeof(p), "%s/link-file", root);
	assert_int_equal(symlink("../outside/canary", p), 0);

	assert_int_equal(storage_remove_tree(root), 0);
	assert_int_equal(access(root, F_OK), -1);
	snprintf(p, sizeof(p), "%s/canary", outside);
	assert_int_equal(access(p, F_OK), 0);

	/* The path itself a symlink: the link goes, the target stays. */
	assert_int_equal(symlink(outside, root), 0);
	assert_int_equal(storage_remove_tree(root), 0);
	assert_int_equal(access(p, F_OK), 0);
	assert_int_equal(storage_remove_tree(root), 0); /* ENOENT is success */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_create_errors),
		cmocka_unit_test_setup_teardown(test_dir_create_destroy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_tree_symlinks, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
