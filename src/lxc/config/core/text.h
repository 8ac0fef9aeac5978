/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The unexpanded configuration (what save_config writes: key lines with current key names,
 * comments and blank lines verbatim, includes kept as lines) and the replay log of every
 * operation applied to the typed model, which conf_clone() replays into a fresh conf. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* One line of the unexpanded text: key == NULL means a raw line (comment or blank) kept as
 * text; otherwise the line is written back as "key = text". */
struct conf_line {
	char *key;
	char *text;
};

/* One applied operation: value != NULL is a set, value == NULL a clear. */
struct conf_op {
	char *key;
	char *value;
};

struct conf_text {
	struct conf_line *lines;
	size_t n_lines;
	size_t cap_lines;
	struct conf_op *ops;
	size_t n_ops;
	size_t cap_ops;
	/* Index of the network that unindexed legacy "lxc.network.*" lines apply to, -1 if
	 * no "lxc.network.type" has been seen yet. */
	int legacy_net;
};

void conf_text_init(struct conf_text *t);
void conf_text_free(struct conf_text *t);	/* accepts zeroed and half-built objects */
/* Deep copy of the lines and the log (dst must be freshly initialised). -ENOMEM only. */
int conf_text_copy(struct conf_text *dst, const struct conf_text *src);

/* Append a raw line (comment/blank) or a key line. -ENOMEM only. */
int conf_text_add_raw(struct conf_text *t, const char *raw);
int conf_text_add_key(struct conf_text *t, const char *key, const char *value);
/* Drop the key lines whose key equals key, and with subtree also those under key + ".". */
void conf_text_remove_key(struct conf_text *t, const char *key, int subtree);
/* Drop the key lines for which drop(line_key, arg) is true. */
void conf_text_remove_if(struct conf_text *t, bool (*drop)(const char *line_key, const void *arg),
			 const void *arg);
/* Record an applied set (value != NULL) or clear (value == NULL). -ENOMEM only. */
int conf_text_log(struct conf_text *t, const char *key, const char *value);
