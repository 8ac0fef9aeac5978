/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Mainloop handlers for the console proxy. */
#include "config.h"
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "log/log.h"
#include "terminal/proxy_loop.h"

lxc_log_define(term_loop);

/* The peer handler went away: detach, unless only the input was dropped. */
static void peer_release(int fd, void *data)
{
	struct term_proxy *p = data;

	if (term_proxy_peer_fd(p) == fd)
		term_proxy_detach(p);
}

static void peer_remove(struct term_proxy *p)
{
	int fd = term_proxy_peer_fd(p);

	/* the release callback detaches; without a handler detach directly */
	if (fd < 0 || !p->loop || mainloop_remove(p->loop, fd) < 0 || term_proxy_attached(p))
		term_proxy_detach(p);
}

static int ptx_cb(int fd, uint32_t events, void *data)
{
	struct term_proxy *p = data;
	int r = term_proxy_on_ptx_readable(p);

	switch (r) {
	case TERM_PROXY_CONTINUE:
		return MAINLOOP_CONTINUE;
	case TERM_PROXY_PEER_GONE:
		peer_remove(p);
		return MAINLOOP_CONTINUE;
	case TERM_PROXY_PTX_GONE:
		DEBUG("Console ptx %d hung up", fd);
		return MAINLOOP_CLOSE;
	default:
		DEBUG("Failed to read from the console ptx %d: %s", fd, strerror(r < 0 ? -r : EIO));
		return MAINLOOP_CLOSE;
	}
}

static int peer_cb(int fd, uint32_t events, void *data)
{
	struct term_proxy *p = data;
	int r = term_proxy_on_peer_readable(p);

	switch (r) {
	case TERM_PROXY_CONTINUE:
		return MAINLOOP_CONTINUE;
	case TERM_PROXY_PTX_GONE:
		if (p->loop)
			mainloop_remove(p->loop, p->ptx);
		return MAINLOOP_CONTINUE;
	case TERM_PROXY_DETACH:
		return MAINLOOP_CLOSE;	/* peer_release detaches */
	case TERM_PROXY_PEER_GONE:
		if (p->peer_pty.peer < 0)
			term_proxy_drop_input(p);	/* keep the output of a foreground peer */
		return MAINLOOP_CLOSE;			/* else peer_release detaches */
	default:
		DEBUG("Failed to read from the console peer %d: %s", fd, strerror(r < 0 ? -r : EIO));
		return MAINLOOP_CLOSE;
	}
}

int term_proxy_loop_add(struct mainloop *loop, struct term_proxy *p)
{
	int r = mainloop_add(loop, p->ptx, EPOLLIN, 0, ptx_cb, NULL, p);

	if (r < 0)
		return r;
	p->loop = loop;
	return 0;
}

static int watch_peer(struct term_proxy *p)
{
	int fd = term_proxy_peer_fd(p), r = -EINVAL;

	if (fd < 0)
		return 0;	/* output only */
	if (p->loop)
		r = mainloop_add(p->loop, fd, EPOLLIN, 0, peer_cb, peer_release, p);
	if (r == -EPERM && p->peer_pty.peer < 0) {
		DEBUG("Console input fd %d cannot be watched, output only", fd);
		term_proxy_drop_input(p);
		return 0;
	}
	if (r < 0)
		term_proxy_detach(p);
	return r;
}

int term_proxy_loop_attach(struct term_proxy *p, int in_fd, int out_fd, int escape, bool raw)
{
	int r = term_proxy_attach(p, in_fd, out_fd, escape, raw);

	return r < 0 ? r : watch_peer(p);
}

int term_proxy_loop_attach_client(struct term_proxy *p, int owner, int *ret_ptx)
{
	int ptx = -EBADF, r;

	r = term_proxy_open_client_pty(p, owner, &ptx);
	if (r < 0)
		return r;
	r = watch_peer(p);
	if (r < 0) {
		close(ptx);
		return r;
	}
	*ret_ptx = ptx;
	return 0;
}

void term_proxy_loop_detach(struct term_proxy *p)
{
	peer_remove(p);
}

bool term_proxy_loop_release(struct term_proxy *p, int owner)
{
	if (owner < 0 || !term_proxy_attached(p) || p->owner != owner)
		return false;
	peer_remove(p);
	return true;
}

void term_proxy_loop_remove(struct term_proxy *p)
{
	peer_remove(p);
	if (p->loop && p->ptx >= 0)
		mainloop_remove(p->loop, p->ptx);
	p->loop = NULL;
}
