/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Everything the monitor keeps for a container's console, built from the configuration: the
 * ptys (console + lxc.tty.max), the ring buffer (lxc.console.buffer.size), the log file
 * (lxc.console.logfile/size/rotate), the lxc.console.path device and the proxy between them. */
#pragma once

#include <stdbool.h>

#include "terminal/proxy_loop.h"

struct conf_proc;

struct term_console {
	struct term_ptys ptys;
	struct term_ringbuf rb;		/* unallocated without lxc.console.buffer.size */
	struct term_log log;		/* closed without lxc.console.logfile */
	int device_fd;			/* lxc.console.path device, -EBADF when none */
	struct term_proxy proxy;	/* points into this struct: do not move it after init */
	bool enabled;			/* false with lxc.console.path = none */
};

/* Allocate the ptys (see term_ptys_alloc), the ring buffer, open the log file and the
 * lxc.console.path device (O_RDWR|O_NOCTTY|O_CLOEXEC) and set up the proxy. On failure
 * everything is released and *ret_step (when not NULL) names what failed, for the caller's
 * "Failed to <step>" message: "allocate the console ptys", "allocate the console ring buffer",
 * "open the console log file", "open the console device". */
int term_console_init(struct term_console *c, const struct conf_proc *proc, int devpts_fd,
		      const char **ret_step);

/* After the clone: register the console ptx in loop and attach the peer: the lxc.console.path
 * device (raw, no escape) if configured, else the foreground terminal fg_in/fg_out (lxc-start
 * -F: raw when a terminal, escape TERM_ESCAPE_NONE) when fg_out >= 0, else nobody (daemonized:
 * output only reaches the ring buffer and the log; lxc-console attaches later through
 * term_proxy_loop_attach_client(&c->proxy, ...)). No-op when the console is disabled. */
int term_console_start(struct term_console *c, struct mainloop *loop, int fg_in, int fg_out);

/* Remove the handlers, restore the foreground terminal, close and free everything; accepts a
 * half-built or already freed console. Call it before mainloop_free() of the loop given to
 * term_console_start. Keep the console pty's peer open until here (see term_proxy_init). */
void term_console_free(struct term_console *c);
