/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Config-key test harness shared by family tests: set through conf_set_item() keeping the
 * diagnostic in `diag`, and get/list returning the text (or "ERR<n>") in a static buffer. */
#pragma once

#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "config/config.h"

static struct conf_diag diag __attribute__((unused));

static __attribute__((unused)) int set(struct lxc_conf *c, const char *key, const char *value)
{
	memset(&diag, 0, sizeof(diag));
	return conf_set_item(c, key, value, &diag);
}

/* The get output as a string owned by a static buffer, or "ERR<n>" on failure. */
static __attribute__((unused)) const char *get(const struct lxc_conf *c, const char *key)
{
	static char buf[4096];
	struct strbuf sb = {};
	int ret = conf_get_item(c, key, &sb);

	if (ret < 0)
		snprintf(buf, sizeof(buf), "ERR%d", ret);
	else
		snprintf(buf, sizeof(buf), "%s", sb.buf ? sb.buf : "");
	strbuf_free(&sb);
	return buf;
}

static __attribute__((unused)) const char *list(const struct lxc_conf *c, const char *key)
{
	static char buf[4096];
	struct strbuf sb = {};
	int ret = conf_list_keys(c, key, &sb);

	if (ret < 0)
		snprintf(buf, sizeof(buf), "ERR%d", ret);
	else
		snprintf(buf, sizeof(buf), "%s", sb.buf ? sb.buf : "");
	strbuf_free(&sb);
	return buf;
}
