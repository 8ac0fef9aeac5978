/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Command protocol, server side (the monitor): accept connections in the mainloop, read each
 * request without blocking, dispatch to the ops table, reply, keep state clients open. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "ipc/commands.h"
#include "ipc/commands_wire.h"
#include "ipc/unix.h"
#include "log/log.h"
#include "mainloop/mainloop.h"

lxc_log_define(commands);

/* A reply that does not drain within this bound drops the client, not the monitor. */
#define CMD_SEND_TIMEOUT_MS 5000

struct cmd_client {
	struct cmd_client *next;
	struct cmd_server *server;
	int fd;
	int id;		  /* cmd_reply.client */
	bool state_client;
	bool held;	  /* kept open by its handler (cmd_reply.keep) */
	size_t got; /* bytes of hdr + data received so far */
	struct cmd_wire_req hdr;
	char *data;
};

struct cmd_server {
	struct mainloop *loop;
	int lfd;
	const struct cmd_server_ops *ops;
	void *data;
	enum lxc_state state;
	struct cmd_client *clients;
	int next_id;
};

/* Where each command's handler sits in struct cmd_server_ops. */
static const size_t op_offset[CMD_MAX] = {
	[CMD_GET_STATE] = offsetof(struct cmd_server_ops, get_state),
	[CMD_GET_INIT_PID] = offsetof(struct cmd_server_ops, get_init_pid),
	[CMD_GET_INIT_PIDFD] = offsetof(struct cmd_server_ops, get_init_pidfd),
	[CMD_GET_CONFIG_ITEM] = offsetof(struct cmd_server_ops, get_config_item),
	[CMD_STOP] = offsetof(struct cmd_server_ops, stop),
	[CMD_SHUTDOWN] = offsetof(struct cmd_server_ops, shutdown),
	[CMD_REBOOT] = offsetof(struct cmd_server_ops, reboot),
	[CMD_ADD_STATE_CLIENT] = SIZE_MAX,
	[CMD_GET_TTY_FD] = offsetof(struct cmd_server_ops, get_tty_fd),
	[CMD_CONSOLE_LOG] = offsetof(struct cmd_server_ops, console_log),
	[CMD_GET_CGROUP] = offsetof(struct cmd_server_ops, get_cgroup),
	[CMD_FREEZE] = offsetof(struct cmd_server_ops, freeze),
	[CMD_UNFREEZE] = offsetof(struct cmd_server_ops, unfreeze),
	[CMD_GET_DEVPTS_FD] = offsetof(struct cmd_server_ops, get_devpts_fd),
	[CMD_GET_SECCOMP_NOTIFY_FD] = offsetof(struct cmd_server_ops, get_seccomp_notify_fd),
};

static cmd_handler lookup_op(const struct cmd_server_ops *ops, uint32_t cmd)
{
	cmd_handler h;

	if (cmd >= CMD_MAX || op_offset[cmd] == SIZE_MAX)
		return NULL;
	memcpy(&h, (const char *)ops + op_offset[cmd], sizeof(h));
	return h;
}

static int send_reply(int fd, int32_t ret, const struct cmd_reply *rep)
{
	struct cmd_wire_rsp hdr = {.magic = CMD_RSP_MAGIC, .ret = ret};
	__do_free char *buf = NULL;
	size_t nfds = 0;

	if (rep) {
		hdr.datalen = rep->data ? rep->datalen : 0;
		nfds = rep->nfds > CMD_MAX_FDS ? CMD_MAX_FDS : rep->nfds;
	}
	if (hdr.datalen > CMD_MAX_RSP_DATA)
		return -E2BIG;
	hdr.nfds = (uint32_t)nfds;
	buf = malloc(sizeof(hdr) + hdr.datalen);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, &hdr, sizeof(hdr));
	if (hdr.datalen)
		memcpy(buf + sizeof(hdr), rep->data, hdr.datalen);
	return (int)unix_send_fds(fd, buf, sizeof(hdr) + hdr.datalen, rep ? rep->fds : NULL, nfds);
}

static void reply_release(struct cmd_reply *rep)
{
	free_disarm(rep->data);
	if (rep->close_fds)
		for (uint32_t i = 0; i < rep->nfds && i < CMD_MAX_FDS; i++)
			close_prot_errno_disarm(rep->fds[i]);
}

/* Run the request; returns the mainloop verdict for the connection. */
static int dispatch(struct cmd_client *c)
{
	struct cmd_server *s = c->server;
	struct cmd_req req = {.cmd = c->hdr.cmd,
			      .flags = c->hdr.flags,
			      .arg = c->hdr.arg,
			      .datalen = c->hdr.datalen,
			      .data = c->data};
	struct cmd_reply rep = {.client = c->id};
	cmd_handler op = lookup_op(s->ops, req.cmd);
	int ret, err;

	for (int i = 0; i < CMD_MAX_FDS; i++)
		rep.fds[i] = -EBADF;
	if (req.cmd == CMD_ADD_STATE_CLIENT)
		ret = (int)s->state;
	else if (req.cmd == CMD_GET_STATE && !op)
		ret = (int)s->state;
	else if (!op)
		ret = -ENOSYS;
	else
		ret = op(s->data, &req, &rep);
	/* Held from here: a failed send closes it and client_gone undoes the handler's claim. */
	c->held = rep.keep && ret >= 0;
	err = send_reply(c->fd, ret, &rep);
	reply_release(&rep);
	if (err < 0) {
		DEBUG("Failed to send the reply to command %u: %s", req.cmd, strerror(-err));
		return MAINLOOP_CLOSE;
	}
	if (req.cmd == CMD_ADD_STATE_CLIENT && ret >= 0) {
		c->state_client = true;
		return MAINLOOP_CONTINUE;
	}
	if (c->held)
		return MAINLOOP_CONTINUE;
	return MAINLOOP_CLOSE;
}

