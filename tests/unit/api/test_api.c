/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The container object through its methods: creation and refcounting, name rules, the config
 * methods (round trip, load failure, get length semantics), listing, state, globals and the
 * methods that are not implemented yet. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

static char *lxcpath;

static int setup(void **state)
{
	lxcpath = tmp_lxcpath();
	return lxcpath ? 0 : -1;
}

static int teardown(void **state)
{
	cleanup_lxcpath(lxcpath);
	lxcpath = NULL;
	return 0;
}

static void test_new_put(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char path[PATH_MAX];

	assert_non_null(c);
	assert_string_equal(c->name, "c1");
	assert_string_equal(c->config_path, lxcpath);
	snprintf(path, sizeof(path), "%s/c1/config", lxcpath);
	assert_string_equal(c->configfile, path);
	assert_int_equal(c->numthreads, 1);
	assert_true(c->daemonize);
	assert_null(c->error_string);
	assert_int_equal(c->error_num, 0);
	assert_false(c->is_defined(c));

	assert_int_equal(lxc_container_get(c), 1);
	assert_int_equal(c->numthreads, 2);
	assert_int_equal(lxc_container_put(c), 0);
	assert_int_equal(lxc_container_put(c), 1);
	assert_int_equal(lxc_container_put(NULL), -1);
	assert_int_equal(lxc_container_get(NULL), 0);
}

static void test_trailing_slashes(void **state)
{
	char p[PATH_MAX];
	struct lxc_container *c;

	snprintf(p, sizeof(p), "%s//", lxcpath);
	c = lxc_container_new("c1", p);
	assert_non_null(c);
	assert_string_equal(c->get_config_path(c), lxcpath);
	lxc_container_put(c);
}

/* Every member from is_defined up to set_timeout is a function pointer. */
static void test_methods_non_null(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	size_t first = offsetof(struct lxc_container, is_defined);
	size_t last = offsetof(struct lxc_container, set_timeout);
	size_t n = 0;

	assert_non_null(c);
	for (size_t off = first; off <= last; off += sizeof(void *)) {
		void *fn;

		memcpy(&fn, (char *)c + off, sizeof(fn));
		if (!fn)
			fail_msg("method at offset %zu is NULL", off);
		n++;
	}
	assert_int_equal(n, 62);
	lxc_container_put(c);
}

static void test_name_validation(void **state)
{
	struct lxc_container *c;
	char long_name[300];

	memset(long_name, 'a', sizeof(long_name));
	long_name[255] = '\0';
	errno = 0;
	assert_null(lxc_container_new("", lxcpath));
	assert_int_equal(errno, EINVAL);
	assert_null(lxc_container_new(NULL, lxcpath));
	assert_null(lxc_container_new("a/b", lxcpath));
	assert_null(lxc_container_new(".", lxcpath));
	assert_null(lxc_container_new("..", lxcpath));
	assert_null(lxc_container_new(long_name, lxcpath));
	long_name[254] = '\0';
	c = lxc_container_new(long_name, lxcpath);
	assert_non_null(c);
	lxc_container_put(c);
	c = lxc_container_new("..a", lxcpath);
	assert_non_null(c);
	lxc_container_put(c);
}

static void test_check_name_messages(void **state)
{
	char buf[512];

	assert_int_equal(api_check_name("a/b", buf, sizeof(buf)), -EINVAL);
	assert_string_equal(buf, "Invalid container name \"a/b\": it contains \"/\"");
	assert_int_equal(api_check_name("", buf, sizeof(buf)), -EINVAL);
	assert_string_equal(buf, "Invalid container name \"\": the name is empty");
	assert_int_equal(api_check_name("..", buf, sizeof(buf)), -EINVAL);
	assert_string_equal(buf, "Invalid container name \"..\": \".\" and \"..\" are reserved");
	assert_int_equal(api_check_name("ok-name_1.2", buf, sizeof(buf)), 0);
}

