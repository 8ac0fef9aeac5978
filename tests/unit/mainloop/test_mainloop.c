/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for mainloop/: dispatch, handler removal during dispatch, timers, signalfd,
 * return codes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "mainloop/mainloop.h"

struct rec {
	struct mainloop *loop;
	int calls;
	int released;
	int ret;      /* what the callback returns */
	int other_fd; /* fd of a handler to remove, or -1 */
	char buf[16];
};

static int read_cb(int fd, uint32_t events, void *data)
{
	struct rec *r = data;
	ssize_t n;

	r->calls++;
	n = read(fd, r->buf, sizeof(r->buf) - 1);
	if (n > 0)
		r->buf[n] = '\0';
	if (r->other_fd >= 0)
		mainloop_remove(r->loop, r->other_fd);
	return r->ret;
}

static void release_cb(int fd, void *data)
{
	((struct rec *)data)->released++;
}

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void test_dispatch_and_stop(void **state)
{
	struct mainloop *loop;
	struct rec r = {.ret = MAINLOOP_STOP, .other_fd = -1};
	int p[2];

	assert_int_equal(mainloop_new(&loop), 0);
	r.loop = loop;
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(mainloop_add(loop, p[0], EPOLLIN, 0, read_cb, release_cb, &r), 0);
	assert_int_equal(mainloop_add(loop, p[0], EPOLLIN, 0, read_cb, release_cb, &r), -EEXIST);
	assert_int_equal(write(p[1], "ping", 4), 4);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(r.calls, 1);
	assert_string_equal(r.buf, "ping");
	assert_int_equal(mainloop_count(loop), 1);
	/* Nothing ready: the timeout ends the run. */
	assert_int_equal(mainloop_run(loop, 0), -ETIMEDOUT);
	assert_int_equal(r.calls, 1);
	assert_int_equal(mainloop_remove(loop, p[0]), 0);
	assert_int_equal(mainloop_remove(loop, p[0]), -ENOENT);
	assert_int_equal(r.released, 1);
	assert_true(fd_open(p[0])); /* not owned: still open */
	/* No handler left: run returns at once. */
	assert_int_equal(mainloop_run(loop, -1), 0);
	mainloop_free(loop);
	close(p[0]);
	close(p[1]);
}

static void test_close_owned(void **state)
{
	struct mainloop *loop;
	struct rec r = {.ret = MAINLOOP_CLOSE, .other_fd = -1};
	int p[2];

	assert_int_equal(mainloop_new(&loop), 0);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(
		mainloop_add(loop, p[0], EPOLLIN, MAINLOOP_OWN_FD, read_cb, release_cb, &r), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	/* The only handler closes: the loop has nothing left and returns 0. */
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.released, 1);
	assert_int_equal(mainloop_count(loop), 0);
	assert_false(fd_open(p[0]));
	mainloop_free(loop);
	close(p[1]);
}

/* Two ready handlers in one batch, each removing the other: exactly one runs. */
static void test_remove_other_in_batch(void **state)
{
	struct mainloop *loop;
	struct rec a = {.ret = MAINLOOP_CONTINUE}, b = {.ret = MAINLOOP_CONTINUE};
	int pa[2], pb[2];

	assert_int_equal(mainloop_new(&loop), 0);
	a.loop = b.loop = loop;
	assert_int_equal(pipe2(pa, O_CLOEXEC), 0);
	assert_int_equal(pipe2(pb, O_CLOEXEC), 0);
	a.other_fd = pb[0];
	b.other_fd = pa[0];
	assert_int_equal(
		mainloop_add(loop, pa[0], EPOLLIN, MAINLOOP_OWN_FD, read_cb, release_cb, &a), 0);
	assert_int_equal(
		mainloop_add(loop, pb[0], EPOLLIN, MAINLOOP_OWN_FD, read_cb, release_cb, &b), 0);
	assert_int_equal(write(pa[1], "a", 1), 1);
	assert_int_equal(write(pb[1], "b", 1), 1);
	/* The survivor stays ready only if it did not drain; it did, so the run times out. */
	assert_int_equal(mainloop_run(loop, 0), -ETIMEDOUT);
	assert_int_equal(a.calls + b.calls, 1);
	assert_int_equal(a.released + b.released, 1);
	assert_int_equal(mainloop_count(loop), 1);
	mainloop_free(loop);
	assert_int_equal(a.released + b.released, 2);
	assert_false(fd_open(pa[0]));
	assert_false(fd_open(pb[0]));
	close(pa[1]);
	close(pb[1]);
}

/* A handler removing itself and then returning MAINLOOP_CLOSE releases once. */
static int self_remove_cb(int fd, uint32_t events, void *data)
{
	struct rec *r = data;

	r->calls++;
	assert_int_equal(mainloop_remove(r->loop, fd), 0);
	assert_int_equal(mainloop_remove(r->loop, fd), -ENOENT);
	return MAINLOOP_CLOSE;
}

