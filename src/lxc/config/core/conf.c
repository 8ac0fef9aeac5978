/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* struct lxc_conf lifetime (new, free, clone by replay) and the single-key operations:
 * set (legacy names, NOSET refusal, unexpanded text update), get, clear, list keys. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/config.h"
#include "config/core/internal.h"
#include "config/keys.h"

struct lxc_conf *conf_new(void)
{
	struct lxc_conf *conf = calloc(1, sizeof(*conf));

	if (!conf)
		return NULL;
	conf_net_init(&conf->net);
	conf_cgroup_init(&conf->cgroup);
	conf_fs_init(&conf->fs);
	conf_security_init(&conf->sec);
	conf_proc_init(&conf->proc);
	conf_text_init(&conf->text);
	return conf;
}

void conf_free(struct lxc_conf *conf)
{
	if (!conf)
		return;
	conf_net_free(&conf->net);
	conf_cgroup_free(&conf->cgroup);
	conf_fs_free(&conf->fs);
	conf_security_free(&conf->sec);
	conf_proc_free(&conf->proc);
	conf_text_free(&conf->text);
	free(conf);
}

struct lxc_conf *conf_clone(const struct lxc_conf *conf)
{
	__do(conf) struct lxc_conf *copy = conf_new();

	if (!copy)
		return NULL;
	for (size_t i = 0; i < conf->text.n_ops; i++) {
		const struct conf_op *op = &conf->text.ops[i];
		struct conf_diag diag = {};

		if (conf_apply(copy, op->key, op->value, &diag) < 0)
			return NULL;
	}
	if (conf_text_copy(&copy->text, &conf->text) < 0)
		return NULL;
	return take_ptr(copy);
}

static int unknown_key(const char *key, struct conf_diag *diag)
{
	char hint[sizeof(diag->hint)];
	int ret;

	ret = conf_diag_set(diag, -EINVAL, key, "Unknown configuration key \"%s\"", key);
	if (diag && diag->err == ret && !diag->hint[0] &&
	    conf_key_suggest(key, hint, sizeof(hint)) == 0)
		snprintf(diag->hint, sizeof(diag->hint), "%s", hint);
	return ret;
}

int conf_apply(struct lxc_conf *conf, const char *key, const char *value, struct conf_diag *diag)
{
	const struct conf_key *k = conf_key_lookup(key);
	int ret;

	if (!k)
		return unknown_key(key, diag);
	if (!value || ((k->flags & CONF_KEY_NOSET) && value[0] == '\0'))
		return k->clear ? k->clear(k, key, conf) : 0;
	if ((k->flags & CONF_KEY_NOSET) || !k->set)
		return conf_diag_set(diag, -EINVAL, key, "Configuration key \"%s\" cannot be "
				     "set to a value, it can only be read or cleared", key);
	ret = k->set(k, key, value, conf, diag);
	if (ret < 0)
		return conf_diag_set(diag, ret, key, "Failed to set \"%s\" to \"%s\": %s", key,
				     value, strerror(-ret));
	return 0;
}

int conf_set_line(struct lxc_conf *conf, const char *key, const char *value, const char *text,
		  const char *file, bool top, struct conf_diag *diag)
{
	char buf[CONF_KEY_MAX];
	int net = conf->text.legacy_net;
	const char *cur;
	int ret;

	ret = conf_legacy_map(conf, key, value, file, &net, buf, sizeof(buf), &cur, diag);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	ret = conf_apply(conf, cur, value, diag);
	if (ret < 0)
		return ret;
	conf->text.legacy_net = net;
	ret = conf_text_log(&conf->text, cur, value);
	if (ret == 0 && top)
		ret = conf_text_add_key(&conf->text, cur, text);
	if (ret < 0)
		return conf_diag_set(diag, ret, key, "Failed to store \"%s\": %s", key,
				     strerror(-ret));
	return 0;
}

struct cleared {
	const struct conf_key *k;
	const char *key;
	size_t len;
};

/* Whether a text line was about a key that clearing c->key reset: the key itself; under a
 * family key (lxc.net, lxc.mount, ...) every key below it; under the bare name of a prefix
 * key (lxc.cgroup, lxc.prlimit, lxc.sysctl, ...) the keys that entry handles, but not the
 * other keys below the name (lxc.cgroup.dir stays when lxc.cgroup is emptied). */
static bool was_cleared(const char *line_key, const void *arg)
{
	const struct cleared *c = arg;

	if (strncmp(line_key, c->key, c->len) != 0)
		return false;
	if (line_key[c->len] == '\0')
		return true;
	if (line_key[c->len] != '.')
		return false;
	if (c->k->flags & (CONF_KEY_NOSET | CONF_KEY_FAMILY))
		return true;
	return strcmp(c->key, c->k->name) == 0 && conf_key_lookup(line_key) == c->k;
}

/* After key (entry k) was cleared or set to "": drop its lines and the stale lines of the
 * keys the clear reset with it, so that the saved text reloads to the same config. */
static void drop_cleared_lines(struct conf_text *t, const struct conf_key *k, const char *key)
{
	struct cleared c = { k, key, strlen(key) };

	conf_text_remove_if(t, was_cleared, &c);
}

