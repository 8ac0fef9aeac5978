/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.mount.auto: the token table, parsing a line of tokens on top of the current mask, and the
 * canonical text (proc, sys, cgroup, shmounts, in that order). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/fs/fs.h"

#define AUTO_WHY                                                                                   \
	"proc, proc:mixed, proc:rw, sys, sys:mixed, sys:ro, sys:rw, "                              \
	"cgroup[:mixed|:ro|:rw][:force], cgroup-full[:mixed|:ro|:rw][:force] or "                  \
	"shmounts:HOSTPATH[:CONTAINERPATH]"
#define SHMOUNTS_WHY "shmounts:HOSTPATH[:CONTAINERPATH] with absolute paths"
#define FORCE_SUFFIX ":force"

static const struct auto_token {
	const char *name;
	unsigned int group; /* the bits this token replaces */
	unsigned int flag;  /* the bits it sets */
	bool alias;	    /* accepted, never printed */
} auto_tokens[] = {
	{"proc", CONF_AUTO_PROC_MASK, CONF_AUTO_PROC_MIXED, true},
	{"proc:mixed", CONF_AUTO_PROC_MASK, CONF_AUTO_PROC_MIXED, false},
	{"proc:rw", CONF_AUTO_PROC_MASK, CONF_AUTO_PROC_RW, false},
	{"sys", CONF_AUTO_SYS_MASK, CONF_AUTO_SYS_MIXED, true},
	{"sys:mixed", CONF_AUTO_SYS_MASK, CONF_AUTO_SYS_MIXED, false},
	{"sys:ro", CONF_AUTO_SYS_MASK, CONF_AUTO_SYS_RO, false},
	{"sys:rw", CONF_AUTO_SYS_MASK, CONF_AUTO_SYS_RW, false},
	{"cgroup", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_NOSPEC, false},
	{"cgroup:mixed", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_MIXED, false},
	{"cgroup:ro", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_RO, false},
	{"cgroup:rw", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_RW, false},
	{"cgroup-full", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_FULL_NOSPEC, false},
	{"cgroup-full:mixed", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_FULL_MIXED, false},
	{"cgroup-full:ro", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_FULL_RO, false},
	{"cgroup-full:rw", CONF_AUTO_CGROUP_MASK, CONF_AUTO_CGROUP_FULL_RW, false},
};

/* Groups in the order the canonical text prints them. */
static const unsigned int auto_groups[] = {
	CONF_AUTO_PROC_MASK,
	CONF_AUTO_SYS_MASK,
	CONF_AUTO_CGROUP_MASK,
};

/* tok (length n) without ":force" against the table; cgroup tokens may carry ":force". */
static const struct auto_token *find_token(const char *tok, size_t n, bool *ret_force)
{
	size_t fl = strlen(FORCE_SUFFIX);

	*ret_force = false;
	if (n > fl && strncmp(tok + n - fl, FORCE_SUFFIX, fl) == 0) {
		*ret_force = true;
		n -= fl;
	}
	for (size_t i = 0; i < ARRAY_SIZE(auto_tokens); i++) {
		const struct auto_token *t = &auto_tokens[i];

		if (strlen(t->name) != n || strncmp(t->name, tok, n) != 0)
			continue;
		if (*ret_force && t->group != CONF_AUTO_CGROUP_MASK)
			return NULL;
		return t;
	}
	return NULL;
}

/* "shmounts:HOST[:CONTAINER]" into a (both absolute). */
static int apply_shmounts(struct conf_mount_auto *a, const char *tok, size_t n)
{
	const char *host = tok + strlen("shmounts:");
	const char *end = tok + n, *colon = memchr(host, ':', (size_t)(end - host));
	__do_free char *h = NULL, *c = NULL;

	if (host[0] != '/')
		return -EINVAL;
	if (colon) {
		if (colon[1] != '/')
			return -EINVAL;
		c = strndup(colon + 1, (size_t)(end - colon - 1));
		if (!c)
			return -ENOMEM;
	}
	h = strndup(host, (size_t)((colon ?: end) - host));
	if (!h)
		return -ENOMEM;
	free(a->shmounts_host);
	free(a->shmounts_container);
	a->shmounts_host = take_ptr(h);
	a->shmounts_container = take_ptr(c);
	a->mask |= CONF_AUTO_SHMOUNTS;
	return 0;
}

static int apply_token(struct conf_mount_auto *a, const char *tok, size_t n, const char **why)
{
	const struct auto_token *t;
	bool force;

	if (n >= strlen("shmounts:") && strncmp(tok, "shmounts:", strlen("shmounts:")) == 0) {
		*why = SHMOUNTS_WHY;
		return apply_shmounts(a, tok, n);
	}
	*why = AUTO_WHY;
	t = find_token(tok, n, &force);
	if (!t)
		return -EINVAL;
	a->mask = (a->mask & ~t->group) | t->flag | (force ? CONF_AUTO_CGROUP_FORCE : 0);
	return 0;
}

int conf_mount_auto_apply(struct conf_mount_auto *a, const char *value, char **ret_bad,
			  const char **ret_why)
{
	struct conf_mount_auto tmp = {.mask = a->mask};
	const char *p = value;
	int ret = 0;

	*ret_bad = NULL;
	*ret_why = AUTO_WHY;
	if ((a->shmounts_host && !(tmp.shmounts_host = strdup(a->shmounts_host))) ||
	    (a->shmounts_container && !(tmp.shmounts_container = strdup(a->shmounts_container)))) {
		ret = -ENOMEM;
		goto out;
	}
	for (p += strspn(p, " \t"); *p; p += strspn(p, " \t")) {
		size_t n = strcspn(p, " \t");

		ret = apply_token(&tmp, p, n, ret_why);
		if (ret < 0) {
			if (ret == -EINVAL && !(*ret_bad = strndup(p, n)))
				ret = -ENOMEM;
			goto out;
		}
		p += n;
	}
	conf_mount_auto_reset(a);
	*a = tmp;
	return 0;
out:
	conf_mount_auto_reset(&tmp);
	return ret;
}

static int put_token(struct strbuf *out, size_t start, const char *s, const char *suffix)
{
	return strbuf_printf(out, "%s%s%s", out->len > start ? " " : "", s, suffix);
}

int conf_mount_auto_format(const struct conf_mount_auto *a, struct strbuf *out)
{
	size_t start = out->len;
	int ret;

	for (size_t g = 0; g < ARRAY_SIZE(auto_groups); g++) {
		unsigned int bits = a->mask & auto_groups[g] & ~CONF_AUTO_CGROUP_FORCE;

		for (size_t i = 0; bits && i < ARRAY_SIZE(auto_tokens); i++) {
			const struct auto_token *t = &auto_tokens[i];

			if (t->alias || t->group != auto_groups[g] || t->flag != bits)
				continue;
			ret = put_token(out, start, t->name,
					(a->mask & auto_groups[g] & CONF_AUTO_CGROUP_FORCE)
						? FORCE_SUFFIX
						: "");
			if (ret < 0)
				return ret;
			break;
		}
	}
	if ((a->mask & CONF_AUTO_SHMOUNTS) && a->shmounts_host) {
		ret = strbuf_printf(out, "%sshmounts:%s%s%s", out->len > start ? " " : "",
				    a->shmounts_host, a->shmounts_container ? ":" : "",
				    a->shmounts_container ?: "");
		if (ret < 0)
			return ret;
	}
	return 0;
}
