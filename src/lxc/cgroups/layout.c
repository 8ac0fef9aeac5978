// SPDX-License-Identifier: LGPL-2.1-or-later
/* Host layout detection: the cgroup mounts of /proc/self/mountinfo matched with the caller's
 * cgroups in /proc/self/cgroup give one hierarchy per mount (legacy, hybrid or unified), the
 * controllers each holds and the caller's cgroup directory in each (the base). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/internal.h"
#include "config/system/sysconf.h"
#include "log/log.h"

lxc_log_define(cgroup_layout);

void cgroup_host_init(struct cgroup_host *host)
{
	memset(host, 0, sizeof(*host));
	host->unified = -1;
}

static void hierarchy_free(struct cgroup_hierarchy *h)
{
	strv_free(h->controllers);
	free(h->mountpoint);
	free(h->base);
}

void cgroup_host_free(struct cgroup_host *host)
{
	for (size_t i = 0; i < host->n; i++)
		hierarchy_free(&host->h[i]);
	free(host->h);
	strv_free(host->v1_only);
	cgroup_host_init(host);
}

/* Mount options that are not controllers. */
static bool is_plain_option(const char *o)
{
	static const char *const opts[] = { "rw", "ro", "nosuid", "nodev", "noexec", "relatime",
		"noatime", "clone_children", "noprefix", "xattr", "nsdelegate", "cpuset_v2_mode",
		"memory_recursiveprot", "memory_localevents", "favordynmods", "memory_hugetlb_accounting",
		"pids_localevents", NULL };

	if (str_starts_with(o, "release_agent="))
		return true;
	return strv_contains((char *const *)opts, o);
}

/* Undo mountinfo's octal escapes ("\040" for a space) in place. */
static void unescape(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
		    r[3] >= '0' && r[3] <= '7') {
			*w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
			r += 3;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

struct mount_entry {
	char *root;
	char *mountpoint;
	char *fstype;
	char *superopts;
};

/* Split one mountinfo line into its fields (pointers into LINE, which is modified). */
static int parse_mount_line(char *line, struct mount_entry *m)
{
	char *save = NULL, *tok;
	int field = 0;
	bool after_dash = false;
	int post = 0;

	memset(m, 0, sizeof(*m));
	for (tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save), field++) {
		if (after_dash) {
			if (post == 0)
				m->fstype = tok;
			else if (post == 2)
				m->superopts = tok;
			post++;
			continue;
		}
		if (field == 3)
			m->root = tok;
		else if (field == 4)
			m->mountpoint = tok;
		else if (field >= 6 && !strcmp(tok, "-"))
			after_dash = true;
	}
	if (!m->root || !m->mountpoint || !m->fstype || !m->superopts)
		return -EINVAL;
	unescape(m->root);
	unescape(m->mountpoint);
	return 0;
}

/* Is hierarchy with CONTROLLERS admitted by lxc.cgroup.use? */
static bool use_admits(char *const *use, char *const *controllers)
{
	if (!use)
		return true;
	for (size_t i = 0; controllers && controllers[i]; i++)
		if (strv_contains(use, controllers[i]))
			return true;
	return false;
}

static int add_hierarchy(struct cgroup_host *host, int version, char **controllers,
			 const char *mountpoint, const char *root)
{
	struct cgroup_hierarchy *n, *h;
	char *mp;

	/* A hierarchy mounted twice (bind mounts): the first mount wins. */
	for (size_t i = 0; i < host->n; i++) {
		h = &host->h[i];
		if (h->version != version)
			continue;
		if (version == 2) {
			strv_free(controllers);
			return 0;
		}
		if (strv_len(h->controllers) == strv_len(controllers) &&
		    controllers && strv_contains(h->controllers, controllers[0])) {
			strv_free(controllers);
			return 0;
		}
	}
	n = realloc(host->h, (host->n + 1) * sizeof(*n));
	if (!n) {
		strv_free(controllers);
		return -ENOMEM;
	}
	host->h = n;
	mp = strdup(mountpoint);
	/* Stash the mount's root in base until /proc/self/cgroup resolves it. */
	h = &host->h[host->n];
	memset(h, 0, sizeof(*h));
	h->version = version;
	h->controllers = controllers;
	h->mountpoint = mp;
	h->base = strdup(root);
	host->n++;
	if (!mp || !h->base)
		return -ENOMEM;
	return 0;
}

