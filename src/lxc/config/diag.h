/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Configuration diagnostics: filled only on failure, naming file:line, key, value, what was
 * expected and, for unknown keys, the closest valid key. The API copies it into error_string. */
#pragma once

#include <limits.h>

struct conf_diag {
	int err;		/* -errno of the failure, 0 if none */
	char file[PATH_MAX];	/* config file, empty when set through the API */
	unsigned int line;	/* 1-based line in file, 0 if none */
	char key[256];		/* the key as written */
	char msg[1024];		/* what is wrong, without file:line */
	char hint[256];		/* closest valid key, or empty */
};

/* Record a failure (first one wins) and return err (a -errno). */
int conf_diag_set(struct conf_diag *d, int err, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Report a bad value: msg becomes 'Invalid value "VALUE" for "KEY": EXPECTED'. Returns
 * -EINVAL. Key handlers use this for every rejected value. */
int conf_invalid(struct conf_diag *d, const char *key, const char *value, const char *expected);

/* One-line message: 'FILE:LINE: MSG (did you mean "HINT"?)'; file and hint only when set. */
void conf_diag_format(const struct conf_diag *d, char *buf, size_t size);
