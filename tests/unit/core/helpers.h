/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the config core tests: a temporary directory per test, file writing,
 * and getters that return the text of conf_get_item()/conf_write(). */
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/str.h"
#include "config/config.h"

static char test_dir[256];

static __attribute__((unused)) int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static __attribute__((unused)) int tmpdir_setup(void **state)
{
	snprintf(test_dir, sizeof(test_dir), "/tmp/lxc-core-test.XXXXXX");
	if (!mkdtemp(test_dir))
		return -1;
	return 0;
}

static __attribute__((unused)) int tmpdir_teardown(void **state)
{
	nftw(test_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* Path of name inside the test directory (static buffer rotation of 4). */
static __attribute__((unused)) const char *tpath(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, 512, "%s/%s", test_dir, name);
	return b;
}

static __attribute__((unused)) void write_file(const char *name, const char *text)
{
	FILE *f = fopen(tpath(name), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static __attribute__((unused)) void make_dir(const char *name)
{
	assert_int_equal(mkdir(tpath(name), 0755), 0);
}

/* conf_get_item() text; asserts success. The caller frees. */
static __attribute__((unused)) char *get(const struct lxc_conf *conf, const char *key)
{
	struct strbuf sb = {};

	assert_int_equal(conf_get_item(conf, key, &sb), 0);
	return strbuf_take(&sb);
}

#define assert_get(conf, key, expected)                 \
	do {                                            \
		char *__v = get(conf, key);             \
		assert_string_equal(__v, expected);     \
		free(__v);                              \
	} while (0)

static __attribute__((unused)) char *written(const struct lxc_conf *conf)
{
	struct strbuf sb = {};

	assert_int_equal(conf_write(conf, &sb), 0);
	return strbuf_take(&sb);
}

#define assert_written(conf, expected)                  \
	do {                                            \
		char *__w = written(conf);              \
		assert_string_equal(__w, expected);     \
		free(__w);                              \
	} while (0)

static __attribute__((unused)) char *diag_text(const struct conf_diag *d)
{
	static char buf[2048];

	conf_diag_format(d, buf, sizeof(buf));
	return buf;
}
