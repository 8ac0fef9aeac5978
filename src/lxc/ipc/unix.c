/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unix socket helpers: abstract stream sockets, SCM_RIGHTS, SO_PEERCRED, timeouts and
 * datagram sockets addressed through a directory fd. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "ipc/unix.h"

static int abstract_addr(const char *name, struct sockaddr_un *addr, socklen_t *ret_len)
{
	size_t len = strlen(name);

	if (len == 0 || len > UNIX_ABSTRACT_MAX)
		return -ENAMETOOLONG;
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	memcpy(addr->sun_path + 1, name, len);
	*ret_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
	return 0;
}

int unix_listen_abstract(const char *name, int backlog)
{
	__do_close int fd = -EBADF;
	struct sockaddr_un addr;
	socklen_t len;
	int err;

	err = abstract_addr(name, &addr, &len);
	if (err < 0)
		return err;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&addr, len) < 0 || listen(fd, backlog) < 0)
		return -errno;
	return take_fd(fd);
}

int unix_connect_abstract(const char *name)
{
	__do_close int fd = -EBADF;
	struct sockaddr_un addr;
	socklen_t len;
	int err;

	err = abstract_addr(name, &addr, &len);
	if (err < 0)
		return err;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	while (connect(fd, (struct sockaddr *)&addr, len) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return take_fd(fd);
}

/* EAGAIN from a socket with a timeout set means the timeout expired. */
static int io_errno(void)
{
	return (errno == EAGAIN || errno == EWOULDBLOCK) ? -ETIMEDOUT : -errno;
}

ssize_t unix_send_fds(int fd, const void *buf, size_t len, const int *fds, size_t nfds)
{
	char cbuf[CMSG_SPACE(sizeof(int) * UNIX_MAX_FDS)] = {};
	const char *p = buf;
	size_t done = 0;

	if (nfds > UNIX_MAX_FDS || len == 0)
		return -EINVAL;
	while (done < len) {
		struct iovec iov = {.iov_base = (void *)(p + done), .iov_len = len - done};
		struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
		ssize_t n;

		if (done == 0 && nfds > 0) {
			struct cmsghdr *cmsg;

			msg.msg_control = cbuf;
			msg.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
			cmsg = CMSG_FIRSTHDR(&msg);
			cmsg->cmsg_level = SOL_SOCKET;
			cmsg->cmsg_type = SCM_RIGHTS;
			cmsg->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
			memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * nfds);
		}
		n = sendmsg(fd, &msg, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return io_errno();
		}
		done += (size_t)n;
	}
	return (ssize_t)len;
}

static void close_fds(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		close_prot_errno_disarm(fds[i]);
}

/* Take the fds of every SCM_RIGHTS message: keep what fits, close the rest. */
static void collect_fds(struct msghdr *msg, int *ret_fds, size_t max_fds, size_t *nfds)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
		size_t n;
		int *in;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		in = (int *)CMSG_DATA(c);
		for (size_t i = 0; i < n; i++) {
			int rfd;

			memcpy(&rfd, in + i, sizeof(int));
			if (*nfds < max_fds)
				ret_fds[(*nfds)++] = rfd;
			else
				close(rfd);
		}
	}
}

ssize_t unix_recv_fds(int fd, void *buf, size_t len, int *ret_fds, size_t max_fds, size_t *ret_nfds)
{
	char cbuf[CMSG_SPACE(sizeof(int) * UNIX_MAX_FDS)];
	size_t done = 0, nfds = 0;
	char *p = buf;
	int err = 0;

	while (done < len) {
		struct iovec iov = {.iov_base = p + done, .iov_len = len - done};
		struct msghdr msg = {.msg_iov = &iov,
				     .msg_iovlen = 1,
				     .msg_control = cbuf,
				     .msg_controllen = sizeof(cbuf)};
		ssize_t n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = io_errno();
			break;
		}
		collect_fds(&msg, ret_fds, max_fds, &nfds);
		if (n == 0) {
			err = done == 0 ? 0 : -EPIPE;
			break;
		}
		done += (size_t)n;
	}
	if (done < len) {
		close_fds(ret_fds, nfds);
		nfds = 0;
	}
	if (ret_nfds)
		*ret_nfds = nfds;
	if (done < len)
		return err;
	return (ssize_t)len;
}

int unix_peer_cred(int fd, pid_t *ret_pid, uid_t *ret_uid, gid_t *ret_gid)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		return -errno;
	if (ret_pid)
		*ret_pid = cred.pid;
	if (ret_uid)
		*ret_uid = cred.uid;
	if (ret_gid)
		*ret_gid = cred.gid;
	return 0;
}

int unix_peer_check(int fd)
{
	uid_t uid = (uid_t)-1;
	int err = unix_peer_cred(fd, NULL, &uid, NULL);

	if (err < 0)
		return err;
	return (uid == 0 || uid == geteuid()) ? 0 : -EACCES;
}

static int set_timeo(int fd, int opt, int timeout_ms)
{
	struct timeval tv = {};

	if (timeout_ms > 0) {
		tv.tv_sec = timeout_ms / 1000;
		tv.tv_usec = (timeout_ms % 1000) * 1000;
	}
	return setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof(tv)) < 0 ? -errno : 0;
}

int unix_set_rcvtimeo(int fd, int timeout_ms)
{
	return set_timeo(fd, SO_RCVTIMEO, timeout_ms);
}

int unix_set_sndtimeo(int fd, int timeout_ms)
{
	return set_timeo(fd, SO_SNDTIMEO, timeout_ms);
}

/* "/proc/self/fd/DIRFD/NAME": reaches a long directory path through a short address. */
static int at_addr(int dirfd, const char *name, struct sockaddr_un *addr, socklen_t *ret_len)
{
	int n;

	if (!*name || strchr(name, '/'))
		return -EINVAL;
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	n = snprintf(addr->sun_path, sizeof(addr->sun_path), "/proc/self/fd/%d/%s", dirfd, name);
	if (n < 0 || (size_t)n >= sizeof(addr->sun_path))
		return -ENAMETOOLONG;
	*ret_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)n + 1);
	return 0;
}

int unix_dgram_bind_at(int dirfd, const char *name)
{
	__do_close int fd = -EBADF;
	struct sockaddr_un addr;
	socklen_t len;
	int err;

	err = at_addr(dirfd, name, &addr, &len);
	if (err < 0)
		return err;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (unlinkat(dirfd, name, 0) < 0 && errno != ENOENT)
		return -errno;
	if (bind(fd, (struct sockaddr *)&addr, len) < 0)
		return -errno;
	return take_fd(fd);
}

int unix_dgram_send_at(int dirfd, const char *name, const void *buf, size_t len)
{
	__do_close int fd = -EBADF;
	struct sockaddr_un addr;
	socklen_t alen;
	int err;

	err = at_addr(dirfd, name, &addr, &alen);
	if (err < 0)
		return err;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	while (sendto(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&addr, alen) <
	       0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}
