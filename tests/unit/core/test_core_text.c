/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The unexpanded text through set/clear (scalar override, list append and reset, clearing a
 * subtree, emptying a prefix family, clearing a key without its longer neighbours), save and
 * reload round trips, and conf_clone() equality. */
#include "helpers.h"

static void test_scalar_set_twice(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "# head\nlxc.uts.name = a\nlxc.cap.drop = sys_admin\n",
					  "cfg", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.uts.name", "b", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.uts.name", "c", &d), 0);
	assert_get(c, "lxc.uts.name", "c");
	assert_written(c, "# head\nlxc.cap.drop = sys_admin\nlxc.uts.name = c\n");
}

static void test_list_append_and_reset(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_set_item(c, "lxc.environment", "A=1", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.uts.name", "n", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.environment", "B=2", &d), 0);
	assert_written(c, "lxc.environment = A=1\nlxc.uts.name = n\nlxc.environment = B=2\n");
	assert_get(c, "lxc.environment", "A=1\nB=2\n");
	assert_int_equal(conf_set_item(c, "lxc.environment", "", &d), 0);
	assert_get(c, "lxc.environment", "");
	assert_written(c, "lxc.uts.name = n\nlxc.environment = \n");
}

static void test_list_reset_after_include_survives(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *r = conf_new();
	struct conf_diag d = {};
	char text[1024];

	write_file("inc.conf", "lxc.environment = FROM_INCLUDE=1\nlxc.cap.drop = mknod\n");
	snprintf(text, sizeof(text), "lxc.include = %s\n", tpath("inc.conf"));
	assert_int_equal(conf_load_string(c, text, "cfg", &d), 0);
	assert_get(c, "lxc.environment", "FROM_INCLUDE=1\n");
	assert_int_equal(conf_set_item(c, "lxc.environment", "", &d), 0);
	assert_int_equal(conf_save(c, tpath("saved")), 0);
	assert_int_equal(conf_load_file(r, tpath("saved"), &d), 0);
	assert_get(r, "lxc.environment", "");
	assert_get(r, "lxc.cap.drop", "mknod\n");
}

static void test_clear_prefix(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	struct strbuf sb = {};

	assert_int_equal(conf_load_string(c,
		"lxc.net.0.type = veth\n"
		"lxc.net.0.link = br0\n"
		"lxc.net.1.type = veth\n"
		"lxc.net.10.type = veth\n"
		"lxc.uts.name = keep\n", "cfg", &d), 0);
	assert_int_equal(conf_clear_item(c, "lxc.net.1"), 0);
	assert_int_equal(conf_get_item(c, "lxc.net.1.type", &sb), -ENOENT);
	assert_get(c, "lxc.net.0.link", "br0");
	assert_written(c,
		"lxc.net.0.type = veth\n"
		"lxc.net.0.link = br0\n"
		"lxc.net.10.type = veth\n"
		"lxc.uts.name = keep\n");
	assert_int_equal(conf_clear_item(c, "lxc.net"), 0);
	assert_written(c, "lxc.uts.name = keep\n");
	strbuf_free(&sb);
}

