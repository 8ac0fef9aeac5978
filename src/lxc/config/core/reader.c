/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The config file reader: "key = value" lines (quoted values unquoted, non-"lxc." keys skipped
 * as LXC does), comments, blank lines, lxc.include of files and directories (sorted *.conf)
 * with loop and depth checks. Loads are all or nothing: read into a clone, swap on success. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"
#include "config/core/internal.h"
#include "log/log.h"

lxc_log_define(conf_reader);

#define INCLUDE_DEPTH_MAX 16
#define TOO_DEEP "includes nested too deeply (more than 16 levels)"

/* A file by identity: the same file reached through symlinks, bind mounts or "../" is equal. */
struct file_id {
	dev_t dev;
	ino_t ino;
};

struct reader {
	struct lxc_conf *conf;
	struct conf_diag *diag;
	struct file_id stack[INCLUDE_DEPTH_MAX + 1];	/* the files being read */
	int depth;
};

static int read_path(struct reader *r, const char *path);

/* Put file:line on a failure that does not name a file yet (first failure wins). */
static int locate(struct conf_diag *d, int err, const char *file, unsigned int line)
{
	if (d && !d->file[0]) {
		snprintf(d->file, sizeof(d->file), "%s", file);
		d->line = line;
	}
	return err;
}

/* A line whose key does not start with "lxc." is not an LXC setting: LXC skips it (and keeps
 * it in the unexpanded text). A near miss of a valid key ("lcx.net.0.link") is a typo and
 * goes on to fail as an unknown key with its suggestion, and "= value" (no key) stays a
 * malformed line. Returns 1 when the line is skipped. */
static int skip_foreign(struct reader *r, char *line, const char *first, const char *file,
			unsigned int lineno, bool top)
{
	char key[CONF_KEY_MAX], hint[CONF_KEY_MAX];
	size_t len = strcspn(first, "=");
	int ret;

	if (str_starts_with(first, "lxc."))
		return 0;
	while (len > 0 && strchr(" \t\r\f\v", first[len - 1]))
		len--;
	snprintf(key, sizeof(key), "%.*s", (int)len, first);
	if (!key[0] || conf_key_suggest(key, hint, sizeof(hint)) == 0)
		return 0;
	WARN("Ignoring \"%s\" at %s:%u: not an LXC key", key, file, lineno);
	ret = top ? conf_text_add_raw(&r->conf->text, line) : 0;
	return ret < 0 ? ret : 1;
}

/* A value enclosed in a matching pair of single or double quotes loses them, as in LXC:
 * a copy into *ret_unquoted (NULL when the value is not quoted). -ENOMEM only. */
static int unquote(const char *value, char **ret_unquoted)
{
	size_t len = strlen(value);

	*ret_unquoted = NULL;
	if (len < 2 || (value[0] != '"' && value[0] != '\'') || value[len - 1] != value[0])
		return 0;
	*ret_unquoted = strndup(value + 1, len - 2);
	return *ret_unquoted ? 0 : -ENOMEM;
}

static int read_include(struct reader *r, const char *value, const char *text, bool top)
{
	int ret;

	if (value[0] == '\0')
		return conf_invalid(r->diag, CONF_INCLUDE_KEY, text, "a file or directory path");
	ret = read_path(r, value);
	if (ret == 0 && top)
		ret = conf_text_add_key(&r->conf->text, CONF_INCLUDE_KEY, text);
	return ret;
}

static int read_line(struct reader *r, char *line, const char *file, unsigned int lineno,
		     bool top)
{
	const char *first = line + strspn(line, " \t\r\f\v");
	__do_free char *unquoted = NULL;
	char *trimmed, *eq, *key, *value;
	int ret;

	if (*first == '\0' || *first == '#')
		return top ? conf_text_add_raw(&r->conf->text, line) : 0;
	ret = skip_foreign(r, line, first, file, lineno, top);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	trimmed = str_trim(line);
	eq = strchr(trimmed, '=');
	if (!eq || eq == trimmed)
		return conf_diag_set(r->diag, -EINVAL, NULL,
				     "Invalid line \"%s\": expected \"key = value\"", trimmed);
	*eq = '\0';
	key = str_trim(trimmed);
	value = str_trim(eq + 1);
	if (key[0] == '\0')
		return conf_diag_set(r->diag, -EINVAL, NULL,
				     "Invalid line \"=%s\": expected \"key = value\"", value);
	ret = unquote(value, &unquoted);
	if (ret < 0)
		return ret;
	/* The unexpanded text keeps the value as written, quotes included. */
	if (strcmp(key, CONF_INCLUDE_KEY) == 0)
		return read_include(r, unquoted ? unquoted : value, value, top);
	return conf_set_line(r->conf, key, unquoted ? unquoted : value, value, file, top,
			     r->diag);
}

