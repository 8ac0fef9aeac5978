/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The prefix keys lxc.prlimit.NAME, lxc.sysctl.KEY and lxc.proc.KEY: one entry per name, a
 * later line for the same name replaces it, an empty value removes it, and the bare family
 * key lists ("lxc.prlimit.nofile = 1024\n") or clears them all. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/proc/proc_keys.h"
#include "config/values.h"

#define PRLIMIT_PREFIX "lxc.prlimit"

/* The part after "FAMILY.", or NULL when key is the family itself. */
static const char *subkey(const struct conf_key *k, const char *key)
{
	size_t n = strlen(k->name);

	return key[n] == '.' ? key + n + 1 : NULL;
}

static int bad_key(struct conf_diag *d, const char *key, const char *expected)
{
	return conf_diag_set(d, -EINVAL, key, "Invalid key \"%s\": expected %s", key, expected);
}

static int only_clear(struct conf_diag *d, const char *key, const char *value)
{
	char expected[128];

	snprintf(expected, sizeof(expected),
		 "an empty value to clear them all (values are set with %s.NAME)", key);
	return conf_invalid(d, key, value, expected);
}

static int parse_rlim(const char *s, rlim_t *ret)
{
	uint64_t v;

	if (strcmp(s, "unlimited") == 0) {
		*ret = RLIM_INFINITY;
		return 0;
	}
	if (str_to_uint64(s, &v) < 0 || (rlim_t)v != v)
		return -EINVAL;
	*ret = (rlim_t)v;
	return 0;
}

/* "SOFT" (both limits) or "SOFT:HARD", each a number or "unlimited". */
static int parse_limits(const char *value, struct rlimit *ret)
{
	__do_free char *dup = strdup(value);
	char *colon;

	if (!dup)
		return -ENOMEM;
	colon = strchr(dup, ':');
	if (colon)
		*colon++ = '\0';
	if (parse_rlim(str_trim(dup), &ret->rlim_cur) < 0)
		return -EINVAL;
	if (!colon)
		ret->rlim_max = ret->rlim_cur;
	else if (parse_rlim(str_trim(colon), &ret->rlim_max) < 0)
		return -EINVAL;
	if (ret->rlim_cur > ret->rlim_max)
		return -EINVAL;
	return 0;
}

static void prlimit_remove(struct conf_proc *m, const char *name)
{
	for (size_t i = 0; i < m->n_prlimits; i++) {
		if (strcmp(m->prlimits[i].name, name) != 0)
			continue;
		free(m->prlimits[i].name);
		memmove(&m->prlimits[i], &m->prlimits[i + 1],
			(m->n_prlimits - i - 1) * sizeof(*m->prlimits));
		m->n_prlimits--;
		return;
	}
}

static int prlimit_put(struct conf_proc *m, const char *name, int resource,
		       const struct rlimit *lim)
{
	struct conf_prlimit *found = (struct conf_prlimit *)conf_proc_prlimit(m, name);
	struct conf_prlimit *n;
	char *dup;

	if (found) {
		found->limit = *lim;
		return 0;
	}
	dup = strdup(name);
	if (!dup)
		return -ENOMEM;
	n = realloc(m->prlimits, (m->n_prlimits + 1) * sizeof(*n));
	if (!n) {
		free(dup);
		return -ENOMEM;
	}
	m->prlimits = n;
	n[m->n_prlimits++] = (struct conf_prlimit){ dup, resource, *lim };
	return 0;
}

int proc_set_prlimit(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d)
{
	const char *name = subkey(k, key);
	struct rlimit lim;
	int resource, ret;

	if (!name) {
		if (*value)
			return only_clear(d, key, value);
		proc_prlimits_clear(&conf->proc);
		return 0;
	}
	resource = conf_prlimit_resource(name);
	if (resource < 0) {
		struct strbuf names = { 0 };

		ret = proc_prlimit_names(&names, false);
		if (ret >= 0)
			ret = conf_diag_set(d, -EINVAL, key,
					    "Invalid key \"%s\": expected lxc.prlimit.NAME with "
					    "NAME one of %s", key, names.buf);
		strbuf_free(&names);
		return ret;
	}
	if (!*value) {
		prlimit_remove(&conf->proc, name);
		return 0;
	}
	ret = parse_limits(value, &lim);
	if (ret == -EINVAL)
		return conf_invalid(d, key, value,
				    "a limit or SOFT:HARD limits, each a number or \"unlimited\", "
				    "with SOFT not above HARD");
	if (ret < 0)
		return ret;
	return prlimit_put(&conf->proc, name, resource, &lim);
}

