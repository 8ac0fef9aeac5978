/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* list_defined_containers, list_active_containers and list_all_containers: container names in
 * an lxcpath, sorted by name, optionally with a container object for each. The arrays are
 * NULL-terminated (LXC's are not; callers that free by count are unaffected). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/api.h"
#include "base/str.h"
#include "ipc/commands.h"
#include "log/log.h"

lxc_log_define(api);

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum { LIST_DEFINED = 1, LIST_ACTIVE = 2 };

/* Defined: the entry holds a "config" file (one fstatat relative to the directory). */
static bool is_defined_entry(int dfd, const char *name)
{
	char rel[NAME_MAX + sizeof("/config")];
	struct stat st;
	int ret;

	ret = snprintf(rel, sizeof(rel), "%s/config", name);
	if (ret < 0 || (size_t)ret >= sizeof(rel))
		return false;
	return fstatat(dfd, rel, &st, 0) == 0 && !S_ISDIR(st.st_mode);
}

/* Active: the container's monitor answers on its command socket (the socket name is a hash of
 * "LXCPATH/NAME", so it cannot be found by name in /proc/net/unix; each candidate is asked). */
static bool is_active_entry(const char *lxcpath, const struct dirent *de)
{
	if (de->d_name[0] == '.' || (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN))
		return false;
	return cmd_get_state(lxcpath, de->d_name, 0) >= 0;
}

/* The entries of lxcpath that are defined and/or active (want: LIST_*), sorted, in one pass.
 * With both, a defined container is listed without asking its monitor: only directories
 * without a config are probed, so a listing connects to no socket per defined container. */
static int scan_names(const char *lxcpath, int want, char ***ret_names)
{
	__do_closedir DIR *dir = NULL;
	char **names = NULL;
	struct dirent *de;
	int dfd;

	*ret_names = NULL;
	dir = opendir(lxcpath);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	dfd = dirfd(dir);
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!((want & LIST_DEFINED) && is_defined_entry(dfd, de->d_name)) &&
		    !((want & LIST_ACTIVE) && is_active_entry(lxcpath, de)))
			continue;
		if (strv_append(&names, de->d_name) < 0) {
			strv_free(names);
			return -ENOMEM;
		}
	}
	if (names)
		qsort(names, strv_len(names), sizeof(*names), cmp_names);
	*ret_names = names;
	return 0;
}

/* Turn a sorted name list into the caller's outputs. Names whose container cannot be loaded
 * are dropped from both lists, as LXC does. */
static int emit(const char *lxcpath, char **names, char ***ret_names,
		struct lxc_container ***cret)
{
	struct lxc_container **cs = NULL;
	size_t n = strv_len(names), kept = 0;

	if (cret && n) {
		cs = calloc(n + 1, sizeof(*cs));
		if (!cs) {
			strv_free(names);
			return -ENOMEM;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (cs) {
			cs[kept] = lxc_container_new(names[i], lxcpath);
			if (!cs[kept]) {
				INFO("Container \"%s\" in \"%s\" has a config that failed to load, "
				     "skipping it", names[i], lxcpath);
				free(names[i]);
				continue;
			}
		}
		names[kept++] = names[i];
	}
	if (names)
		names[kept] = NULL;

	if (ret_names)
		*ret_names = kept ? names : NULL;
	if (!ret_names || !kept)
		strv_free(names);
	if (cret)
		*cret = kept ? cs : NULL;
	if (cs && !kept)
		free(cs);
	return kept;
}

static int list_with(int want, const char *lxcpath, char ***names, struct lxc_container ***cret)
{
	char **found = NULL;
	int ret;

	if (names)
		*names = NULL;
	if (cret)
		*cret = NULL;
	if (!lxcpath || !*lxcpath)
		lxcpath = api_default_lxcpath();
	if (!lxcpath)
		return -1;

	ret = scan_names(lxcpath, want, &found);
	if (ret == 0)
		ret = emit(lxcpath, found, names, cret);
	else
		strv_free(found);
	if (ret < 0) {
		errno = -ret;
		SYSERROR("Failed to list containers in \"%s\"", lxcpath);
		return -1;
	}
	return ret;
}

LXC_EXPORT int list_defined_containers(const char *lxcpath, char ***names,
				       struct lxc_container ***cret)
{
	return list_with(LIST_DEFINED, lxcpath, names, cret);
}

LXC_EXPORT int list_active_containers(const char *lxcpath, char ***names,
				      struct lxc_container ***cret)
{
	return list_with(LIST_ACTIVE, lxcpath, names, cret);
}

LXC_EXPORT int list_all_containers(const char *lxcpath, char ***names,
				   struct lxc_container ***cret)
{
	return list_with(LIST_DEFINED | LIST_ACTIVE, lxcpath, names, cret);
}
