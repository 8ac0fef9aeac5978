/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's console proxy: ptx <-> peer, with the ring buffer, the log file and the
 * escape key. Driven by an event loop through the on_*_readable handlers. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "log/log.h"
#include "terminal/proxy.h"

lxc_log_define(term_proxy);

#define PROXY_CHUNK 4096

size_t term_escape_filter(int escape, bool *saw_escape, const char *in, size_t n, char *out,
			  bool *ret_detach)
{
	size_t o = 0;

	*ret_detach = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		if (escape >= 0 && !*saw_escape && c == (unsigned char)escape) {
			*saw_escape = true;
			continue;
		}
		if (escape >= 0 && *saw_escape && c == 'q') {
			*saw_escape = false;
			*ret_detach = true;
			break;
		}
		*saw_escape = false;
		out[o++] = (char)c;
	}
	return o;
}

int term_escape_parse(const char *s)
{
	char c;

	if (!s)
		return -EINVAL;
	if (s[0] == '^')
		s++;
	c = s[0];
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (c < 'a' || c > 'z' || s[1] != '\0')
		return -EINVAL;
	return c - 'a' + 1;
}

static int set_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

static void peer_reset(struct term_proxy *p)
{
	p->peer_in = -EBADF;
	p->peer_out = -EBADF;
	p->escape = TERM_ESCAPE_NONE;
	p->saw_escape = false;
	p->owner = -1;
	p->raw_saved = false;
	p->rows = 0;
	p->cols = 0;
	term_pty_init(&p->peer_pty);
}

int term_proxy_init(struct term_proxy *p, int ptx, struct term_ringbuf *rb,
		    struct term_log *log)
{
	p->ptx = ptx;
	p->loop = NULL;
	p->rb = rb;
	p->log = log;
	peer_reset(p);
	return ptx >= 0 ? set_nonblock(ptx) : 0;
}

int term_proxy_peer_fd(const struct term_proxy *p)
{
	return p->peer_in;
}

int term_proxy_on_winch(struct term_proxy *p)
{
	struct winsize ws;

	int src = isatty(p->peer_in) ? p->peer_in : p->peer_out;

	if (src < 0 || p->ptx < 0 || !isatty(src))
		return 0;
	if (ioctl(src, TIOCGWINSZ, &ws) < 0)
		return -errno;
	if (ws.ws_row == p->rows && ws.ws_col == p->cols)
		return 0;
	if (ioctl(p->ptx, TIOCSWINSZ, &ws) < 0)
		return -errno;
	p->rows = ws.ws_row;
	p->cols = ws.ws_col;
	return 0;
}

int term_proxy_attach(struct term_proxy *p, int in_fd, int out_fd, int escape, bool raw)
{
	int r;

	if (p->peer_out >= 0)
		return -EBUSY;
	if (out_fd < 0)
		return -EBADF;
	if (raw && in_fd >= 0 && isatty(in_fd)) {
		r = term_raw_enter(in_fd, &p->saved);
		if (r < 0)
			return r;
		p->raw_saved = true;
	}
	p->peer_in = in_fd;
	p->peer_out = out_fd;
	p->escape = escape;
	p->saw_escape = false;
	r = term_proxy_on_winch(p);
	if (r < 0)
		DEBUG("Failed to copy the window size to the console: %s", strerror(-r));
	return 0;
}

int term_proxy_open_client_pty(struct term_proxy *p, int owner, int *ret_ptx)
{
	struct term_pty pty;
	struct termios unused;
	int r;

	if (p->peer_out >= 0)
		return -EBUSY;
	r = term_pty_open(-1, &pty);
	if (r < 0)
		return r;
	r = term_raw_enter(pty.peer, &unused);
	if (r == 0)
		r = set_nonblock(pty.peer);
	if (r == 0)
		r = term_proxy_attach(p, pty.peer, pty.peer, TERM_ESCAPE_NONE, false);
	if (r < 0) {
		term_pty_close(&pty);
		return r;
	}
	*ret_ptx = take_fd(pty.ptx);
	p->peer_pty = pty;
	p->owner = owner;
	return 0;
}

