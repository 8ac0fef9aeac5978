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

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"
#include "ipc/commands.h"
#include "log/log.h"

lxc_log_define(api);

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the subdirectories of lxcpath that hold a "config" file, sorted. */
static int defined_names(const char *lxcpath, char ***ret_names)
{
	__do_closedir DIR *dir = NULL;
	char **names = NULL;
	char path[PATH_MAX];
	struct dirent *de;
	int ret;

	dir = opendir(lxcpath);
	if (!dir) {
		if (errno == ENOENT)
			return 0;
		return -errno;
	}
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ret = snprintf(path, sizeof(path), "%s/%s/config", lxcpath, de->d_name);
		if (ret < 0 || (size_t)ret >= sizeof(path) || !file_exists(path))
			continue;
		if (!dir_exists(path) && strv_append(&names, de->d_name) < 0) {
			strv_free(names);
			return -ENOMEM;
		}
	}
	if (names)
		qsort(names, strv_len(names), sizeof(*names), cmp_names);
	*ret_names = names;
	return 0;
}

/* Running containers: the directories of lxcpath whose container's monitor answers on its
 * command socket (the socket name is a hash of "LXCPATH/NAME", so it cannot be found by name in
 * /proc/net/unix; each candidate is asked for its state instead). */
static int active_names(const char *lxcpath, char ***ret_names)
{
	__do_closedir DIR *dir = NULL;
	char **names = NULL;
	struct dirent *de;

	*ret_names = NULL;
	dir = opendir(lxcpath);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN))
			continue;
		if (cmd_get_state(lxcpath, de->d_name, 0) < 0)
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

typedef int (*lister_t)(const char *lxcpath, char ***ret_names);

static int list_with(lister_t a, lister_t b, const char *lxcpath, char ***names,
		     struct lxc_container ***cret)
{
	char **found = NULL, **more = NULL;
	int ret;

	if (names)
		*names = NULL;
	if (cret)
		*cret = NULL;
	if (!lxcpath || !*lxcpath)
		lxcpath = api_default_lxcpath();
	if (!lxcpath)
		return -1;

	ret = a(lxcpath, &found);
	if (ret == 0 && b)
		ret = b(lxcpath, &more);
	for (size_t i = 0; ret == 0 && more && more[i]; i++)
		if (!strv_contains(found, more[i]))
			ret = strv_append(&found, more[i]);
	strv_free(more);
	if (ret == 0 && found)
		qsort(found, strv_len(found), sizeof(*found), cmp_names);
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
	return list_with(defined_names, NULL, lxcpath, names, cret);
}

LXC_EXPORT int list_active_containers(const char *lxcpath, char ***names,
				      struct lxc_container ***cret)
{
	return list_with(active_names, NULL, lxcpath, names, cret);
}

LXC_EXPORT int list_all_containers(const char *lxcpath, char ***names,
				   struct lxc_container ***cret)
{
	return list_with(defined_names, active_names, lxcpath, names, cret);
}