static void test_self_remove(void **state)
{
	struct mainloop *loop;
	struct rec r = {};
	int p[2];

	assert_int_equal(mainloop_new(&loop), 0);
	r.loop = loop;
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(
		mainloop_add(loop, p[0], EPOLLIN, MAINLOOP_OWN_FD, self_remove_cb, release_cb, &r),
		0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.released, 1);
	assert_false(fd_open(p[0]));
	mainloop_free(loop);
	close(p[1]);
}

static int error_cb(int fd, uint32_t events, void *data)
{
	return -EIO;
}

static void test_error_stops(void **state)
{
	struct mainloop *loop;
	int p[2];

	assert_int_equal(mainloop_new(&loop), 0);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(mainloop_add(loop, p[0], EPOLLIN, MAINLOOP_OWN_FD, error_cb, NULL, NULL),
			 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(mainloop_run(loop, -1), -EIO);
	assert_int_equal(mainloop_count(loop), 1);
	mainloop_free(loop);
	close(p[1]);
}

struct tick {
	int count;
	int stop_at;
};

static int tick_cb(int fd, uint32_t events, void *data)
{
	struct tick *t = data;

	assert_int_equal(events & EPOLLIN, EPOLLIN);
	return ++t->count == t->stop_at ? MAINLOOP_STOP : MAINLOOP_CONTINUE;
}

static void test_timers(void **state)
{
	struct mainloop *loop;
	struct tick periodic = {.stop_at = 3}, once = {.stop_at = 1};
	int tfd, ofd;

	assert_int_equal(mainloop_new(&loop), 0);
	tfd = mainloop_add_timer(loop, 1, 1, tick_cb, NULL, &periodic);
	assert_true(tfd >= 0);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(periodic.count, 3);
	assert_int_equal(mainloop_remove(loop, tfd), 0);
	assert_false(fd_open(tfd)); /* timers are owned by the loop */

	ofd = mainloop_add_timer(loop, 1, 0, tick_cb, NULL, &once);
	assert_true(ofd >= 0);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(once.count, 1);
	/* One-shot: it stays registered but does not fire again... */
	assert_int_equal(mainloop_count(loop), 1);
	assert_int_equal(mainloop_run(loop, 0), -ETIMEDOUT);
	assert_int_equal(once.count, 1);
	/* ...until re-armed. */
	once.stop_at = 2;
	assert_int_equal(mainloop_timer_arm(ofd, 1, 0), 0);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(once.count, 2);
	mainloop_free(loop);
}

static int signal_cb(int fd, uint32_t events, void *data)
{
	struct signalfd_siginfo si;
	int *got = data;

	while (mainloop_read_signal(fd, &si) == 0)
		*got = (int)si.ssi_signo;
	assert_int_equal(mainloop_read_signal(fd, &si), -EAGAIN);
	return MAINLOOP_STOP;
}

static void test_signalfd(void **state)
{
	struct mainloop *loop;
	sigset_t mask, old, now;
	int sfd, got = 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	assert_int_equal(mainloop_new(&loop), 0);
	sfd = mainloop_signalfd(&mask, &old);
	assert_true(sfd >= 0);
	assert_true(fcntl(sfd, F_GETFD) & FD_CLOEXEC);
	sigprocmask(SIG_SETMASK, NULL, &now);
	assert_true(sigismember(&now, SIGUSR1));
	assert_int_equal(mainloop_add(loop, sfd, EPOLLIN, MAINLOOP_OWN_FD, signal_cb, NULL, &got),
			 0);
	assert_int_equal(kill(getpid(), SIGUSR1), 0);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(got, SIGUSR1);
	mainloop_free(loop);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static int stop_api_cb(int fd, uint32_t events, void *data)
{
	char c;

	assert_int_equal(read(fd, &c, 1), 1);
	mainloop_stop(data);
	return MAINLOOP_CONTINUE;
}

static void test_stop_api_and_modify(void **state)
{
	struct mainloop *loop;
	int p[2];

	assert_int_equal(mainloop_new(&loop), 0);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(
		mainloop_add(loop, p[0], EPOLLIN, MAINLOOP_OWN_FD, stop_api_cb, NULL, loop), 0);
	assert_int_equal(write(p[1], "xx", 2), 2);
	assert_int_equal(mainloop_run(loop, -1), 0);
	/* Not waiting for input any more: the pending byte is not dispatched. */
	assert_int_equal(mainloop_modify(loop, p[0], 0), 0);
	assert_int_equal(mainloop_run(loop, 0), -ETIMEDOUT);
	assert_int_equal(mainloop_modify(loop, p[0], EPOLLIN), 0);
	assert_int_equal(mainloop_run(loop, -1), 0);
	assert_int_equal(mainloop_modify(loop, 12345, EPOLLIN), -ENOENT);
	mainloop_free(loop);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dispatch_and_stop),
		cmocka_unit_test(test_close_owned),
		cmocka_unit_test(test_remove_other_in_batch),
		cmocka_unit_test(test_self_remove),
		cmocka_unit_test(test_error_stops),
		cmocka_unit_test(test_timers),
		cmocka_unit_test(test_signalfd),
		cmocka_unit_test(test_stop_api_and_modify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