static void test_config_round_trip(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath), *d;
	char buf[256];

	assert_non_null(c);
	assert_true(c->set_config_item(c, "lxc.uts.name", "web1"));
	assert_true(c->set_config_item(c, "lxc.environment", "A=1"));
	assert_true(c->set_config_item(c, "lxc.environment", "B=2"));
	assert_true(c->set_config_item(c, "lxc.tty.max", "4"));
	assert_true(c->save_config(c, NULL));
	assert_true(c->is_defined(c));

	d = lxc_container_new("c1", lxcpath);
	assert_non_null(d);
	assert_true(d->is_defined(d));
	assert_int_equal(d->get_config_item(d, "lxc.uts.name", buf, sizeof(buf)), 4);
	assert_string_equal(buf, "web1");
	assert_int_equal(d->get_config_item(d, "lxc.environment", buf, sizeof(buf)), 8);
	assert_string_equal(buf, "A=1\nB=2\n");
	assert_int_equal(d->get_config_item(d, "lxc.tty.max", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "4");

	/* clear_config_item, then clear_config */
	assert_true(d->clear_config_item(d, "lxc.environment"));
	assert_int_equal(d->get_config_item(d, "lxc.environment", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	d->clear_config(d);
	assert_int_equal(d->get_config_item(d, "lxc.uts.name", buf, sizeof(buf)), 0);
	lxc_container_put(d);
	lxc_container_put(c);
}

static void test_save_alt_file(void **state)
{
	struct lxc_container *c = lxc_container_new("c2", lxcpath);
	char path[PATH_MAX], *name;

	assert_non_null(c);
	snprintf(path, sizeof(path), "%s/alt.conf", lxcpath);
	assert_true(c->set_config_item(c, "lxc.uts.name", "alt"));
	assert_true(c->save_config(c, path));
	assert_true(file_exists(path));
	assert_false(c->is_defined(c));
	name = c->config_file_name(c);
	snprintf(path, sizeof(path), "%s/c2/config", lxcpath);
	assert_string_equal(name, path);
	free(name);
	lxc_container_put(c);
}

static void test_load_failure_keeps_config(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char path[PATH_MAX], prefix[PATH_MAX + 128], buf[64];

	assert_non_null(c);
	assert_true(c->set_config_item(c, "lxc.uts.name", "before"));
	snprintf(path, sizeof(path), "%s/bad.conf", lxcpath);
	write_file(path, "lxc.uts.name = after\n# comment\nlxc.tty.max = lots\n");
	assert_false(c->load_config(c, path));
	assert_int_equal(c->error_num, EINVAL);
	snprintf(prefix, sizeof(prefix),
		 "Failed to load config of container \"c1\": %s:3: Invalid value \"lots\" for "
		 "\"lxc.tty.max\"", path);
	assert_non_null(c->error_string);
	assert_true(strncmp(c->error_string, prefix, strlen(prefix)) == 0);
	assert_int_equal(c->get_config_item(c, "lxc.uts.name", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "before");

	/* a missing file */
	snprintf(path, sizeof(path), "%s/missing.conf", lxcpath);
	assert_false(c->load_config(c, path));
	assert_int_equal(c->error_num, ENOENT);
	lxc_container_put(c);
}

static void test_new_fails_on_broken_config(void **state)
{
	make_container(lxcpath, "broken", "lxc.tty.max = lots\n");
	errno = 0;
	assert_null(lxc_container_new("broken", lxcpath));
	assert_int_equal(errno, EINVAL);
}

static void test_get_config_item_lengths(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char buf[3];

	assert_non_null(c);
	assert_true(c->set_config_item(c, "lxc.uts.name", "hello"));
	assert_int_equal(c->get_config_item(c, "lxc.uts.name", NULL, 0), 5);
	assert_int_equal(c->get_config_item(c, "lxc.uts.name", NULL, 100), 5);
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(c->get_config_item(c, "lxc.uts.name", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "he");
	assert_int_equal(c->get_config_item(c, "lxc.bogus", buf, sizeof(buf)), -1);
	assert_string_equal(c->error_string, "Failed to get config item \"lxc.bogus\" of "
			    "container \"c1\": unknown key");
	assert_int_equal(c->error_num, ENOENT);
	assert_false(c->clear_config_item(c, "lxc.bogus"));
	assert_false(c->set_config_item(c, "lxc.bogus", "1"));
	assert_int_equal(c->error_num, EINVAL);
	assert_string_equal(c->error_string, "Failed to set config item of container \"c1\": "
			    "Unknown configuration key \"lxc.bogus\"");
	/* get_keys: the whole key list fits the same semantics */
	assert_true(c->get_keys(c, NULL, NULL, 0) > 0);
	lxc_container_put(c);
}

static void test_list_defined(void **state)
{
	struct lxc_container **cs = NULL;
	char **names = NULL;
	char path[PATH_MAX];

	make_container(lxcpath, "bravo", "lxc.uts.name = b\n");
	make_container(lxcpath, "alpha", "");
	make_container(lxcpath, "charlie", "lxc.uts.name = c\n");
	make_container(lxcpath, "noconfig", NULL);
	make_container(lxcpath, "broken", "lxc.tty.max = lots\n");
	snprintf(path, sizeof(path), "%s/afile", lxcpath);
	write_file(path, "x");

	assert_int_equal(list_defined_containers(lxcpath, &names, NULL), 4);
	assert_string_equal(names[0], "alpha");
	assert_string_equal(names[1], "bravo");
	assert_string_equal(names[2], "broken");
	assert_string_equal(names[3], "charlie");
	assert_null(names[4]);
	strv_free(names);

	/* with objects: the broken one is dropped from both lists */
	assert_int_equal(list_defined_containers(lxcpath, &names, &cs), 3);
	assert_string_equal(names[2], "charlie");
	assert_string_equal(cs[0]->name, "alpha");
	assert_string_equal(cs[1]->name, "bravo");
	assert_string_equal(cs[2]->name, "charlie");
	for (int i = 0; i < 3; i++)
		lxc_container_put(cs[i]);
	free(cs);
	strv_free(names);

	assert_int_equal(list_defined_containers(lxcpath, NULL, NULL), 4);
	assert_int_equal(list_all_containers(lxcpath, &names, NULL), 4);
	strv_free(names);
	names = (char **)1;
	cs = (struct lxc_container **)1;
	assert_int_equal(list_active_containers(lxcpath, &names, &cs), 0);
	assert_null(names);
	assert_null(cs);

	snprintf(path, sizeof(path), "%s/nonexistent", lxcpath);
	assert_int_equal(list_defined_containers(path, &names, NULL), 0);
	assert_null(names);
}

static void test_state_methods(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);

	assert_non_null(c);
	assert_string_equal(c->state(c), "STOPPED");
	assert_false(c->is_running(c));
	assert_int_equal(c->init_pid(c), -1);
	assert_true(c->init_pidfd(c) < 0);
	assert_int_equal(c->error_num, ESRCH);
	assert_true(c->want_daemonize(c, false));
	assert_false(c->daemonize);
	assert_true(c->want_close_all_fds(c, true));
	assert_int_equal(c->rcv_timeout, -1);
	assert_true(c->set_timeout(c, 30));
	assert_int_equal(c->rcv_timeout, 30);
	assert_true(c->set_timeout(c, -1));
	assert_false(c->set_timeout(c, -2));
	assert_int_equal(c->rcv_timeout, -1);
	assert_true(c->may_control(c));
	assert_null(c->get_running_config_item(c, "lxc.uts.name"));
	assert_string_equal(c->error_string, "Failed to get running config item \"lxc.uts.name\" "
			    "of container \"c1\": container is not running");
	lxc_container_put(c);
}

static void test_set_config_path(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char other[PATH_MAX], path[PATH_MAX];

	assert_non_null(c);
	snprintf(other, sizeof(other), "%s/sub/", lxcpath);
	assert_true(c->set_config_path(c, other));
	other[strlen(other) - 1] = '\0';
	assert_string_equal(c->get_config_path(c), other);
	snprintf(path, sizeof(path), "%s/c1/config", other);
	assert_string_equal(c->configfile, path);
	assert_true(c->save_config(c, NULL));
	assert_true(file_exists(path));
	assert_false(c->set_config_path(c, ""));
	lxc_container_put(c);
}

struct stub_case {
	const char *what;
	bool (*call)(struct lxc_container *c);
};

static bool call_snapshots(struct lxc_container *c) { return c->snapshot_destroy_all(c); }
static bool call_clone(struct lxc_container *c)
{
	return c->clone(c, "c2", NULL, 0, NULL, NULL, 0, NULL) != NULL;
}
static bool call_checkpoint(struct lxc_container *c)
{
	return c->checkpoint(c, "/nonexistent", false, false);
}
static bool call_mount(struct lxc_container *c)
{
	struct lxc_mount m = { .version = LXC_MOUNT_API_V1 };

	return c->mount(c, "/a", "/b", NULL, 0, NULL, &m) != -1;
}
static bool call_devpts(struct lxc_container *c) { return c->devpts_fd(c) != -1; }

static void test_unimplemented(void **state)
{
	static const struct stub_case cases[] = {
		{ "destroy snapshots of container", call_snapshots },
		{ "clone container", call_clone },
		{ "checkpoint container", call_checkpoint },
		{ "mount into container", call_mount },
		{ "get devpts fd of container", call_devpts },
	};
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char want[256];

	assert_non_null(c);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c->error_num = 0;
		assert_false(cases[i].call(c));
		assert_int_equal(c->error_num, ENOSYS);
		snprintf(want, sizeof(want),
			 "Failed to %s \"c1\": not implemented yet in this build", cases[i].what);
		assert_string_equal(c->error_string, want);
	}
	lxc_container_put(c);
}

static void test_globals(void **state)
{
	const char *states[8];

	assert_int_equal(lxc_get_wait_states(NULL), 8);
	assert_int_equal(lxc_get_wait_states(states), 8);
	assert_string_equal(states[0], "STOPPED");
	assert_string_equal(states[1], "STARTING");
	assert_string_equal(states[2], "RUNNING");
	assert_string_equal(states[3], "STOPPING");
	assert_string_equal(states[4], "ABORTING");
	assert_string_equal(states[5], "FREEZING");
	assert_string_equal(states[6], "FROZEN");
	assert_string_equal(states[7], "THAWED");
	assert_string_equal(lxc_get_version(), "7.0.0");
	assert_true(lxc_config_item_is_supported("lxc.uts.name"));
	assert_true(lxc_config_item_is_supported("lxc.utsname"));
	assert_false(lxc_config_item_is_supported("lxc.bogus"));
	assert_false(lxc_config_item_is_supported(NULL));
	assert_true(lxc_has_api_extension("lxc_log"));
	assert_true(lxc_has_api_extension("lxc_config_item_is_supported"));
	assert_true(lxc_has_api_extension("console_log"));
	assert_true(lxc_has_api_extension("pidfd"));
	assert_true(lxc_has_api_extension("cgroup2_devices"));
	assert_false(lxc_has_api_extension("seccomp_notify"));
	assert_false(lxc_has_api_extension("mount_injection"));
	assert_false(lxc_has_api_extension("no_such_extension"));
	assert_false(lxc_has_api_extension(NULL));
}

static int run_in_child(int (*fn)(void *), void *payload)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(payload) & 0xff);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_attach_run_command(void **state)
{
	char *ok_argv[] = { "sh", "-c", "exit 7", NULL };
	char *bad_argv[] = { "/nonexistent-lxc-test/cmd", NULL };
	lxc_attach_command_t ok = { "sh", ok_argv };
	lxc_attach_command_t bad = { "/nonexistent-lxc-test/cmd", bad_argv };
	lxc_attach_command_t noexec = { lxcpath, bad_argv };

	assert_int_equal(run_in_child(lxc_attach_run_command, &ok), 7);
	assert_int_equal(run_in_child(lxc_attach_run_command, &bad), 127);
	assert_int_equal(run_in_child(lxc_attach_run_command, &noexec), 126);
}

static void *try_lock(void *arg)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open(arg, O_RDWR | O_CLOEXEC), ret;

	ret = fcntl(fd, F_OFD_SETLK, &fl) < 0 ? errno : 0;
	close(fd);
	return (void *)(intptr_t)ret;
}

