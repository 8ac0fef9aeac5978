// SPDX-License-Identifier: LGPL-2.1-or-later
/* Placement: the names of a container's payload and monitor cgroups, their creation under the
 * caller's cgroup in every used hierarchy (suffixes for taken names, reuse of empty leftovers,
 * cpuset and subtree_control set-up), moving pids in, and removal of what was created. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/internal.h"
#include "log/log.h"

lxc_log_define(cgroup_place);

#define PAYLOAD_PREFIX "lxc.payload."
#define MONITOR_PREFIX "lxc.monitor."
#define MAX_SUFFIX 1000

void cgroup_run_init(struct cgroup_run *run)
{
	memset(run, 0, sizeof(*run));
	cgroup_host_init(&run->host);
	run->unified_fd = -EBADF;
	run->bpf_prog_fd = -EBADF;
}

void cgroup_run_free(struct cgroup_run *run)
{
	cgroup_host_free(&run->host);
	free(run->payload);
	free(run->payload_inner);
	free(run->monitor);
	strv_free(run->created[0]);
	strv_free(run->created[1]);
	if (run->unified_fd >= 0)
		close(run->unified_fd);
	if (run->bpf_prog_fd >= 0)
		close(run->bpf_prog_fd);
	cgroup_run_init(run);
}

/* Replace every "%n" of PATTERN by NAME. */
static char *expand_pattern(const char *pattern, const char *name)
{
	struct strbuf sb = { 0 };

	for (const char *p = pattern; *p; p++) {
		int ret = (p[0] == '%' && p[1] == 'n') ? strbuf_append(&sb, name) :
							 strbuf_appendn(&sb, p, 1);
		if (ret < 0) {
			strbuf_free(&sb);
			return NULL;
		}
		if (p[0] == '%' && p[1] == 'n')
			p++;
	}
	return strbuf_take(&sb);
}

int cgroup_name(const struct conf_cgroup *conf, const char *pattern, const char *name,
		enum cgroup_kind kind, char **ret, bool *ret_fixed)
{
	const char *prefix = kind == CGROUP_MONITOR ? MONITOR_PREFIX : PAYLOAD_PREFIX;
	const char *fixed = kind == CGROUP_MONITOR ? conf->dir_monitor : conf->dir_container;
	__do_free char *tree = NULL;
	struct strbuf sb = { 0 };
	int r;

	*ret_fixed = false;
	if (fixed && conf->dir_container && conf->dir_monitor) {
		while (*fixed == '/')
			fixed++;
		*ret = strdup(fixed);
		*ret_fixed = true;
		return *ret ? 0 : -ENOMEM;
	}
	if (conf->dir && *conf->dir) {
		tree = strdup(conf->dir);
	} else if (pattern && *pattern) {
		__do_free char *exp = expand_pattern(pattern, name);

		if (!exp)
			return -ENOMEM;
		tree = strdup(dirname(exp));
	}
	if (tree && (!strcmp(tree, ".") || !strcmp(tree, "/")))
		free_disarm(tree);
	if (tree) {
		char *t = tree;

		while (*t == '/')
			t++;
		r = strbuf_printf(&sb, "%s/%s%s", t, prefix, name);
	} else {
		r = strbuf_printf(&sb, "%s%s", prefix, name);
	}
	if (r < 0) {
		strbuf_free(&sb);
		return -ENOMEM;
	}
	*ret = strbuf_take(&sb);
	return 0;
}

int cgroup_name_suffix(const char *path, unsigned int attempt, char **ret)
{
	struct strbuf sb = { 0 };
	int r = attempt ? strbuf_printf(&sb, "%s-%u", path, attempt) : strbuf_append(&sb, path);

	if (r < 0) {
		strbuf_free(&sb);
		return -ENOMEM;
	}
	*ret = strbuf_take(&sb);
	return 0;
}

/* Copy cpuset.cpus/mems from the parent into DIR, which was just made (v1 starts them empty
 * unless the parent has cgroup.clone_children, when the copy changes nothing, and an empty
 * cpuset cannot take tasks). The parent's values are read once per process and parent: the
 * monitor and payload cgroups share it. */
