/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The caller's side of an attached process's pty: input to the ptx, ptx output to the caller's
 * output (and the pty log), window size changes forwarded, the caller's terminal in raw mode
 * while it runs and restored afterwards. Ends when the ptx hangs up. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include "attach/attach_internal.h"
#include "base/file.h"

static int copy_out(int ptx, int out_fd, int log_fd)
{
	char buf[8192];
	ssize_t n = read(ptx, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return -EIO; /* EIO: every holder of the peer is gone */
	if (out_fd >= 0)
		fd_write_all(out_fd, buf, n);
	if (log_fd >= 0)
		fd_write_all(log_fd, buf, n);
	return 0;
}

/* false once in_fd is done (EOF or error): its input is no longer watched. */
static bool copy_in(int in_fd, int ptx)
{
	char buf[4096];
	ssize_t n = read(in_fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	return fd_write_all(ptx, buf, n) >= 0;
}

int attach_pty_forward(int ptx, int in_fd, int out_fd, int log_fd)
{
	struct termios saved;
	bool raw = in_fd >= 0 && term_raw_enter(in_fd, &saved) == 0;
	int tty_fd = raw ? in_fd : out_fd; /* window size source */
	int raw_fd = in_fd;
	sigset_t mask, old;
	int sfd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGWINCH);
	sigprocmask(SIG_BLOCK, &mask, &old);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	term_copy_winsize(tty_fd, ptx);
	for (;;) {
		struct pollfd p[3] = {
			{ .fd = ptx, .events = POLLIN },
			{ .fd = in_fd, .events = POLLIN },
			{ .fd = sfd, .events = POLLIN },
		};

		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((p[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    copy_out(ptx, out_fd, log_fd) < 0)
			break;
		if ((p[1].revents & (POLLIN | POLLHUP | POLLERR)) && !copy_in(in_fd, ptx))
			in_fd = -1; /* poll ignores negative fds */
		if (p[2].revents & POLLIN) {
			struct signalfd_siginfo si;

			while (read(sfd, &si, sizeof(si)) > 0)
				;
			term_copy_winsize(tty_fd, ptx);
		}
	}
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (raw)
		term_raw_restore(raw_fd, &saved);
	return 0;
}
