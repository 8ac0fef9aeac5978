/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Strings: a growable buffer, safe number parsing, NULL-terminated string lists, small text
 * helpers. Functions return >= 0 on success and -errno on failure. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Growable, always NUL-terminated buffer. A zeroed struct is an empty buffer. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

int strbuf_append(struct strbuf *sb, const char *s);
int strbuf_appendn(struct strbuf *sb, const char *s, size_t n);
int strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
/* Hand the buffer to the caller (never NULL unless out of memory); the strbuf is emptied. */
char *strbuf_take(struct strbuf *sb);
/* snprintf-style copy out: copies what fits into retv (NUL-terminated when inlen > 0) and
 * returns the full length. */
int strbuf_copy_out(const struct strbuf *sb, char *retv, int inlen);

/* Whole-string number parsing; leading/trailing blanks are not allowed. */
int str_to_int(const char *s, int *ret);
int str_to_uint(const char *s, unsigned int *ret);
int str_to_int64(const char *s, int64_t *ret);
int str_to_uint64(const char *s, uint64_t *ret);
int str_to_bool01(const char *s, bool *ret);	/* "0" or "1" */
/* Sizes such as "4096", "64K", "10MB", "1G" (binary units); "0" allowed. */
int str_to_size(const char *s, uint64_t *ret);

/* In-place trimming of blanks (space, tab, newline); returns its argument. */
char *str_trim(char *s);
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
bool str_is_empty(const char *s);	/* NULL or only blanks */
/* Levenshtein distance, capped at cap+1 for speed. */
size_t str_distance(const char *a, const char *b, size_t cap);

/* NULL-terminated lists of malloc'd strings. */
size_t strv_len(char *const *v);
int strv_append(char ***v, const char *s);	/* copies s */
int strv_append_take(char ***v, char *s);	/* takes ownership of s */
void strv_free(char **v);
bool strv_contains(char *const *v, const char *s);
int strv_remove(char **v, const char *s);	/* removes every copy; returns count */
char **strv_dup(char *const *v);
/* Split on any character of delims, dropping empty fields. */
int strv_split(const char *s, const char *delims, char ***ret);
char *strv_join(char *const *v, const char *sep);
