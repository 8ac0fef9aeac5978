/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's console: ptys, ring buffer, log file, console device and proxy, from the
 * configuration. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/proc/proc.h"
#include "log/log.h"
#include "terminal/console.h"

lxc_log_define(term_console);

static void console_empty(struct term_console *c)
{
	memset(c, 0, sizeof(*c));
	term_pty_init(&c->ptys.console);
	term_log_init(&c->log);
	c->device_fd = -EBADF;
	term_proxy_init(&c->proxy, -EBADF, NULL, NULL);
}

void term_console_free(struct term_console *c)
{
	if (!c)
		return;
	if (c->proxy.loop)
		term_proxy_loop_remove(&c->proxy);
	else
		term_proxy_detach(&c->proxy);
	close_prot_errno_disarm(c->device_fd);
	term_log_close(&c->log);
	term_ringbuf_free(&c->rb);
	term_ptys_free(&c->ptys);
	console_empty(c);
}

/* Returns 0 or -errno with *step set. */
static int console_open(struct term_console *c, const struct conf_proc *proc, int devpts_fd,
			const char **step)
{
	const struct conf_console *cc = &proc->console;
	int r;

	*step = "allocate the console ptys";
	r = term_ptys_alloc(proc, devpts_fd, &c->ptys);
	if (r < 0 || !c->enabled)
		return r;
	*step = "allocate the console ring buffer";
	if (cc->buffer_size > 0 && (r = term_ringbuf_init(&c->rb, cc->buffer_size)) < 0)
		return r;
	*step = "open the console log file";
	if (cc->logfile && (r = term_log_open(&c->log, cc->logfile, cc->log_size, cc->rotate)) < 0)
		return r;
	*step = "open the console device";
	if (cc->path) {
		c->device_fd = open(cc->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (c->device_fd < 0)
			return -errno;
	}
	*step = "set up the console proxy";
	return term_proxy_init(&c->proxy, c->ptys.console.ptx, c->rb.data ? &c->rb : NULL,
			       c->log.fd >= 0 ? &c->log : NULL);
}

int term_console_init(struct term_console *c, const struct conf_proc *proc, int devpts_fd,
		      const char **ret_step)
{
	const char *step = NULL;
	int r;

	console_empty(c);
	c->enabled = !conf_proc_console_disabled(proc);
	r = console_open(c, proc, devpts_fd, &step);
	if (r < 0) {
		DEBUG("Failed to %s: %s", step, strerror(-r));
		term_console_free(c);
		if (ret_step)
			*ret_step = step;
		return r;
	}
	return 0;
}

int term_console_start(struct term_console *c, struct mainloop *loop, int fg_in, int fg_out)
{
	int r;

	if (!c->enabled || c->proxy.ptx < 0)
		return 0;
	r = term_proxy_loop_add(loop, &c->proxy);
	if (r < 0)
		return r;
	if (c->device_fd >= 0)
		r = term_proxy_loop_attach(&c->proxy, c->device_fd, c->device_fd,
					   TERM_ESCAPE_NONE, true);
	else if (fg_out >= 0)
		r = term_proxy_loop_attach(&c->proxy, fg_in, fg_out, TERM_ESCAPE_NONE, true);
	if (r < 0)
		term_proxy_loop_remove(&c->proxy);
	return r;
}
