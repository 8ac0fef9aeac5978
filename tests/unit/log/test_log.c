/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the logger: level parsing, the log file line format, the stderr prefix with
 * and without a log file, quiet, errno preservation, lxc_log_init() and whole lines from
 * concurrent threads. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "log/log.h"

lxc_log_define(testcat);

static char tmpdir[PATH_MAX];
static char logpath[PATH_MAX + 16];

static int setup(void **state)
{
	lxc_log_close();
	lxc_log_set_level(LXC_LOG_LEVEL_ERROR);
	lxc_log_set_quiet(false);
	lxc_log_set_prog("lxc-test");
	lxc_log_set_container(NULL);
	unlink(logpath);
	return 0;
}

static char *read_log(void)
{
	char *buf = NULL;

	assert_int_equal(file_read_all(logpath, &buf, NULL), 0);
	return buf;
}

/* Run fn with stderr redirected to a file; returns what it wrote. */
static char *capture_stderr(void (*fn)(void))
{
	char path[PATH_MAX + 16];
	char *buf = NULL;
	int saved, fd;

	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_int_equal(file_read_all(path, &buf, NULL), 0);
	return buf;
}

static bool matches(const char *text, const char *pattern)
{
	regex_t re;
	bool ok;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB | REG_NEWLINE), 0);
	ok = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static void test_level_parse(void **state)
{
	static const struct {
		const char *in;
		int level;
	} good[] = {
		{ "TRACE", 0 }, { "debug", 1 }, { "Info", 2 }, { "NOTICE", 3 }, { "warn", 4 },
		{ "ERROR", 5 }, { "crit", 6 },	{ "ALERT", 7 }, { "fatal", 8 },	 { "0", 0 },
		{ "8", 8 },
	};
	static const char *const bad[] = { "", "9", "-1", "WARNING", "err", " ERROR", "5x" };
	int level;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		level = -1;
		assert_int_equal(lxc_log_level_parse(good[i].in, &level), 0);
		assert_int_equal(level, good[i].level);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(lxc_log_level_parse(bad[i], &level), -EINVAL);
	assert_int_equal(lxc_log_level_parse(NULL, &level), -EINVAL);
	assert_string_equal(lxc_log_level_name(LXC_LOG_LEVEL_WARN), "WARN");
	assert_string_equal(lxc_log_level_name(LXC_LOG_LEVEL_FATAL), "FATAL");
	assert_string_equal(lxc_log_level_name(99), "NOTSET");
	assert_int_equal(lxc_log_set_level(9), -EINVAL);
}

static void test_file_format(void **state)
{
	__do_free char *buf = NULL;
	char pattern[512];
	int line;

	assert_int_equal(lxc_log_set_file(logpath), 0);
	assert_int_equal(lxc_log_set_level(LXC_LOG_LEVEL_DEBUG), 0);
	lxc_log_set_container("c1");
	lxc_log_set_quiet(true);
	TRACE("not at this level");
	line = __LINE__ + 1;
	DEBUG("hello %d", 42);
	ERROR("second");
	buf = read_log();
	snprintf(pattern, sizeof(pattern),
		 "^lxc-test c1 [0-9]{14}\\.[0-9]{3} DEBUG    testcat - test_log\\.c:"
		 "test_file_format:%d - hello 42\n"
		 "lxc-test c1 [0-9]{14}\\.[0-9]{3} ERROR    testcat - test_log\\.c:"
		 "test_file_format:%d - second\n$",
		 line, line + 1);
	assert_true(matches(buf, pattern));
	/* Appends, never truncates: a second file object sees both lines. */
	assert_int_equal(lxc_log_set_file(logpath), 0);
	INFO("third");
	free(buf);
	buf = read_log();
	assert_int_equal(strstr(buf, "- third\n") != NULL, 1);
	assert_int_equal(strstr(buf, "- hello 42\n") != NULL, 1);
}

static void log_error_and_warn(void)
{
	WARN("only a warning");
	ERROR("Failed to frobnicate \"%s\"", "x");
	CRIT("critical");
}

static void test_stderr_without_file(void **state)
{
	__do_free char *out = capture_stderr(log_error_and_warn);

	assert_string_equal(out, "lxc-test: only a warning\nlxc-test: Failed to frobnicate \"x\"\n"
			    "lxc-test: critical\n");
	assert_true(lxc_log_enabled(LXC_LOG_LEVEL_ERROR));
	assert_true(lxc_log_enabled(LXC_LOG_LEVEL_WARN));
	assert_false(lxc_log_enabled(LXC_LOG_LEVEL_NOTICE));
}

static void test_stderr_with_file(void **state)
{
	__do_free char *out = NULL, *buf = NULL;

	assert_int_equal(lxc_log_set_file(logpath), 0);
	assert_int_equal(lxc_log_set_level(LXC_LOG_LEVEL_WARN), 0);
	out = capture_stderr(log_error_and_warn);
	assert_string_equal(out, "lxc-test: only a warning\nlxc-test: Failed to frobnicate \"x\"\n"
			    "lxc-test: critical\n");
	buf = read_log();
	assert_true(matches(buf, " WARN     testcat - .* - only a warning$"));
	assert_true(matches(buf, " CRIT     testcat - .* - critical$"));
}