static int parse_mounts(struct cgroup_host *host, const char *mountinfo)
{
	__do_free char *copy = strdup(mountinfo);
	char *save = NULL;

	if (!copy)
		return -ENOMEM;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct mount_entry m;
		char **opts = NULL, **ctrls = NULL;
		int ret, version;

		if (parse_mount_line(line, &m) < 0)
			return -EINVAL;
		if (!strcmp(m.fstype, "cgroup"))
			version = 1;
		else if (!strcmp(m.fstype, "cgroup2"))
			version = 2;
		else
			continue;
		if (version == 1) {
			ret = strv_split(m.superopts, ",", &opts);
			if (ret < 0)
				return ret;
			for (size_t i = 0; opts && opts[i]; i++) {
				if (is_plain_option(opts[i]))
					continue;
				ret = strv_append(&ctrls, opts[i]);
				if (ret < 0) {
					strv_free(opts);
					strv_free(ctrls);
					return ret;
				}
			}
			strv_free(opts);
			if (!ctrls)
				continue; /* a v1 mount without controllers or name: unusable */
		}
		ret = add_hierarchy(host, version, ctrls, m.mountpoint, m.root);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static struct cgroup_hierarchy *find_by_list(struct cgroup_host *host, int version,
					     const char *list)
{
	struct cgroup_hierarchy *found = NULL;
	char **names = NULL;

	for (size_t i = 0; version == 2 && i < host->n; i++)
		if (host->h[i].version == 2)
			return &host->h[i];
	if (version == 2 || strv_split(list, ",", &names) < 0 || !names)
		return NULL;
	for (size_t i = 0; !found && i < host->n; i++) {
		struct cgroup_hierarchy *h = &host->h[i];
		bool all = h->version == 1 && strv_len(names) == strv_len(h->controllers);

		for (size_t j = 0; all && names[j]; j++)
			all = strv_contains(h->controllers, names[j]);
		if (all)
			found = h;
	}
	strv_free(names);
	return found;
}

/* Turn each hierarchy's stashed mount root into the caller's cgroup directory. A hierarchy
 * the caller's cgroup is not visible in (or that /proc/self/cgroup does not list) is dropped. */
static int resolve_bases(struct cgroup_host *host, const char *proc_cgroup)
{
	__do_free char *copy = strdup(proc_cgroup);
	char *save = NULL;
	bool *seen = calloc(host->n + 1, sizeof(bool));
	size_t w = 0;

	if (!copy || !seen) {
		free(seen);
		return -ENOMEM;
	}
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *c1 = strchr(line, ':'), *c2, *path, *root;
		struct cgroup_hierarchy *h;
		struct strbuf sb = { 0 };

		if (!c1 || !(c2 = strchr(c1 + 1, ':'))) {
			free(seen);
			return -EINVAL;
		}
		*c2 = '\0';
		path = c2 + 1;
		h = find_by_list(host, c1[1] ? 1 : 2, c1 + 1);
		if (!h || seen[h - host->h])
			continue;
		root = h->base;
		if (!strcmp(root, "/"))
			;
		else if (str_starts_with(path, root) && (path[strlen(root)] == '/' ||
							 !path[strlen(root)]))
			path += strlen(root);
		else
			continue; /* our cgroup lies outside this mount */
		while (*path == '/')
			path++;
		if (strbuf_printf(&sb, "%s%s%s", h->mountpoint, *path ? "/" : "", path) < 0) {
			strbuf_free(&sb);
			free(seen);
			return -ENOMEM;
		}
		free(h->base);
		h->base = strbuf_take(&sb);
		seen[h - host->h] = true;
	}
	for (size_t i = 0; i < host->n; i++) {
		if (!seen[i]) {
			DEBUG("Ignoring cgroup hierarchy at \"%s\": not in /proc/self/cgroup",
			      host->h[i].mountpoint);
			hierarchy_free(&host->h[i]);
			continue;
		}
		host->h[w++] = host->h[i];
	}
	host->n = w;
	free(seen);
	return 0;
}

/* Keep only the cgroup2 mount at FORCE; remember the v1 controllers as unavailable. */
static int force_unified(struct cgroup_host *host, const char *force, struct cgroup_error *e)
{
	size_t keep = host->n;

	for (size_t i = 0; i < host->n; i++)
		if (host->h[i].version == 2 && !strcmp(host->h[i].mountpoint, force))
			keep = i;
	if (keep == host->n)
		return cgroup_error_set(e, -ENOENT, "%s=\"%s\": no cgroup2 mount there",
					CGROUP_FORCE_UNIFIED_ENV, force);
	for (size_t i = 0; i < host->n; i++) {
		if (i == keep)
			continue;
		for (size_t j = 0; host->h[i].controllers && host->h[i].controllers[j]; j++) {
			const char *c = host->h[i].controllers[j];

			if (str_starts_with(c, "name=") || strv_contains(host->v1_only, c))
				continue;
			if (strv_append(&host->v1_only, c) < 0)
				return -ENOMEM;
		}
		hierarchy_free(&host->h[i]);
	}
	host->h[0] = host->h[keep];
	host->n = 1;
	host->forced = true;
	return 0;
}

