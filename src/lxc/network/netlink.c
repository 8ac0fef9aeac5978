/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rtnetlink transport: message builder with nests, attribute parser, NETLINK_ROUTE socket
 * with sequence numbers, ACK/extended-ack handling and dumps. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "network/netlink.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

int netlink_err_set(struct netlink_err *e, int err, const char *msg)
{
	if (e) {
		e->err = err;
		snprintf(e->msg, sizeof(e->msg), "%s", msg ? msg : "");
	}
	return err;
}

/* ---- builder ---- */

static int nlmsg_reserve(struct nl_msg *m, size_t n)
{
	if (m->error)
		return m->error;
	if (m->len + n > m->cap) {
		size_t cap = m->cap ? m->cap : 256;
		char *p;

		while (cap < m->len + n)
			cap *= 2;
		p = realloc(m->buf, cap);
		if (!p)
			return m->error = -ENOMEM;
		memset(p + m->cap, 0, cap - m->cap);
		m->buf = p;
		m->cap = cap;
	}
	return 0;
}

int nlmsg_init(struct nl_msg *m, uint16_t type, uint16_t flags, const void *hdr, size_t hdrlen)
{
	struct nlmsghdr *h;
	size_t len = NLMSG_SPACE(hdrlen);

	memset(m, 0, sizeof(*m));
	if (nlmsg_reserve(m, len) < 0)
		return m->error;
	h = (struct nlmsghdr *)m->buf;
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	if (hdrlen)
		memcpy(m->buf + NLMSG_HDRLEN, hdr, hdrlen);
	m->len = len;
	h->nlmsg_len = len;
	return 0;
}

void nlmsg_free(struct nl_msg *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

void *nlmsg_family_hdr(struct nl_msg *m)
{
	return m->buf + NLMSG_HDRLEN;
}

int nlmsg_append(struct nl_msg *m, const void *data, size_t len)
{
	size_t total = NLMSG_ALIGN(len);

	if (nlmsg_reserve(m, total) < 0)
		return m->error;
	memcpy(m->buf + m->len, data, len);
	memset(m->buf + m->len + len, 0, total - len);
	m->len += total;
	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
	return 0;
}

int nla_put(struct nl_msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a;
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (NLA_HDRLEN + len > UINT16_MAX)
		return m->error = m->error ? m->error : -E2BIG;
	if (nlmsg_reserve(m, total) < 0)
		return m->error;
	a = (struct nlattr *)(m->buf + m->len);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, total - NLA_HDRLEN - len);
	m->len += total;
	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
	return 0;
}

int nla_put_u8(struct nl_msg *m, uint16_t type, uint8_t v)
{
	return nla_put(m, type, &v, sizeof(v));
}

int nla_put_u16(struct nl_msg *m, uint16_t type, uint16_t v)
{
	return nla_put(m, type, &v, sizeof(v));
}

int nla_put_u32(struct nl_msg *m, uint16_t type, uint32_t v)
{
	return nla_put(m, type, &v, sizeof(v));
}

int nla_put_s32(struct nl_msg *m, uint16_t type, int32_t v)
{
	return nla_put(m, type, &v, sizeof(v));
}

int nla_put_string(struct nl_msg *m, uint16_t type, const char *s)
{
	return nla_put(m, type, s, strlen(s) + 1);
}

int nla_put_flag(struct nl_msg *m, uint16_t type)
{
	return nla_put(m, type, NULL, 0);
}

int nla_nest_start(struct nl_msg *m, uint16_t type)
{
	size_t off = m->len;

	if (m->error)
		return m->error;
	if (m->depth >= NETLINK_NEST_MAX)
		return m->error = -E2BIG;
	if (nla_put(m, type, NULL, 0) < 0)
		return m->error;
	m->nest[m->depth++] = off;
	return 0;
}

int nla_nest_end(struct nl_msg *m)
{
	struct nlattr *a;

	if (m->error)
		return m->error;
	if (m->depth == 0)
		return m->error = -EINVAL;
	a = (struct nlattr *)(m->buf + m->nest[--m->depth]);
	if (m->len - m->nest[m->depth] > UINT16_MAX)
		return m->error = -E2BIG;
	a->nla_len = m->len - m->nest[m->depth];
	return 0;
}

