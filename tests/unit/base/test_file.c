/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for base/file: atomic rewrite leaves no temporaries and never a partial file. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "base/file.h"

static char tmpdir[PATH_MAX];

static int count_entries(const char *dir)
{
	__do_closedir DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	return n;
}

static void test_atomic_write(void **state)
{
	char path[PATH_MAX + 16];
	__do_free char *buf = NULL;
	size_t len;
	struct stat st;

	snprintf(path, sizeof(path), "%s/config", tmpdir);
	assert_int_equal(file_write_atomic(path, "one\n", 4, 0640), 0);
	assert_int_equal(file_write_atomic(path, "two lines\nhere\n", 15, 0640), 0);
	assert_int_equal(file_read_all(path, &buf, &len), 0);
	assert_int_equal(len, 15);
	assert_string_equal(buf, "two lines\nhere\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(count_entries(tmpdir), 1);
}

static void test_atomic_write_failure(void **state)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/missing/dir/config", tmpdir);
	assert_int_equal(file_write_atomic(path, "x", 1, 0640), -ENOENT);
}

static void test_mkdir_p(void **state)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/a/b/c", tmpdir);
	assert_int_equal(mkdir_p(path, 0755), 0);
	assert_true(dir_exists(path));
	assert_int_equal(mkdir_p(path, 0755), 0);
	assert_false(file_exists("/nonexistent/path/for/test"));
}

/* Only the last component missing, a file in the way in the middle and at the end. */
static void test_mkdir_p_edges(void **state)
{
	char path[PATH_MAX + 16], file[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/last", tmpdir);
	assert_int_equal(mkdir_p(path, 0755), 0);
	assert_true(dir_exists(path));
	snprintf(path, sizeof(path), "%s/x//y/", tmpdir);
	assert_int_equal(mkdir_p(path, 0755), 0);
	assert_true(dir_exists(path));
	snprintf(file, sizeof(file), "%s/file", tmpdir);
	assert_int_equal(file_write_atomic(file, "x", 1, 0644), 0);
	assert_int_equal(mkdir_p(file, 0755), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/file/sub/dir", tmpdir);
	assert_int_equal(mkdir_p(path, 0755), -ENOTDIR);
}

static void test_read_missing(void **state)
{
	char *buf = NULL;

	assert_int_equal(file_read_all("/nonexistent/file", &buf, NULL), -ENOENT);
	assert_null(buf);
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lxc-test-file.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 64];

	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_atomic_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_write_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p_edges, setup, teardown),
		cmocka_unit_test(test_read_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