int cgroup_host_parse(struct cgroup_host *host, const char *mountinfo, const char *proc_cgroup,
		      const char *use, const char *force, struct cgroup_error *e)
{
	char **usev = NULL;
	size_t v1 = 0;
	int ret;

	cgroup_host_init(host);
	ret = parse_mounts(host, mountinfo);
	if (ret == 0)
		ret = resolve_bases(host, proc_cgroup);
	if (ret < 0) {
		cgroup_host_free(host);
		return cgroup_error_set(e, ret, ret == -EINVAL ?
					"Failed to parse the cgroup layout of this host" :
					"Failed to detect the cgroup layout: %s", strerror(-ret));
	}
	if (force && *force) {
		ret = force_unified(host, force, e);
		if (ret < 0) {
			cgroup_host_free(host);
			return cgroup_error_set(e, ret, "Out of memory");
		}
	}
	if (use && *use && strcmp(use, "@all") && strv_split(use, ", ", &usev) < 0) {
		cgroup_host_free(host);
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	}
	for (size_t i = 0; i < host->n; i++) {
		struct cgroup_hierarchy *h = &host->h[i];

		if (h->version == 2) {
			h->used = true;
			host->unified = (int)i;
			continue;
		}
		v1++;
		h->used = use_admits(usev, h->controllers);
	}
	strv_free(usev);
	/* Keep the v1 hierarchies first, the cgroup2 one last. */
	if (host->unified >= 0 && (size_t)host->unified != host->n - 1) {
		struct cgroup_hierarchy u = host->h[host->unified];

		memmove(&host->h[host->unified], &host->h[host->unified + 1],
			(host->n - 1 - (size_t)host->unified) * sizeof(u));
		host->h[host->n - 1] = u;
		host->unified = (int)host->n - 1;
	}
	if (v1 && host->unified >= 0)
		host->layout = CGROUP_LAYOUT_HYBRID;
	else if (v1)
		host->layout = CGROUP_LAYOUT_LEGACY;
	else if (host->unified >= 0)
		host->layout = CGROUP_LAYOUT_UNIFIED;
	else
		host->layout = CGROUP_LAYOUT_NONE;
	return 0;
}

int cgroup_host_set_unified_controllers(struct cgroup_host *host, const char *text)
{
	char **v = NULL;
	int ret;

	if (host->unified < 0)
		return -ENOENT;
	ret = strv_split(text ? text : "", " \t\n", &v);
	if (ret < 0)
		return ret;
	strv_free(host->h[host->unified].controllers);
	host->h[host->unified].controllers = v;
	return 0;
}

int cgroup_host_detect(struct cgroup_host *host, struct cgroup_error *e)
{
	__do_free char *mi = NULL, *pc = NULL, *ctrls = NULL;
	const char *use = NULL;
	int ret;

	ret = file_read_all("/proc/self/mountinfo", &mi, NULL);
	if (ret == 0)
		ret = file_read_all("/proc/self/cgroup", &pc, NULL);
	if (ret < 0) {
		cgroup_host_init(host);
		return cgroup_error_set(e, ret, "Failed to read the cgroup layout: %s",
					strerror(-ret));
	}
	(void)sysconf_peek("lxc.cgroup.use", &use);
	ret = cgroup_host_parse(host, mi, pc, use, getenv(CGROUP_FORCE_UNIFIED_ENV), e);
	if (ret < 0)
		return ret;
	if (host->unified >= 0) {
		ret = cg_read(host->h[host->unified].base, "cgroup.controllers", &ctrls);
		if (ret == 0)
			ret = cgroup_host_set_unified_controllers(host, ctrls);
		if (ret < 0)
			DEBUG("No cgroup.controllers in \"%s\"", host->h[host->unified].base);
	}
	DEBUG("cgroup layout: %s, %zu hierarchies", cgroup_layout_name(host->layout), host->n);
	return 0;
}

const struct cgroup_hierarchy *cgroup_host_find(const struct cgroup_host *host,
						const char *controller, int version)
{
	const struct cgroup_hierarchy *u = host->unified >= 0 ? &host->h[host->unified] : NULL;

	if (!controller || !strcmp(controller, "cgroup")) {
		if (u)
			return u;
		for (size_t i = 0; i < host->n; i++)
			if (host->h[i].used)
				return &host->h[i];
		return NULL;
	}
	if (version != 2) {
		for (size_t i = 0; i < host->n; i++)
			if (host->h[i].version == 1 && host->h[i].used &&
			    cg_has_controller(&host->h[i], controller))
				return &host->h[i];
		if (version == 1)
			return NULL;
	}
	if (u && cg_has_controller(u, controller))
		return u;
	return NULL;
}
