/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console methods: console_getfd() and console() take a tty (or the console) from the
 * container's monitor (GET_TTY_FD, held for as long as the command connection stays open),
 * console() runs lxc-console's loop on the caller's fds; console_log() reads and/or clears the
 * monitor's ring buffer (CONSOLE_LOG). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "base/cleanup.h"
#include "ipc/commands.h"
#include "log/log.h"
#include "terminal/proxy.h"

lxc_log_define(api_console);

/* Name the tty in messages: "the console", "tty 2", "a tty". */
static void tty_label(int ttynum, char *buf, size_t size)
{
	if (ttynum == 0)
		snprintf(buf, size, "the console");
	else if (ttynum > 0)
		snprintf(buf, size, "tty %d", ttynum);
	else
		snprintf(buf, size, "a tty");
}

/* Explain a refused GET_TTY_FD; returns err. */
static int tty_error(struct lxc_container *c, int ttynum, int err)
{
	char what[32];
	const char *why;

	tty_label(ttynum, what, sizeof(what));
	switch (err) {
	case CMD_NOT_RUNNING:
	case -ESRCH:
		return api_error(c, ESRCH, "Failed to connect to %s of container \"%s\": it is not "
				 "running", what, c->name);
	case -EBUSY:
		why = ttynum > 0 ? "it is in use by another client (one client per tty)"
				 : ttynum == 0 ? "it is in use by another client"
					       : "no free tty (all of lxc.tty.max are in use)";
		break;
	case -EINVAL:
		why = "the container has no such tty (see lxc.tty.max)";
		break;
	case -ENODEV:
		why = "the container has no console (lxc.console.path = none)";
		break;
	case -ENXIO:
		why = "the container has no ttys (lxc.tty.max = 0)";
		break;
	default:
		return api_error(c, -err, "Failed to connect to %s of container \"%s\": %s", what,
				 c->name, strerror(-err));
	}
	return api_error(c, -err, "Failed to connect to %s of container \"%s\": %s", what, c->name,
			 why);
}

/* Take tty *ttynum (-1: the first free one, 0: the console); returns the connection holding
 * it, *ret_ptx and the tty's number in *ttynum; -errno after api_error(). */
static int take_tty(struct lxc_container *c, int *ttynum, int *ret_ptx)
{
	int conn = -EBADF, ptx = -EBADF, num = -1, ret;

	ret = cmd_get_tty_fd_held(c->config_path, c->name, *ttynum < 0 ? -1 : *ttynum,
				  c->rcv_timeout, &conn, &ptx, &num);
	if (ret < 0)
		return tty_error(c, *ttynum, ret);
	*ttynum = num;
	*ret_ptx = ptx;
	return conn;
}

/* Returns the connection that holds the tty (close it to release the tty), as LXC. */
static int console_getfd(struct lxc_container *c, int *ttynum, int *ptxfd)
{
	int num, conn;

	if (!c || !ttynum || !ptxfd) {
		errno = EINVAL;
		return -1;
	}
	num = *ttynum;
	conn = take_tty(c, &num, ptxfd);
	if (conn < 0) {
		errno = -conn;
		return -1;
	}
	*ttynum = num;
	return conn;
}

/* The banner LXC's lxc-console prints before the session (the console is "tty 0"). */
static void print_banner(int fd, int ttynum, int escape)
{
	if (escape > 0 && escape <= 26)
		dprintf(fd, "\nConnected to tty %1$d\nType <Ctrl+%2$c q> to exit the console, "
			"<Ctrl+%2$c Ctrl+%2$c> to enter Ctrl+%2$c itself\n", ttynum, 'a' + escape - 1);
	else
		dprintf(fd, "\nConnected to tty %d\n", ttynum);
}

static int console(struct lxc_container *c, int ttynum, int stdinfd, int stdoutfd,
		   int stderrfd, int escape)
{
	__do_close int conn = -EBADF, ptx = -EBADF;
	int ret;

	if (!c) {
		errno = EINVAL;
		return -1;
	}
	if (escape == 0 || escape > 255 || (escape < 0 && escape != TERM_ESCAPE_NONE)) {
		api_error(c, EINVAL, "Failed to connect to the console of container \"%s\": "
			  "invalid escape character %d", c->name, escape);
		errno = EINVAL;
		return -1;
	}
	conn = take_tty(c, &ttynum, &ptx);
	if (conn < 0) {
		errno = -conn;
		return -1;
	}
	if (stderrfd >= 0)
		print_banner(stderrfd, ttynum, escape);
	ret = term_console_client_run(ptx, stdinfd, stdoutfd, escape);
	if (ret < 0) {
		api_error(c, -ret, "Failed to run the console of container \"%s\": %s", c->name,
			  strerror(-ret));
		errno = -ret;
		return -1;
	}
	return 0;
}

/* As LXC: -ENODATA (empty), -EFAULT (no ring buffer) and -ENOENT leave read_max 0 and data
 * NULL; other errors leave *log alone. Returns 0 or -errno. */
static int console_log(struct lxc_container *c, struct lxc_console_log *log)
{
	unsigned int flags = 0;
	char *data = NULL;
	size_t len = 0;
	int ret;

	if (!c || !log || !log->read_max)
		return -EINVAL;
	if (log->read)
		flags |= CMD_CONSOLE_LOG_READ;
	if (log->clear)
		flags |= CMD_CONSOLE_LOG_CLEAR;
	ret = cmd_console_log(c->config_path, c->name, flags, *log->read_max, c->rcv_timeout,
			      &data, &len);
	if (ret == -ENODATA || ret == -EFAULT || ret == -ENOENT) {
		*log->read_max = 0;
		log->data = NULL;
	}
	if (ret == CMD_NOT_RUNNING) {
		api_error(c, ESRCH, "Failed to read the console log of container \"%s\": it is not "
			  "running", c->name);
		return -ESRCH;
	}
	if (ret == -ENODATA) {
		NOTICE("The console log of container \"%s\" is empty", c->name);
		return ret;
	}
	if (ret == -EFAULT) {
		api_error(c, EFAULT, "Failed to read the console log of container \"%s\": it keeps "
			  "no console log (lxc.console.buffer.size is not set)", c->name);
		return ret;
	}
	if (ret < 0) {
		api_error(c, -ret, "Failed to read the console log of container \"%s\": %s",
			  c->name, strerror(-ret));
		return ret;
	}
	*log->read_max = len;
	log->data = data;
	return 0;
}

void api_install_console_methods(struct lxc_container *c)
{
	c->console_getfd = console_getfd;
	c->console = console;
	c->console_log = console_log;
}
