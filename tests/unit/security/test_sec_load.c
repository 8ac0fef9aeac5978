/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Security keys through the whole configuration module: loading text, diagnostics with
 * file:line, all-or-nothing loads, get_keys listings, clone and the saved text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define SEC_TEST_CORE
#include "harness.h"

static const char *const text = "lxc.cap.drop = sys_module mknod\n"
				"lxc.cap.drop = sys_time\n"
				"lxc.idmap = u 0 100000 65536\n"
				"lxc.idmap = g 0 100000 65536\n"
				"lxc.apparmor.profile = generated\n"
				"lxc.apparmor.raw = mount,\n"
				"lxc.seccomp.profile = /usr/share/lxc/config/common.seccomp\n"
				"lxc.namespace.clone = mnt pid\n"
				"lxc.namespace.share.net = 1234\n"
				"lxc.time.offset.monotonic = -2h\n"
				"lxc.keyring.session = 0\n";

static void check_loaded(struct lxc_conf *c)
{
	GET_IS(c, "lxc.cap.drop", "sys_module\nsys_time\nmknod\n");
	GET_IS(c, "lxc.idmap", "u 0 100000 65536\ng 0 100000 65536\n");
	GET_IS(c, "lxc.apparmor.profile", "generated");
	GET_IS(c, "lxc.apparmor.raw", "mount,\n");
	GET_IS(c, "lxc.seccomp.profile", "/usr/share/lxc/config/common.seccomp");
	GET_IS(c, "lxc.namespace.clone", "mnt\npid\n");
	GET_IS(c, "lxc.namespace.share.net", "1234");
	GET_IS(c, "lxc.time.offset.monotonic", "-2h");
	GET_IS(c, "lxc.keyring.session", "0");
	assert_true(conf_security_is_unprivileged(&c->sec));
}

static void test_load(void **state)
{
	struct lxc_conf *c = *state;

	memset(&diag, 0, sizeof(diag));
	assert_int_equal(conf_load_string(c, text, "sec.conf", &diag), 0);
	check_loaded(c);

	/* A bad line fails the whole load and names file, line and value. */
	memset(&diag, 0, sizeof(diag));
	assert_int_equal(conf_load_string(c,
					  "lxc.cap.drop = chown\n"
					  "lxc.idmap = u 0 100000 65536\n"
					  "lxc.idmap = b 0 100000 65536\n",
					  "bad.conf", &diag),
			 -EINVAL);
	assert_string_equal(diag.file, "bad.conf");
	assert_int_equal(diag.line, 3);
	assert_string_equal(diag.msg, "Invalid value \"b 0 100000 65536\" for \"lxc.idmap\": "
				      "expected u|g NSID HOSTID RANGE, e.g. \"u 0 100000 65536\"");
	check_loaded(c);
}

static void test_clone_and_write(void **state)
{
	struct lxc_conf *c = *state, *copy, *again;
	struct strbuf out = {};

	assert_int_equal(conf_load_string(c, text, "sec.conf", &diag), 0);
	SET_OK(c, "lxc.cap.drop", "");
	SET_OK(c, "lxc.cap.keep", "none");
	copy = conf_clone(c);
	assert_non_null(copy);
	GET_IS(copy, "lxc.cap.keep", "none\n");
	GET_IS(copy, "lxc.cap.drop", "");
	GET_IS(copy, "lxc.idmap", "u 0 100000 65536\ng 0 100000 65536\n");
	conf_free(copy);

	assert_int_equal(conf_write(c, &out), 0);
	again = conf_new();
	assert_non_null(again);
	assert_int_equal(conf_load_string(again, out.buf, "saved.conf", &diag), 0);
	GET_IS(again, "lxc.cap.keep", "none\n");
	GET_IS(again, "lxc.cap.drop", "");
	GET_IS(again, "lxc.time.offset.monotonic", "-2h");
	GET_IS(again, "lxc.namespace.share.net", "1234");
	conf_free(again);
	strbuf_free(&out);
}

static void test_list_keys(void **state)
{
	struct lxc_conf *c = *state;
	struct strbuf out = {};

	assert_int_equal(conf_list_keys(c, "lxc.cap", &out), 0);
	assert_string_equal(out.buf, "drop\nkeep\n");
	strbuf_reset(&out);
	assert_int_equal(conf_list_keys(c, "lxc.namespace.share", &out), 0);
	assert_string_equal(out.buf, "mnt\npid\nuts\nipc\nuser\nnet\ncgroup\ntime\n");
	strbuf_reset(&out);
	assert_int_equal(conf_list_keys(c, "lxc.selinux", &out), 0);
	assert_string_equal(out.buf, "context\ncontext.keyring\n");
	strbuf_free(&out);
	assert_true(conf_key_is_supported("lxc.namespace.share.time"));
	assert_true(conf_key_is_supported("lxc.time.offset.boot"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clone_and_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_keys, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