static int cpuset_init(const char *dir)
{
	static const char *const files[] = { "cpuset.cpus", "cpuset.mems" };
	static char *cached_parent, *cached[2];
	__do_free char *copy = strdup(dir);
	char *parent;

	if (!copy)
		return -ENOMEM;
	parent = dirname(copy);
	if (!cached_parent || strcmp(cached_parent, parent) != 0) {
		for (size_t i = 0; i < 2; i++) {
			char *v = NULL;
			int ret = cg_read(parent, files[i], &v);

			if (ret < 0)
				return ret;
			free(cached[i]);
			cached[i] = v;
		}
		free(cached_parent);
		cached_parent = strdup(parent);
	}
	for (size_t i = 0; i < 2; i++) {
		int ret = cg_write(dir, files[i], str_trim(cached[i]));

		if (ret < 0)
			return ret;
	}
	return 0;
}

/* Enable in DIR's cgroup.subtree_control every controller DIR has. */
static void subtree_enable(const char *dir)
{
	__do_free char *ctrls = NULL;
	char **v = NULL;

	if (cg_read(dir, "cgroup.controllers", &ctrls) < 0 || strv_split(ctrls, " \n", &v) < 0)
		return;
	for (size_t i = 0; v && v[i]; i++) {
		char buf[128];

		snprintf(buf, sizeof(buf), "+%s", v[i]);
		if (cg_write(dir, "cgroup.subtree_control", buf) < 0)
			DEBUG("Failed to enable \"%s\" in \"%s\"", v[i], dir);
	}
	strv_free(v);
}

static void rollback(char **made)
{
	for (size_t i = strv_len(made); i > 0; i--)
		if (rmdir(made[i - 1]) < 0 && errno != ENOENT)
			DEBUG("Failed to remove \"%s\"", made[i - 1]);
}

/* mkdir REL (component by component) under hierarchy H's base; new dirs go to *MADE. The last
 * component existing is -EEXIST if MUST_BE_NEW. */
static int mkdir_rel(const struct cgroup_hierarchy *h, const char *rel, bool must_be_new,
		     char ***made, struct cgroup_error *e)
{
	struct strbuf cur = { 0 };
	char **comps = NULL;
	int ret = strv_split(rel, "/", &comps);

	if (ret == 0)
		ret = strbuf_append(&cur, h->base);
	for (size_t i = 0; ret == 0 && comps && comps[i]; i++) {
		ret = strbuf_printf(&cur, "/%s", comps[i]);
		if (ret < 0)
			break;
		if (mkdir(cur.buf, 0755) == 0) {
			ret = strv_append(made, cur.buf);
			if (ret == 0 && h->version == 1 && cg_has_controller(h, "cpuset"))
				ret = cpuset_init(cur.buf);
			if (ret < 0)
				cgroup_error_set(e, ret, "Failed to initialise cgroup \"%s\": %s",
						 cur.buf, strerror(-ret));
		} else if (errno == EEXIST && (comps[i + 1] || !must_be_new)) {
			continue;
		} else if (errno == EEXIST) {
			ret = -EEXIST;
		} else {
			ret = cgroup_error_set(e, -errno, "Failed to create cgroup \"%s\": %s",
					       cur.buf, strerror(errno));
		}
	}
	strv_free(comps);
	strbuf_free(&cur);
	return ret;
}

/* Every used hierarchy: 1 if REL exists and is empty everywhere it exists, 0 if populated
 * somewhere, -errno. */
static int leftover_empty(const struct cgroup_run *run, const char *rel)
{
	for (size_t i = 0; i < run->host.n; i++) {
		__do_free char *dir = NULL;
		int ret;

		if (!run->host.h[i].used)
			continue;
		dir = cg_path(run->host.h[i].base, rel);
		if (!dir)
			return -ENOMEM;
		ret = cg_populated(dir);
		if (ret != 0)
			return ret < 0 ? ret : 0;
	}
	return 1;
}

static int remove_leftover(const struct cgroup_run *run, const char *rel)
{
	for (size_t i = 0; i < run->host.n; i++) {
		__do_free char *dir = NULL;

		if (!run->host.h[i].used)
			continue;
		dir = cg_path(run->host.h[i].base, rel);
		if (!dir)
			return -ENOMEM;
		if (cg_rmdir_tree(dir) < 0)
			return -EBUSY;
	}
	DEBUG("Removed the empty leftover cgroup \"%s\"", rel);
	return 0;
}

