/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-console's client loop: the user's terminal <-> a pty ptx received from the monitor,
 * in raw mode, with the escape key and window size forwarding. */
#include "config.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "log/log.h"
#include "terminal/proxy.h"

lxc_log_define(term_client);

#define CLIENT_CHUNK 4096

/* Status of one loop step: keep going, done (0) or failed (-errno). */
#define CLIENT_MORE 1

struct client {
	int ptx, in, out, escape;
	bool saw_escape;
};

/* Write all of buf; a non-blocking fd (a ptx shared with the monitor) is waited on. */
static int write_all_wait(int fd, const char *buf, size_t len)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };

	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EAGAIN) {
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				return -errno;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static bool gone_errno(int e)
{
	return e == EIO || e == EPIPE || e == ECONNRESET;
}

/* Read a chunk; 0 bytes with *ret set means stop (EOF/hangup: 0, error: -errno). */
static ssize_t client_read(int fd, char *buf, int *ret)
{
	ssize_t n = read(fd, buf, CLIENT_CHUNK);

	*ret = CLIENT_MORE;
	if (n > 0)
		return n;
	if (n == 0 || gone_errno(errno))
		*ret = 0;
	else if (errno != EINTR && errno != EAGAIN)
		*ret = -errno;
	return 0;
}

static int client_from_ptx(struct client *c)
{
	char buf[CLIENT_CHUNK];
	ssize_t n;
	int r;

	n = client_read(c->ptx, buf, &r);
	if (n == 0)
		return r;
	r = write_all_wait(c->out, buf, (size_t)n);
	if (r < 0)
		return gone_errno(-r) ? 0 : r;
	return CLIENT_MORE;
}

static int client_from_in(struct client *c)
{
	char buf[CLIENT_CHUNK], out[CLIENT_CHUNK];
	bool detach;
	size_t len;
	ssize_t n;
	int r;

	n = client_read(c->in, buf, &r);
	if (n == 0)
		return r;
	len = term_escape_filter(c->escape, &c->saw_escape, buf, (size_t)n, out, &detach);
	r = write_all_wait(c->ptx, out, len);
	if (r < 0)
		return gone_errno(-r) ? 0 : r;
	return detach ? 0 : CLIENT_MORE;
}

static int client_winch(struct client *c, int sfd)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof(si)) == sizeof(si))
		;
	(void)term_copy_winsize(c->in, c->ptx);
	return CLIENT_MORE;
}

static int client_loop(struct client *c, int sfd)
{
	struct pollfd pfd[3] = {
		{ .fd = c->ptx, .events = POLLIN },
		{ .fd = c->in, .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	int r = CLIENT_MORE;

	while (r == CLIENT_MORE) {
		if (poll(pfd, sfd >= 0 ? 3 : 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (pfd[2].revents & POLLIN)
			r = client_winch(c, sfd);
		if (r == CLIENT_MORE && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			r = client_from_ptx(c);
		if (r == CLIENT_MORE && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)))
			r = client_from_in(c);
		if (r == CLIENT_MORE && (pfd[1].revents & POLLNVAL))
			r = -EBADF;
		if (r == CLIENT_MORE && (pfd[0].revents & POLLNVAL))
			r = -EBADF;
	}
	return r;
}

int term_console_client_run(int ptx_fd, int in_fd, int out_fd, int escape)
{
	struct client c = { .ptx = ptx_fd, .in = in_fd, .out = out_fd, .escape = escape };
	__do_close int sfd = -EBADF;
	sigset_t mask, old;
	struct termios saved;
	bool raw;
	int r;

	sigemptyset(&mask);
	sigaddset(&mask, SIGWINCH);
	if (pthread_sigmask(SIG_BLOCK, &mask, &old) != 0)
		return -EINVAL;
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		DEBUG("Failed to create a signalfd for SIGWINCH: %m");
	raw = term_raw_enter(in_fd, &saved) == 0;
	(void)term_copy_winsize(in_fd, ptx_fd);

	r = client_loop(&c, sfd);

	if (raw && term_raw_restore(in_fd, &saved) < 0)
		DEBUG("Failed to restore the terminal settings: %m");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}
