/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers for the proc key tests: a fresh configuration per test and set/get/clear
 * through the configuration API, with the diagnostic kept for exact error checks. */
#pragma once

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/str.h"
#include "config/config.h"
#include "config/keys.h"
#include "config/proc/proc.h"

static struct conf_diag last_diag;
static struct strbuf got;

static int setup_conf(void **state)
{
	*state = conf_new();
	return *state ? 0 : -1;
}

static int teardown_conf(void **state)
{
	conf_free(*state);
	strbuf_free(&got);
	return 0;
}

static inline int set(struct lxc_conf *c, const char *key, const char *value)
{
	memset(&last_diag, 0, sizeof(last_diag));
	return conf_set_item(c, key, value, &last_diag);
}

/* The canonical value of key (a static buffer, valid until the next get). */
static inline const char *get(struct lxc_conf *c, const char *key)
{
	strbuf_free(&got);
	assert_int_equal(conf_get_item(c, key, &got), 0);
	return got.buf ? got.buf : "";
}

static inline void ok(struct lxc_conf *c, const char *key, const char *value,
		      const char *expect)
{
	assert_int_equal(set(c, key, value), 0);
	assert_string_equal(get(c, key), expect);
}

/* A rejected value: -EINVAL and the message 'Invalid value "V" for "KEY": ...' while the
 * value read back stays what it was. */
static inline void bad(struct lxc_conf *c, const char *key, const char *value)
{
	char before[4096], prefix[512];

	snprintf(before, sizeof(before), "%s", get(c, key));
	assert_int_equal(set(c, key, value), -EINVAL);
	snprintf(prefix, sizeof(prefix), "Invalid value \"%s\" for \"%s\": expected ", value, key);
	assert_true(str_starts_with(last_diag.msg, prefix));
	assert_string_equal(get(c, key), before);
}

#define PROC(state) (&((struct lxc_conf *)(state))->proc)