/* Create REL in all used hierarchies or in none. */
static int create_all(struct cgroup_run *run, const char *rel, bool must_be_new, char ***made,
		      struct cgroup_error *e)
{
	for (size_t i = 0; i < run->host.n; i++) {
		int ret;

		if (!run->host.h[i].used)
			continue;
		ret = mkdir_rel(&run->host.h[i], rel, must_be_new, made, e);
		if (ret < 0) {
			rollback(*made);
			strv_free(*made);
			*made = NULL;
			return ret;
		}
	}
	return 0;
}

/* Find a free name and create it: REL0, or REL0-1, REL0-2, ... */
static int create_suffixed(struct cgroup_run *run, const char *rel0, const char *inner,
			   char **ret_rel, char ***made, struct cgroup_error *e)
{
	for (unsigned int attempt = 0; attempt <= MAX_SUFFIX; attempt++) {
		__do_free char *rel = NULL, *full = NULL;
		int ret = cgroup_name_suffix(rel0, attempt, &rel);

		if (ret < 0)
			return cgroup_error_set(e, ret, "Out of memory");
		full = inner ? cg_path(rel, inner) : strdup(rel);
		if (!full)
			return cgroup_error_set(e, -ENOMEM, "Out of memory");
		ret = create_all(run, full, true, made, e);
		if (ret == -EEXIST && leftover_empty(run, rel) == 1 && remove_leftover(run, rel) == 0)
			ret = create_all(run, full, true, made, e);
		if (ret == -EEXIST)
			continue;
		if (ret < 0)
			return ret;
		*ret_rel = take_ptr(rel);
		return 0;
	}
	return cgroup_error_set(e, -EEXIST, "Failed to find a free cgroup name for \"%s\"", rel0);
}

static int open_unified(struct cgroup_run *run, struct cgroup_error *e)
{
	__do_free char *dir = NULL;

	if (run->host.unified < 0)
		return 0;
	dir = cg_run_dir(run, &run->host.h[run->host.unified], CGROUP_PAYLOAD, true);
	if (!dir)
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	close_prot_errno_disarm(run->unified_fd);
	run->unified_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (run->unified_fd < 0)
		return cgroup_error_set(e, -errno, "Failed to open cgroup \"%s\": %s", dir,
					strerror(errno));
	return 0;
}

int cgroup_create(struct cgroup_run *run, const struct conf_cgroup *conf, const char *pattern,
		  const char *name, enum cgroup_kind kind, struct cgroup_error *e)
{
	__do_free char *rel0 = NULL, *rel = NULL, *full = NULL;
	const char *inner = NULL;
	char **made = NULL;
	bool fixed;
	int ret;

	if (run->host.n == 0)
		return cgroup_error_set(e, -ENOENT, "No cgroup hierarchy is mounted on this host");
	{
		struct conf_diag d = { 0 };

		ret = conf_cgroup_check(conf, &d);
		if (ret < 0)
			return cgroup_error_set(e, ret, "%s", d.msg);
	}
	ret = cgroup_name(conf, pattern, name, kind, &rel0, &fixed);
	if (ret < 0)
		return cgroup_error_set(e, ret, "Out of memory");
	if (kind == CGROUP_PAYLOAD && fixed && conf->dir_container_inner &&
	    *conf->dir_container_inner)
		inner = conf->dir_container_inner;
	if (fixed) {
		rel = take_ptr(rel0);
		ret = create_all(run, rel, false, &made, e);
		if (ret == 0 && leftover_empty(run, rel) != 1)
			ret = cgroup_error_set(e, -EEXIST, "cgroup \"%s\" is in use", rel);
	} else {
		ret = create_suffixed(run, rel0, NULL, &rel, &made, e);
	}
	if (ret == 0 && inner) {
		__do_free char *in = cg_path(rel, inner);
		char **made2 = NULL;

		ret = in ? create_all(run, in, false, &made2, e) : -ENOMEM;
		for (size_t i = 0; ret == 0 && made2 && made2[i]; i++)
			ret = strv_append(&made, made2[i]);
		strv_free(made2);
	}
	full = inner ? cg_path(rel, inner) : strdup(rel);
	if (ret == 0 && !full)
		ret = cgroup_error_set(e, -ENOMEM, "Out of memory");
	if (ret < 0) {
		rollback(made);
		strv_free(made);
		return cgroup_error_set(e, ret, "Failed to create cgroup \"%s\": %s", rel0 ? rel0 : rel,
					strerror(-ret));
	}
	/* cgroup2: controllers flow down only through the cgroups above the leaf. */
	for (size_t i = 0; made && made[i]; i++) {
		const struct cgroup_hierarchy *u = run->host.unified >= 0 ?
			&run->host.h[run->host.unified] : NULL;

		if (u && str_starts_with(made[i], u->base) && !str_ends_with(made[i], full))
			subtree_enable(made[i]);
	}
	if (kind == CGROUP_MONITOR) {
		free(run->monitor);
		run->monitor = take_ptr(rel);
	} else {
		free(run->payload);
		free(run->payload_inner);
		run->payload = take_ptr(rel);
		run->payload_inner = take_ptr(full);
	}
	for (size_t i = 0; made && made[i]; i++)
		if (strv_append(&run->created[kind], made[i]) < 0) {
			strv_free(made);
			return cgroup_error_set(e, -ENOMEM, "Out of memory");
		}
	strv_free(made);
	if (kind == CGROUP_PAYLOAD)
		return open_unified(run, e);
	return 0;
}

