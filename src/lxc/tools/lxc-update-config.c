/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-update-config: rewrite a container configuration from LXC 2.x key names to the current
 * ones, line by line, keeping comments, includes and order. Self-contained (the shared
 * legacy table is header-only) so it needs no hidden library symbols. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/core/legacy_names.h"

static const char *prog = "lxc-update-config";

static const char usage_text[] =
	"Usage: lxc-update-config -c FILE\n"
	"       lxc-update-config -h\n"
	"\n"
	"Rewrite the container configuration FILE from LXC 2.x key names to the current ones.\n"
	"The original is kept as FILE.backup.\n"
	"\n"
	"Options:\n"
	"  -c, --config=FILE  The container configuration to update\n"
	"  -h, --help         Print this help and exit\n";

struct text {
	char *buf;
	size_t len;
	size_t cap;
};

static int text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *p = realloc(t->buf, cap);

		if (!p)
			return -ENOMEM;
		t->buf = p;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return 0;
}

static int read_all(const char *path, struct text *t)
{
	char chunk[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || text_add(t, chunk, (size_t)n) < 0) {
			int err = n < 0 ? -errno : -ENOMEM;

			close(fd);
			return err;
		}
	}
	close(fd);
	return text_add(t, "", 0);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write buf to path through a temporary file in the same directory and a rename. */
static int write_atomic(const char *path, const char *buf, size_t len, mode_t mode)
{
	char *tmp = NULL;
	int fd, ret;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		free(tmp);
		return ret;
	}
	ret = write_all(fd, buf, len);
	if (ret == 0 && fchmod(fd, mode) < 0)
		ret = -errno;
	if (ret == 0 && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && rename(tmp, path) < 0)
		ret = -errno;
	if (ret < 0)
		unlink(tmp);
	free(tmp);
	return ret;
}

/* A "key = value" line split in place: the key's start and length, the value trimmed. */
struct key_line {
	const char *key;
	size_t key_len;
	const char *value;
	size_t value_len;
};

static bool split_line(const char *line, size_t len, struct key_line *kl)
{
	const char *p = line, *end = line + len, *eq;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#')
		return false;
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return false;
	kl->key = p;
	kl->key_len = strcspn(p, " \t=");
	if (kl->key_len == 0 || kl->key_len >= 256)
		return false;
	p = eq + 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	kl->value = p;
	kl->value_len = (size_t)(end - p);
	return true;
}

#define NET_MAX 4096

struct rewrite {
	char backend[64];	/* from lxc.rootfs.backend, "" if none */
	bool used[NET_MAX];	/* network indices written explicitly somewhere in the file */
	int cur_net;		/* index unindexed lxc.network.X lines go to, -1 none */
	unsigned int lineno;
	const char *file;
};

/* Remember an explicit network index (lxc.network.N.* or lxc.net.N.*). */
static void note_index(const char *key, struct rewrite *rw)
{
	const char *idx = NULL;
	int n;

	if (strncmp(key, "lxc.network.", 12) == 0)
		idx = key + 12;
	else if (strncmp(key, "lxc.net.", 8) == 0)
		idx = key + 8;
	if (!idx || idx[0] < '0' || idx[0] > '9')
		return;
	n = atoi(idx);
	if (n < NET_MAX)
		rw->used[n] = true;
}

/* First pass: the storage backend and the highest explicit network index. */
static void scan(const char *buf, struct rewrite *rw)
{
	for (const char *line = buf; *line;) {
		size_t len = strcspn(line, "\n");
		struct key_line kl;
		char key[256];

		if (split_line(line, len, &kl)) {
			snprintf(key, sizeof(key), "%.*s", (int)kl.key_len, kl.key);
			if (strcmp(key, "lxc.rootfs.backend") == 0)
				snprintf(rw->backend, sizeof(rw->backend), "%.*s",
					 (int)kl.value_len, kl.value);
			else
				note_index(key, rw);
		}
		line += len + (line[len] == '\n');
	}
}

/* The new key for one old key, into buf; returns false to drop the line. */
static bool new_key(struct rewrite *rw, const char *key, const struct key_line *kl, char *buf,
		    size_t size)
{
	char sub[256];

	switch (conf_legacy_classify(key, kl->value_len > 0, sub, sizeof(sub))) {
	case CONF_LEGACY_NONE:
		snprintf(buf, size, "%s", key);
		return true;
	case CONF_LEGACY_RENAME:
		snprintf(buf, size, "%s", sub);
		return true;
	case CONF_LEGACY_DROP:
		return false;
	case CONF_LEGACY_NET_NEW:
		/* The first index after the previous one that no explicit line uses, as the
		 * library does when it reads the old file. */
		do
			rw->cur_net++;
		while (rw->cur_net < NET_MAX && rw->used[rw->cur_net]);
		break;
	case CONF_LEGACY_NET_CUR:
		if (rw->cur_net < 0) {
			fprintf(stderr, "%s: %s:%u: \"%s\" comes before any \"lxc.network.type\", "
				"leaving it unchanged\n", prog, rw->file, rw->lineno, key);
			snprintf(buf, size, "%s", key);
			return true;
		}
		break;
	}
	snprintf(buf, size, "lxc.net.%d.%s", rw->cur_net, sub);
	return true;
}

