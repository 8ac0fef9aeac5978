/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Pseudo-terminal pairs, window sizes, raw mode and the container's console + tty set. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/proc/proc.h"
#include "log/log.h"
#include "terminal/pty.h"

lxc_log_define(term_pty);

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

#define PTY_OPEN_FLAGS (O_RDWR | O_NOCTTY | O_CLOEXEC)

void term_pty_init(struct term_pty *p)
{
	p->ptx = -EBADF;
	p->peer = -EBADF;
	p->index = -1;
	p->name[0] = '\0';
	p->owner = -1;
}

void term_pty_close(struct term_pty *p)
{
	close_prot_errno_disarm(p->ptx);
	close_prot_errno_disarm(p->peer);
	term_pty_init(p);
}

static int open_ptx(int devpts_fd)
{
	int fd;

	if (devpts_fd >= 0)
		fd = openat(devpts_fd, "ptmx", PTY_OPEN_FLAGS);
	else
		fd = open("/dev/ptmx", PTY_OPEN_FLAGS);
	return fd < 0 ? -errno : fd;
}

/* Open the peer through TIOCGPTPEER (immune to /dev/pts games), else by name. */
static int open_peer(int ptx, const char *name)
{
	int fd;

	fd = ioctl(ptx, TIOCGPTPEER, PTY_OPEN_FLAGS);
	if (fd >= 0)
		return fd;
	if (errno != EINVAL && errno != ENOTTY && errno != ENOSYS && errno != EPERM)
		return -errno;
	DEBUG("TIOCGPTPEER unavailable, opening \"%s\" by name", name);
	fd = open(name, PTY_OPEN_FLAGS);
	return fd < 0 ? -errno : fd;
}

/* The peer's path: /proc/self/fd resolves it in our mount namespace; ptsname as a fallback. */
static int peer_name(int ptx, int peer, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", peer);
	n = readlink(link, buf, size - 1);
	if (n > 0 && (size_t)n < size - 1) {
		buf[n] = '\0';
		return 0;
	}
	return -ptsname_r(ptx, buf, size);
}

int term_pty_open(int devpts_fd, struct term_pty *ret)
{
	__do_close int ptx = -EBADF, peer = -EBADF;
	char name[PATH_MAX];
	int index, r;

	term_pty_init(ret);
	ptx = open_ptx(devpts_fd);
	if (ptx < 0)
		return log_debug(ptx, "Failed to open a new ptx: %s", strerror(-ptx));
	if (unlockpt(ptx) < 0)
		return -errno;
	if (ioctl(ptx, TIOCGPTN, &index) < 0)
		return -errno;
	r = ptsname_r(ptx, name, sizeof(name));
	if (r)
		return -r;
	peer = open_peer(ptx, name);
	if (peer < 0)
		return peer;
	/* The host's /dev/ptmx: ptsname already names the peer in our mount namespace. */
	if (devpts_fd < 0 && strlen(name) < sizeof(ret->name))
		strcpy(ret->name, name);
	else if ((r = peer_name(ptx, peer, ret->name, sizeof(ret->name))) < 0)
		return r;
	ret->index = index;
	ret->ptx = take_fd(ptx);
	ret->peer = take_fd(peer);
	return 0;
}

int term_set_winsize(int fd, unsigned short rows, unsigned short cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };

	return ioctl(fd, TIOCSWINSZ, &ws) < 0 ? -errno : 0;
}

int term_copy_winsize(int from_fd, int to_fd)
{
	struct winsize ws;

	if (!isatty(from_fd))
		return -ENOTTY;
	if (ioctl(from_fd, TIOCGWINSZ, &ws) < 0)
		return -errno;
	return ioctl(to_fd, TIOCSWINSZ, &ws) < 0 ? -errno : 0;
}

int term_raw_enter(int fd, struct termios *ret_saved)
{
	struct termios t;

	if (!isatty(fd))
		return -ENOTTY;
	if (tcgetattr(fd, ret_saved) < 0)
		return -errno;
	t = *ret_saved;
	t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
	t.c_oflag &= ~OPOST;
	t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag &= ~(CSIZE | PARENB);
	t.c_cflag |= CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	return tcsetattr(fd, TCSAFLUSH, &t) < 0 ? -errno : 0;
}

int term_raw_restore(int fd, const struct termios *saved)
{
	return tcsetattr(fd, TCSAFLUSH, saved) < 0 ? -errno : 0;
}

static void ptys_empty(struct term_ptys *t)
{
	term_pty_init(&t->console);
	t->ttys = NULL;
	t->n_ttys = 0;
}

void term_ptys_free(struct term_ptys *t)
{
	if (!t)
		return;
	term_pty_close(&t->console);
	for (unsigned int i = 0; i < t->n_ttys; i++)
		term_pty_close(&t->ttys[i]);
	free(t->ttys);
	ptys_empty(t);
}

DEFINE_CLEANUP(ptys, struct term_ptys *, term_ptys_free);

int term_ptys_alloc(const struct conf_proc *proc, int devpts_fd, struct term_ptys *ret)
{
	struct term_ptys t;
	__do(ptys) struct term_ptys *guard = &t;
	int r;

	ptys_empty(&t);
	ptys_empty(ret);
	if (!conf_proc_console_disabled(proc)) {
		r = term_pty_open(devpts_fd, &t.console);
		if (r < 0)
			return r;
	}
	if (proc->tty_max > 0) {
		t.ttys = calloc(proc->tty_max, sizeof(*t.ttys));
		if (!t.ttys)
			return -ENOMEM;
	}
	for (unsigned int i = 0; i < proc->tty_max; i++) {
		r = term_pty_open(devpts_fd, &t.ttys[i]);
		t.n_ttys = i + 1;	/* term_pty_open leaves a failed slot empty */
		if (r < 0)
			return r;
	}
	*ret = t;
	guard = NULL;
	return 0;
}

void term_ptys_close_peers(struct term_ptys *t)
{
	for (unsigned int i = 0; i < t->n_ttys; i++)
		close_prot_errno_disarm(t->ttys[i].peer);
}

int term_ptys_chown(const struct term_ptys *t, uid_t uid, gid_t gid)
{
	if (t->console.peer >= 0 && fchown(t->console.peer, uid, gid) < 0)
		return -errno;
	for (unsigned int i = 0; i < t->n_ttys; i++)
		if (t->ttys[i].peer >= 0 && fchown(t->ttys[i].peer, uid, gid) < 0)
			return -errno;
	return 0;
}

int term_ptys_claim(struct term_ptys *t, int ttynum, int owner, int *ret_ttynum)
{
	struct term_pty *p;

	if (ttynum == 0 || ttynum > (int)t->n_ttys)
		return -EINVAL;
	if (ttynum > 0) {
		p = &t->ttys[ttynum - 1];
		if (p->owner >= 0 && p->owner != owner)
			return -EBUSY;
	} else {
		for (ttynum = 1; ttynum <= (int)t->n_ttys; ttynum++)
			if (t->ttys[ttynum - 1].owner < 0)
				break;
		if (ttynum > (int)t->n_ttys)
			return -EBUSY;
		p = &t->ttys[ttynum - 1];
	}
	if (p->ptx < 0)
		return -EBADF;
	p->owner = owner;
	*ret_ttynum = ttynum;
	return p->ptx;
}

void term_ptys_release(struct term_ptys *t, int owner)
{
	for (unsigned int i = 0; i < t->n_ttys; i++)
		if (t->ttys[i].owner == owner)
			t->ttys[i].owner = -1;
}
