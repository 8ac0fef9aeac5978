/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* User and namespace keys: lxc.idmap ("u|g NSID HOSTID RANGE" lines), lxc.namespace.clone and
 * lxc.namespace.keep (CLONE_NEW* masks; repeated lines add, the two keys exclude each other;
 * get prints one proc name per line in the order mnt pid uts ipc user net cgroup time) and
 * lxc.namespace.share.NAME. The time offsets are in keys_time.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/keys_priv.h"
#include "config/values.h"

#define IDMAP_EXPECTED "u|g NSID HOSTID RANGE, e.g. \"u 0 100000 65536\""
#define IDMAP_RANGE    "RANGE >= 1 with NSID + RANGE and HOSTID + RANGE at most 4294967295"
#define NS_NAMES       "cgroup ipc mnt net pid time user uts"
#define NS_EXPECTED    "namespace names separated by spaces, out of " NS_NAMES
#define SHARE_PREFIX   "lxc.namespace.share"

/* ---- lxc.idmap ---- */

static int idmap_parse(const char *key, const char *value, struct conf_idmap *ret,
		       struct conf_diag *d)
{
	__do_free char *buf = NULL;
	uint64_t n[3];
	char *w[5], *save = NULL;
	int i;

	buf = strdup(value);
	if (!buf)
		return conf_diag_set(d, -ENOMEM, key, "Failed to parse \"%s\"", key);
	for (i = 0; i < 5; i++)
		w[i] = strtok_r(i ? NULL : buf, " \t", &save);
	if (!w[3] || w[4] || (strcmp(w[0], "u") != 0 && strcmp(w[0], "g") != 0))
		return conf_invalid(d, key, value, IDMAP_EXPECTED);
	for (i = 0; i < 3; i++) {
		if (str_to_uint64(w[i + 1], &n[i]) < 0 || n[i] > UINT32_MAX)
			return conf_invalid(d, key, value, IDMAP_EXPECTED);
	}
	if (n[2] < 1 || n[0] + n[2] > UINT32_MAX || n[1] + n[2] > UINT32_MAX)
		return conf_invalid(d, key, value, IDMAP_RANGE);
	ret->type = w[0][0] == 'u' ? CONF_IDMAP_UID : CONF_IDMAP_GID;
	ret->nsid = (uint32_t)n[0];
	ret->hostid = (uint32_t)n[1];
	ret->range = (uint32_t)n[2];
	return 0;
}

int sec_idmap_set(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_security *s = &conf->sec;
	struct conf_idmap e, *v;
	int r;

	if (!*value)
		return sec_idmap_clear(k, key, conf);
	r = idmap_parse(key, value, &e, d);
	if (r < 0)
		return r;
	v = realloc(s->idmap, (s->n_idmap + 1) * sizeof(*v));
	if (!v)
		return conf_diag_set(d, -ENOMEM, key, "Failed to store \"%s\"", key);
	v[s->n_idmap++] = e;
	s->idmap = v;
	return 0;
}

int sec_idmap_get(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf)
{
	for (size_t i = 0; i < conf->sec.n_idmap; i++) {
		const struct conf_idmap *e = &conf->sec.idmap[i];
		int r;

		r = strbuf_printf(out, "%c %u %u %u\n", e->type == CONF_IDMAP_UID ? 'u' : 'g',
				  e->nsid, e->hostid, e->range);
		if (r < 0)
			return r;
	}
	return 0;
}

int sec_idmap_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	free_disarm(conf->sec.idmap);
	conf->sec.n_idmap = 0;
	return 0;
}

/* ---- lxc.namespace.clone / lxc.namespace.keep ---- */

static int ns_parse(const char *key, const char *value, int *mask, struct conf_diag *d)
{
	char **words = NULL;
	int r;

	r = sec_split_words(value, &words);
	if (r == -ENOMEM)
		return conf_diag_set(d, r, key, "Failed to parse \"%s\"", key);
	if (r < 0)
		return conf_invalid(d, key, value, NS_EXPECTED);
	for (char **w = words; *w; w++) {
		enum conf_ns ns;

		if (conf_ns_from_name(*w, &ns) < 0) {
			r = conf_invalid(d, key, *w, NS_EXPECTED);
			break;
		}
		*mask |= conf_ns_flag(ns);
	}
	strv_free(words);
	return r;
}

static int ns_put(struct strbuf *out, int mask)
{
	for (int i = 0; i < CONF_NS_MAX; i++) {
		int r;

		if (!(mask & conf_ns_flag(i)))
			continue;
		r = strbuf_printf(out, "%s\n", conf_ns_name(i));
		if (r < 0)
			return r;
	}
	return 0;
}

