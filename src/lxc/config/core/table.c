/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The merged key table: the five family tables plus lxc.include, merged and sorted once,
 * searched by exact name, by "[i]" name and by longest prefix entry; near-miss suggestions. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/core/internal.h"
#include "config/keys.h"

static int include_get(const struct conf_key *k, const char *key, struct strbuf *out,
		       const struct lxc_conf *conf)
{
	return 0;
}

static int include_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	return 0;
}

/* lxc.include is read by the core itself; this entry makes it known to get/list/clear. */
static const struct conf_key include_key = {
	.name = CONF_INCLUDE_KEY,
	.get = include_get,
	.clear = include_clear,
	.syntax = "a file, or a directory whose *.conf files are read in order",
};

static const struct conf_key_table *const family_tables[] = {
	&conf_table_net, &conf_table_cgroup, &conf_table_fs, &conf_table_security,
	&conf_table_proc,
};

static const struct conf_key **all_keys;
static size_t n_all_keys;
static pthread_once_t all_keys_once = PTHREAD_ONCE_INIT;

static int cmp_key(const void *a, const void *b)
{
	const struct conf_key *const *ka = a, *const *kb = b;

	return strcmp((*ka)->name, (*kb)->name);
}

static void build_table(void)
{
	size_t n = 1, j = 0;

	for (size_t t = 0; t < ARRAY_SIZE(family_tables); t++)
		n += family_tables[t]->n;
	all_keys = calloc(n, sizeof(*all_keys));
	if (!all_keys)
		return;
	for (size_t t = 0; t < ARRAY_SIZE(family_tables); t++)
		for (size_t i = 0; i < family_tables[t]->n; i++)
			if (family_tables[t]->keys[i].name)
				all_keys[j++] = &family_tables[t]->keys[i];
	all_keys[j++] = &include_key;
	qsort(all_keys, j, sizeof(*all_keys), cmp_key);
	/* Keep one entry per name. */
	n = 0;
	for (size_t i = 0; i < j; i++)
		if (n == 0 || strcmp(all_keys[n - 1]->name, all_keys[i]->name) != 0)
			all_keys[n++] = all_keys[i];
	n_all_keys = n;
}

static void ensure_table(void)
{
	pthread_once(&all_keys_once, build_table);
}

size_t conf_keys_count(void)
{
	ensure_table();
	return n_all_keys;
}

const struct conf_key *conf_keys_at(size_t i)
{
	ensure_table();
	return i < n_all_keys ? all_keys[i] : NULL;
}

