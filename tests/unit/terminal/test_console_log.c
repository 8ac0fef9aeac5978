/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Console log file: unlimited growth, rotation to FILE.1 at the size limit, truncation without
 * rotate, explicit rotation and non-regular files. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
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

#include "base/file.h"
#include "terminal/console_log.h"

struct fixture {
	char dir[64];
	char path[128];
	char old[136];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/lxc-term-log-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/console.log", f->dir);
	snprintf(f->old, sizeof(f->old), "%s.1", f->path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char fifo[160];

	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	unlink(f->path);
	unlink(f->old);
	unlink(fifo);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Assert the exact content of a file ("" with exists=false for a missing one). */
static void assert_file(const char *path, const char *want)
{
	char *buf = NULL;
	size_t len = 0;

	if (!want) {
		assert_false(file_exists(path));
		return;
	}
	assert_int_equal(file_read_all(path, &buf, &len), 0);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(buf, want, len);
	free(buf);
}

static void test_unlimited(void **state)
{
	struct fixture *f = *state;
	struct term_log log;
	struct stat st;

	assert_int_equal(term_log_open(&log, f->path, 0, true), 0);
	assert_int_equal(term_log_write(&log, "abc", 3), 3);
	assert_int_equal(term_log_write(&log, "defgh", 5), 5);
	assert_file(f->path, "abcdefgh");
	assert_file(f->old, NULL);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	term_log_close(&log);
	assert_int_equal(log.fd, -EBADF);
	assert_null(log.path);
	term_log_close(&log);

	/* reopening appends */
	assert_int_equal(term_log_open(&log, f->path, 0, false), 0);
	assert_int_equal(term_log_write(&log, "i", 1), 1);
	term_log_close(&log);
	assert_file(f->path, "abcdefghi");
}

static void test_rotate_at_limit(void **state)
{
	struct fixture *f = *state;
	struct term_log log;

	assert_int_equal(term_log_open(&log, f->path, 8, true), 0);
	assert_int_equal(term_log_write(&log, "12345", 5), 5);
	assert_int_equal(term_log_write(&log, "678", 3), 3);	/* exactly full */
	assert_file(f->path, "12345678");
	assert_file(f->old, NULL);
	assert_int_equal(term_log_write(&log, "abc", 3), 3);	/* rotates */
	assert_file(f->old, "12345678");
	assert_file(f->path, "abc");
	assert_int_equal(term_log_write(&log, "defghij", 7), 7);	/* fills, rotates, rest */
	assert_file(f->old, "abcdefgh");
	assert_file(f->path, "ij");
	/* more than a whole file after the split: the newest bytes are kept */
	assert_int_equal(term_log_write(&log, "KLMNOPQRSTUVWXYZ", 16), 16);
	assert_file(f->old, "ijKLMNOP");
	assert_file(f->path, "STUVWXYZ");
	term_log_close(&log);
}

static void test_truncate_without_rotate(void **state)
{
	struct fixture *f = *state;
	struct term_log log;

	assert_int_equal(term_log_open(&log, f->path, 8, false), 0);
	assert_int_equal(term_log_write(&log, "1234567", 7), 7);
	assert_int_equal(term_log_write(&log, "89ab", 4), 4);
	assert_file(f->path, "9ab");
	assert_file(f->old, NULL);
	term_log_close(&log);
}

static void test_explicit_rotate(void **state)
{
	struct fixture *f = *state;
	struct term_log log;

	assert_int_equal(term_log_open(&log, f->path, 0, true), 0);
	assert_int_equal(term_log_write(&log, "first", 5), 5);
	assert_int_equal(term_log_rotate(&log), 0);
	assert_int_equal(term_log_write(&log, "second", 6), 6);
	assert_file(f->old, "first");
	assert_file(f->path, "second");
	assert_int_equal(term_log_rotate(&log), 0);	/* replaces FILE.1 */
	assert_file(f->old, "second");
	assert_file(f->path, "");
	term_log_close(&log);

	assert_int_equal(term_log_open(&log, f->path, 0, false), 0);
	assert_int_equal(term_log_write(&log, "xyz", 3), 3);
	assert_int_equal(term_log_rotate(&log), 0);	/* truncates */
	assert_file(f->path, "");
	assert_file(f->old, "second");
	term_log_close(&log);
	assert_int_equal(term_log_rotate(&log), -EBADF);
	assert_int_equal(term_log_write(&log, "x", 1), 0);
}

static void test_not_regular(void **state)
{
	struct fixture *f = *state;
	struct term_log log;
	char fifo[160];

	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* O_RDWR on a fifo does not block; limits make no sense there */
	assert_int_equal(term_log_open(&log, fifo, 4096, false), -EINVAL);
	assert_int_equal(log.fd, -EBADF);
	assert_int_equal(term_log_open(&log, fifo, 0, true), -EINVAL);
	assert_int_equal(term_log_open(&log, fifo, 0, false), 0);
	term_log_close(&log);
	assert_int_equal(term_log_open(&log, "/nonexistent-dir/x.log", 0, false), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unlimited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotate_at_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncate_without_rotate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explicit_rotate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_regular, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
