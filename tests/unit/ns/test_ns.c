/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of ns/: the namespace table, clone flags from configurations, lxc-attach -s
 * lists, id map text, newuidmap argv and id translation. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "ns/idmap.h"
#include "ns/ns.h"

static struct lxc_conf *load(const char *text)
{
	struct conf_diag d = {0};
	struct lxc_conf *c = conf_new();

	assert_non_null(c);
	if (conf_load_string(c, text, "test", &d) < 0)
		fail_msg("load failed: %s", d.msg);
	return c;
}

static int flags_of(const char *text)
{
	struct lxc_conf *c = load(text);
	int flags = -1;

	assert_int_equal(ns_clone_flags(c, &flags), 0);
	conf_free(c);
	return flags;
}

static void test_table(void **state)
{
	static const struct {
		enum conf_ns ns;
		const char *name;
		int flag;
		const char *attach;
		const char *env;
	} want[] = {
		{CONF_NS_MNT, "mnt", CLONE_NEWNS, "MOUNT", "LXC_MNT_NS"},
		{CONF_NS_PID, "pid", CLONE_NEWPID, "PID", "LXC_PID_NS"},
		{CONF_NS_UTS, "uts", CLONE_NEWUTS, "UTSNAME", "LXC_UTS_NS"},
		{CONF_NS_IPC, "ipc", CLONE_NEWIPC, "IPC", "LXC_IPC_NS"},
		{CONF_NS_USER, "user", CLONE_NEWUSER, "USER", "LXC_USER_NS"},
		{CONF_NS_NET, "net", CLONE_NEWNET, "NETWORK", "LXC_NET_NS"},
		{CONF_NS_CGROUP, "cgroup", CLONE_NEWCGROUP, "CGROUP", "LXC_CGROUP_NS"},
		{CONF_NS_TIME, "time", CLONE_NEWTIME, "TIME", "LXC_TIME_NS"},
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct ns_info *info = ns_info(want[i].ns);
		enum conf_ns ns;

		assert_non_null(info);
		assert_string_equal(info->name, want[i].name);
		assert_int_equal(info->flag, want[i].flag);
		assert_string_equal(info->attach_name, want[i].attach);
		assert_string_equal(info->env_name, want[i].env);
		assert_int_equal(ns_from_name(want[i].name, &ns), 0);
		assert_int_equal(ns, want[i].ns);
		assert_int_equal(ns_from_flag(want[i].flag, &ns), 0);
		assert_int_equal(ns, want[i].ns);
	}
	assert_null(ns_info(CONF_NS_MAX));
	{
		enum conf_ns ns;

		assert_int_equal(ns_from_name("mount", &ns), 0);
		assert_int_equal(ns, CONF_NS_MNT);
		assert_int_equal(ns_from_name("network", &ns), -EINVAL);
		assert_int_equal(ns_from_flag(CLONE_NEWNS | CLONE_NEWPID, &ns), -EINVAL);
	}
}

static void test_clone_defaults(void **state)
{
	assert_int_equal(flags_of(""), NS_DEFAULT_FLAGS);
	assert_int_equal(flags_of("lxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 100000 65536\n"),
			 NS_DEFAULT_FLAGS | CLONE_NEWUSER);
	assert_int_equal(flags_of("lxc.time.offset.boot = 10s\n"),
			 NS_DEFAULT_FLAGS | CLONE_NEWTIME);
	assert_int_equal(flags_of("lxc.net.0.type = none\n"), NS_DEFAULT_FLAGS & ~CLONE_NEWNET);
	assert_int_equal(flags_of("lxc.net.0.type = empty\n"), NS_DEFAULT_FLAGS);
	assert_int_equal(flags_of("lxc.net.0.type = none\nlxc.net.1.type = empty\n"),
			 NS_DEFAULT_FLAGS);
}

