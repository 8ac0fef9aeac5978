/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Key lookup over the family tables, legacy LXC 2.x names (renames, dropped keys, unindexed
 * lxc.network sections), NOSET refusal, get_keys listings. */
#include "helpers.h"
#include "base/file.h"
#include "log/log.h"

static void test_legacy_renames(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c,
		"lxc.utsname = old\n"
		"lxc.rootfs = /srv/rootfs\n"
		"lxc.rootfs.backend = dir\n"
		"lxc.aa_profile = unconfined\n"
		"lxc.haltsignal = SIGPWR\n"
		"lxc.limit.nofile = 1024\n"
		"lxc.kmsg = 0\n"
		"lxc.pivotdir = lxc_putold\n"
		"lxc.id_map = u 0 100000 65536\n", "legacy", &d), 0);
	assert_get(c, "lxc.uts.name", "old");
	assert_get(c, "lxc.rootfs.path", "/srv/rootfs");
	assert_get(c, "lxc.apparmor.profile", "unconfined");
	/* The unexpanded text migrates to current names; dropped keys disappear. */
	assert_written(c,
		"lxc.uts.name = old\n"
		"lxc.rootfs.path = /srv/rootfs\n"
		"lxc.apparmor.profile = unconfined\n"
		"lxc.signal.halt = SIGPWR\n"
		"lxc.prlimit.nofile = 1024\n"
		"lxc.idmap = u 0 100000 65536\n");
}

static void test_legacy_unindexed_network(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c,
		"lxc.network.type = veth\n"
		"lxc.network.link = br0\n"
		"lxc.network.name = eth0\n"
		"lxc.network.type = veth\n"
		"lxc.network.link = br1\n"
		"lxc.network.ipv4 = 10.0.3.5/24\n"
		"lxc.network.3.type = veth\n"
		"lxc.network.3.link = br3\n", "legacy", &d), 0);
	assert_get(c, "lxc.net.0.link", "br0");
	assert_get(c, "lxc.net.0.name", "eth0");
	assert_get(c, "lxc.net.1.link", "br1");
	assert_get(c, "lxc.net.3.link", "br3");
	assert_written(c,
		"lxc.net.0.type = veth\n"
		"lxc.net.0.link = br0\n"
		"lxc.net.0.name = eth0\n"
		"lxc.net.1.type = veth\n"
		"lxc.net.1.link = br1\n"
		"lxc.net.1.ipv4.address = 10.0.3.5/24\n"
		"lxc.net.3.type = veth\n"
		"lxc.net.3.link = br3\n");
}

static void test_legacy_network_after_indexed(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c,
		"lxc.net.0.type = veth\n"
		"lxc.net.0.link = br0\n"
		"lxc.network.type = veth\n"
		"lxc.network.link = brX\n", "mixed", &d), 0);
	assert_get(c, "lxc.net.0.link", "br0");
	assert_get(c, "lxc.net.1.link", "brX");
}

/* "lxc.network =" (empty) was the old way to drop every network. */
static void test_legacy_network_reset(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	struct strbuf sb = {};

	assert_int_equal(conf_load_string(c, "lxc.net.0.type = veth\nlxc.network =\n"
					  "lxc.network.type = empty\n", "cfg", &d), 0);
	assert_get(c, "lxc.net.0.type", "empty");
	assert_int_equal(conf_get_item(c, "lxc.net.1.type", &sb), -ENOENT);
	assert_written(c, "lxc.net.0.type = veth\nlxc.net = \nlxc.net.0.type = empty\n");
	strbuf_free(&sb);
}

static void test_legacy_network_without_type(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "lxc.network.link = br0\n", "cfg", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "cfg:1: Failed to set \"lxc.network.link\": no network defined yet, "
			    "\"lxc.network.type\" must come first");
}

static void test_legacy_console_and_rootfs_need_value(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_set_item(c, "lxc.console", "/dev/tty1", &d), 0);
	assert_get(c, "lxc.console.path", "/dev/tty1");
	assert_written(c, "lxc.console.path = /dev/tty1\n");
	/* The bare names are current keys for clear. */
	assert_int_equal(conf_clear_item(c, "lxc.rootfs"), 0);
	assert_true(conf_key_is_supported("lxc.console"));
	assert_true(conf_key_is_supported("lxc.rootfs"));
}

