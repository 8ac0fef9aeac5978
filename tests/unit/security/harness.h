/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test harness for the security keys: set/get/clear by key name. With SEC_TEST_CORE the calls
 * go through the configuration API (conf_new, conf_set_item, ...); without it they go straight
 * to conf_table_security, looking keys up the way the core does (exact name, else a
 * CONF_KEY_PREFIX entry; NOSET entries refuse set). */
#pragma once

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/conf.h"
#include "config/config.h"
#include "config/diag.h"
#include "config/keys.h"
#include "config/security/security.h"

static struct conf_diag diag;
static struct strbuf got;

#ifdef SEC_TEST_CORE
static __lxc_unused struct lxc_conf *t_new(void)
{
	return conf_new();
}

static __lxc_unused void t_free(struct lxc_conf *c)
{
	conf_free(c);
}

static __lxc_unused int t_set(struct lxc_conf *c, const char *key, const char *value)
{
	memset(&diag, 0, sizeof(diag));
	return conf_set_item(c, key, value, &diag);
}

static __lxc_unused int t_get_rc(struct lxc_conf *c, const char *key)
{
	strbuf_reset(&got);
	strbuf_append(&got, "");
	return conf_get_item(c, key, &got);
}

static __lxc_unused int t_clear(struct lxc_conf *c, const char *key)
{
	return conf_clear_item(c, key);
}
#else
static __lxc_unused struct lxc_conf *t_new(void)
{
	struct lxc_conf *c = calloc(1, sizeof(*c));

	if (c)
		conf_security_init(&c->sec);
	return c;
}

static __lxc_unused void t_free(struct lxc_conf *c)
{
	if (c)
		conf_security_free(&c->sec);
	free(c);
}

static __lxc_unused const struct conf_key *t_find(const char *key)
{
	const struct conf_key *prefix = NULL;

	for (size_t i = 0; i < conf_table_security.n; i++) {
		const struct conf_key *k = &conf_table_security.keys[i];
		size_t n = strlen(k->name);

		if (strcmp(k->name, key) == 0)
			return k;
		if (k->flags & CONF_KEY_PREFIX && strncmp(k->name, key, n) == 0 && key[n] == '.')
			prefix = k;
	}
	return prefix;
}

static __lxc_unused int t_set(struct lxc_conf *c, const char *key, const char *value)
{
	const struct conf_key *k = t_find(key);

	memset(&diag, 0, sizeof(diag));
	if (!k)
		return conf_diag_set(&diag, -ENOENT, key, "Unknown key");
	if (k->flags & CONF_KEY_NOSET)
		return conf_diag_set(&diag, -EINVAL, key, "Refused");
	return k->set(k, key, value, c, &diag);
}

static __lxc_unused int t_get_rc(struct lxc_conf *c, const char *key)
{
	const struct conf_key *k = t_find(key);

	strbuf_reset(&got);
	strbuf_append(&got, "");
	if (!k)
		return -ENOENT;
	return k->get(k, key, &got, c);
}

static __lxc_unused int t_clear(struct lxc_conf *c, const char *key)
{
	const struct conf_key *k = t_find(key);

	if (!k)
		return -ENOENT;
	return k->clear(k, key, c);
}
#endif

/* The value of key as a string ("" when unset); fails the test on an error. */
static __lxc_unused const char *t_get(struct lxc_conf *c, const char *key)
{
	int r = t_get_rc(c, key);

	if (r < 0)
		return "<error>";
	return got.buf;
}

static int setup(void **state)
{
	*state = t_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	t_free(*state);
	strbuf_free(&got);
	return 0;
}

#define SET_OK(c, k, v)	 assert_int_equal(t_set(c, k, v), 0)
#define SET_BAD(c, k, v) assert_int_equal(t_set(c, k, v), -EINVAL)
#define GET_IS(c, k, v)	 assert_string_equal(t_get(c, k), v)