static const struct conf_key *find_exact(const char *name)
{
	size_t lo = 0, hi = n_all_keys;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, all_keys[mid]->name);

		if (c == 0)
			return all_keys[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool is_index_segment(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Copy the first len bytes of key into buf with decimal segments replaced by "[i]". Returns
 * false if it does not fit or nothing was replaced. */
static bool normalize(const char *key, size_t len, char *buf, size_t size)
{
	size_t o = 0;
	bool replaced = false;

	for (size_t i = 0; i < len;) {
		size_t seg = strcspn(key + i, ".");
		const char *src = key + i;
		size_t n;

		if (seg > len - i)
			seg = len - i;
		n = seg;
		if (is_index_segment(src, seg)) {
			src = "[i]";
			n = 3;
			replaced = true;
		}
		if (o + n + 2 > size)
			return false;
		memcpy(buf + o, src, n);
		o += n;
		i += seg;
		if (i < len)
			buf[o++] = key[i++];
	}
	buf[o] = '\0';
	return replaced;
}

static const struct conf_key *find_name(const char *key, size_t len)
{
	char buf[CONF_KEY_MAX + 64];
	const struct conf_key *k;

	if (len >= CONF_KEY_MAX)
		return NULL;
	memcpy(buf, key, len);
	buf[len] = '\0';
	k = find_exact(buf);
	if (!k && normalize(key, len, buf, sizeof(buf)))
		k = find_exact(buf);
	return k;
}

const struct conf_key *conf_key_lookup(const char *key)
{
	const struct conf_key *k;
	size_t len = strlen(key);

	ensure_table();
	k = find_name(key, len);
	if (k)
		return k;
	while (len > 0) {
		while (len > 0 && key[len - 1] != '.')
			len--;
		if (len == 0)
			break;
		len--;
		k = find_name(key, len);
		if (k && (k->flags & CONF_KEY_PREFIX))
			return k;
	}
	return NULL;
}

const char *conf_key_under(const char *name, const char *prefix)
{
	const char *n = name, *p = prefix;

	while (*p) {
		size_t pseg = strcspn(p, "."), nseg = strcspn(n, ".");

		if (nseg == 3 && strncmp(n, "[i]", 3) == 0 && is_index_segment(p, pseg))
			;
		else if (nseg != pseg || strncmp(n, p, nseg) != 0)
			return NULL;
		n += nseg;
		p += pseg;
		if (*p == '.') {
			if (*n != '.')
				return NULL;
			n++;
			p++;
		}
	}
	if (*n != '.' || n[1] == '\0')
		return NULL;
	return n + 1;
}

/* Segment number seg (0-based) of key, or NULL. */
static const char *segment(const char *key, size_t seg, size_t *ret_len)
{
	const char *s = key;

	for (size_t i = 0; i < seg; i++) {
		s = strchr(s, '.');
		if (!s)
			return NULL;
		s++;
	}
	*ret_len = strcspn(s, ".");
	return s;
}

/* The user's index to substitute for "[i]" at segment seg: the decimal segment at that
 * position, else the first decimal segment of key, else "0". */
static void user_index(const char *key, size_t seg, char *buf, size_t size)
{
	const char *s;
	size_t len;

	s = segment(key, seg, &len);
	if (s && is_index_segment(s, len) && len < size) {
		snprintf(buf, size, "%.*s", (int)len, s);
		return;
	}
	for (size_t i = 0; (s = segment(key, i, &len)); i++) {
		if (is_index_segment(s, len) && len < size) {
			snprintf(buf, size, "%.*s", (int)len, s);
			return;
		}
	}
	snprintf(buf, size, "0");
}

/* Build the candidate the user may have meant from table entry k. */
static int candidate(const struct conf_key *k, const char *key, struct strbuf *out)
{
	size_t seg = 0, nsegs = 0;
	const char *n = k->name;
	int ret;

	strbuf_reset(out);
	while (*n) {
		size_t len = strcspn(n, ".");
		char idx[32];

		if (len == 3 && strncmp(n, "[i]", 3) == 0) {
			user_index(key, seg, idx, sizeof(idx));
			ret = strbuf_append(out, idx);
		} else {
			ret = strbuf_appendn(out, n, len);
		}
		if (ret < 0)
			return ret;
		n += len;
		seg++;
		if (*n == '.' && (ret = strbuf_append(out, ".")) < 0)
			return ret;
		n += *n == '.';
	}
	nsegs = seg;
	if (k->flags & CONF_KEY_PREFIX) {
		/* Keep the user's sub-key: lxc.cgrup.memory.max -> lxc.cgroup.memory.max */
		size_t len;
		const char *rest = segment(key, nsegs, &len);

		if (rest && (ret = strbuf_printf(out, ".%s", rest)) < 0)
			return ret;
	}
	return 0;
}

int conf_key_suggest(const char *key, char *buf, size_t size)
{
	struct strbuf cand = {};
	size_t klen = strlen(key), cap, best = (size_t)-1;
	int ret = -ENOENT;

	ensure_table();
	cap = klen / 4;
	if (cap < 1)
		cap = 1;
	if (cap > 4)
		cap = 4;
	for (size_t i = 0; i < n_all_keys; i++) {
		const struct conf_key *k = all_keys[i];
		size_t d;

		if (k->flags & CONF_KEY_HIDDEN)
			continue;
		if (candidate(k, key, &cand) < 0) {
			ret = -ENOMEM;
			break;
		}
		d = str_distance(key, cand.buf, cap);
		if (d == 0 || d > cap || d >= best)
			continue;
		best = d;
		snprintf(buf, size, "%s", cand.buf);
		ret = 0;
	}
	strbuf_free(&cand);
	return best == (size_t)-1 ? (ret == -ENOMEM ? ret : -ENOENT) : 0;
}
