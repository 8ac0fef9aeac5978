/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The cgroup configuration model: ordered (key, value) settings per hierarchy version, the
 * placement directories, and the accessors the cgroup driver uses. No validation here: the key
 * handlers in keys.c validate before they change anything. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/cgroup/cgroup.h"

void conf_cgroup_init(struct conf_cgroup *m)
{
	memset(m, 0, sizeof(*m));
}

static void list_free(struct conf_cgroup_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void conf_cgroup_free(struct conf_cgroup *m)
{
	if (!m)
		return;
	list_free(&m->v1);
	list_free(&m->v2);
	free(m->dir);
	free(m->dir_container);
	free(m->dir_container_inner);
	free(m->dir_monitor);
	free(m->dir_monitor_pivot);
	conf_cgroup_init(m);
}

static struct conf_cgroup_list *list_of(struct conf_cgroup *m, enum conf_cgroup_version version)
{
	switch (version) {
	case CONF_CGROUP_V1:
		return &m->v1;
	case CONF_CGROUP_V2:
		return &m->v2;
	}
	return NULL;
}

const struct conf_cgroup_list *conf_cgroup_settings(const struct conf_cgroup *m,
						    enum conf_cgroup_version version)
{
	return list_of((struct conf_cgroup *)m, version);
}

bool conf_cgroup_item_is_controller(const struct conf_cgroup_item *it, const char *controller)
{
	return strlen(controller) == it->controller_len &&
	       strncmp(it->key, controller, it->controller_len) == 0;
}

bool conf_cgroup_uses_controller(const struct conf_cgroup *m, enum conf_cgroup_version version,
				 const char *controller)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(m, version);
	const struct conf_cgroup_item *it;

	if (!l)
		return false;
	conf_cgroup_foreach(l, it) {
		if (conf_cgroup_item_is_controller(it, controller))
			return true;
	}
	return false;
}

const char *conf_cgroup_last_value(const struct conf_cgroup *m, enum conf_cgroup_version version,
				   const char *key)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(m, version);

	for (size_t i = l ? l->n : 0; i > 0; i--)
		if (strcmp(l->items[i - 1].key, key) == 0)
			return l->items[i - 1].value;
	return NULL;
}

int conf_cgroup_append(struct conf_cgroup *m, enum conf_cgroup_version version, const char *key,
		       const char *value)
{
	struct conf_cgroup_list *l = list_of(m, version);
	__do_free char *k = NULL, *v = NULL;
	const char *dot;

	if (!l)
		return -EINVAL;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct conf_cgroup_item *n = realloc(l->items, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		l->items = n;
		l->cap = cap;
	}
	k = strdup(key);
	v = strdup(value);
	if (!k || !v)
		return -ENOMEM;
	dot = strchr(key, '.');
	l->items[l->n].controller_len = dot ? (size_t)(dot - key) : strlen(key);
	l->items[l->n].key = take_ptr(k);
	l->items[l->n].value = take_ptr(v);
	l->n++;
	return 0;
}

size_t conf_cgroup_remove(struct conf_cgroup *m, enum conf_cgroup_version version, const char *key)
{
	struct conf_cgroup_list *l = list_of(m, version);
	size_t kept = 0, removed;

	if (!l)
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		struct conf_cgroup_item *it = &l->items[i];

		if (!key || strcmp(it->key, key) == 0) {
			free(it->key);
			free(it->value);
			continue;
		}
		l->items[kept++] = *it;
	}
	removed = l->n - kept;
	l->n = kept;
	return removed;
}

int conf_cgroup_check(const struct conf_cgroup *m, struct conf_diag *diag)
{
	if (m->dir && (m->dir_container || m->dir_monitor))
		return conf_diag_set(diag, -EINVAL, "lxc.cgroup.dir",
				     "\"lxc.cgroup.dir\" cannot be combined with "
				     "\"lxc.cgroup.dir.container\" or \"lxc.cgroup.dir.monitor\"");
	if (!m->dir_container != !m->dir_monitor)
		return conf_diag_set(diag, -EINVAL,
				     m->dir_container ? "lxc.cgroup.dir.container"
						      : "lxc.cgroup.dir.monitor",
				     "\"lxc.cgroup.dir.container\" and \"lxc.cgroup.dir.monitor\" "
				     "must be set together");
	return 0;
}
