/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* epoll loop: handlers live on a list; removal during dispatch marks them dead and frees them
 * after the current batch, so stale events in that batch are skipped. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mainloop/mainloop.h"

#define MAINLOOP_BATCH 32

struct handler {
	struct handler *next;
	int fd;
	unsigned int flags;
	bool dead;
	bool timer;
	mainloop_cb cb;
	mainloop_release_cb release;
	void *data;
};

struct mainloop {
	int epfd;
	bool stop;
	unsigned int depth; /* > 0 while dispatching */
	unsigned int count; /* live handlers */
	struct handler *live;
	struct handler *graveyard; /* dead, freed after the batch */
};

int mainloop_new(struct mainloop **ret)
{
	struct mainloop *loop = calloc(1, sizeof(*loop));

	if (!loop)
		return -ENOMEM;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0) {
		int err = -errno;

		free(loop);
		return err;
	}
	*ret = loop;
	return 0;
}

static struct handler *find_live(const struct mainloop *loop, int fd)
{
	for (struct handler *h = loop->live; h; h = h->next)
		if (h->fd == fd)
			return h;
	return NULL;
}

static void unlink_live(struct mainloop *loop, struct handler *h)
{
	for (struct handler **p = &loop->live; *p; p = &(*p)->next) {
		if (*p == h) {
			*p = h->next;
			return;
		}
	}
}

static void bury(struct mainloop *loop)
{
	while (loop->graveyard) {
		struct handler *h = loop->graveyard;

		loop->graveyard = h->next;
		free(h);
	}
}

/* Unregister h, run its release callback, close an owned fd; h itself is freed now or, while
 * dispatching, after the batch. */
static void drop_handler(struct mainloop *loop, struct handler *h)
{
	unlink_live(loop, h);
	loop->count--;
	h->dead = true;
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, h->fd, NULL);
	if (h->release)
		h->release(h->fd, h->data);
	if (h->flags & MAINLOOP_OWN_FD)
		close(h->fd);
	if (loop->depth > 0) {
		h->next = loop->graveyard;
		loop->graveyard = h;
	} else {
		free(h);
	}
}

void mainloop_free(struct mainloop *loop)
{
	if (!loop)
		return;
	while (loop->live)
		drop_handler(loop, loop->live);
	bury(loop);
	if (loop->epfd >= 0)
		close(loop->epfd);
	free(loop);
}

static int add_handler(struct mainloop *loop, int fd, uint32_t events, unsigned int flags,
		       mainloop_cb cb, mainloop_release_cb release, void *data, bool timer)
{
	struct epoll_event ev = {.events = events};
	struct handler *h;

	if (fd < 0 || !cb)
		return -EBADF;
	if (find_live(loop, fd))
		return -EEXIST;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	*h = (struct handler){.fd = fd,
			      .flags = flags,
			      .timer = timer,
			      .cb = cb,
			      .release = release,
			      .data = data};
	ev.data.ptr = h;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = -errno;

		free(h);
		return err;
	}
	h->next = loop->live;
	loop->live = h;
	loop->count++;
	return 0;
}

int mainloop_add(struct mainloop *loop, int fd, uint32_t events, unsigned int flags, mainloop_cb cb,
		 mainloop_release_cb release, void *data)
{
	return add_handler(loop, fd, events, flags, cb, release, data, false);
}

int mainloop_modify(struct mainloop *loop, int fd, uint32_t events)
{
	struct handler *h = find_live(loop, fd);
	struct epoll_event ev = {.events = events};

	if (!h)
		return -ENOENT;
	ev.data.ptr = h;
	return epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev) < 0 ? -errno : 0;
}

int mainloop_remove(struct mainloop *loop, int fd)
{
	struct handler *h = find_live(loop, fd);

	if (!h)
		return -ENOENT;
	drop_handler(loop, h);
	return 0;
}

unsigned int mainloop_count(const struct mainloop *loop)
{
	return loop->count;
}

