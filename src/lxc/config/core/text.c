/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The unexpanded text (ordered lines) and the replay log: small growable arrays of owned
 * strings. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/core/text.h"

void conf_text_init(struct conf_text *t)
{
	memset(t, 0, sizeof(*t));
	t->legacy_net = -1;
}

void conf_text_free(struct conf_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_lines; i++) {
		free(t->lines[i].key);
		free(t->lines[i].text);
	}
	for (size_t i = 0; i < t->n_ops; i++) {
		free(t->ops[i].key);
		free(t->ops[i].value);
	}
	free(t->lines);
	free(t->ops);
	conf_text_init(t);
}

/* Make room for one more element of size elem in *arr. */
static int grow(void **arr, size_t n, size_t *cap, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Duplicate a and b (either may be NULL) into *ra and *rb, both or neither. */
static int dup_pair(const char *a, const char *b, char **ra, char **rb)
{
	__do_free char *ca = NULL, *cb = NULL;

	if (a && !(ca = strdup(a)))
		return -ENOMEM;
	if (b && !(cb = strdup(b)))
		return -ENOMEM;
	*ra = take_ptr(ca);
	*rb = take_ptr(cb);
	return 0;
}

static int add_line(struct conf_text *t, const char *key, const char *text)
{
	struct conf_line *l;
	int ret;

	ret = grow((void **)&t->lines, t->n_lines, &t->cap_lines, sizeof(*t->lines));
	if (ret < 0)
		return ret;
	l = &t->lines[t->n_lines];
	ret = dup_pair(key, text ? text : "", &l->key, &l->text);
	if (ret < 0)
		return ret;
	t->n_lines++;
	return 0;
}

int conf_text_add_raw(struct conf_text *t, const char *raw)
{
	return add_line(t, NULL, raw);
}

int conf_text_add_key(struct conf_text *t, const char *key, const char *value)
{
	return add_line(t, key, value);
}

static bool key_matches(const char *line_key, const char *key, size_t len, int subtree)
{
	if (strncmp(line_key, key, len) != 0)
		return false;
	return line_key[len] == '\0' || (subtree && line_key[len] == '.');
}

void conf_text_remove_if(struct conf_text *t, bool (*drop)(const char *line_key, const void *arg),
			 const void *arg)
{
	size_t j = 0;

	for (size_t i = 0; i < t->n_lines; i++) {
		struct conf_line *l = &t->lines[i];

		if (l->key && drop(l->key, arg)) {
			free(l->key);
			free(l->text);
			continue;
		}
		t->lines[j++] = *l;
	}
	t->n_lines = j;
}

struct match_arg {
	const char *key;
	size_t len;
	int subtree;
};

static bool match_key(const char *line_key, const void *arg)
{
	const struct match_arg *m = arg;

	return key_matches(line_key, m->key, m->len, m->subtree);
}

void conf_text_remove_key(struct conf_text *t, const char *key, int subtree)
{
	struct match_arg m = { key, strlen(key), subtree };

	conf_text_remove_if(t, match_key, &m);
}

int conf_text_log(struct conf_text *t, const char *key, const char *value)
{
	struct conf_op *op;
	int ret;

	ret = grow((void **)&t->ops, t->n_ops, &t->cap_ops, sizeof(*t->ops));
	if (ret < 0)
		return ret;
	op = &t->ops[t->n_ops];
	ret = dup_pair(key, value, &op->key, &op->value);
	if (ret < 0)
		return ret;
	t->n_ops++;
	return 0;
}

int conf_text_copy(struct conf_text *dst, const struct conf_text *src)
{
	int ret;

	for (size_t i = 0; i < src->n_lines; i++) {
		ret = add_line(dst, src->lines[i].key, src->lines[i].text);
		if (ret < 0)
			return ret;
	}
	for (size_t i = 0; i < src->n_ops; i++) {
		ret = conf_text_log(dst, src->ops[i].key, src->ops[i].value);
		if (ret < 0)
			return ret;
	}
	dst->legacy_net = src->legacy_net;
	return 0;
}