/* Read what is available without blocking; returns > 0 when the request is complete, 0 for
 * "more to come", -errno (including EOF as -EPIPE) to drop the client. */
static int read_request(struct cmd_client *c)
{
	size_t hl = sizeof(c->hdr);

	for (;;) {
		size_t want = c->got < hl ? hl - c->got : hl + c->hdr.datalen - c->got;
		char *dst = c->got < hl ? (char *)&c->hdr + c->got : c->data + (c->got - hl);
		ssize_t n;

		if (c->got >= hl && c->got == hl + c->hdr.datalen)
			return 1;
		n = recv(c->fd, dst, want, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		if (n == 0)
			return -EPIPE;
		c->got += (size_t)n;
		if (c->got == hl) {
			if (c->hdr.magic != CMD_REQ_MAGIC || c->hdr.datalen > CMD_MAX_REQ_DATA)
				return -EPROTO;
			c->data = calloc(1, (size_t)c->hdr.datalen + 1);
			if (!c->data)
				return -ENOMEM;
		}
	}
}

static int client_cb(int fd, uint32_t events, void *data)
{
	struct cmd_client *c = data;
	int r;

	if (c->state_client || c->held)
		return MAINLOOP_CLOSE; /* state clients only listen: input or hang-up ends them */
	r = read_request(c);
	if (r < 0) {
		DEBUG("Dropping a command client: %s", strerror(-r));
		return MAINLOOP_CLOSE;
	}
	if (r == 0)
		return (events & (EPOLLHUP | EPOLLERR)) ? MAINLOOP_CLOSE : MAINLOOP_CONTINUE;
	return dispatch(c);
}

static void client_release(int fd, void *data)
{
	struct cmd_client *c = data;
	struct cmd_server *s = c->server;

	if (c->held && s->ops->client_gone)
		s->ops->client_gone(s->data, c->id);
	for (struct cmd_client **p = &s->clients; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	free(c->data);
	free(c);
}

static int accept_cb(int fd, uint32_t events, void *data)
{
	struct cmd_server *s = data;
	__do_close int cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	struct cmd_client *c;
	int err;

	if (cfd < 0)
		return MAINLOOP_CONTINUE; /* EAGAIN, ECONNABORTED, EMFILE: keep serving */
	err = unix_peer_check(cfd);
	if (err < 0) {
		unix_set_sndtimeo(cfd, CMD_SEND_TIMEOUT_MS);
		send_reply(cfd, err, NULL);
		return MAINLOOP_CONTINUE;
	}
	if (unix_set_sndtimeo(cfd, CMD_SEND_TIMEOUT_MS) < 0)
		return MAINLOOP_CONTINUE;
	c = calloc(1, sizeof(*c));
	if (!c)
		return MAINLOOP_CONTINUE;
	s->next_id = s->next_id == INT_MAX ? 1 : s->next_id + 1;
	*c = (struct cmd_client){.server = s, .fd = cfd, .id = s->next_id};
	err = mainloop_add(s->loop, cfd, EPOLLIN, MAINLOOP_OWN_FD, client_cb, client_release, c);
	if (err < 0) {
		free(c);
		return MAINLOOP_CONTINUE;
	}
	c->next = s->clients;
	s->clients = c;
	take_fd(cfd);
	return MAINLOOP_CONTINUE;
}

int cmd_server_listen(const char *lxcpath, const char *name)
{
	char sock[UNIX_ABSTRACT_MAX + 1];
	int err;

	err = cmd_socket_name(lxcpath, name, sock, sizeof(sock));
	if (err < 0)
		return err;
	return unix_listen_abstract(sock, 128);
}

int cmd_server_open_fd(int fd, struct mainloop *loop, const struct cmd_server_ops *ops,
		       void *data, struct cmd_server **ret)
{
	struct cmd_server *s;
	int err;

	s = calloc(1, sizeof(*s));
	if (!s) {
		close(fd);
		return -ENOMEM;
	}
	*s = (struct cmd_server){
		.loop = loop, .lfd = fd, .ops = ops, .data = data, .state = LXC_STATE_STOPPED};
	err = mainloop_add(loop, fd, EPOLLIN, MAINLOOP_OWN_FD, accept_cb, NULL, s);
	if (err < 0) {
		close(fd);
		free(s);
		return err;
	}
	*ret = s;
	return 0;
}

int cmd_server_open(const char *lxcpath, const char *name, struct mainloop *loop,
		    const struct cmd_server_ops *ops, void *data, struct cmd_server **ret)
{
	int fd = cmd_server_listen(lxcpath, name);

	if (fd < 0)
		return fd;
	return cmd_server_open_fd(fd, loop, ops, data, ret);
}

int cmd_server_broadcast_state(struct cmd_server *s, enum lxc_state state)
{
	struct cmd_wire_rsp hdr = {.magic = CMD_RSP_MAGIC, .ret = (int32_t)state};
	struct cmd_client *c, *next;
	int reached = 0;

	s->state = state;
	for (c = s->clients; c; c = next) {
		next = c->next;
		if (!c->state_client)
			continue;
		if (send(c->fd, &hdr, sizeof(hdr), MSG_DONTWAIT | MSG_NOSIGNAL) ==
		    (ssize_t)sizeof(hdr))
			reached++;
		else
			mainloop_remove(s->loop, c->fd);
	}
	return reached;
}

int cmd_server_fd(const struct cmd_server *s)
{
	return s->lfd;
}

void cmd_server_close(struct cmd_server *s)
{
	if (!s)
		return;
	while (s->clients)
		mainloop_remove(s->loop, s->clients->fd);
	mainloop_remove(s->loop, s->lfd);
	free(s);
}