static void test_quiet(void **state)
{
	__do_free char *out = NULL;

	lxc_log_set_quiet(true);
	out = capture_stderr(log_error_and_warn);
	assert_string_equal(out, "");
	assert_false(lxc_log_enabled(LXC_LOG_LEVEL_FATAL));
}

static void syserror_enoent(void)
{
	errno = ENOENT;
	SYSERROR("Failed to open \"%s\"", "/nope");
	assert_int_equal(errno, ENOENT);
	errno = EACCES;
	DEBUG("filtered out");
	assert_int_equal(errno, EACCES);
}

static void test_errno_kept(void **state)
{
	__do_free char *out = capture_stderr(syserror_enoent);

	assert_string_equal(out, "lxc-test: Failed to open \"/nope\": No such file or directory\n");
}

static void long_message(void)
{
	char big[3000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ERROR("%s|end", big);
}

static void test_long_message(void **state)
{
	__do_free char *out = capture_stderr(long_message);

	assert_int_equal(strlen(out), strlen("lxc-test: ") + 2999 + strlen("|end\n"));
	assert_true(matches(out, "a\\|end\n$"));
}

static void test_log_init(void **state)
{
	__do_free char *buf = NULL;
	struct lxc_log log = {
		.name = "web",
		.file = logpath,
		.level = "info",
		.prefix = "lxc-start",
	};

	assert_int_equal(lxc_log_init(&log), 0);
	assert_int_equal(lxc_log_get_level(), LXC_LOG_LEVEL_INFO);
	assert_true(lxc_log_get_fd() >= 0);
	INFO("from init");
	/* The container config may not override what the program chose. */
	assert_int_equal(lxc_log_conf_level(LXC_LOG_LEVEL_FATAL), 0);
	assert_int_equal(lxc_log_get_level(), LXC_LOG_LEVEL_INFO);
	buf = read_log();
	assert_true(matches(buf, "^lxc-start web [0-9]{14}\\.[0-9]{3} INFO     testcat - "
				 "test_log\\.c:test_log_init:[0-9]+ - from init\n$"));

	log.level = "LOUD";
	log.file = "none";
	errno = 0;
	assert_int_equal(lxc_log_init(&log), -EINVAL);
	assert_int_equal(errno, EINVAL);
	log.level = NULL;
	assert_int_equal(lxc_log_init(&log), 0);
	assert_int_equal(lxc_log_get_fd(), -EBADF);
	lxc_log_close();
	assert_int_equal(lxc_log_get_fd(), -EBADF);
}

static void test_init_bad_file(void **state)
{
	char path[PATH_MAX + 32];
	struct lxc_log log = { .file = path, .prefix = "lxc-test", .quiet = true };

	/* A regular file where a directory should be. */
	snprintf(path, sizeof(path), "%s/afile", tmpdir);
	assert_int_equal(file_write_atomic(path, "x", 1, 0600), 0);
	snprintf(path, sizeof(path), "%s/afile/log", tmpdir);
	errno = 0;
	assert_int_equal(lxc_log_init(&log), -ENOTDIR);
	assert_int_equal(errno, ENOTDIR);
}

#define THREADS 4
#define LINES 250

static void *writer(void *arg)
{
	for (int i = 0; i < LINES; i++)
		NOTICE("thread %ld line %d %s", (long)arg, i, "padding-padding-padding");
	return NULL;
}

static void test_threads(void **state)
{
	__do_free char *buf = NULL;
	pthread_t t[THREADS];
	int lines = 0;

	assert_int_equal(lxc_log_set_file(logpath), 0);
	assert_int_equal(lxc_log_set_level(LXC_LOG_LEVEL_TRACE), 0);
	for (long i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer, (void *)i), 0);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	buf = read_log();
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		assert_true(matches(line, "^lxc-test [0-9]{14}\\.[0-9]{3} NOTICE   testcat - "
					  "test_log\\.c:writer:[0-9]+ - thread [0-3] line [0-9]+ "
					  "padding-padding-padding$"));
		lines++;
	}
	assert_int_equal(lines, THREADS * LINES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_level_parse, setup),
		cmocka_unit_test_setup(test_file_format, setup),
		cmocka_unit_test_setup(test_stderr_without_file, setup),
		cmocka_unit_test_setup(test_stderr_with_file, setup),
		cmocka_unit_test_setup(test_quiet, setup),
		cmocka_unit_test_setup(test_errno_kept, setup),
		cmocka_unit_test_setup(test_long_message, setup),
		cmocka_unit_test_setup(test_threads, setup),
		cmocka_unit_test_setup(test_init_bad_file, setup),
		cmocka_unit_test_setup(test_log_init, setup),
	};
	char cmd[PATH_MAX + 64];
	int ret;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lxc-test-log.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	snprintf(logpath, sizeof(logpath), "%s/test.log", tmpdir);
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	lxc_log_close();
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", tmpdir);
	if (system(cmd) != 0)
		ret = 1;
	return ret;
}
