/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console proxy: bytes from the container's console ptx go to the attached peer (the
 * foreground terminal, an lxc.console.path device or an lxc-console client), the ring buffer
 * and the log file; bytes from the peer go to the ptx, with lxc-console's escape handling
 * ("<escape> q" detaches, "<escape> <escape>" sends one escape, "<escape> x" sends "x").
 * Event-loop agnostic: the owner registers the fds in its loop and calls the handlers. Also
 * the client side of lxc-console (term_console_client_run). */
#pragma once

#include <stdbool.h>
#include <termios.h>

#include "terminal/console_log.h"
#include "terminal/pty.h"
#include "terminal/ringbuf.h"

/* Default escape prefix: Ctrl-a. */
#define TERM_ESCAPE_DEFAULT 1
/* No escape handling (e.g. lxc-start -F: the foreground terminal cannot detach). */
#define TERM_ESCAPE_NONE (-1)

/* What a handler asks of its caller. */
enum term_proxy_result {
	TERM_PROXY_CONTINUE = 0,	/* keep going */
	TERM_PROXY_DETACH = 1,		/* peer typed "<escape> q": remove the peer fd from the
					 * loop, then term_proxy_detach() */
	TERM_PROXY_PEER_GONE = 2,	/* peer hung up (EOF, EIO): from the ptx handler (output
					 * failed) detach; from the peer handler either detach
					 * or term_proxy_drop_input() to keep the output */
	TERM_PROXY_PTX_GONE = 3,	/* console ptx hung up (EIO, EOF): remove the ptx fd */
};

struct mainloop;

struct term_proxy {
	int ptx;			/* container console ptx (not owned) */
	struct mainloop *loop;		/* set by term_proxy_loop_add (proxy_loop.h) */
	struct term_ringbuf *rb;	/* optional, not owned */
	struct term_log *log;		/* optional, not owned */

	int peer_in;			/* peer fds, -EBADF when none; not owned unless peer_pty */
	int peer_out;
	int escape;			/* escape byte 1..255 or TERM_ESCAPE_NONE */
	bool saw_escape;
	int owner;			/* client owning the peer (socket fd), -1 = none */
	struct term_pty peer_pty;	/* owned proxy pty for an lxc-console client, else empty */
	bool raw_saved;			/* peer_in was put in raw mode; restored on detach */
	struct termios saved;
	unsigned short rows, cols;	/* last window size forwarded to ptx */
};

/* Set up a proxy for ptx with optional ring buffer and log file (NULL = none); no peer.
 * Sets O_NONBLOCK on ptx. Keep the console's peer fd open in the monitor as well (as
 * term_ptys_close_peers does): otherwise the ptx hangs up (EIO) whenever no process in the
 * container has the console open, and the ptx handler goes away. */
int term_proxy_init(struct term_proxy *p, int ptx, struct term_ringbuf *rb,
		    struct term_log *log);

/* Attach a peer: reads from in_fd, writes to out_fd (they may be equal; in_fd < 0: output
 * only). When raw and in_fd is a terminal it is put in raw mode (restored by term_proxy_detach)
 * and the window size of in_fd (or else of out_fd, when a terminal) is copied to the ptx.
 * escape: TERM_ESCAPE_DEFAULT, another control byte, or TERM_ESCAPE_NONE. The fds stay the
 * caller's. -EBUSY if a peer is attached. */
int term_proxy_attach(struct term_proxy *p, int in_fd, int out_fd, int escape, bool raw);

/* lxc-console for tty 0: allocate a new pty pair (from /dev/ptmx), attach its peer side (raw,
 * no escape handling: the client does that) for owner, and return the pair's ptx in *ret_ptx
 * for sending to the client (the caller closes its copy after sending; the proxy keeps the
 * peer). -EBUSY if a peer is attached. */
int term_proxy_open_client_pty(struct term_proxy *p, int owner, int *ret_ptx);

/* Detach the peer: restore its terminal mode, close an owned proxy pty, reset escape state.
 * Harmless without a peer. */
void term_proxy_detach(struct term_proxy *p);
/* Stop reading the peer's input (EOF on lxc-start -F's stdin) but keep sending it output;
 * restores its terminal mode. For a client proxy pty this is a full detach. */
void term_proxy_drop_input(struct term_proxy *p);
/* A peer is attached (at least for output). */
bool term_proxy_attached(const struct term_proxy *p);
/* Detach if owner holds the peer (its client disconnected); returns true if it did. */
bool term_proxy_release(struct term_proxy *p, int owner);
/* The fd to watch for peer input, -EBADF when none (no peer, or output only). */
int term_proxy_peer_fd(const struct term_proxy *p);

/* ptx readable: read a chunk and copy it to the peer, the ring buffer and the log file. The ptx
 * and an owned proxy pty are switched to O_NONBLOCK, so a reader or writer that does not keep
 * up loses bytes instead of blocking the monitor (a foreground terminal stays blocking: its
 * file description is shared with the caller's shell). Returns a term_proxy_result or -errno
 * for an unexpected read error. */
int term_proxy_on_ptx_readable(struct term_proxy *p);

/* Peer readable: read a chunk, apply escape handling, write the rest to the ptx. For a proxy
 * pty, a changed window size on it is forwarded to the ptx. Returns a term_proxy_result or
 * -errno. */
int term_proxy_on_peer_readable(struct term_proxy *p);

/* SIGWINCH: copy the peer's window size to the ptx (no-op without a terminal peer). */
int term_proxy_on_winch(struct term_proxy *p);

/* The escape filter shared by the proxy and the client: copies in[0..n) to out (same size)
 * minus escape handling, updating *saw_escape across calls. Stops at "<escape> q" and sets
 * *ret_detach (bytes before it are in out). Returns the number of bytes put in out. */
size_t term_escape_filter(int escape, bool *saw_escape, const char *in, size_t n, char *out,
			  bool *ret_detach);

/* Parse lxc-console's -e value: "^x" or "x" for a letter x (either case) gives Ctrl-x (1..26);
 * -EINVAL otherwise. */
int term_escape_parse(const char *s);

/* lxc-console's loop on the client side: in_fd (raw mode while running when it is a terminal,
 * restored on every return) is copied to ptx_fd with escape handling, ptx_fd to out_fd; the
 * window size of in_fd is copied to ptx_fd at start and on SIGWINCH (blocked and taken through
 * a signalfd while running; the signal mask is restored). Returns 0 when the user typed
 * "<escape> q" (input read in the same chunk after it is dropped), in_fd reached EOF or ptx_fd
 * hung up; -errno on failure. */
int term_console_client_run(int ptx_fd, int in_fd, int out_fd, int escape);
