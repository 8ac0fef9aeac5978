/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers for the net key tests: set/get/clear/list through the configuration API
 * (conf_set_item, conf_get_item, conf_clear_item, conf_list_keys). Built with
 * -DNET_TEST_DIRECT they dispatch to conf_table_net themselves instead, so that the family
 * can be tested without the core. */
#pragma once

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "config/conf.h"
#include "config/config.h"
#include "config/diag.h"
#include "config/keys.h"

static struct conf_diag test_diag;
static struct strbuf test_out;

#ifdef NET_TEST_DIRECT
/* Does table name (with "[i]" segments) match key? */
static bool test_name_match(const char *name, const char *key)
{
	while (*name) {
		if (strncmp(name, "[i]", 3) == 0) {
			if (*key < '0' || *key > '9')
				return false;
			while (*key >= '0' && *key <= '9')
				key++;
			name += 3;
			continue;
		}
		if (*name++ != *key++)
			return false;
	}
	return *key == '\0';
}

static const struct conf_key *test_lookup(const char *key)
{
	for (size_t i = 0; i < conf_table_net.n; i++)
		if (test_name_match(conf_table_net.keys[i].name, key))
			return &conf_table_net.keys[i];
	return NULL;
}

static struct lxc_conf *test_conf_new(void)
{
	struct lxc_conf *c = calloc(1, sizeof(*c));

	if (c)
		conf_net_init(&c->net);
	return c;
}

static void test_conf_free(struct lxc_conf *c)
{
	if (c)
		conf_net_free(&c->net);
	free(c);
}

static int test_set(struct lxc_conf *c, const char *key, const char *value)
{
	const struct conf_key *k = test_lookup(key);

	memset(&test_diag, 0, sizeof(test_diag));
	if (!k)
		return -ENOENT;
	if (k->flags & CONF_KEY_NOSET)
		return -EINVAL;
	return k->set(k, key, value, c, &test_diag);
}

static int test_get_raw(const struct lxc_conf *c, const char *key)
{
	const struct conf_key *k = test_lookup(key);

	strbuf_reset(&test_out);
	if (!k)
		return -ENOENT;
	return k->get(k, key, &test_out, c);
}

static int test_clear(struct lxc_conf *c, const char *key)
{
	const struct conf_key *k = test_lookup(key);

	return k ? k->clear(k, key, c) : -ENOENT;
}

static int test_keys_raw(const struct lxc_conf *c, const char *prefix)
{
	const struct conf_key *k = test_lookup(prefix);

	strbuf_reset(&test_out);
	if (!k || !k->list)
		return -ENOENT;
	return k->list(k, prefix, &test_out, c);
}
#else
static struct lxc_conf *test_conf_new(void)
{
	return conf_new();
}

static void test_conf_free(struct lxc_conf *c)
{
	conf_free(c);
}

static int test_set(struct lxc_conf *c, const char *key, const char *value)
{
	memset(&test_diag, 0, sizeof(test_diag));
	return conf_set_item(c, key, value, &test_diag);
}

static int test_get_raw(const struct lxc_conf *c, const char *key)
{
	strbuf_reset(&test_out);
	return conf_get_item(c, key, &test_out);
}

static int test_clear(struct lxc_conf *c, const char *key)
{
	return conf_clear_item(c, key);
}

static int test_keys_raw(const struct lxc_conf *c, const char *prefix)
{
	strbuf_reset(&test_out);
	return conf_list_keys(c, prefix, &test_out);
}
#endif

/* The value of key ("" when unset); NULL when the get failed. */
static const char *test_get(const struct lxc_conf *c, const char *key)
{
	if (test_get_raw(c, key) < 0)
		return NULL;
	return test_out.buf ? test_out.buf : "";
}

static const char *test_keys(const struct lxc_conf *c, const char *prefix)
{
	if (test_keys_raw(c, prefix) < 0)
		return NULL;
	return test_out.buf ? test_out.buf : "";
}

#define assert_get(c, key, expect)                                    \
	do {                                                          \
		const char *__v = test_get((c), (key));               \
		assert_non_null(__v);                                 \
		assert_string_equal(__v, (expect));                   \
	} while (0)

#define assert_set_ok(c, key, value) assert_int_equal(test_set((c), (key), (value)), 0)

/* The set must fail with -EINVAL and exactly this message. */
#define assert_set_fails(c, key, value, expect_msg)                          \
	do {                                                          \
		assert_int_equal(test_set((c), (key), (value)), -EINVAL); \
		assert_string_equal(test_diag.msg, (expect_msg));            \
	} while (0)
