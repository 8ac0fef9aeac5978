/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Pseudo-terminals: allocate a pty pair (TIOCGPTPEER, else by name), window sizes, raw mode,
 * and the set of ptys a container gets (console + lxc.tty.max ttys), allocated by the monitor
 * before the clone. Functions return >= 0 on success and -errno on failure; no logging above
 * DEBUG. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <termios.h>

struct conf_proc;

/* One pty pair. Unset fds hold -EBADF. */
struct term_pty {
	int ptx;		/* multiplexer side, stays with the monitor */
	int peer;		/* subsidiary side, bound to /dev/console or /dev/ttyN */
	int index;		/* N of /dev/pts/N in its devpts instance */
	char name[PATH_MAX];	/* path of the peer as seen by this process ("/dev/pts/3") */
	int owner;		/* who holds it (lxc-console client's socket fd), -1 = free */
};

/* Initialise to the empty state (fds -EBADF, owner -1). */
void term_pty_init(struct term_pty *p);

/* Allocate a new pair. devpts_fd >= 0: an O_PATH/O_DIRECTORY fd of a devpts mount whose "ptmx"
 * is used (the container's instance); < 0: /dev/ptmx. Both fds are O_RDWR|O_NOCTTY|O_CLOEXEC;
 * the peer is opened with TIOCGPTPEER when the kernel has it, else by its name. On failure *ret
 * is left in the empty state. */
int term_pty_open(int devpts_fd, struct term_pty *ret);
/* Close both fds and reset to the empty state. Accepts an already empty pair. */
void term_pty_close(struct term_pty *p);

/* Set the window size of a terminal fd (either side of a pty). */
int term_set_winsize(int fd, unsigned short rows, unsigned short cols);
/* Copy the window size of from_fd to to_fd; -ENOTTY when from_fd is not a terminal. */
int term_copy_winsize(int from_fd, int to_fd);

/* Put a terminal fd into raw mode (like cfmakeraw, plus VMIN 1 / VTIME 0), saving the old
 * settings in *ret_saved first; -ENOTTY when fd is not a terminal (nothing changed). */
int term_raw_enter(int fd, struct termios *ret_saved);
/* Restore settings saved by term_raw_enter (TCSAFLUSH, like LXC). */
int term_raw_restore(int fd, const struct termios *saved);

/* The container's ptys. console is empty when lxc.console.path = none. */
struct term_ptys {
	struct term_pty console;
	struct term_pty *ttys;	/* ttys[0] is /dev/tty1 */
	unsigned int n_ttys;	/* lxc.tty.max */
};

/* Allocate the console (unless conf_proc_console_disabled()) and proc->tty_max ttys from
 * devpts_fd (see term_pty_open); termios settings are left as the kernel gives them. All or
 * nothing: on failure *ret is empty. */
int term_ptys_alloc(const struct conf_proc *proc, int devpts_fd, struct term_ptys *ret);
/* Close everything and reset to empty. Accepts an empty or half-built set. */
void term_ptys_free(struct term_ptys *t);
/* Close the ttys' peers (the monitor, once the init has them), keeping the ptx fds. The
 * console's peer stays open until term_ptys_free (see term_proxy_init). */
void term_ptys_close_peers(struct term_ptys *t);
/* fchown every peer to uid:gid (container root for a user namespace); -errno of the first
 * failure. */
int term_ptys_chown(const struct term_ptys *t, uid_t uid, gid_t gid);

/* lxc-console's tty request (GET_TTY_FD) for ttys 1..n: ttynum > 0 claims that tty, -EBUSY if
 * another owner holds it, -EINVAL if out of range; ttynum < 0 claims the first free tty, -EBUSY
 * if none. (ttynum 0, the console, goes through term_proxy_open_client_pty in proxy.h.)
 * Returns the claimed tty's ptx fd (still owned by t) and its number in *ret_ttynum. */
int term_ptys_claim(struct term_ptys *t, int ttynum, int owner, int *ret_ttynum);
/* Release every tty held by owner (its client disconnected). */
void term_ptys_release(struct term_ptys *t, int owner);