/* Hide the used hierarchies whose version is (VISIBLE: is not) VERSION; their flags go to SAVED. */
static void mask_version(struct cgroup_run *run, int version, bool visible, bool *saved)
{
	for (size_t i = 0; i < run->host.n; i++) {
		saved[i] = run->host.h[i].used;
		if ((run->host.h[i].version == version) != visible)
			run->host.h[i].used = false;
	}
}

static void unmask(struct cgroup_run *run, const bool *saved)
{
	for (size_t i = 0; i < run->host.n; i++)
		run->host.h[i].used = saved[i];
}

int cgroup_adopt(struct cgroup_run *run, enum cgroup_kind kind, const char *rel,
		 const char *inner, char **made, struct cgroup_error *e)
{
	char *r = strdup(rel), *in = strdup(inner ? inner : rel);

	strv_free(run->created[kind]);
	run->created[kind] = made;
	if (!r || !in) {
		free(r);
		free(in);
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	}
	if (kind == CGROUP_MONITOR) {
		free(in);
		free(run->monitor);
		run->monitor = r;
		return 0;
	}
	free(run->payload);
	free(run->payload_inner);
	run->payload = r;
	run->payload_inner = in;
	return open_unified(run, e);
}

int cgroup_create_version(struct cgroup_run *run, const struct conf_cgroup *conf,
			  const char *pattern, const char *name, enum cgroup_kind kind, int version,
			  struct cgroup_error *e)
{
	__do_free bool *saved = calloc(run->host.n ? run->host.n : 1, sizeof(bool));
	int ret;

	if (!saved)
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	mask_version(run, version, true, saved);
	ret = cgroup_create(run, conf, pattern, name, kind, e);
	unmask(run, saved);
	return ret;
}

int cgroup_create_rest(struct cgroup_run *run, enum cgroup_kind kind, int version_done,
		       struct cgroup_error *e)
{
	__do_free bool *saved = calloc(run->host.n ? run->host.n : 1, sizeof(bool));
	const char *rel = kind == CGROUP_MONITOR ? run->monitor : run->payload_inner;
	char **made = NULL;
	int ret;

	if (!saved)
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	if (!rel)
		return cgroup_error_set(e, -ENOENT, "No %s cgroup was created",
					kind == CGROUP_MONITOR ? "monitor" : "container");
	mask_version(run, version_done, false, saved);
	ret = create_all(run, rel, false, &made, e);
	/* A leaf that was there already (a killed run's leftover) is taken over: removed with
	 * the rest at the end. */
	for (size_t i = 0; ret == 0 && i < run->host.n; i++) {
		__do_free char *leaf = NULL;

		if (!run->host.h[i].used)
			continue;
		leaf = cg_path(run->host.h[i].base, rel);
		if (!leaf)
			ret = -ENOMEM;
		else if (!strv_contains(made, leaf))
			ret = strv_append(&made, leaf);
	}
	unmask(run, saved);
	if (ret < 0) {
		rollback(made);
		strv_free(made);
		return cgroup_error_set(e, ret, "Failed to create cgroup \"%s\": %s", rel,
					strerror(-ret));
	}
	for (size_t i = 0; made && made[i]; i++)
		if (strv_append(&run->created[kind], made[i]) < 0) {
			rollback(made);
			strv_free(made);
			return cgroup_error_set(e, -ENOMEM, "Out of memory");
		}
	strv_free(made);
	return 0;
}

int cgroup_enter_dir(const char *dir, pid_t pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", (int)pid);
	return cg_write(dir, "cgroup.procs", buf);
}

