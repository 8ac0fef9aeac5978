/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console proxy wired into the monitor's mainloop (mainloop/mainloop.h): handlers for the
 * console ptx and the attached peer, removed and detached on hangup or "<escape> q". The
 * monitor's own SIGWINCH handler calls term_proxy_on_winch(). */
#pragma once

#include <stdbool.h>

#include "mainloop/mainloop.h"
#include "terminal/proxy.h"

/* Register the proxy's ptx (initialised with term_proxy_init) in loop; the fd stays the
 * caller's. When the ptx hangs up its handler goes away (the peer stays attached). */
int term_proxy_loop_add(struct mainloop *loop, struct term_proxy *p);

/* term_proxy_attach plus a handler for in_fd (in_fd < 0: output only). If in_fd cannot be
 * watched (epoll refuses regular files and /dev/null: EPERM) the peer stays attached for output
 * only. When in_fd reaches EOF only the input is dropped (lxc-start -F < file keeps showing
 * the console); "<escape> q" and a failed write to out_fd detach fully. */
int term_proxy_loop_attach(struct term_proxy *p, int in_fd, int out_fd, int escape, bool raw);

/* term_proxy_open_client_pty plus a handler for the proxy pty (lxc-console -t 0). */
int term_proxy_loop_attach_client(struct term_proxy *p, int owner, int *ret_ptx);

/* Remove the peer's handler and detach it (no-op without a peer). */
void term_proxy_loop_detach(struct term_proxy *p);
/* The same, only if owner holds the peer (its command connection closed); true if it did. */
bool term_proxy_loop_release(struct term_proxy *p, int owner);

/* Remove the ptx and peer handlers (before freeing the loop or the ptys). */
void term_proxy_loop_remove(struct term_proxy *p);