/* "lxc.mount = PATH" is the legacy lxc.mount.fstab, but "lxc.mount = " (empty) is the family
 * clear, as for lxc.rootfs: fstab, entries and auto mounts all go, with their saved lines. */
static void test_legacy_mount_needs_value(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *r = conf_new();
	struct conf_diag d = {};
	char *w;

	assert_int_equal(conf_load_string(c,
		"lxc.mount = /etc/fstab.c1\n"
		"lxc.mount.entry = proc proc proc nodev 0 0\n"
		"lxc.mount.auto = proc:rw\n"
		"lxc.uts.name = m\n", "cfg", &d), 0);
	assert_get(c, "lxc.mount.fstab", "/etc/fstab.c1");
	assert_int_equal(conf_set_item(c, "lxc.mount", "", &d), 0);
	assert_get(c, "lxc.mount.fstab", "");
	assert_get(c, "lxc.mount.entry", "");
	assert_get(c, "lxc.mount.auto", "");
	assert_written(c, "lxc.uts.name = m\nlxc.mount = \n");
	w = written(c);
	assert_int_equal(conf_load_string(r, w, "saved", &d), 0);
	free(w);
	assert_get(r, "lxc.mount.fstab", "");
	assert_get(r, "lxc.mount.entry", "");
	assert_get(r, "lxc.uts.name", "m");
	assert_int_equal(conf_set_item(c, "lxc.mount", "/etc/fstab.c2", &d), 0);
	assert_get(c, "lxc.mount.fstab", "/etc/fstab.c2");
}

static void test_legacy_replacement(void **state)
{
	char buf[256];

	assert_string_equal(conf_legacy_replacement("lxc.utsname", buf, sizeof(buf)),
			    "lxc.uts.name");
	assert_string_equal(conf_legacy_replacement("lxc.network.2.ipv6", buf, sizeof(buf)),
			    "lxc.net.2.ipv6.address");
	assert_string_equal(conf_legacy_replacement("lxc.network.ipv4.gateway", buf, sizeof(buf)),
			    "lxc.net.[i].ipv4.gateway");
	assert_string_equal(conf_legacy_replacement("lxc.limit.nofile", buf, sizeof(buf)),
			    "lxc.prlimit.nofile");
	assert_string_equal(conf_legacy_replacement("lxc.tty", buf, sizeof(buf)), "lxc.tty.max");
	assert_string_equal(conf_legacy_replacement("lxc.pts", buf, sizeof(buf)), "lxc.pty.max");
	assert_string_equal(conf_legacy_replacement("lxc.pivotdir", buf, sizeof(buf)), "");
	assert_null(conf_legacy_replacement("lxc.uts.name", buf, sizeof(buf)));
	assert_null(conf_legacy_replacement("lxc.console.logfile", buf, sizeof(buf)));
	assert_null(conf_legacy_replacement("lxc.tty.max", buf, sizeof(buf)));
	assert_true(conf_key_is_supported("lxc.utsname"));
	assert_true(conf_key_is_supported("lxc.network.0.link"));
	assert_true(conf_key_is_supported("lxc.uts.name"));
	assert_true(conf_key_is_supported("lxc.net.5.link"));
	assert_true(conf_key_is_supported("lxc.cgroup.memory.max"));
	assert_true(conf_key_is_supported("lxc.include"));
	assert_false(conf_key_is_supported("lxc.nonsense"));
	assert_false(conf_key_is_supported(""));
}

static void test_noset_refused(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_set_item(c, "lxc.net.0", "veth", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "Configuration key \"lxc.net.0\" cannot be set to a value, it can only "
			    "be read or cleared");
	assert_written(c, "");
}

static void test_prefix_and_index_lookup(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	struct strbuf sb = {};
	char *v;

	assert_int_equal(conf_set_item(c, "lxc.cgroup.memory.max", "1G", &d), 0);
	v = get(c, "lxc.cgroup.memory.max");
	/* Only the prefix lookup is tested here; the family decides the trailing newline. */
	assert_int_equal(strncmp(v, "1G", 2), 0);
	free(v);
	assert_int_equal(conf_set_item(c, "lxc.net.12.type", "veth", &d), 0);
	assert_int_equal(conf_set_item(c, "lxc.net.12.link", "br0", &d), 0);
	assert_get(c, "lxc.net.12.link", "br0");
	assert_int_equal(conf_get_item(c, "lxc.no.such.key", &sb), -ENOENT);
	assert_int_equal(conf_clear_item(c, "lxc.no.such.key"), -ENOENT);
	strbuf_free(&sb);
}

