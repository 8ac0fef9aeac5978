/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test helpers for the API tests: a temporary lxcpath, removed with the container locks it
 * created under the runtime directory. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"

/* A new lxcpath; for non-root callers the runtime directory (locks) goes inside it too. */
static inline char *tmp_lxcpath(void)
{
	char tmpl[] = "/tmp/lxc-api-test.XXXXXX", run[64];
	char *d = mkdtemp(tmpl);

	if (d && geteuid() != 0) {
		snprintf(run, sizeof(run), "%s/.run", d);
		mkdir(run, 0700);
		setenv("XDG_RUNTIME_DIR", run, 1);
	}
	return d ? strdup(d) : NULL;
}

static inline void rm_rf(const char *path)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system -- '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "Failed to remove \"%s\"\n", path);
}

/* Remove the lxcpath and RUNTIME/lxc/lock/LXCPATH. */
static inline void cleanup_lxcpath(char *lxcpath)
{
	char *lock = NULL;

	if (!lxcpath)
		return;
	if (api_lock_path(lxcpath, "x", &lock) == 0) {
		*strrchr(lock, '/') = '\0';
		rm_rf(lock);
		free(lock);
	}
	rm_rf(lxcpath);
	free(lxcpath);
}

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

/* LXCPATH/NAME/config with text (NULL: only the directory). */
static inline void make_container(const char *lxcpath, const char *name, const char *text)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", lxcpath, name);
	mkdir(path, 0755);
	if (!text)
		return;
	snprintf(path, sizeof(path), "%s/%s/config", lxcpath, name);
	write_file(path, text);
}
