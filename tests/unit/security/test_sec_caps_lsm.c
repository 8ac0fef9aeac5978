/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the security keys: capabilities, seccomp, AppArmor, SELinux and the 0/1
 * keys (no_new_privs, keyring.session, sched.core), plus checks over the whole table. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

/* What get prints for a key that is not set: numeric and 0/1 keys print their default, strings
 * and lists print nothing. */
static const char *unset_value(const char *key)
{
	static const struct {
		const char *key, *value;
	} defaults[] = {
		{"lxc.no_new_privs", "0"},
		{"lxc.seccomp.allow_nesting", "0"},
		{"lxc.apparmor.allow_incomplete", "0"},
		{"lxc.apparmor.allow_nesting", "0"},
		{"lxc.keyring.session", "1"},
		{"lxc.sched.core", "0"},
		{"lxc.time.offset.boot", "0s"},
		{"lxc.time.offset.monotonic", "0s"},
	};

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (strcmp(defaults[i].key, key) == 0)
			return defaults[i].value;
	return "";
}

static void test_table(void **state)
{
	struct lxc_conf *c = *state;

	assert_true(conf_table_security.n > 20);
	for (size_t i = 0; i < conf_table_security.n; i++) {
		const struct conf_key *k = &conf_table_security.keys[i];

		assert_non_null(k->set);
		assert_non_null(k->get);
		assert_non_null(k->clear);
		assert_non_null(k->syntax);
		assert_true(strncmp(k->name, "lxc.", 4) == 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(k->name, conf_table_security.keys[j].name);
		if (k->flags & (CONF_KEY_NOSET | CONF_KEY_PREFIX))
			continue;
		/* An empty value resets every key to what a fresh conf prints. */
		GET_IS(c, k->name, unset_value(k->name));
		SET_OK(c, k->name, "");
		GET_IS(c, k->name, unset_value(k->name));
		assert_int_equal(t_clear(c, k->name), 0);
	}
}

static void test_cap_drop(void **state)
{
	struct lxc_conf *c = *state;

	SET_OK(c, "lxc.cap.drop", "sys_module mknod");
	SET_OK(c, "lxc.cap.drop", "CAP_NET_ADMIN\t21 cap_Sys_Module");
	GET_IS(c, "lxc.cap.drop", "net_admin\nsys_module\nsys_admin\nmknod\n");
	assert_int_equal(c->sec.caps.drop,
			 (1ULL << 12) | (1ULL << 16) | (1ULL << 21) | (1ULL << 27));

	/* One bad name rejects the whole line and changes nothing. */
	SET_BAD(c, "lxc.cap.drop", "chown sys_foo");
	assert_string_equal(
		diag.msg,
		"Invalid value \"sys_foo\" for \"lxc.cap.drop\": expected capability names as in "
		"capabilities(7) without CAP_ (e.g. sys_admin) or numbers 0-63, space-separated");
	assert_string_equal(diag.key, "lxc.cap.drop");
	GET_IS(c, "lxc.cap.drop", "net_admin\nsys_module\nsys_admin\nmknod\n");
	SET_BAD(c, "lxc.cap.drop", "64");
	SET_BAD(c, "lxc.cap.drop", "none");
	SET_BAD(c, "lxc.cap.drop", "-1");
	SET_BAD(c, "lxc.cap.drop", "CAP_");
	GET_IS(c, "lxc.cap.drop", "net_admin\nsys_module\nsys_admin\nmknod\n");

	/* Numbers beyond the named capabilities print as numbers. */
	SET_OK(c, "lxc.cap.drop", "");
	GET_IS(c, "lxc.cap.drop", "");
	SET_OK(c, "lxc.cap.drop", "63 0 40");
	GET_IS(c, "lxc.cap.drop", "chown\ncheckpoint_restore\n63\n");
	assert_int_equal(t_clear(c, "lxc.cap.drop"), 0);
	GET_IS(c, "lxc.cap.drop", "");
}

static void test_cap_keep(void **state)
{
	struct lxc_conf *c = *state;

	GET_IS(c, "lxc.cap.keep", "");
	SET_OK(c, "lxc.cap.keep", "none");
	GET_IS(c, "lxc.cap.keep", "none\n");
	assert_true(c->sec.caps.keep_set);
	assert_int_equal(c->sec.caps.keep, 0);

	SET_OK(c, "lxc.cap.keep", "sys_admin");
	SET_OK(c, "lxc.cap.keep", "chown");
	GET_IS(c, "lxc.cap.keep", "chown\nsys_admin\n");
	/* "none" forgets what was kept before it, also on earlier lines. */
	SET_OK(c, "lxc.cap.keep", "kill none setuid");
	GET_IS(c, "lxc.cap.keep", "setuid\n");
	SET_BAD(c, "lxc.cap.keep", "none bogus");
	assert_string_equal(
		diag.msg,
		"Invalid value \"bogus\" for \"lxc.cap.keep\": expected capability names as in "
		"capabilities(7) without CAP_ (e.g. sys_admin) or numbers 0-63, space-separated");
	GET_IS(c, "lxc.cap.keep", "setuid\n");

	SET_OK(c, "lxc.cap.keep", "");
	GET_IS(c, "lxc.cap.keep", "");
	assert_false(c->sec.caps.keep_set);
}

static void test_cap_family(void **state)
{
	struct lxc_conf *c = *state;

	SET_OK(c, "lxc.cap.drop", "mknod");
	SET_OK(c, "lxc.cap.keep", "none");
	assert_int_equal(conf_security_caps_check(&c->sec), -EINVAL);
	GET_IS(c, "lxc.cap", "");
	SET_BAD(c, "lxc.cap", "mknod");
	assert_int_equal(t_clear(c, "lxc.cap"), 0);
	GET_IS(c, "lxc.cap.drop", "");
	GET_IS(c, "lxc.cap.keep", "");
	assert_int_equal(conf_security_caps_check(&c->sec), 0);
}

static void test_cap_names(void **state)
{
	unsigned int cap;

	assert_string_equal(conf_cap_name(0), "chown");
	assert_string_equal(conf_cap_name(21), "sys_admin");
	assert_string_equal(conf_cap_name(CONF_CAP_LAST_KNOWN), "checkpoint_restore");
	assert_null(conf_cap_name(CONF_CAP_LAST_KNOWN + 1));
	assert_int_equal(conf_cap_from_name("SYS_TIME", &cap), 0);
	assert_int_equal(cap, 25);
	assert_int_equal(conf_cap_from_name("cap_bpf", &cap), 0);
	assert_int_equal(cap, 39);
	assert_int_equal(conf_cap_from_name("sys admin", &cap), -EINVAL);
	assert_int_equal(conf_cap_from_name("", &cap), -EINVAL);
}

static void test_seccomp(void **state)
{
	struct lxc_conf *c = *state;
	struct sockaddr_un addr;
	socklen_t len;

	SET_OK(c, "lxc.seccomp.profile", "/usr/share/lxc/config/common.seccomp");
	GET_IS(c, "lxc.seccomp.profile", "/usr/share/lxc/config/common.seccomp");
	SET_BAD(c, "lxc.seccomp.profile", "/a\nb");
	assert_string_equal(diag.msg, "Invalid value \"/a\nb\" for \"lxc.seccomp.profile\": "
				      "expected text without control characters");
	GET_IS(c, "lxc.seccomp.profile", "/usr/share/lxc/config/common.seccomp");

	SET_OK(c, "lxc.seccomp.allow_nesting", "1");
	GET_IS(c, "lxc.seccomp.allow_nesting", "1");
	SET_BAD(c, "lxc.seccomp.allow_nesting", "2");
	assert_string_equal(
		diag.msg, "Invalid value \"2\" for \"lxc.seccomp.allow_nesting\": expected 0 or 1");
	GET_IS(c, "lxc.seccomp.allow_nesting", "1");

	assert_int_equal(conf_security_notify_addr(&c->sec, &addr, &len), -ENOENT);
	SET_OK(c, "lxc.seccomp.notify.proxy", "unix:/run/proxy.sock");
	GET_IS(c, "lxc.seccomp.notify.proxy", "unix:/run/proxy.sock");
	assert_int_equal(conf_security_notify_addr(&c->sec, &addr, &len), 0);
	assert_string_equal(addr.sun_path, "/run/proxy.sock");
	assert_int_equal(len, offsetof(struct sockaddr_un, sun_path) + 16);
	SET_OK(c, "lxc.seccomp.notify.proxy", "unix:@lxc-proxy");
	assert_int_equal(conf_security_notify_addr(&c->sec, &addr, &len), 0);
	assert_int_equal(addr.sun_path[0], '\0');
	assert_memory_equal(addr.sun_path + 1, "lxc-proxy", 9);
	assert_int_equal(len, offsetof(struct sockaddr_un, sun_path) + 10);
	SET_BAD(c, "lxc.seccomp.notify.proxy", "tcp:127.0.0.1:80");
	assert_string_equal(
		diag.msg,
		"Invalid value \"tcp:127.0.0.1:80\" for \"lxc.seccomp.notify.proxy\": expected "
		"unix:/path/to/socket or unix:@abstract-name, at most 107 characters after unix:");
	SET_BAD(c, "lxc.seccomp.notify.proxy", "unix:relative");
	SET_BAD(c, "lxc.seccomp.notify.proxy", "unix:/");
	SET_BAD(c, "lxc.seccomp.notify.proxy", "unix");
	{
		char big[128] = "unix:/";

		memset(big + 6, 'x', 107);
		big[113] = '\0';
		SET_BAD(c, "lxc.seccomp.notify.proxy", big);
		big[112] = '\0';
		SET_OK(c, "lxc.seccomp.notify.proxy", big);
	}
	SET_OK(c, "lxc.seccomp.notify.proxy", "unix:@lxc-proxy");
	GET_IS(c, "lxc.seccomp.notify.proxy", "unix:@lxc-proxy");

	SET_OK(c, "lxc.seccomp.notify.cookie", "cookie with spaces");
	GET_IS(c, "lxc.seccomp.notify.cookie", "cookie with spaces");

#ifdef SEC_TEST_CORE
	/* The core maps the legacy "lxc.seccomp = PATH" to lxc.seccomp.profile. */
	SET_OK(c, "lxc.seccomp", "/x");
	GET_IS(c, "lxc.seccomp.profile", "/x");
#else
	SET_BAD(c, "lxc.seccomp", "/x");
#endif
	assert_int_equal(t_clear(c, "lxc.seccomp"), 0);
	GET_IS(c, "lxc.seccomp.profile", "");
	GET_IS(c, "lxc.seccomp.allow_nesting", "0");
	GET_IS(c, "lxc.seccomp.notify.proxy", "");
	GET_IS(c, "lxc.seccomp.notify.cookie", "");
}

static void test_apparmor(void **state)
{
	struct lxc_conf *c = *state;
	static const struct {
		const char *value;
		enum conf_aa_mode mode;
	} cases[] = {
		{"unconfined", CONF_AA_UNCONFINED}, {"unchanged", CONF_AA_UNCHANGED},
		{"generated", CONF_AA_GENERATED},   {"lxc-container-default-cgns", CONF_AA_NAMED},
		{"Unconfined", CONF_AA_NAMED},
	};

	assert_int_equal(c->sec.apparmor.mode, CONF_AA_DEFAULT);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		SET_OK(c, "lxc.apparmor.profile", cases[i].value);
		GET_IS(c, "lxc.apparmor.profile", cases[i].value);
		assert_int_equal(c->sec.apparmor.mode, cases[i].mode);
	}
	SET_BAD(c, "lxc.apparmor.profile", "a\tb");
	GET_IS(c, "lxc.apparmor.profile", "Unconfined");
	SET_OK(c, "lxc.apparmor.profile", "");
	GET_IS(c, "lxc.apparmor.profile", "");
	assert_int_equal(c->sec.apparmor.mode, CONF_AA_DEFAULT);

	SET_OK(c, "lxc.apparmor.allow_incomplete", "1");
	SET_OK(c, "lxc.apparmor.allow_nesting", "0");
	GET_IS(c, "lxc.apparmor.allow_nesting", "0");
	SET_BAD(c, "lxc.apparmor.allow_nesting", "yes");
	assert_string_equal(
		diag.msg,
		"Invalid value \"yes\" for \"lxc.apparmor.allow_nesting\": expected 0 or 1");

	SET_OK(c, "lxc.apparmor.raw", "mount fstype=nfs,");
	SET_OK(c, "lxc.apparmor.raw", "deny /proc/sys/kernel/** w,");
	GET_IS(c, "lxc.apparmor.raw", "mount fstype=nfs,\ndeny /proc/sys/kernel/** w,\n");
	SET_OK(c, "lxc.apparmor.raw", "");
	GET_IS(c, "lxc.apparmor.raw", "");
	SET_OK(c, "lxc.apparmor.raw", "signal,");
	SET_OK(c, "lxc.apparmor.profile", "generated");

	assert_int_equal(t_clear(c, "lxc.apparmor"), 0);
	GET_IS(c, "lxc.apparmor.profile", "");
	GET_IS(c, "lxc.apparmor.allow_incomplete", "0");
	GET_IS(c, "lxc.apparmor.allow_nesting", "0");
	GET_IS(c, "lxc.apparmor.raw", "");
	assert_int_equal(c->sec.apparmor.mode, CONF_AA_DEFAULT);
}

