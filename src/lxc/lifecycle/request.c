/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Start request serialization (caller -> monitor) and status records (monitor -> caller).
 * Layout: magic, u32 flags, i32 status fd, strings name/lxcpath/config_file, u32 argc + argv
 * strings, u32 n_ops + (key, value-or-null) pairs. A string is u32 length (UINT32_MAX: NULL)
 * followed by its bytes. Host byte order: both ends run on this machine. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"
#include "lifecycle/request.h"

#define REQ_MAGIC "LXCSTRT1"
#define REQ_NULL UINT32_MAX

static int put_u32(struct strbuf *sb, uint32_t v)
{
	return strbuf_appendn(sb, (const char *)&v, sizeof(v));
}

static int put_str(struct strbuf *sb, const char *s)
{
	int ret;

	if (!s)
		return put_u32(sb, REQ_NULL);
	ret = put_u32(sb, (uint32_t)strlen(s));
	if (ret < 0)
		return ret;
	return strbuf_appendn(sb, s, strlen(s));
}

static int encode(const struct start_request *req, struct strbuf *sb)
{
	const struct conf_text *t = &req->conf->text;
	size_t argc = strv_len(req->argv);
	int ret = 0;

	ret |= strbuf_appendn(sb, REQ_MAGIC, 8);
	ret |= put_u32(sb, req->flags);
	ret |= put_u32(sb, (uint32_t)req->status_fd);
	ret |= put_str(sb, req->name);
	ret |= put_str(sb, req->lxcpath);
	ret |= put_str(sb, req->config_file);
	ret |= put_str(sb, req->log_file);
	ret |= put_u32(sb, (uint32_t)req->log_level);
	ret |= put_u32(sb, req->argv ? (uint32_t)argc : REQ_NULL);
	for (size_t i = 0; i < argc; i++)
		ret |= put_str(sb, req->argv[i]);
	ret |= put_u32(sb, (uint32_t)t->n_ops);
	for (size_t i = 0; i < t->n_ops; i++) {
		ret |= put_str(sb, t->ops[i].key);
		ret |= put_str(sb, t->ops[i].value);
	}
	return ret < 0 ? -ENOMEM : 0;
}

int start_request_memfd(const struct start_request *req)
{
	__do_close int fd = -EBADF;
	struct strbuf sb = { 0 };
	int ret;

	ret = encode(req, &sb);
	if (ret < 0) {
		strbuf_free(&sb);
		return ret;
	}
	fd = memfd_create("lxc-start-request", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		strbuf_free(&sb);
		return -errno;
	}
	ret = fd_write_all(fd, sb.buf, sb.len);
	strbuf_free(&sb);
	if (ret < 0)
		return ret;
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
		return -errno;
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	return take_fd(fd);
}

struct reader {
	const char *p;
	size_t left;
};

static int get_u32(struct reader *r, uint32_t *ret)
{
	if (r->left < sizeof(*ret))
		return -EBADMSG;
	memcpy(ret, r->p, sizeof(*ret));
	r->p += sizeof(*ret);
	r->left -= sizeof(*ret);
	return 0;
}

/* *ret = malloc'd copy, or NULL for a NULL string. */
static int get_str(struct reader *r, char **ret)
{
	uint32_t len;
	int err = get_u32(r, &len);

	*ret = NULL;
	if (err < 0)
		return err;
	if (len == REQ_NULL)
		return 0;
	if (r->left < len)
		return -EBADMSG;
	*ret = strndup(r->p, len);
	if (!*ret)
		return -ENOMEM;
	r->p += len;
	r->left -= len;
	return 0;
}

static int decode_argv(struct reader *r, struct start_request *req)
{
	uint32_t argc;
	int ret = get_u32(r, &argc);

	if (ret < 0 || argc == REQ_NULL)
		return ret;
	req->argv = calloc((size_t)argc + 1, sizeof(char *));
	if (!req->argv)
		return -ENOMEM;
	for (uint32_t i = 0; i < argc; i++) {
		ret = get_str(r, &req->argv[i]);
		if (ret < 0)
			return ret;
		if (!req->argv[i])
			return -EBADMSG;
	}
	return 0;
}