static void test_list_keys(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct strbuf sb = {};

	assert_int_equal(conf_list_keys(c, NULL, &sb), 0);
	assert_non_null(strstr(sb.buf, "\nlxc.uts.name\n"));
	assert_non_null(strstr(sb.buf, "\nlxc.include\n"));
	assert_non_null(strstr(sb.buf, "\nlxc.cap.drop\n"));
	assert_int_equal(sb.buf[sb.len - 1], '\n');
	strbuf_reset(&sb);
	assert_int_equal(conf_list_keys(c, "", &sb), 0);
	assert_non_null(strstr(sb.buf, "lxc.mount.entry\n"));
	strbuf_reset(&sb);
	assert_int_equal(conf_list_keys(c, "lxc.apparmor", &sb), 0);
	assert_non_null(strstr(sb.buf, "profile\n"));
	assert_non_null(strstr(sb.buf, "allow_incomplete\n"));
	assert_null(strstr(sb.buf, "lxc."));
	strbuf_reset(&sb);
	assert_int_equal(conf_list_keys(c, "lxc.apparmor.", &sb), 0);
	assert_non_null(strstr(sb.buf, "profile\n"));
	strbuf_reset(&sb);
	assert_int_equal(conf_list_keys(c, "lxc.bogus", &sb), -ENOENT);
	strbuf_free(&sb);
}

/* One warning per legacy key per process, naming the replacement and the tool. */
static void test_legacy_warned_once(void **state)
{
	__do(conf) struct lxc_conf *a = conf_new(), *b = conf_new();
	struct conf_diag d = {};
	char *log = NULL, *p;
	size_t len;
	int n = 0;

	assert_int_equal(lxc_log_set_file(tpath("log")), 0);
	assert_int_equal(lxc_log_set_level(LXC_LOG_LEVEL_WARN), 0);
	assert_int_equal(conf_load_string(a, "lxc.init_cmd = /sbin/init\nlxc.init_cmd = /bin/sh\n",
					  "/c/config", &d), 0);
	assert_int_equal(conf_set_item(b, "lxc.init_cmd", "/bin/true", &d), 0);
	lxc_log_set_file(NULL);
	assert_int_equal(file_read_all(tpath("log"), &log, &len), 0);
	for (p = log; (p = strstr(p, "\"lxc.init_cmd\" is deprecated")); p++)
		n++;
	assert_int_equal(n, 1);
	assert_non_null(strstr(log, "using \"lxc.init.cmd\" instead; run "
				    "\"lxc-update-config -c /c/config\" to update the file"));
	free(log);
	assert_get(b, "lxc.init.cmd", "/bin/true");
}

/* lxc.include through set_config_item reads the file, all or nothing. */
static void test_set_include(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char expected[1024];

	write_file("inc.conf", "lxc.uts.name = included\n");
	write_file("bad.conf", "lxc.environment = A=1\nlxc.uts.nme = x\n");
	assert_int_equal(conf_set_item(c, "lxc.include", tpath("inc.conf"), &d), 0);
	assert_get(c, "lxc.uts.name", "included");
	snprintf(expected, sizeof(expected), "lxc.include = %s\n", tpath("inc.conf"));
	assert_written(c, expected);
	assert_int_equal(conf_set_item(c, "lxc.include", tpath("bad.conf"), &d), -EINVAL);
	assert_int_equal(d.line, 2);
	assert_string_equal(d.file, tpath("bad.conf"));
	assert_get(c, "lxc.environment", "");
	assert_written(c, expected);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_renames),
		cmocka_unit_test(test_legacy_unindexed_network),
		cmocka_unit_test(test_legacy_network_after_indexed),
		cmocka_unit_test(test_legacy_network_reset),
		cmocka_unit_test(test_legacy_network_without_type),
		cmocka_unit_test(test_legacy_console_and_rootfs_need_value),
		cmocka_unit_test(test_legacy_mount_needs_value),
		cmocka_unit_test(test_legacy_replacement),
		cmocka_unit_test(test_noset_refused),
		cmocka_unit_test(test_prefix_and_index_lookup),
		cmocka_unit_test(test_list_keys),
		cmocka_unit_test_setup_teardown(test_legacy_warned_once, tmpdir_setup, tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_set_include, tmpdir_setup, tmpdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