static int put_rlim(struct strbuf *out, rlim_t v)
{
	if (v == RLIM_INFINITY)
		return strbuf_append(out, "unlimited");
	return conf_put_uint(out, (unsigned long long)v);
}

static int put_limits(struct strbuf *out, const struct rlimit *lim)
{
	int ret = put_rlim(out, lim->rlim_cur);

	if (ret < 0 || lim->rlim_cur == lim->rlim_max)
		return ret;
	ret = strbuf_append(out, ":");
	return ret < 0 ? ret : put_rlim(out, lim->rlim_max);
}

int proc_get_prlimit(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	const struct conf_proc *m = &conf->proc;
	const char *name = subkey(k, key);
	const struct conf_prlimit *p;
	int ret;

	if (name) {
		p = conf_proc_prlimit(m, name);
		return p ? put_limits(out, &p->limit) : 0;
	}
	for (size_t i = 0; i < m->n_prlimits; i++) {
		ret = strbuf_printf(out, PRLIMIT_PREFIX ".%s = ", m->prlimits[i].name);
		if (ret >= 0)
			ret = put_limits(out, &m->prlimits[i].limit);
		if (ret >= 0)
			ret = strbuf_append(out, "\n");
		if (ret < 0)
			return ret;
	}
	return 0;
}

int proc_clear_prlimit(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const char *name = subkey(k, key);

	if (name)
		prlimit_remove(&conf->proc, name);
	else
		proc_prlimits_clear(&conf->proc);
	return 0;
}

int proc_list_prlimit(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	(void)conf;
	return proc_prlimit_names(out, true);
}

/* lxc.sysctl.KEY (dots for "/") and lxc.proc.KEY (a file under /proc/PID): no "/" and no
 * empty dot-separated component, hence no "." or ".." either. */
static bool valid_kv_key(const char *s)
{
	const char *p = s;

	if (!*s || strchr(s, '/'))
		return false;
	while (*p) {
		size_t n = strcspn(p, ".");

		if (n == 0)
			return false;
		p += n;
		if (*p == '.' && !*++p)
			return false;
	}
	return true;
}

static struct conf_kv_list *kv_list(const struct conf_key *k, struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	return PROC_FIELD(&conf->proc, desc->off, struct conf_kv_list);
}

static void kv_remove(struct conf_kv_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].key, key) != 0)
			continue;
		free(l->items[i].key);
		free(l->items[i].value);
		memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof(*l->items));
		l->n--;
		return;
	}
}

static int kv_put(struct conf_kv_list *l, const char *key, const char *value)
{
	__do_free char *v = strdup(value);
	__do_free char *kdup = NULL;
	struct conf_kv *n;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].key, key) == 0) {
			free(l->items[i].value);
			l->items[i].value = take_ptr(v);
			return 0;
		}
	}
	kdup = strdup(key);
	if (!kdup)
		return -ENOMEM;
	n = realloc(l->items, (l->n + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	l->items = n;
	n[l->n++] = (struct conf_kv){ take_ptr(kdup), take_ptr(v) };
	return 0;
}

int proc_set_kv(const struct conf_key *k, const char *key, const char *value,
		struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_kv_list *l = kv_list(k, conf);
	const char *sub = subkey(k, key);
	char expected[64];

	if (!sub) {
		if (*value)
			return only_clear(d, key, value);
		proc_kv_clear(l);
		return 0;
	}
	if (!valid_kv_key(sub)) {
		snprintf(expected, sizeof(expected), "%s.NAME", k->name);
		return bad_key(d, key, expected);
	}
	if (!*value) {
		kv_remove(l, sub);
		return 0;
	}
	return kv_put(l, sub, value);
}

int proc_get_kv(const struct conf_key *k, const char *key, struct strbuf *out,
		const struct lxc_conf *conf)
{
	const struct conf_kv_list *l = kv_list(k, (struct lxc_conf *)conf);
	const char *sub = subkey(k, key);

	for (size_t i = 0; i < l->n; i++) {
		int ret = 0;

		if (!sub)
			ret = strbuf_printf(out, "%s.%s = %s\n", k->name, l->items[i].key,
					    l->items[i].value);
		else if (strcmp(sub, l->items[i].key) == 0)
			return conf_put_str(out, l->items[i].value);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int proc_clear_kv(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	struct conf_kv_list *l = kv_list(k, conf);
	const char *sub = subkey(k, key);

	if (sub)
		kv_remove(l, sub);
	else
		proc_kv_clear(l);
	return 0;
}