/* Shared by clone and keep: mine is the mask being set, other the exclusive one. */
static int ns_mask_set(const char *key, const char *value, int *mine, int other,
		       const char *other_key, struct conf_diag *d)
{
	int mask = *mine, r;

	if (!*value) {
		*mine = 0;
		return 0;
	}
	r = ns_parse(key, value, &mask, d);
	if (r < 0)
		return r;
	if (other)
		return conf_diag_set(d, -EINVAL, key,
				     "Failed to set \"%s\": \"%s\" is already set and only one of "
				     "them may be used",
				     key, other_key);
	*mine = mask;
	return 0;
}

int sec_ns_clone_set(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d)
{
	return ns_mask_set(key, value, &conf->sec.ns_clone, conf->sec.ns_keep, "lxc.namespace.keep",
			   d);
}

int sec_ns_clone_get(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	return ns_put(out, conf->sec.ns_clone);
}

int sec_ns_clone_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->sec.ns_clone = 0;
	return 0;
}

int sec_ns_keep_set(const struct conf_key *k, const char *key, const char *value,
		    struct lxc_conf *conf, struct conf_diag *d)
{
	return ns_mask_set(key, value, &conf->sec.ns_keep, conf->sec.ns_clone,
			   "lxc.namespace.clone", d);
}

int sec_ns_keep_get(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	return ns_put(out, conf->sec.ns_keep);
}

int sec_ns_keep_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->sec.ns_keep = 0;
	return 0;
}

/* ---- lxc.namespace.share.NAME ---- */

/* The namespace of "lxc.namespace.share.NAME": 1 and *ret_ns, 0 for the bare prefix,
 * -EINVAL for an unknown NAME. */
static int share_ns(const char *key, enum conf_ns *ret_ns)
{
	const char *name = key + strlen(SHARE_PREFIX);

	if (!*name)
		return 0;
	if (*name != '.' || conf_ns_from_name(name + 1, ret_ns) < 0)
		return -EINVAL;
	return 1;
}

static void share_reset(struct conf_ns_share *sh)
{
	free_disarm(sh->value);
	sh->kind = CONF_NS_SHARE_NONE;
	sh->pid = 0;
}

static int share_classify(const char *value, enum conf_ns_share_kind *ret_kind, pid_t *ret_pid)
{
	int pid;

	if (strspn(value, "0123456789") == strlen(value)) {
		if (str_to_int(value, &pid) < 0 || pid < 1)
			return -EINVAL;
		*ret_kind = CONF_NS_SHARE_PID;
		*ret_pid = pid;
		return 0;
	}
	*ret_pid = 0;
	if (value[0] == '/') {
		*ret_kind = CONF_NS_SHARE_PATH;
		return 0;
	}
	if (strpbrk(value, "/ \t"))
		return -EINVAL;
	*ret_kind = CONF_NS_SHARE_NAME;
	return 0;
}

int sec_ns_share_set(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d)
{
	enum conf_ns_share_kind kind;
	struct conf_ns_share *sh;
	enum conf_ns ns;
	char *copy;
	pid_t pid;
	int r;

	r = share_ns(key, &ns);
	if (r <= 0)
		return conf_diag_set(d, -EINVAL, key,
				     "Failed to set \"%s\": expected " SHARE_PREFIX
				     ".NAME with NAME one of " NS_NAMES,
				     key);
	sh = &conf->sec.ns_share[ns];
	if (!*value) {
		share_reset(sh);
		return 0;
	}
	r = sec_check_text(key, value, d);
	if (r < 0)
		return r;
	if (share_classify(value, &kind, &pid) < 0)
		return conf_invalid(d, key, value,
				    "a container name, a process id or an absolute path");
	copy = strdup(value);
	if (!copy)
		return conf_diag_set(d, -ENOMEM, key, "Failed to store \"%s\"", key);
	share_reset(sh);
	sh->value = copy;
	sh->kind = kind;
	sh->pid = pid;
	return 0;
}

int sec_ns_share_get(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	enum conf_ns ns;
	int r;

	r = share_ns(key, &ns);
	if (r < 0)
		return -ENOENT;
	if (r == 0)
		return 0;
	return conf_put_str(out, conf->sec.ns_share[ns].value);
}

int sec_ns_share_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	enum conf_ns ns;
	int r;

	r = share_ns(key, &ns);
	if (r < 0)
		return -ENOENT;
	if (r == 1) {
		share_reset(&conf->sec.ns_share[ns]);
		return 0;
	}
	for (int i = 0; i < CONF_NS_MAX; i++)
		share_reset(&conf->sec.ns_share[i]);
	return 0;
}

int sec_ns_share_list(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf)
{
	enum conf_ns ns;

	if (share_ns(key, &ns) != 0)
		return 0;
	for (int i = 0; i < CONF_NS_MAX; i++) {
		int r = strbuf_printf(out, "%s\n", conf_ns_name(i));

		if (r < 0)
			return r;
	}
	return 0;
}