/* The container lock excludes another thread of the same process and another process. */
static void test_disk_lock_excludes(void **state)
{
	struct lxc_container *c = lxc_container_new("c1", lxcpath);
	char *path = NULL;
	pthread_t t;
	void *ret;
	int fd, status;
	pid_t pid;

	assert_non_null(c);
	fd = api_disk_lock(c);
	assert_true(fd >= 0);
	assert_int_equal(api_lock_path(lxcpath, "c1", &path), 0);

	assert_int_equal(pthread_create(&t, NULL, try_lock, path), 0);
	pthread_join(t, &ret);
	assert_int_equal((intptr_t)ret, EAGAIN);
	pid = fork();
	if (pid == 0)
		_exit((intptr_t)try_lock(path) == EAGAIN ? 0 : 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);

	close(fd);
	assert_int_equal((intptr_t)try_lock(path), 0);
	free(path);
	lxc_container_put(c);
}

static void test_lock_path(void **state)
{
	char *p = NULL;

	assert_int_equal(api_lock_path("/var/lib/lxc", "c1", &p), 0);
	if (geteuid() == 0)
		assert_string_equal(p, "/run/lxc/lock//var/lib/lxc/.c1");
	else
		assert_true(str_ends_with(p, "/lxc/lock//var/lib/lxc/.c1"));
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_put, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_slashes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_methods_non_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_validation, setup, teardown),
		cmocka_unit_test(test_check_name_messages),
		cmocka_unit_test_setup_teardown(test_config_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_alt_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_failure_keeps_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_fails_on_broken_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_config_item_lengths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_defined, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_methods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_config_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unimplemented, setup, teardown),
		cmocka_unit_test(test_globals),
		cmocka_unit_test_setup_teardown(test_attach_run_command, setup, teardown),
		cmocka_unit_test(test_lock_path),
		cmocka_unit_test_setup_teardown(test_disk_lock_excludes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