static void test_selinux(void **state)
{
	struct lxc_conf *c = *state;

	SET_OK(c, "lxc.selinux.context", "system_u:system_r:lxc_t:s0:c22");
	SET_OK(c, "lxc.selinux.context.keyring", "system_u:system_r:lxc_t:s0:c23");
	GET_IS(c, "lxc.selinux.context", "system_u:system_r:lxc_t:s0:c22");
	GET_IS(c, "lxc.selinux.context.keyring", "system_u:system_r:lxc_t:s0:c23");
	SET_BAD(c, "lxc.selinux.context", "x\x7f");
	GET_IS(c, "lxc.selinux.context", "system_u:system_r:lxc_t:s0:c22");
	assert_int_equal(t_clear(c, "lxc.selinux.context.keyring"), 0);
	GET_IS(c, "lxc.selinux.context.keyring", "");
	GET_IS(c, "lxc.selinux.context", "system_u:system_r:lxc_t:s0:c22");
	SET_OK(c, "lxc.selinux.context.keyring", "unconfined_t");
	assert_int_equal(t_clear(c, "lxc.selinux"), 0);
	GET_IS(c, "lxc.selinux.context", "");
	GET_IS(c, "lxc.selinux.context.keyring", "");
}

static void test_flags(void **state)
{
	struct lxc_conf *c = *state;
	static const char *const keys[] = {
		"lxc.no_new_privs",	     "lxc.keyring.session",	      "lxc.sched.core",
		"lxc.seccomp.allow_nesting", "lxc.apparmor.allow_incomplete",
		"lxc.apparmor.allow_nesting",
	};

	assert_true(conf_security_keyring_session(&c->sec));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		/* Unset prints the default, as LXC does for its numeric keys. */
		const char *def = strcmp(keys[i], "lxc.keyring.session") == 0 ? "1" : "0";

		GET_IS(c, keys[i], def);
		SET_OK(c, keys[i], "1");
		GET_IS(c, keys[i], "1");
		SET_OK(c, keys[i], "0");
		GET_IS(c, keys[i], "0");
		SET_BAD(c, keys[i], "true");
		SET_BAD(c, keys[i], "01");
		SET_BAD(c, keys[i], "-1");
		GET_IS(c, keys[i], "0");
		SET_OK(c, keys[i], "");
		GET_IS(c, keys[i], def);
		SET_OK(c, keys[i], strcmp(def, "1") == 0 ? "0" : "1");
		assert_int_equal(t_clear(c, keys[i]), 0);
		GET_IS(c, keys[i], def);
	}
	SET_OK(c, "lxc.keyring.session", "0");
	assert_false(conf_security_keyring_session(&c->sec));
	SET_OK(c, "lxc.no_new_privs", "1");
	assert_true(c->sec.no_new_privs.set && c->sec.no_new_privs.on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap_keep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap_family, setup, teardown),
		cmocka_unit_test(test_cap_names),
		cmocka_unit_test_setup_teardown(test_seccomp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apparmor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selinux, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