int cgroup_enter(const struct cgroup_run *run, enum cgroup_kind kind, pid_t pid,
		 struct cgroup_error *e)
{
	for (size_t i = 0; i < run->host.n; i++) {
		__do_free char *dir = NULL;
		int ret;

		if (!run->host.h[i].used)
			continue;
		dir = cg_run_dir(run, &run->host.h[i], kind, true);
		if (!dir)
			return cgroup_error_set(e, -ENOENT, "No %s cgroup was created",
						kind == CGROUP_MONITOR ? "monitor" : "container");
		ret = cgroup_enter_dir(dir, pid);
		if (ret < 0)
			return cgroup_error_set(e, ret, "Failed to move %d into cgroup \"%s\": %s",
						(int)pid, dir, strerror(-ret));
	}
	return 0;
}

char *cgroup_path(const struct cgroup_run *run, enum cgroup_kind kind, const char *controller,
		  bool inner)
{
	const struct cgroup_hierarchy *h = cgroup_host_find(&run->host,
		controller && *controller ? controller : NULL, 0);

	return h ? cg_run_dir(run, h, kind, inner) : NULL;
}

/* The calling process leaves the monitor cgroups it is in: to the pivot or where it came from. */
static int monitor_leave(const struct cgroup_run *run, const struct conf_cgroup *conf,
			 struct cgroup_error *e)
{
	char me[32];

	snprintf(me, sizeof(me), "%d", (int)getpid());
	for (size_t i = 0; i < run->host.n; i++) {
		const struct cgroup_hierarchy *h = &run->host.h[i];
		__do_free char *dir = NULL, *procs = NULL, *pivot = NULL;
		char **pids = NULL;
		bool inside;
		int ret;

		if (!h->used || !(dir = cg_run_dir(run, h, CGROUP_MONITOR, false)))
			continue;
		if (cg_read(dir, "cgroup.procs", &procs) < 0 || strv_split(procs, "\n", &pids) < 0)
			continue;
		inside = strv_contains(pids, me);
		strv_free(pids);
		if (!inside)
			continue;
		if (conf && conf->dir_monitor_pivot && *conf->dir_monitor_pivot) {
			pivot = cg_path(h->base, conf->dir_monitor_pivot);
			if (pivot)
				(void)mkdir_p(pivot, 0755);
		}
		ret = cgroup_enter_dir(pivot ? pivot : h->base, getpid());
		if (ret < 0)
			return cgroup_error_set(e, ret, "Failed to move the monitor out of \"%s\": %s",
						dir, strerror(-ret));
	}
	return 0;
}

static bool is_leaf(const struct cgroup_run *run, enum cgroup_kind kind, const char *path)
{
	for (size_t i = 0; i < run->host.n; i++) {
		__do_free char *dir = cg_run_dir(run, &run->host.h[i], kind, true);

		if (dir && !strcmp(dir, path))
			return true;
	}
	return false;
}

int cgroup_destroy(struct cgroup_run *run, enum cgroup_kind kind, const struct conf_cgroup *conf,
		   struct cgroup_error *e)
{
	char **made = run->created[kind];
	int ret = 0;

	if (!made)
		return 0;
	if (kind == CGROUP_PAYLOAD) {
		__do_free char *dir = cgroup_path(run, CGROUP_PAYLOAD, NULL, false);

		if (dir && cg_populated(dir) > 0)
			ret = cgroup_kill_all(run, e);
		if (ret < 0)
			return ret;
	} else {
		ret = monitor_leave(run, conf, e);
		if (ret < 0)
			return ret;
	}
	for (size_t i = strv_len(made); i > 0; i--) {
		const char *p = made[i - 1];

		if (is_leaf(run, kind, p))
			ret = cg_rmdir_tree(p);
		else if (rmdir(p) < 0 && errno != ENOENT && errno != ENOTEMPTY && errno != EBUSY)
			ret = -errno;
		else
			ret = 0; /* an intermediate cgroup someone else uses now: left alone */
		if (ret < 0)
			return cgroup_error_set(e, ret, "Failed to remove cgroup \"%s\": %s", p,
						strerror(-ret));
		free(made[i - 1]);
		made[i - 1] = NULL;
	}
	strv_free(made);
	run->created[kind] = NULL;
	if (kind == CGROUP_PAYLOAD) {
		close_prot_errno_disarm(run->unified_fd);
		close_prot_errno_disarm(run->bpf_prog_fd);
	}
	return 0;
}