static void test_clone_keep_clone_share(void **state)
{
	assert_int_equal(flags_of("lxc.namespace.keep = net ipc\n"),
			 CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWCGROUP);
	assert_int_equal(flags_of("lxc.idmap = u 0 100000 65536\nlxc.namespace.keep = user\n"),
			 NS_DEFAULT_FLAGS);
	assert_int_equal(flags_of("lxc.namespace.clone = mount net ipc\n"),
			 CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC);
	/* clone replaces the defaults entirely, even with id maps */
	assert_int_equal(flags_of("lxc.idmap = u 0 100000 65536\nlxc.namespace.clone = mnt\n"),
			 CLONE_NEWNS);
	assert_int_equal(flags_of("lxc.namespace.share.net = 1\n"),
			 NS_DEFAULT_FLAGS & ~CLONE_NEWNET);
	assert_int_equal(
		flags_of("lxc.namespace.share.uts = c3\nlxc.namespace.share.ipc = /opt/c3\n"),
		NS_DEFAULT_FLAGS & ~(CLONE_NEWUTS | CLONE_NEWIPC));
	assert_int_equal(flags_of("lxc.namespace.clone = mnt net\nlxc.namespace.share.net = 1\n"),
			 CLONE_NEWNS);
	{
		struct lxc_conf *c =
			load("lxc.namespace.share.pid = 1\nlxc.namespace.share.net = c2\n");

		assert_int_equal(ns_share_flags(c), CLONE_NEWPID | CLONE_NEWNET);
		conf_free(c);
	}
}

static void test_attach_parse(void **state)
{
	int flags = 0;

	assert_int_equal(ns_attach_flags_parse("NETWORK|IPC", &flags), 0);
	assert_int_equal(flags, CLONE_NEWNET | CLONE_NEWIPC);
	assert_int_equal(
		ns_attach_flags_parse("MOUNT|PID|UTSNAME|IPC|USER|NETWORK|CGROUP|TIME", &flags), 0);
	assert_int_equal(flags, NS_ALL_FLAGS);
	assert_int_equal(ns_attach_flags_parse("UTSNAME", &flags), 0);
	assert_int_equal(flags, CLONE_NEWUTS);
	flags = 42;
	assert_int_equal(ns_attach_flags_parse("network", &flags), -EINVAL);
	assert_int_equal(ns_attach_flags_parse("NET", &flags), -EINVAL);
	assert_int_equal(ns_attach_flags_parse("NETWORK|", &flags), -EINVAL);
	assert_int_equal(ns_attach_flags_parse("|IPC", &flags), -EINVAL);
	assert_int_equal(ns_attach_flags_parse("", &flags), -EINVAL);
	assert_int_equal(flags, 42);
}

static void test_fds(void **state)
{
	int fds[CONF_NS_MAX];
	enum conf_ns bad = CONF_NS_MAX;

	ns_fds_init(fds);
	for (int i = 0; i < CONF_NS_MAX; i++)
		assert_int_equal(fds[i], -EBADF);
	assert_int_equal(ns_open_all(getpid(), CLONE_NEWNET | CLONE_NEWUTS, true, fds, &bad), 0);
	assert_true(fds[CONF_NS_NET] >= 0);
	assert_true(fds[CONF_NS_UTS] >= 0);
	assert_int_equal(fds[CONF_NS_MNT], -EBADF);
	assert_int_equal(ns_same(getpid(), getppid(), CONF_NS_NET) >= 0, 1);
	assert_int_equal(ns_same(getpid(), getpid(), CONF_NS_NET), 1);
	ns_fds_close(fds);
	assert_int_equal(fds[CONF_NS_NET], -EBADF);
	assert_int_equal(ns_open_pid(0, CONF_NS_NET), -EINVAL);
}

