/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's event loop: epoll over fd handlers, timerfd timers and a signalfd helper.
 * Single-threaded. A handler may remove itself or any other handler (or add new ones) while
 * the loop dispatches; a removed handler is never called again, even for events already
 * collected in the same epoll_wait() batch. */
#pragma once

#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

struct mainloop;

/* What a handler callback returns. */
enum {
	MAINLOOP_CONTINUE = 0, /* keep the handler */
	MAINLOOP_CLOSE = 1,    /* remove this handler (release callback, fd closed if owned) */
	MAINLOOP_STOP = 2,     /* keep the handler, stop the loop: mainloop_run() returns 0 */
	/* < 0 (-errno): fatal; the loop stops and mainloop_run() returns that value. */
};

/* Handler flags. */
enum {
	MAINLOOP_OWN_FD = 1 << 0, /* close(fd) when the handler is removed for any reason */
};

/* Called with the fd, the epoll events that fired (EPOLLIN, EPOLLHUP, ...) and the data given
 * at registration. For timers the loop has already read the expiration counter; events is
 * EPOLLIN. */
typedef int (*mainloop_cb)(int fd, uint32_t events, void *data);
/* Called exactly once when a handler goes away (MAINLOOP_CLOSE, mainloop_remove(),
 * mainloop_free()), before the fd is closed when MAINLOOP_OWN_FD is set. May be NULL. */
typedef void (*mainloop_release_cb)(int fd, void *data);

/* A new, empty loop (epoll fd O_CLOEXEC). */
int mainloop_new(struct mainloop **ret);
/* Remove every handler (release callbacks run, owned fds closed), then free. NULL is fine.
 * Must not be called from inside a handler. */
void mainloop_free(struct mainloop *loop);

/* Watch fd for events (EPOLLIN, EPOLLOUT, ...; EPOLLHUP/EPOLLERR are always reported).
 * -EEXIST if fd already has a handler; -errno from epoll_ctl. On failure nothing is kept and
 * the fd is NOT closed, even with MAINLOOP_OWN_FD. */
int mainloop_add(struct mainloop *loop, int fd, uint32_t events, unsigned int flags, mainloop_cb cb,
		 mainloop_release_cb release, void *data);
/* Change the events a handler waits for. -ENOENT if fd has no handler. */
int mainloop_modify(struct mainloop *loop, int fd, uint32_t events);
/* Remove fd's handler (release callback runs; the fd is closed only if the handler owns it).
 * Safe from any handler, including fd's own. -ENOENT if fd has no handler. */
int mainloop_remove(struct mainloop *loop, int fd);
/* Number of live handlers. */
unsigned int mainloop_count(const struct mainloop *loop);

/* A timer: a timerfd (CLOCK_MONOTONIC, O_CLOEXEC|O_NONBLOCK) owned by the loop, firing first
 * after first_ms (0 is treated as 1 ms) and then every interval_ms (0: once). A one-shot
 * timer stays registered (disarmed) until its callback returns MAINLOOP_CLOSE or it is
 * removed; re-arm it with mainloop_timer_arm(). Returns the timerfd (>= 0, the handle for
 * mainloop_remove()/mainloop_timer_arm()) or -errno. */
int mainloop_add_timer(struct mainloop *loop, uint64_t first_ms, uint64_t interval_ms,
		       mainloop_cb cb, mainloop_release_cb release, void *data);
/* Re-arm (or with first_ms == 0 and interval_ms == 0, disarm) a timer fd. */
int mainloop_timer_arm(int timerfd, uint64_t first_ms, uint64_t interval_ms);

/* Block the signals in mask for this thread (sigprocmask) and return a signalfd for them
 * (SFD_CLOEXEC|SFD_NONBLOCK). The previous mask goes to *ret_oldmask when not NULL (restore it
 * in a child before exec). Register the fd with mainloop_add(..., MAINLOOP_OWN_FD, ...). */
int mainloop_signalfd(const sigset_t *mask, sigset_t *ret_oldmask);
/* Read one pending signal from a signalfd: 0 and *ret filled, -EAGAIN when none is pending,
 * -errno otherwise. Call it in a loop inside the handler until -EAGAIN. */
int mainloop_read_signal(int sfd, struct signalfd_siginfo *ret);

/* Dispatch until a handler returns MAINLOOP_STOP or mainloop_stop() is called (returns 0), a
 * handler returns -errno (returns it), or timeout_ms elapses (timeout_ms < 0: no limit;
 * returns -ETIMEDOUT). Also returns 0 at once when no handler is left. EINTR is retried. */
int mainloop_run(struct mainloop *loop, int timeout_ms);
/* Make mainloop_run() return 0 after the current handler. */
void mainloop_stop(struct mainloop *loop);
