/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Concurrent writers of one container: N processes with M threads each, every writer with its
 * own object, setting its own values and saving repeatedly. The container lock must keep the
 * file whole: afterwards it parses, equals exactly the last save of one writer, and no
 * temporary file is left behind. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/file.h"
#include "helpers.h"

#define NPROC 4
#define NTHREAD 4
#define NITER 40

static char *lxcpath;

/* What writer id writes in iteration iter. */
static bool apply(struct lxc_container *c, int id, int iter)
{
	char name[32], env[64];

	snprintf(name, sizeof(name), "w%d", id);
	snprintf(env, sizeof(env), "W%d=%d", id, iter);
	return c->set_config_item(c, "lxc.uts.name", name) &&
	       c->clear_config_item(c, "lxc.environment") &&
	       c->set_config_item(c, "lxc.environment", env) &&
	       c->set_config_item(c, "lxc.environment", "SHARED=1") &&
	       c->set_config_item(c, "lxc.tty.max", id % 2 ? "1" : "2");
}

static void *writer(void *arg)
{
	int id = (int)(intptr_t)arg;
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	bool ok = c != NULL;

	if (c)
		c->clear_config(c);
	for (int i = 0; ok && i < NITER; i++)
		ok = apply(c, id, i) && c->save_config(c, NULL);
	lxc_container_put(c);
	return ok ? NULL : (void *)1;
}

static int run_process(int proc)
{
	pthread_t t[NTHREAD];
	int failed = 0;

	for (int i = 0; i < NTHREAD; i++)
		if (pthread_create(&t[i], NULL, writer, (void *)(intptr_t)(proc * NTHREAD + i)))
			return 1;
	for (int i = 0; i < NTHREAD; i++) {
		void *ret;

		pthread_join(t[i], &ret);
		failed |= ret != NULL;
	}
	return failed;
}

/* The text writer id saves last, written through another object to another file. */
static char *expected_text(int id)
{
	struct lxc_container *c = lxc_container_new("expect", lxcpath);
	char path[PATH_MAX];
	char *text = NULL;
	size_t len;

	assert_non_null(c);
	snprintf(path, sizeof(path), "%s/expected.conf", lxcpath);
	assert_true(apply(c, id, NITER - 1));
	assert_true(c->save_config(c, path));
	assert_int_equal(file_read_all(path, &text, &len), 0);
	unlink(path);
	lxc_container_put(c);
	return text;
}

static void test_concurrent_saves(void **state)
{
	char path[PATH_MAX], buf[64], *text = NULL, *want, *line, *save = NULL;
	struct lxc_container *c;
	struct dirent *de;
	pid_t pids[NPROC];
	size_t len;
	DIR *dir;
	int id;

	lxcpath = tmp_lxcpath();
	assert_non_null(lxcpath);
	for (int p = 0; p < NPROC; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0)
			_exit(run_process(p));
	}
	for (int p = 0; p < NPROC; p++) {
		int status;

		assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}

	/* It parses, and it is one writer's last save, byte for byte. */
	c = lxc_container_new("c1", lxcpath);
	assert_non_null(c);
	assert_true(c->get_config_item(c, "lxc.uts.name", buf, sizeof(buf)) > 1);
	assert_int_equal(buf[0], 'w');
	id = atoi(buf + 1);
	assert_true(id >= 0 && id < NPROC * NTHREAD);
	lxc_container_put(c);

	snprintf(path, sizeof(path), "%s/c1/config", lxcpath);
	assert_int_equal(file_read_all(path, &text, &len), 0);
	want = expected_text(id);
	assert_string_equal(text, want);
	free(want);

	/* Every line is well formed: "key = value". */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (line[0] != '#')
			assert_non_null(strstr(line, " = "));
	free(text);

	/* No temporary files. */
	snprintf(path, sizeof(path), "%s/c1", lxcpath);
	dir = opendir(path);
	assert_non_null(dir);
	while ((de = readdir(dir)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			assert_string_equal(de->d_name, "config");
	closedir(dir);

	cleanup_lxcpath(lxcpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_saves),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