/* Load an include through the API, all or nothing, keeping the include line. */
static int set_include(struct lxc_conf *conf, const char *value, struct conf_diag *diag)
{
	__do(conf) struct lxc_conf *tmp = NULL;
	struct lxc_conf swap;
	int ret;

	if (value[0] == '\0')
		return conf_invalid(diag, CONF_INCLUDE_KEY, value, "a file or directory path");
	tmp = conf_clone(conf);
	if (!tmp)
		return conf_diag_set(diag, -ENOMEM, CONF_INCLUDE_KEY, "Out of memory");
	ret = conf_include(tmp, value, diag);
	if (ret < 0)
		return ret;
	ret = conf_text_add_key(&tmp->text, CONF_INCLUDE_KEY, value);
	if (ret < 0)
		return conf_diag_set(diag, ret, CONF_INCLUDE_KEY, "Out of memory");
	swap = *conf;
	*conf = *tmp;
	*tmp = swap;
	return 0;
}

int conf_set_item(struct lxc_conf *conf, const char *key, const char *value,
		  struct conf_diag *diag)
{
	const struct conf_key *k;
	char buf[CONF_KEY_MAX];
	int net = conf->text.legacy_net;
	const char *cur;
	int ret;

	if (!conf || !key)
		return conf_diag_set(diag, -EINVAL, key, "Missing configuration key");
	if (!value)
		value = "";
	if (strcmp(key, CONF_INCLUDE_KEY) == 0)
		return set_include(conf, value, diag);
	ret = conf_legacy_map(conf, key, value, NULL, &net, buf, sizeof(buf), &cur, diag);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	ret = conf_apply(conf, cur, value, diag);
	if (ret < 0)
		return ret;
	conf->text.legacy_net = net;
	ret = conf_text_log(&conf->text, cur, value);
	if (ret < 0)
		return ret;
	k = conf_key_lookup(cur);
	if (value[0] == '\0')
		drop_cleared_lines(&conf->text, k, cur);
	else if (!(k->flags & CONF_KEY_LIST))
		conf_text_remove_key(&conf->text, cur, 0);
	return conf_text_add_key(&conf->text, cur, value);
}

/* The table entry for a key used with get/clear: current names, then legacy renames. */
static const struct conf_key *lookup_any(const char *key, char *buf, size_t size,
					 const char **ret_key)
{
	const struct conf_key *k = conf_key_lookup(key);

	*ret_key = key;
	if (k)
		return k;
	if (!conf_legacy_rename(key, buf, size))
		return NULL;
	*ret_key = buf;
	return conf_key_lookup(buf);
}

int conf_get_item(const struct lxc_conf *conf, const char *key, struct strbuf *out)
{
	const struct conf_key *k;
	char buf[CONF_KEY_MAX];
	const char *cur;

	if (!conf || !key || !out)
		return -EINVAL;
	k = lookup_any(key, buf, sizeof(buf), &cur);
	if (!k)
		return -ENOENT;
	return k->get ? k->get(k, cur, out, conf) : 0;
}

int conf_clear_item(struct lxc_conf *conf, const char *key)
{
	const struct conf_key *k;
	char buf[CONF_KEY_MAX];
	const char *cur;
	int ret;

	if (!conf || !key)
		return -EINVAL;
	k = lookup_any(key, buf, sizeof(buf), &cur);
	if (!k)
		return -ENOENT;
	if (k->clear) {
		ret = k->clear(k, cur, conf);
		if (ret < 0)
			return ret;
	}
	ret = conf_text_log(&conf->text, cur, NULL);
	drop_cleared_lines(&conf->text, k, cur);
	return ret;
}

static int list_all(struct strbuf *out)
{
	for (size_t i = 0; i < conf_keys_count(); i++) {
		const struct conf_key *k = conf_keys_at(i);
		int ret;

		if (k->flags & CONF_KEY_HIDDEN)
			continue;
		ret = strbuf_printf(out, "%s\n", k->name);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int conf_list_keys(const struct lxc_conf *conf, const char *prefix, struct strbuf *out)
{
	const struct conf_key *k;
	char buf[CONF_KEY_MAX];
	bool found = false;
	size_t len;

	if (!out)
		return -EINVAL;
	if (!prefix || prefix[0] == '\0')
		return list_all(out);
	/* "lxc.apparmor." lists the same as "lxc.apparmor". */
	len = strlen(prefix);
	if (prefix[len - 1] == '.' && len < sizeof(buf)) {
		snprintf(buf, sizeof(buf), "%.*s", (int)len - 1, prefix);
		prefix = buf;
	}
	k = conf_key_lookup(prefix);
	if (k && k->list && conf)
		return k->list(k, prefix, out, conf);
	for (size_t i = 0; i < conf_keys_count(); i++) {
		const struct conf_key *e = conf_keys_at(i);
		const char *rest;
		int ret;

		if (e->flags & CONF_KEY_HIDDEN)
			continue;
		rest = conf_key_under(e->name, prefix);
		if (!rest)
			continue;
		found = true;
		ret = strbuf_printf(out, "%s\n", rest);
		if (ret < 0)
			return ret;
	}
	return found || k ? 0 : -ENOENT;
}

bool conf_key_is_supported(const char *key)
{
	char buf[CONF_KEY_MAX];

	if (!key || !key[0])
		return false;
	if (conf_key_lookup(key))
		return true;
	return conf_legacy_replacement(key, buf, sizeof(buf)) != NULL;
}