/* ---- parser ---- */

int nla_parse(const struct nlattr *tb[], int max, const void *data, size_t len)
{
	const char *p = data;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		int type = a->nla_type & NLA_TYPE_MASK;
		size_t step;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return -EINVAL;
		if (type <= max)
			tb[type] = a;
		step = NLA_ALIGN(a->nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

int nla_parse_msg(const struct nlattr *tb[], int max, const struct nlmsghdr *h, size_t hdrlen)
{
	size_t off = NLMSG_SPACE(hdrlen);

	if (h->nlmsg_len < off)
		return -EINVAL;
	return nla_parse(tb, max, (const char *)h + off, h->nlmsg_len - off);
}

uint8_t nla_get_u8(const struct nlattr *a)
{
	return nla_len_of(a) >= 1 ? *(const uint8_t *)nla_data_of(a) : 0;
}

uint16_t nla_get_u16(const struct nlattr *a)
{
	uint16_t v = 0;

	if (nla_len_of(a) >= sizeof(v))
		memcpy(&v, nla_data_of(a), sizeof(v));
	return v;
}

uint32_t nla_get_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (nla_len_of(a) >= sizeof(v))
		memcpy(&v, nla_data_of(a), sizeof(v));
	return v;
}

uint64_t nla_get_u64(const struct nlattr *a)
{
	uint64_t v = 0;

	if (nla_len_of(a) >= sizeof(v))
		memcpy(&v, nla_data_of(a), sizeof(v));
	return v;
}

const char *nla_get_string(const struct nlattr *a)
{
	size_t n = nla_len_of(a);
	const char *s = nla_data_of(a);

	if (n == 0 || !memchr(s, '\0', n))
		return NULL;
	return s;
}

int netlink_parse_error(const struct nlmsghdr *h, struct netlink_err *e)
{
	const struct nlmsgerr *err;
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *msg = NULL;
	size_t off;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
		return netlink_err_set(e, -EBADMSG, "truncated netlink error message");
	err = NLMSG_DATA(h);
	if (err->error == 0)
		return 0;
	if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* The TLVs follow the echoed request: only its header when capped. */
		off = NLMSG_HDRLEN + sizeof(*err);
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += err->msg.nlmsg_len - NLMSG_HDRLEN;
		off = NLMSG_ALIGN(off);
		if (off < h->nlmsg_len &&
		    nla_parse(tb, NLMSGERR_ATTR_MAX, (const char *)h + off, h->nlmsg_len - off) ==
			    0 &&
		    tb[NLMSGERR_ATTR_MSG])
			msg = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
	}
	return netlink_err_set(e, err->error < 0 ? err->error : -err->error, msg);
}

/* ---- socket ---- */

int netlink_open(struct netlink_sock *ret)
{
	__do_close int fd = -EBADF;
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
	socklen_t salen = sizeof(sa);
	int one = 1, bufsz = 1 << 20;

	ret->fd = -EBADF;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	/* Both are optional: older kernels simply send no message. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	if (getsockname(fd, (struct sockaddr *)&sa, &salen) < 0)
		return -errno;
	ret->portid = sa.nl_pid;
	ret->seq = 0;
	ret->fd = take_fd(fd);
	return 0;
}

int netns_enter(int target_fd, int *ret_orig_fd)
{
	__do_close int orig = -EBADF;

	orig = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (orig < 0)
		return -errno;
	if (setns(target_fd, CLONE_NEWNET) < 0)
		return -errno;
	*ret_orig_fd = take_fd(orig);
	return 0;
}

int netns_leave(int orig_fd)
{
	int ret = 0;

	if (setns(orig_fd, CLONE_NEWNET) < 0)
		ret = -errno;
	close(orig_fd);
	return ret;
}

int netlink_open_in_netns(int netns_fd, struct netlink_sock *ret)
{
	int orig, r, r2;

	if (netns_fd < 0)
		return netlink_open(ret);
	r = netns_enter(netns_fd, &orig);
	if (r < 0) {
		ret->fd = -EBADF;
		return r;
	}
	r = netlink_open(ret);
	r2 = netns_leave(orig);
	if (r2 < 0) {
		/* Stuck in the wrong namespace: nothing sane left to do but report it. */
		netlink_close(ret);
		return r2;
	}
	return r;
}