static void test_save_reload_round_trip(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *r = conf_new();
	struct conf_diag d = {};
	struct stat st;
	char *a, *b;

	assert_int_equal(conf_load_string(c,
		"# container config\n"
		"lxc.utsname = legacy\n"
		"\n"
		"lxc.network.type = veth\n"
		"lxc.network.link = br0\n"
		"lxc.mount.entry = proc proc proc nodev,noexec,nosuid 0 0\n"
		"lxc.cgroup.memory.max = 512M\n", "cfg", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.environment", "X=y", &d), 0);
	assert_int_equal(conf_save(c, tpath("config")), 0);
	assert_int_equal(stat(tpath("config"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(conf_load_file(r, tpath("config"), &d), 0);
	a = written(c);
	b = written(r);
	assert_string_equal(a, b);
	assert_string_equal(a,
		"# container config\n"
		"lxc.uts.name = legacy\n"
		"\n"
		"lxc.net.0.type = veth\n"
		"lxc.net.0.link = br0\n"
		"lxc.mount.entry = proc proc proc nodev,noexec,nosuid 0 0\n"
		"lxc.cgroup.memory.max = 512M\n"
		"lxc.environment = X=y\n");
	free(a);
	free(b);
	assert_get(r, "lxc.uts.name", "legacy");
	assert_get(r, "lxc.net.0.link", "br0");
	assert_get(r, "lxc.mount.entry", "proc proc proc nodev,noexec,nosuid 0 0\n");
}

/* Every listed key that is gettable has the same value in both confs. */
static void assert_same_values(const struct lxc_conf *a, const struct lxc_conf *b)
{
	struct strbuf keys = {};
	char *save = NULL;

	assert_int_equal(conf_list_keys(a, NULL, &keys), 0);
	for (char *k = strtok_r(keys.buf, "\n", &save); k; k = strtok_r(NULL, "\n", &save)) {
		struct strbuf va = {}, vb = {};
		int ra = conf_get_item(a, k, &va), rb = conf_get_item(b, k, &vb);

		assert_int_equal(ra, rb);
		assert_string_equal(va.buf ? va.buf : "", vb.buf ? vb.buf : "");
		strbuf_free(&va);
		strbuf_free(&vb);
	}
	strbuf_free(&keys);
}

/* Setting the bare name of a list/prefix family to "" also drops its KEY.* lines from the
 * saved text; the other keys below the name (lxc.cgroup.dir) keep theirs. Reload is equal. */
static void test_empty_prefix_drops_subkey_lines(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *r = conf_new();
	struct conf_diag d = {};
	char *w;

	assert_int_equal(conf_load_string(c,
		"lxc.prlimit.nofile = 1024\n"
		"lxc.sysctl.net.ipv4.ip_forward = 1\n"
		"lxc.cgroup.dir = lxc/c1\n"
		"lxc.proc.oom_score_adj = 10\n"
		"lxc.cgroup.memory.limit_in_bytes = 1G\n"
		"lxc.cgroup2.memory.max = 2G\n"
		"lxc.cgroup.relative = 1\n"
		"lxc.uts.name = keep\n", "cfg", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.prlimit", "", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.sysctl", "", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.proc", "", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.cgroup", "", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.cgroup2", "", &d), 0);
	assert_written(c,
		"lxc.cgroup.dir = lxc/c1\n"
		"lxc.cgroup.relative = 1\n"
		"lxc.uts.name = keep\n"
		"lxc.prlimit = \n"
		"lxc.sysctl = \n"
		"lxc.proc = \n"
		"lxc.cgroup = \n"
		"lxc.cgroup2 = \n");
	assert_get(c, "lxc.prlimit", "");
	assert_get(c, "lxc.cgroup", "");
	assert_get(c, "lxc.cgroup.dir", "lxc/c1");
	w = written(c);
	assert_int_equal(conf_load_string(r, w, "saved", &d), 0);
	free(w);
	assert_same_values(c, r);
	assert_get(r, "lxc.cgroup.relative", "1");
	assert_get(r, "lxc.sysctl", "");
}

/* Clearing a key drops its own lines, not those of other keys whose names extend it. */
static void test_clear_keeps_longer_keys(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *r = conf_new();
	struct conf_diag d = {};
	char *w;

	assert_int_equal(conf_load_string(c,
		"lxc.autodev = 0\n"
		"lxc.autodev.tmpfs.size = 1000000\n"
		"lxc.cgroup.dir = a\n"
		"lxc.cgroup.dir.container.inner = b\n"
		"lxc.cgroup.memory.limit_in_bytes = 1G\n"
		"lxc.selinux.context = u:r:t:s0\n"
		"lxc.selinux.context.keyring = u:r:k:s0\n", "cfg", &d), 0);
	assert_int_equal(conf_clear_item(c, "lxc.autodev"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cgroup.dir"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cgroup"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.selinux.context"), 0);
	assert_get(c, "lxc.autodev.tmpfs.size", "1000000");
	assert_get(c, "lxc.cgroup.dir.container.inner", "b");
	assert_written(c,
		"lxc.autodev.tmpfs.size = 1000000\n"
		"lxc.cgroup.dir.container.inner = b\n"
		"lxc.selinux.context.keyring = u:r:k:s0\n");
	w = written(c);
	assert_int_equal(conf_load_string(r, w, "saved", &d), 0);
	free(w);
	assert_same_values(c, r);
}

static void test_clone_equal(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *copy = NULL;
	struct conf_diag d = {};
	char text[1024], *a, *b;

	write_file("inc.conf", "lxc.cap.drop = sys_module\nlxc.environment = I=1\n");
	snprintf(text, sizeof(text),
		 "# top\nlxc.include = %s\nlxc.uts.name = cl\nlxc.net.0.type = veth\n"
		 "lxc.net.0.link = br0\nlxc.network.type = veth\nlxc.network.link = br9\n",
		 tpath("inc.conf"));
	assert_int_equal(conf_load_string(c, text, "cfg", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.environment", "J=2", &d), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cap.drop"), 0);
	/* The clone replays what was applied: the include file is not read again. */
	unlink(tpath("inc.conf"));
	copy = conf_clone(c);
	assert_non_null(copy);
	a = written(c);
	b = written(copy);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_get(copy, "lxc.environment", "I=1\nJ=2\n");
	assert_get(copy, "lxc.cap.drop", "");
	assert_get(copy, "lxc.net.1.link", "br9");
	assert_same_values(c, copy);
	/* The clone is independent. */
	assert_int_equal(conf_set_item(copy, "lxc.uts.name", "other", &d), 0);
	assert_get(c, "lxc.uts.name", "cl");
	/* The unindexed legacy state is cloned too. */
	assert_int_equal(conf_set_item(copy, "lxc.network.name", "eth9", &d), 0);
	assert_get(copy, "lxc.net.1.name", "eth9");
}

static void test_free_null(void **state)
{
	conf_free(NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmpdir_setup, tmpdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_scalar_set_twice),
		T(test_list_append_and_reset),
		T(test_list_reset_after_include_survives),
		T(test_clear_prefix),
		T(test_save_reload_round_trip),
		T(test_empty_prefix_drops_subkey_lines),
		T(test_clear_keeps_longer_keys),
		T(test_clone_equal),
		T(test_free_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