static int rewrite_line(struct rewrite *rw, const char *line, size_t len, struct text *out)
{
	struct key_line kl;
	char key[256], cur[300];
	const char *rest;
	int ret;

	if (!split_line(line, len, &kl))
		return text_add(out, line, len);
	snprintf(key, sizeof(key), "%.*s", (int)kl.key_len, kl.key);
	if (!new_key(rw, key, &kl, cur, sizeof(cur)))
		return 1;	/* dropped */
	rest = kl.key + kl.key_len;
	ret = text_add(out, line, (size_t)(kl.key - line));
	if (ret == 0)
		ret = text_add(out, cur, strlen(cur));
	/* An old rootfs path gets its backend as prefix, as lxc.rootfs.path expects. */
	if (ret == 0 && strcmp(key, "lxc.rootfs") == 0 && strcmp(cur, "lxc.rootfs.path") == 0 &&
	    rw->backend[0] && strcmp(rw->backend, "dir") != 0 &&
	    strncmp(kl.value, rw->backend, strlen(rw->backend)) != 0) {
		ret = text_add(out, rest, (size_t)(kl.value - rest));
		if (ret == 0)
			ret = text_add(out, rw->backend, strlen(rw->backend));
		if (ret == 0)
			ret = text_add(out, ":", 1);
		rest = kl.value;
	}
	if (ret == 0)
		ret = text_add(out, rest, len - (size_t)(rest - line));
	return ret;
}

static int rewrite(const char *file, const char *buf, struct text *out)
{
	struct rewrite rw = { .cur_net = -1, .file = file };

	scan(buf, &rw);
	for (const char *line = buf; *line;) {
		size_t len = strcspn(line, "\n");
		bool nl = line[len] == '\n';
		int ret;

		rw.lineno++;
		ret = rewrite_line(&rw, line, len, out);
		if (ret < 0)
			return ret;
		if (ret == 0 && nl && (ret = text_add(out, "\n", 1)) < 0)
			return ret;
		line += len + nl;
	}
	return text_add(out, "", 0);
}

static int fail(const char *what, const char *path, int err)
{
	fprintf(stderr, "%s: Failed to %s \"%s\": %s\n", prog, what, path, strerror(-err));
	return EXIT_FAILURE;
}

static int update(const char *path)
{
	struct text in = {}, out = {};
	char *backup = NULL;
	struct stat st;
	int ret;

	if (stat(path, &st) < 0)
		return fail("read", path, -errno);
	if (!S_ISREG(st.st_mode))
		return fail("read", path, -EINVAL);
	ret = read_all(path, &in);
	if (ret < 0)
		return fail("read", path, ret);
	if (strlen(in.buf) != in.len) {
		fprintf(stderr, "%s: Failed to read \"%s\": the file contains a NUL byte\n", prog,
			path);
		ret = -EINVAL;
		goto out;
	}
	ret = rewrite(path, in.buf, &out);
	if (ret < 0) {
		fail("update", path, ret);
		goto out;
	}
	if (asprintf(&backup, "%s.backup", path) < 0) {
		backup = NULL;
		ret = fail("update", path, -ENOMEM);
		goto out;
	}
	ret = write_atomic(backup, in.buf, in.len, st.st_mode & 07777);
	if (ret < 0) {
		fail("write", backup, ret);
		goto out;
	}
	ret = write_atomic(path, out.buf, out.len, st.st_mode & 07777);
	if (ret < 0)
		fail("write", path, ret);
out:
	free(backup);
	free(in.buf);
	free(out.buf);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	int opt;

	if (argc == 1) {
		fputs(usage_text, stdout);
		return EXIT_SUCCESS;
	}
	while ((opt = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_SUCCESS;
		default:
			fputs(usage_text, stderr);
			return EXIT_FAILURE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: Unexpected argument \"%s\"\n", prog, argv[optind]);
		return EXIT_FAILURE;
	}
	if (!config) {
		fprintf(stderr, "%s: Missing the configuration file, use -c FILE\n", prog);
		return EXIT_FAILURE;
	}
	return update(config);
}