static void test_share_target_errors(void **state)
{
	struct lxc_conf *c = load("lxc.namespace.share.net = /\n");
	int fds[CONF_NS_MAX];
	char msg[512] = "";

	ns_fds_init(fds);
	/* "/" is a directory: treated as a container directory without a name -> not running */
	assert_true(ns_open_share_targets(c, "/nonexistent", fds, msg, sizeof(msg)) < 0);
	conf_free(c);

	c = load("lxc.namespace.share.net = /etc/hostname\n");
	assert_int_equal(ns_open_share_targets(c, "/nonexistent", fds, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "Failed to use \"/etc/hostname\" for \"lxc.namespace.share.net\": "
				 "neither a namespace file nor a container directory");
	conf_free(c);

	c = load("lxc.namespace.share.net = /proc/self/ns/uts\n");
	assert_int_equal(ns_open_share_targets(c, "/nonexistent", fds, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "Failed to use \"/proc/self/ns/uts\" for "
				 "\"lxc.namespace.share.net\": not a \"net\" namespace");
	conf_free(c);

	snprintf(msg, sizeof(msg),
		 "lxc.namespace.share.net = /proc/self/ns/net\nlxc.namespace.share.uts = %d\n",
		 (int)getpid());
	c = load(msg);
	assert_int_equal(ns_open_share_targets(c, "/nonexistent", fds, msg, sizeof(msg)), 0);
	assert_true(fds[CONF_NS_NET] >= 0);
	assert_true(fds[CONF_NS_UTS] >= 0);
	assert_int_equal(fds[CONF_NS_IPC], -EBADF);
	ns_fds_close(fds);
	conf_free(c);
}

static void test_idmap_text(void **state)
{
	struct lxc_conf *c = load("lxc.idmap = u 0 100000 1000\n"
				  "lxc.idmap = g 0 200000 65536\n"
				  "lxc.idmap = u 1000 1000 1\n"
				  "lxc.idmap = u 1001 101001 64535\n");
	struct strbuf sb = {0};
	char **argv = NULL;
	char *joined;

	assert_int_equal(ns_idmap_text(&c->sec, CONF_IDMAP_UID, &sb), 3);
	assert_string_equal(sb.buf, "0 100000 1000\n1000 1000 1\n1001 101001 64535\n");
	strbuf_reset(&sb);
	assert_int_equal(ns_idmap_text(&c->sec, CONF_IDMAP_GID, &sb), 1);
	assert_string_equal(sb.buf, "0 200000 65536\n");
	strbuf_free(&sb);

	assert_int_equal(ns_idmap_helper_argv(&c->sec, CONF_IDMAP_UID, 4242, &argv), 0);
	joined = strv_join(argv, " ");
	assert_string_equal(joined, "newuidmap 4242 0 100000 1000 1000 1000 1 1001 101001 64535");
	free(joined);
	strv_free(argv);
	assert_int_equal(ns_idmap_helper_argv(&c->sec, CONF_IDMAP_GID, 7, &argv), 0);
	joined = strv_join(argv, " ");
	assert_string_equal(joined, "newgidmap 7 0 200000 65536");
	free(joined);
	strv_free(argv);
	conf_free(c);

	c = load("lxc.idmap = u 0 100000 1000\n");
	argv = NULL;
	assert_int_equal(ns_idmap_helper_argv(&c->sec, CONF_IDMAP_GID, 7, &argv), -ENOENT);
	assert_null(argv);
	conf_free(c);
}

static void test_idmap_translate(void **state)
{
	struct lxc_conf *c = load("lxc.idmap = u 0 100000 1000\n"
				  "lxc.idmap = g 0 200000 65536\n"
				  "lxc.idmap = u 1000 1000 1\n");
	uint32_t id = 0;
	uid_t uid = 1;
	gid_t gid = 1;

	assert_int_equal(ns_idmap_to_host(&c->sec, CONF_IDMAP_UID, 5, &id), 0);
	assert_int_equal(id, 100005);
	assert_int_equal(ns_idmap_to_host(&c->sec, CONF_IDMAP_UID, 1000, &id), 0);
	assert_int_equal(id, 1000);
	assert_int_equal(ns_idmap_to_host(&c->sec, CONF_IDMAP_UID, 1001, &id), -ENOENT);
	assert_int_equal(ns_idmap_to_ns(&c->sec, CONF_IDMAP_GID, 200010, &id), 0);
	assert_int_equal(id, 10);
	assert_int_equal(ns_idmap_to_ns(&c->sec, CONF_IDMAP_GID, 10, &id), -ENOENT);
	assert_int_equal(ns_idmap_root_uid(&c->sec, &uid), 0);
	assert_int_equal(uid, 100000);
	assert_int_equal(ns_idmap_root_gid(&c->sec, &gid), 0);
	assert_int_equal(gid, 200000);
	conf_free(c);

	c = load("");
	assert_int_equal(ns_idmap_root_uid(&c->sec, &uid), 0);
	assert_int_equal(uid, 0);
	assert_int_equal(ns_idmap_to_host(&c->sec, CONF_IDMAP_GID, 33, &id), 0);
	assert_int_equal(id, 33);
	assert_false(ns_idmap_needs_helper(&c->sec) && geteuid() == 0);
	conf_free(c);

	c = load("lxc.idmap = u 1 100000 1000\n");
	assert_int_equal(ns_idmap_root_uid(&c->sec, &uid), -ENOENT);
	conf_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_clone_defaults),
		cmocka_unit_test(test_clone_keep_clone_share),
		cmocka_unit_test(test_attach_parse),
		cmocka_unit_test(test_fds),
		cmocka_unit_test(test_share_target_errors),
		cmocka_unit_test(test_idmap_text),
		cmocka_unit_test(test_idmap_translate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