static void restore_input(struct term_proxy *p)
{
	if (p->raw_saved && p->peer_in >= 0 && term_raw_restore(p->peer_in, &p->saved) < 0)
		DEBUG("Failed to restore the terminal settings of the console peer: %m");
	p->raw_saved = false;
}

void term_proxy_detach(struct term_proxy *p)
{
	restore_input(p);
	term_pty_close(&p->peer_pty);
	peer_reset(p);
}

void term_proxy_drop_input(struct term_proxy *p)
{
	if (p->peer_pty.peer >= 0) {
		term_proxy_detach(p);
		return;
	}
	restore_input(p);
	p->peer_in = -EBADF;
	p->saw_escape = false;
}

bool term_proxy_attached(const struct term_proxy *p)
{
	return p->peer_out >= 0;
}

bool term_proxy_release(struct term_proxy *p, int owner)
{
	if (owner < 0 || p->peer_out < 0 || p->owner != owner)
		return false;
	term_proxy_detach(p);
	return true;
}

static bool hangup_errno(int e)
{
	return e == EIO || e == EPIPE || e == ECONNRESET || e == EBADF;
}

/* Write to a peer or the ptx. EAGAIN drops the rest; a hangup is reported as gone. */
static int proxy_write(int fd, const char *buf, size_t len, int gone)
{
	int r = fd_write_all(fd, buf, len);

	if (r == -EAGAIN)
		return log_debug(TERM_PROXY_CONTINUE, "Dropped console bytes: fd %d is full", fd);
	if (r < 0 && hangup_errno(-r))
		return gone;
	return r < 0 ? r : TERM_PROXY_CONTINUE;
}

/* Read a chunk: > 0 bytes, 0 nothing to do (EINTR/EAGAIN), or a result/-errno in *ret. */
static ssize_t proxy_read(int fd, char *buf, size_t size, int gone, int *ret)
{
	ssize_t n = read(fd, buf, size);

	*ret = TERM_PROXY_CONTINUE;
	if (n > 0)
		return n;
	if (n == 0)
		*ret = gone;
	else if (errno != EINTR && errno != EAGAIN)
		*ret = hangup_errno(errno) ? gone : -errno;
	return 0;
}

int term_proxy_on_ptx_readable(struct term_proxy *p)
{
	char buf[PROXY_CHUNK];
	ssize_t n;
	int r;

	n = proxy_read(p->ptx, buf, sizeof(buf), TERM_PROXY_PTX_GONE, &r);
	if (n == 0)
		return r;
	if (p->rb)
		term_ringbuf_write(p->rb, buf, (size_t)n);
	if (p->log) {
		r = term_log_write(p->log, buf, (size_t)n);
		if (r < 0)
			DEBUG("Failed to write to the console log \"%s\": %s",
			      p->log->path ? p->log->path : "", strerror(-r));
	}
	if (p->peer_out < 0)
		return TERM_PROXY_CONTINUE;
	return proxy_write(p->peer_out, buf, (size_t)n, TERM_PROXY_PEER_GONE);
}

int term_proxy_on_peer_readable(struct term_proxy *p)
{
	char buf[PROXY_CHUNK], out[PROXY_CHUNK];
	bool detach;
	size_t len;
	ssize_t n;
	int r;

	if (p->peer_in < 0)
		return TERM_PROXY_PEER_GONE;
	n = proxy_read(p->peer_in, buf, sizeof(buf), TERM_PROXY_PEER_GONE, &r);
	if (n == 0)
		return r;
	if (p->peer_pty.peer >= 0)
		term_proxy_on_winch(p);
	len = term_escape_filter(p->escape, &p->saw_escape, buf, (size_t)n, out, &detach);
	r = len > 0 ? proxy_write(p->ptx, out, len, TERM_PROXY_PTX_GONE) : TERM_PROXY_CONTINUE;
	if (r != TERM_PROXY_CONTINUE)
		return r;
	return detach ? TERM_PROXY_DETACH : TERM_PROXY_CONTINUE;
}
