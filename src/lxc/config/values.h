/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Value parsers and printers shared by the key families, so that every family reads "0/1",
 * numbers, sizes and signals the same way and words its errors the same way. Each parser
 * returns 0 or -EINVAL after filling diag through conf_invalid(). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "base/str.h"
#include "config/diag.h"

int conf_parse_bool01(const char *key, const char *value, bool *ret, struct conf_diag *d);
int conf_parse_int(const char *key, const char *value, int min, int max, int *ret,
		   struct conf_diag *d);
int conf_parse_uint(const char *key, const char *value, unsigned int max, unsigned int *ret,
		    struct conf_diag *d);
int conf_parse_uint64(const char *key, const char *value, uint64_t *ret, struct conf_diag *d);
/* "4096", "64K", "1MB", ... (binary units). */
int conf_parse_size(const char *key, const char *value, uint64_t *ret, struct conf_diag *d);
/* Signal by number (1..64), name with or without SIG ("SIGPWR", "pwr"), or "SIGRTMIN+N",
 * "RTMAX-N". */
int conf_parse_signal(const char *key, const char *value, int *ret, struct conf_diag *d);
/* Absolute path required (starts with '/'). */
int conf_parse_abspath(const char *key, const char *value, struct conf_diag *d);

/* Replace *field with a copy of value ("" stores NULL). -ENOMEM only. */
int conf_set_str(char **field, const char *value);

/* Printers append to out (nothing for NULL strings). */
int conf_put_str(struct strbuf *out, const char *s);
int conf_put_int(struct strbuf *out, long long v);
int conf_put_uint(struct strbuf *out, unsigned long long v);
int conf_put_bool01(struct strbuf *out, bool v);
/* Every item followed by "\n". */
int conf_put_strv(struct strbuf *out, char *const *v);
/* Canonical signal text as the user may write it: the number, e.g. "30". */
int conf_put_signal(struct strbuf *out, int sig);
