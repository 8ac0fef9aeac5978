/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Parser and quota lookup for /etc/lxc/lxc-usernet ("user|@group type bridge count"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "network/usernet.h"

void usernet_free(struct usernet *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].name);
		free(u->v[i].type);
		free(u->v[i].link);
	}
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

/* One non-comment line: exactly four blank-separated fields. */
static int parse_line(char *line, unsigned int lineno, struct usernet_entry *ret)
{
	char *f[5];
	int n = 0;
	char *save = NULL;

	for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
		if (n == 5)
			return -EINVAL;
		f[n++] = t;
	}
	if (n != 4)
		return -EINVAL;
	memset(ret, 0, sizeof(*ret));
	ret->is_group = f[0][0] == '@';
	if (ret->is_group)
		f[0]++;
	if (!*f[0] || str_to_uint(f[3], &ret->count) < 0)
		return -EINVAL;
	ret->line = lineno;
	ret->name = strdup(f[0]);
	ret->type = strdup(f[1]);
	ret->link = strdup(f[2]);
	if (!ret->name || !ret->type || !ret->link) {
		free(ret->name);
		free(ret->type);
		free(ret->link);
		return -ENOMEM;
	}
	return 0;
}

int usernet_parse(const char *text, struct usernet *ret, unsigned int *ret_bad_line)
{
	__do_free char *copy = NULL;
	struct usernet u = {0};
	unsigned int lineno = 0;
	char *p;

	ret->v = NULL;
	ret->n = 0;
	copy = strdup(text ? text : "");
	if (!copy)
		return -ENOMEM;
	p = copy;
	while (p && *p != '\0') {
		char *nl = strchr(p, '\n');
		char *line = p;
		struct usernet_entry ent, *v;
		int r;

		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
		lineno++;
		line = str_trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		r = parse_line(line, lineno, &ent);
		if (r < 0) {
			usernet_free(&u);
			if (ret_bad_line)
				*ret_bad_line = lineno;
			return r;
		}
		v = realloc(u.v, (u.n + 1) * sizeof(*v));
		if (!v) {
			free(ent.name);
			free(ent.type);
			free(ent.link);
			usernet_free(&u);
			return -ENOMEM;
		}
		u.v = v;
		u.v[u.n++] = ent;
	}
	*ret = u;
	return 0;
}

static bool entry_applies(const struct usernet_entry *e, const char *user, char *const *groups,
			  size_t n_groups, const char *type, const char *link)
{
	if (strcmp(e->type, type) != 0 || strcmp(e->link, link) != 0)
		return false;
	if (!e->is_group)
		return strcmp(e->name, user) == 0;
	for (size_t i = 0; i < n_groups; i++)
		if (strcmp(e->name, groups[i]) == 0)
			return true;
	return false;
}

size_t usernet_match(const struct usernet *u, const char *user, char *const *groups,
		     size_t n_groups, const char *type, const char *link, size_t *ret_idx,
		     size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < u->n; i++) {
		if (!entry_applies(&u->v[i], user, groups, n_groups, type, link))
			continue;
		if (ret_idx && n < max)
			ret_idx[n] = i;
		n++;
	}
	return n;
}

unsigned int usernet_quota(const struct usernet *u, const char *user, char *const *groups,
			   size_t n_groups, const char *type, const char *link)
{
	unsigned int total = 0;

	for (size_t i = 0; i < u->n; i++)
		if (entry_applies(&u->v[i], user, groups, n_groups, type, link))
			total += u->v[i].count;
	return total;
}
