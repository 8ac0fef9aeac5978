/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* String helpers: growable buffer, strict number parsing, string lists, edit distance. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"

static int strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap;
	char *n;

	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	n = realloc(sb->buf, cap);
	if (!n)
		return -ENOMEM;
	sb->buf = n;
	sb->cap = cap;
	return 0;
}

int strbuf_appendn(struct strbuf *sb, const char *s, size_t n)
{
	int ret = strbuf_grow(sb, n);

	if (ret < 0)
		return ret;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_append(struct strbuf *sb, const char *s)
{
	return strbuf_appendn(sb, s, strlen(s));
}

int strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, ret;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -EINVAL;
	ret = strbuf_grow(sb, (size_t)n);
	if (ret < 0)
		return ret;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
	return ret;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *strbuf_take(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : strdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

int strbuf_copy_out(const struct strbuf *sb, char *retv, int inlen)
{
	const char *s = sb->buf ? sb->buf : "";
	size_t len = sb->len;

	if (retv && inlen > 0) {
		size_t n = len < (size_t)inlen - 1 ? len : (size_t)inlen - 1;

		memcpy(retv, s, n);
		retv[n] = '\0';
	}
	return len > INT_MAX ? INT_MAX : (int)len;
}

static int parse_signed(const char *s, long long min, long long max, long long *ret)
{
	char *end = NULL;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	if (errno || !end || *end)
		return -EINVAL;
	*ret = v;
	return 0;
}

static int parse_unsigned(const char *s, unsigned long long max, unsigned long long *ret)
{
	char *end = NULL;
	unsigned long long v;

	if (!s || !*s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE || v > max)
		return -ERANGE;
	if (errno || !end || *end)
		return -EINVAL;
	*ret = v;
	return 0;
}

int str_to_int(const char *s, int *ret)
{
	long long v;
	int r = parse_signed(s, INT_MIN, INT_MAX, &v);

	if (r == 0)
		*ret = (int)v;
	return r;
}

int str_to_int64(const char *s, int64_t *ret)
{
	long long v;
	int r = parse_signed(s, INT64_MIN, INT64_MAX, &v);

	if (r == 0)
		*ret = (int64_t)v;
	return r;
}

int str_to_uint(const char *s, unsigned int *ret)
{
	unsigned long long v;
	int r = parse_unsigned(s, UINT_MAX, &v);

	if (r == 0)
		*ret = (unsigned int)v;
	return r;
}

int str_to_uint64(const char *s, uint64_t *ret)
{
	unsigned long long v;
	int r = parse_unsigned(s, UINT64_MAX, &v);

	if (r == 0)
		*ret = (uint64_t)v;
	return r;
}

int str_to_bool01(const char *s, bool *ret)
{
	if (!s || s[0] == '\0' || s[1] != '\0' || (s[0] != '0' && s[0] != '1'))
		return -EINVAL;
	*ret = s[0] == '1';
	return 0;
}

int str_to_size(const char *s, uint64_t *ret)
{
	static const struct {
		const char *suffix;
		unsigned int shift;
	} units[] = {
		{ "", 0 },    { "B", 0 },   { "K", 10 },  { "KB", 10 }, { "KiB", 10 },
		{ "M", 20 },  { "MB", 20 }, { "MiB", 20 }, { "G", 30 },  { "GB", 30 },
		{ "GiB", 30 }, { "T", 40 },  { "TB", 40 }, { "TiB", 40 },
	};
	char *end = NULL;
	unsigned long long v;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -errno;
	while (*end == ' ')
		end++;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcasecmp(end, units[i].suffix) != 0)
			continue;
		if (units[i].shift && v > (UINT64_MAX >> units[i].shift))
			return -ERANGE;
		*ret = (uint64_t)v << units[i].shift;
		return 0;
	}
	return -EINVAL;
}

char *str_trim(char *s)
{
	size_t len;
	char *start = s;

	if (!s)
		return s;
	while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
		start++;
	if (start != s)
		memmove(s, start, strlen(start) + 1);
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
			   s[len - 1] == '\r'))
		s[--len] = '\0';
	return s;
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

bool str_is_empty(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

size_t str_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row;
	size_t result;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	row = malloc((lb + 1) * sizeof(*row));
	if (!row)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0], best;

		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t del = row[j] + 1, ins = row[j - 1] + 1;

			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > cap) {
			free(row);
			return cap + 1;
		}
	}
	result = row[lb];
	free(row);
	return result > cap ? cap + 1 : result;
}

size_t strv_len(char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

int strv_append_take(char ***v, char *s)
{
	size_t n = strv_len(*v);
	char **nv;

	if (!s)
		return -ENOMEM;
	nv = realloc(*v, (n + 2) * sizeof(char *));
	if (!nv) {
		free(s);
		return -ENOMEM;
	}
	nv[n] = s;
	nv[n + 1] = NULL;
	*v = nv;
	return 0;
}

int strv_append(char ***v, const char *s)
{
	return strv_append_take(v, strdup(s));
}

void strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

bool strv_contains(char *const *v, const char *s)
{
	for (size_t i = 0; v && v[i]; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

int strv_remove(char **v, const char *s)
{
	size_t i, j = 0;
	int count = 0;

	for (i = 0; v && v[i]; i++) {
		if (strcmp(v[i], s) == 0) {
			free(v[i]);
			count++;
			continue;
		}
		v[j++] = v[i];
	}
	if (v)
		v[j] = NULL;
	return count;
}

char **strv_dup(char *const *v)
{
	size_t n = strv_len(v);
	char **nv = calloc(n + 1, sizeof(char *));

	if (!nv)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		nv[i] = strdup(v[i]);
		if (!nv[i]) {
			strv_free(nv);
			return NULL;
		}
	}
	return nv;
}

int strv_split(const char *s, const char *delims, char ***ret)
{
	char **v = NULL;
	const char *p = s;

	if (!(v = calloc(1, sizeof(char *))))
		return -ENOMEM;
	while (p && *p) {
		size_t n = strcspn(p, delims);

		if (n > 0 && strv_append_take(&v, strndup(p, n)) < 0) {
			strv_free(v);
			return -ENOMEM;
		}
		p += n;
		if (*p)
			p++;
	}
	*ret = v;
	return 0;
}

char *strv_join(char *const *v, const char *sep)
{
	struct strbuf sb = {};

	for (size_t i = 0; v && v[i]; i++) {
		if ((i && strbuf_append(&sb, sep) < 0) || strbuf_append(&sb, v[i]) < 0) {
			strbuf_free(&sb);
			return NULL;
		}
	}
	return strbuf_take(&sb);
}