/* Replay the log: the keys are current names, so a set goes through conf_set_item (which
 * records it again, keeping get_running_config_item and a later replay exact). */
static int decode_conf(struct reader *r, struct start_request *req, char *msg, size_t size)
{
	uint32_t n;
	int ret = get_u32(r, &n);

	if (ret < 0)
		return ret;
	req->conf = conf_new();
	if (!req->conf)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		__do_free char *key = NULL, *value = NULL;
		struct conf_diag diag = {};

		ret = get_str(r, &key);
		if (ret == 0 && !key)
			ret = -EBADMSG;
		if (ret == 0)
			ret = get_str(r, &value);
		if (ret < 0)
			return ret;
		if (value)
			ret = conf_set_item(req->conf, key, value, &diag);
		else
			ret = conf_clear_item(req->conf, key);
		if (ret < 0) {
			snprintf(msg, size, "Failed to apply \"%s\" = \"%s\": %s", key,
				 value ? value : "", diag.msg[0] ? diag.msg : strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int start_request_read(int fd, struct start_request *ret, char *msg, size_t size)
{
	__do_free char *buf = NULL;
	struct reader r;
	uint32_t u = UINT32_MAX;
	size_t len;
	int err;

	memset(ret, 0, sizeof(*ret));
	ret->status_fd = -1;
	snprintf(msg, size, "Malformed start request");
	err = fd_read_all(fd, &buf, &len);
	if (err < 0) {
		snprintf(msg, size, "Failed to read start request: %s", strerror(-err));
		return err;
	}
	r.p = buf;
	r.left = len;
	if (len < 8 || memcmp(buf, REQ_MAGIC, 8) != 0)
		return -EBADMSG;
	r.p += 8;
	r.left -= 8;
	err = get_u32(&r, &ret->flags);
	if (!err)
		err = get_u32(&r, &u);
	ret->status_fd = (int)u;
	if (!err)
		err = get_str(&r, &ret->name);
	if (!err)
		err = get_str(&r, &ret->lxcpath);
	if (!err)
		err = get_str(&r, &ret->config_file);
	if (!err)
		err = get_str(&r, &ret->log_file);
	if (!err)
		err = get_u32(&r, &u);
	ret->log_level = (int)u;
	if (!err && (!ret->name || !ret->lxcpath))
		err = -EBADMSG;
	if (!err)
		err = decode_argv(&r, ret);
	if (!err)
		err = decode_conf(&r, ret, msg, size);
	if (err < 0)
		start_request_free(ret);
	return err;
}

void start_request_free(struct start_request *req)
{
	if (!req)
		return;
	free_disarm(req->name);
	free_disarm(req->lxcpath);
	free_disarm(req->config_file);
	free_disarm(req->log_file);
	strv_free(req->argv);
	req->argv = NULL;
	conf_free(req->conf);
	req->conf = NULL;
}

int start_status_send(int fd, enum start_status_kind kind, int value, const struct lxc_error *e)
{
	struct start_status st = { .kind = kind, .value = value };
	ssize_t n;

	if (fd < 0)
		return 0;
	if (e)
		st.err = *e;
	do
		n = write(fd, &st, sizeof(st));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EPIPE ? 0 : -errno;
	return n == sizeof(st) ? 0 : -EIO;
}

int start_status_recv(int fd, struct start_status *ret)
{
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(*ret)) {
		n = read(fd, (char *)ret + got, sizeof(*ret) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return got ? -EPIPE : 0;
		got += (size_t)n;
	}
	ret->err.step[sizeof(ret->err.step) - 1] = '\0';
	ret->err.message[sizeof(ret->err.message) - 1] = '\0';
	return 1;
}