/* Read text (modified in place) named file; top: its lines become the unexpanded text. */
static int read_text(struct reader *r, char *text, const char *file, bool top)
{
	unsigned int lineno = 0;
	char *p = text;

	while (*p) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int ret;

		lineno++;
		if (nl)
			*nl = '\0';
		if (len && p[len - 1] == '\r')
			p[len - 1] = '\0';
		ret = read_line(r, p, file, lineno, top);
		if (ret < 0) {
			if (r->diag && !r->diag->err)
				conf_diag_set(r->diag, ret, NULL, "Failed to read line: %s",
					      strerror(-ret));
			return locate(r->diag, ret, file, lineno);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

static int include_fail(struct reader *r, int err, const char *path, const char *why)
{
	return conf_diag_set(r->diag, err, CONF_INCLUDE_KEY, "Failed to include \"%s\": %s",
			     path, why);
}

static int read_file(struct reader *r, const char *path, bool top)
{
	__do_free char *text = NULL;
	__do_close int fd = -EBADF;
	struct stat st;
	size_t len;
	int ret;

	/* Loops are found by the identity of the open file (no path resolution, no readlink per
	 * component). O_NONBLOCK: a FIFO given by mistake fails below instead of blocking here. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return conf_diag_set(r->diag, -EINVAL, NULL,
				     "Failed to read \"%s\": not a regular file", path);
	for (int i = 0; i < r->depth; i++)
		if (r->stack[i].dev == st.st_dev && r->stack[i].ino == st.st_ino)
			return include_fail(r, -ELOOP, path, "it includes itself (include loop)");
	if (r->depth > INCLUDE_DEPTH_MAX)
		return include_fail(r, -ELOOP, path, TOO_DEEP);
	ret = fd_read_all(fd, &text, &len);
	if (ret < 0)
		return ret;
	if (strlen(text) != len)
		return conf_diag_set(r->diag, -EINVAL, NULL, "Failed to read \"%s\": "
				     "the file contains a NUL byte", path);
	r->stack[r->depth++] = (struct file_id){ .dev = st.st_dev, .ino = st.st_ino };
	ret = read_text(r, text, path, top);
	r->depth--;
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular "*.conf" file of dir, in sorted order. */
static int read_dir(struct reader *r, const char *dir)
{
	__do_closedir DIR *d = opendir(dir);
	char **names = NULL;
	struct dirent *de;
	int ret = 0;

	if (!d)
		return include_fail(r, -errno, dir, strerror(errno));
	while ((de = readdir(d))) {
		__do_free char *path = NULL;
		struct stat st;

		if (!str_ends_with(de->d_name, ".conf") || de->d_name[0] == '.')
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) {
			path = NULL;
			ret = -ENOMEM;
			break;
		}
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		ret = strv_append(&names, de->d_name);
		if (ret < 0)
			break;
	}
	if (ret == 0 && names)
		qsort(names, strv_len(names), sizeof(*names), cmp_str);
	for (size_t i = 0; ret == 0 && names && names[i]; i++) {
		__do_free char *path = NULL;

		if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
			path = NULL;
			ret = -ENOMEM;
			break;
		}
		ret = read_path(r, path);
	}
	strv_free(names);
	return ret;
}

/* An lxc.include target: a file, or a directory of *.conf files. */
static int read_path(struct reader *r, const char *path)
{
	struct stat st;
	int ret;

	if (stat(path, &st) < 0)
		return include_fail(r, -errno, path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		if (r->depth > INCLUDE_DEPTH_MAX)
			return include_fail(r, -ELOOP, path, TOO_DEEP);
		return read_dir(r, path);
	}
	if (!S_ISREG(st.st_mode))
		return include_fail(r, -EINVAL, path, "not a regular file or directory");
	ret = read_file(r, path, false);
	if (ret < 0)
		return include_fail(r, ret, path, strerror(-ret));
	return 0;
}

int conf_include(struct lxc_conf *conf, const char *path, struct conf_diag *diag)
{
	struct reader r = { .conf = conf, .diag = diag };

	return read_path(&r, path);
}

/* Run load(tmp) on a clone of conf and swap it in on success. */
static int load_atomic(struct lxc_conf *conf, struct conf_diag *diag,
		       int (*load)(struct reader *r, const void *arg, const char *name),
		       const void *arg, const char *name)
{
	__do(conf) struct lxc_conf *tmp = NULL;
	struct reader r = { .diag = diag };
	struct lxc_conf swap;
	int ret;

	if (!conf)
		return conf_diag_set(diag, -EINVAL, NULL, "Missing configuration");
	tmp = conf_clone(conf);
	if (!tmp)
		return conf_diag_set(diag, -ENOMEM, NULL, "Failed to copy the configuration");
	r.conf = tmp;
	ret = load(&r, arg, name);
	if (ret < 0)
		return ret;
	swap = *conf;
	*conf = *tmp;
	*tmp = swap;
	return 0;
}

static int load_file(struct reader *r, const void *arg, const char *name)
{
	int ret = read_file(r, name, true);

	if (ret < 0 && r->diag && !r->diag->err) {
		conf_diag_set(r->diag, ret, NULL, "Failed to read \"%s\": %s", name,
			      strerror(-ret));
		locate(r->diag, ret, name, 0);
	}
	return ret;
}

static int load_string(struct reader *r, const void *arg, const char *name)
{
	__do_free char *text = strdup(arg);

	if (!text)
		return conf_diag_set(r->diag, -ENOMEM, NULL, "Out of memory");
	return read_text(r, text, name, true);
}

int conf_load_file(struct lxc_conf *conf, const char *path, struct conf_diag *diag)
{
	if (!path)
		return conf_diag_set(diag, -EINVAL, NULL, "Missing configuration file name");
	return load_atomic(conf, diag, load_file, NULL, path);
}

int conf_load_string(struct lxc_conf *conf, const char *text, const char *name,
		     struct conf_diag *diag)
{
	if (!text)
		return conf_diag_set(diag, -EINVAL, NULL, "Missing configuration text");
	return load_atomic(conf, diag, load_string, text, name ? name : "");
}
