/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Monitor <-> init sync socket: one "continue" message down, at most one error record up. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lifecycle/sync.h"

#define SYNC_CONTINUE 0x434f4e54U /* "CONT" */
#define SYNC_READY 0x52454459U /* "REDY" */

struct sync_msg {
	uint32_t type;
	struct lxc_error err;
};

int sync_pair(int ret[2])
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ret) < 0)
		return -errno;
	return 0;
}

static int send_word(int fd, uint32_t v)
{
	ssize_t n;

	do
		n = send(fd, &v, sizeof(v), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return 0;
}

int sync_send_continue(int fd)
{
	return send_word(fd, SYNC_CONTINUE);
}

int sync_send_ready(int fd)
{
	return send_word(fd, SYNC_READY);
}

int sync_wait_continue(int fd)
{
	uint32_t v = 0;
	ssize_t n;

	do
		n = recv(fd, &v, sizeof(v), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n != sizeof(v) || v != SYNC_CONTINUE)
		return -EPIPE;
	return 0;
}

void sync_send_error(int fd, const struct lxc_error *e)
{
	struct sync_msg m = { .type = 1 };
	ssize_t n;

	m.err = *e;
	if (!m.err.err)
		m.err.err = EIO;
	do
		n = send(fd, &m, sizeof(m), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
}

/* One message: 1 for the word WORD (0: none expected), 0 on EOF, -EIO with *ret filled for an error record. */
static int recv_msg(int fd, uint32_t word, struct lxc_error *ret)
{
	struct sync_msg m;
	ssize_t n;

	do
		n = recv(fd, &m, sizeof(m), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	if (word && (size_t)n == sizeof(uint32_t) && m.type == word)
		return 1;
	memset(ret, 0, sizeof(*ret));
	if ((size_t)n != sizeof(m)) {
		ret->err = EPROTO;
		snprintf(ret->step, sizeof(ret->step), "sync");
		snprintf(ret->message, sizeof(ret->message), "Malformed message from the init");
		return -EIO;
	}
	*ret = m.err;
	ret->step[sizeof(ret->step) - 1] = '\0';
	ret->message[sizeof(ret->message) - 1] = '\0';
	return -EIO;
}

int sync_wait_result(int fd, struct lxc_error *ret)
{
	return recv_msg(fd, 0, ret);
}

int sync_wait_ready(int fd, struct lxc_error *ret)
{
	int r = recv_msg(fd, SYNC_READY, ret);

	return r == 1 ? 0 : r == 0 ? -EPIPE : r;
}
