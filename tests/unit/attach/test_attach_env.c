/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* attach_set_env: keep/clear policies, kept names, the default PATH, lxc.environment, extra
 * variables and container=lxc, in that order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attach/attach_internal.h"
#include "config/config.h"
#include "config/conf.h"

extern char **environ;

static size_t env_count(void)
{
	size_t n = 0;

	for (char **e = environ; e && *e; e++)
		n++;
	return n;
}

static void test_keep(void **state)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;
	char *extra[] = { "A=1", "B=x=y", NULL };

	setenv("CALLER", "c", 1);
	setenv("container", "docker", 1);
	o.extra_env_vars = extra;
	assert_int_equal(attach_set_env(&o, NULL), 0);
	assert_string_equal(getenv("CALLER"), "c");
	assert_string_equal(getenv("A"), "1");
	assert_string_equal(getenv("B"), "x=y");
	assert_string_equal(getenv("container"), "lxc");
}

static void test_clear(void **state)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;
	char *keep[] = { "KEEP1", "MISSING", NULL };

	setenv("KEEP1", "k", 1);
	setenv("DROP", "d", 1);
	setenv("PATH", "/caller/bin", 1);
	o.env_policy = LXC_ATTACH_CLEAR_ENV;
	o.extra_keep_env = keep;
	assert_int_equal(attach_set_env(&o, NULL), 0);
	assert_int_equal(env_count(), 3);
	assert_string_equal(getenv("KEEP1"), "k");
	assert_null(getenv("DROP"));
	assert_null(getenv("MISSING"));
	assert_string_equal(getenv("PATH"),
			    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	assert_string_equal(getenv("container"), "lxc");
}

static void test_clear_keep_path(void **state)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;
	char *keep[] = { "PATH", NULL };

	setenv("PATH", "/caller/bin", 1);
	o.env_policy = LXC_ATTACH_CLEAR_ENV;
	o.extra_keep_env = keep;
	assert_int_equal(attach_set_env(&o, NULL), 0);
	assert_int_equal(env_count(), 2);
	assert_string_equal(getenv("PATH"), "/caller/bin");
}

/* lxc.environment comes before the extra variables: the caller's -v wins. */
static void test_conf_order(void **state)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;
	struct lxc_conf *conf = conf_new();
	char *extra[] = { "BOTH=extra", NULL };

	assert_non_null(conf);
	assert_int_equal(conf_set_item(conf, "lxc.environment", "FROMCONF=yes", NULL), 0);
	assert_int_equal(conf_set_item(conf, "lxc.environment", "BOTH=conf", NULL), 0);
	o.env_policy = LXC_ATTACH_CLEAR_ENV;
	o.extra_env_vars = extra;
	assert_int_equal(attach_set_env(&o, conf), 0);
	assert_string_equal(getenv("FROMCONF"), "yes");
	assert_string_equal(getenv("BOTH"), "extra");
	conf_free(conf);
}

static void test_bad_var(void **state)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;
	char *extra[] = { "=nope", NULL };
	char *noeq[] = { "NOEQUALS", NULL };

	o.extra_env_vars = extra;
	assert_int_equal(attach_set_env(&o, NULL), -EINVAL);
	o.extra_env_vars = noeq;
	assert_int_equal(attach_set_env(&o, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_clear_keep_path),
		cmocka_unit_test(test_conf_order),
		cmocka_unit_test(test_bad_var),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