static struct timespec ms_to_ts(uint64_t ms)
{
	return (struct timespec){.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
}

int mainloop_timer_arm(int timerfd, uint64_t first_ms, uint64_t interval_ms)
{
	struct itimerspec its = {.it_value = ms_to_ts(first_ms),
				 .it_interval = ms_to_ts(interval_ms)};

	if (first_ms == 0 && interval_ms != 0)
		its.it_value = ms_to_ts(interval_ms);
	return timerfd_settime(timerfd, 0, &its, NULL) < 0 ? -errno : 0;
}

int mainloop_add_timer(struct mainloop *loop, uint64_t first_ms, uint64_t interval_ms,
		       mainloop_cb cb, mainloop_release_cb release, void *data)
{
	__do_close int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	int err;

	if (tfd < 0)
		return -errno;
	err = mainloop_timer_arm(tfd, first_ms ? first_ms : 1, interval_ms);
	if (err < 0)
		return err;
	err = add_handler(loop, tfd, EPOLLIN, MAINLOOP_OWN_FD, cb, release, data, true);
	if (err < 0)
		return err;
	return take_fd(tfd);
}

int mainloop_signalfd(const sigset_t *mask, sigset_t *ret_oldmask)
{
	int fd;

	if (sigprocmask(SIG_BLOCK, mask, ret_oldmask) < 0)
		return -errno;
	fd = signalfd(-1, mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd < 0) {
		int err = -errno;

		if (ret_oldmask)
			sigprocmask(SIG_SETMASK, ret_oldmask, NULL);
		return err;
	}
	return fd;
}

int mainloop_read_signal(int sfd, struct signalfd_siginfo *ret)
{
	ssize_t n;

	do
		n = read(sfd, ret, sizeof(*ret));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == sizeof(*ret) ? 0 : -EIO;
}

void mainloop_stop(struct mainloop *loop)
{
	loop->stop = true;
}

/* Run one handler; returns < 0 to abort the loop. */
static int dispatch_one(struct mainloop *loop, struct handler *h, uint32_t events)
{
	int r;

	if (h->timer) {
		uint64_t expirations;

		/* Drain the counter; a spurious wake-up (re-armed meanwhile) is no event. */
		if (read(h->fd, &expirations, sizeof(expirations)) != sizeof(expirations))
			return 0;
	}
	r = h->cb(h->fd, events, h->data);
	if (r < 0)
		return r;
	if (r == MAINLOOP_CLOSE && !h->dead)
		drop_handler(loop, h);
	else if (r == MAINLOOP_STOP)
		loop->stop = true;
	return 0;
}

static int elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int)((now.tv_sec - start->tv_sec) * 1000 +
		     (now.tv_nsec - start->tv_nsec) / 1000000);
}

static int run_batch(struct mainloop *loop, int wait_ms)
{
	struct epoll_event evs[MAINLOOP_BATCH];
	int n, err = 0;

	n = epoll_wait(loop->epfd, evs, MAINLOOP_BATCH, wait_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	loop->depth++;
	for (int i = 0; i < n && !loop->stop; i++) {
		struct handler *h = evs[i].data.ptr;

		if (h->dead)
			continue;
		err = dispatch_one(loop, h, evs[i].events);
		if (err < 0)
			break;
	}
	loop->depth--;
	if (loop->depth == 0)
		bury(loop);
	return err < 0 ? err : n;
}

int mainloop_run(struct mainloop *loop, int timeout_ms)
{
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	loop->stop = false;
	for (;;) {
		int wait_ms = -1, r;

		if (loop->count == 0)
			return 0;
		if (timeout_ms >= 0) {
			wait_ms = timeout_ms - elapsed_ms(&start);
			if (wait_ms < 0)
				wait_ms = 0;
		}
		r = run_batch(loop, wait_ms);
		if (r < 0)
			return r;
		if (loop->stop) {
			loop->stop = false;
			return 0;
		}
		if (timeout_ms >= 0 && elapsed_ms(&start) >= timeout_ms)
			return -ETIMEDOUT;
	}
}