void netlink_close(struct netlink_sock *s)
{
	if (s && s->fd >= 0) {
		close(s->fd);
		s->fd = -EBADF;
	}
}

static int netlink_send(struct netlink_sock *s, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr_of(m);
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
	ssize_t n;

	if (m->error)
		return m->error;
	if (m->depth)
		return -EINVAL;
	h->nlmsg_seq = ++s->seq;
	h->nlmsg_pid = s->portid;
	do {
		n = sendto(s->fd, m->buf, m->len, 0, (struct sockaddr *)&sa, sizeof(sa));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != m->len)
		return -EIO;
	return 0;
}

/* Receive replies for seq; cb (may be NULL) gets data messages. Stops at ACK/error/DONE. */
static int netlink_recv(struct netlink_sock *s, uint32_t seq, netlink_dump_cb cb, void *data,
			struct netlink_err *e)
{
	__do_free char *buf = NULL;
	size_t bufsz = 65536;
	int result = 0;

	buf = malloc(bufsz);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t got;
		int n;
		struct nlmsghdr *h;

		/* Size the buffer to the next datagram first: a dump part may exceed 64K. */
		do {
			got = recv(s->fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		} while (got < 0 && errno == EINTR);
		if (got > 0 && (size_t)got > bufsz) {
			char *p = realloc(buf, (size_t)got);

			if (!p)
				return netlink_err_set(e, -ENOMEM, NULL);
			buf = p;
			bufsz = (size_t)got;
		}
		do {
			got = recv(s->fd, buf, bufsz, 0);
		} while (got < 0 && errno == EINTR);
		if (got < 0)
			return netlink_err_set(e, -errno, NULL);
		if (got == 0)
			return netlink_err_set(e, -ECONNRESET, NULL);
		n = (int)got;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq || h->nlmsg_pid != s->portid)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int r = netlink_parse_error(h, e);

				return result < 0 ? result : r;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				if (result < 0)
					return result;
				/* A dump's error is in the DONE payload. */
				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
					int err = *(int *)NLMSG_DATA(h);

					if (err < 0)
						return netlink_err_set(e, err, NULL);
				}
				return 0;
			}
			if (h->nlmsg_flags & NLM_F_DUMP_INTR)
				result = netlink_err_set(e, -EAGAIN, "dump interrupted");
			if (cb && result == 0) {
				int r = cb(h, data);

				if (r < 0)
					result = netlink_err_set(e, r, NULL);
			}
		}
	}
}

int netlink_request(struct netlink_sock *s, struct nl_msg *m, struct netlink_err *e)
{
	int r;

	if (!m->error)
		nlmsg_hdr_of(m)->nlmsg_flags |= NLM_F_ACK;
	r = netlink_send(s, m);
	if (r < 0)
		return netlink_err_set(e, r, NULL);
	return netlink_recv(s, s->seq, NULL, NULL, e);
}

int netlink_get(struct netlink_sock *s, struct nl_msg *m, netlink_dump_cb cb, void *data,
		struct netlink_err *e)
{
	int r;

	if (!m->error)
		nlmsg_hdr_of(m)->nlmsg_flags |= NLM_F_ACK;
	r = netlink_send(s, m);
	if (r < 0)
		return netlink_err_set(e, r, NULL);
	return netlink_recv(s, s->seq, cb, data, e);
}

int netlink_dump(struct netlink_sock *s, struct nl_msg *m, netlink_dump_cb cb, void *data,
		 struct netlink_err *e)
{
	int r;

	if (!m->error)
		nlmsg_hdr_of(m)->nlmsg_flags |= NLM_F_DUMP;
	r = netlink_send(s, m);
	if (r < 0)
		return netlink_err_set(e, r, NULL);
	return netlink_recv(s, s->seq, cb, data, e);
}
