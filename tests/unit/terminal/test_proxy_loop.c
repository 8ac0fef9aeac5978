/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console proxy in a real mainloop: output to the peer, "Ctrl-a q" removing the peer's
 * handler, an lxc-console client pty going away, release by owner, and removal. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "terminal/proxy_loop.h"
#include "helpers.h"

struct fx {
	struct mainloop *loop;
	struct term_pty con, user;
	struct term_proxy p;
	char got[64];		/* what reached the container side */
	size_t n_got;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct termios unused;

	if (!f || mainloop_new(&f->loop) < 0)
		return -1;
	if (term_pty_open(-1, &f->con) < 0 || term_pty_open(-1, &f->user) < 0)
		return -1;
	if (term_raw_enter(f->con.peer, &unused) < 0)
		return -1;
	if (term_proxy_init(&f->p, f->con.ptx, NULL, NULL) < 0)
		return -1;
	if (term_proxy_loop_add(f->loop, &f->p) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	term_proxy_loop_remove(&f->p);
	mainloop_free(f->loop);
	term_pty_close(&f->con);
	term_pty_close(&f->user);
	free(f);
	return 0;
}

static bool readable_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

/* The container side: collect what the proxy wrote. */
static int collect_cb(int fd, uint32_t events, void *data)
{
	struct fx *f = data;
	ssize_t n = read(fd, f->got + f->n_got, sizeof(f->got) - 1 - f->n_got);

	if (n > 0)
		f->n_got += (size_t)n;
	return MAINLOOP_CONTINUE;
}

/* Run the loop in short slices until cond holds (bounded, so a bug fails instead of hanging).
 * The slice length is only a polling interval, never an assumption about timing. */
#define RUN_UNTIL(f, cond)                                                        \
	do {                                                                      \
		for (int __i = 0; __i < 400 && !(cond); __i++) {                  \
			int __r = mainloop_run((f)->loop, 25);                    \
			assert_true(__r == 0 || __r == -ETIMEDOUT);               \
		}                                                                 \
		assert_true(cond);                                                \
	} while (0)

static void test_detach_removes_handler(void **state)
{
	struct fx *f = *state;
	char buf[8];

	assert_int_equal(mainloop_add(f->loop, f->con.peer, EPOLLIN, 0, collect_cb, NULL, f), 0);
	assert_int_equal(term_proxy_loop_attach(&f->p, f->user.peer, f->user.peer,
						TERM_ESCAPE_DEFAULT, true), 0);
	assert_int_equal(mainloop_count(f->loop), 3);

	/* output goes to the peer */
	assert_int_equal(write(f->con.peer, "hi", 2), 2);
	assert_int_equal(write(f->user.ptx, "ab\x01\x01", 4), 4);
	RUN_UNTIL(f, f->n_got == 3);
	assert_memory_equal(f->got, "ab\x01", 3);
	assert_int_equal(read_exact(f->user.ptx, buf, 2), 0);
	assert_memory_equal(buf, "hi", 2);

	/* Ctrl-a q: the peer's handler goes away and the peer is detached */
	assert_int_equal(write(f->user.ptx, "c\x01q", 3), 3);
	RUN_UNTIL(f, term_proxy_peer_fd(&f->p) < 0 && f->n_got == 4);
	assert_memory_equal(f->got, "ab\x01" "c", 4);
	assert_int_equal(mainloop_count(f->loop), 2);

	/* attach again works */
	assert_int_equal(term_proxy_loop_attach(&f->p, f->user.peer, f->user.peer,
						TERM_ESCAPE_DEFAULT, true), 0);
	assert_int_equal(mainloop_count(f->loop), 3);
	term_proxy_loop_detach(&f->p);
	assert_int_equal(mainloop_count(f->loop), 2);
	assert_int_equal(term_proxy_peer_fd(&f->p), -EBADF);
	mainloop_remove(f->loop, f->con.peer);
}

static void test_client_pty(void **state)
{
	struct fx *f = *state;
	int client = -EBADF, other = -EBADF;
	char buf[8];

	assert_int_equal(term_proxy_loop_attach_client(&f->p, 5, &client), 0);
	assert_int_equal(mainloop_count(f->loop), 2);
	assert_int_equal(term_proxy_loop_attach_client(&f->p, 6, &other), -EBUSY);
	assert_int_equal(mainloop_count(f->loop), 2);

	assert_int_equal(write(f->con.peer, "out", 3), 3);
	RUN_UNTIL(f, readable_now(client));
	assert_int_equal(read_exact(client, buf, 3), 0);
	assert_memory_equal(buf, "out", 3);

	assert_false(term_proxy_loop_release(&f->p, 6));
	assert_int_equal(mainloop_count(f->loop), 2);

	/* the client goes away: its handler is removed */
	close(client);
	RUN_UNTIL(f, term_proxy_peer_fd(&f->p) < 0);
	assert_int_equal(mainloop_count(f->loop), 1);

	/* release by owner */
	assert_int_equal(term_proxy_loop_attach_client(&f->p, 6, &client), 0);
	assert_true(term_proxy_loop_release(&f->p, 6));
	assert_int_equal(mainloop_count(f->loop), 1);
	assert_int_equal(term_proxy_peer_fd(&f->p), -EBADF);
	close(client);
}

/* lxc-start -F with stdin at EOF or not pollable: the console output still reaches stdout. */
static void test_input_eof_keeps_output(void **state)
{
	struct fx *f = *state;
	int in[2], null_fd;
	char buf[8];

	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(term_proxy_loop_attach(&f->p, in[0], f->user.peer, TERM_ESCAPE_DEFAULT,
						true), 0);
	assert_int_equal(mainloop_count(f->loop), 2);
	close(in[1]);
	RUN_UNTIL(f, mainloop_count(f->loop) == 1);
	assert_int_equal(term_proxy_peer_fd(&f->p), -EBADF);
	assert_true(term_proxy_attached(&f->p));
	assert_int_equal(write(f->con.peer, "still", 5), 5);
	RUN_UNTIL(f, readable_now(f->user.ptx));
	assert_int_equal(read_exact(f->user.ptx, buf, 5), 0);
	assert_memory_equal(buf, "still", 5);
	term_proxy_loop_detach(&f->p);
	assert_false(term_proxy_attached(&f->p));
	close(in[0]);

	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(null_fd >= 0);
	assert_int_equal(term_proxy_loop_attach(&f->p, null_fd, f->user.peer,
						TERM_ESCAPE_DEFAULT, true), 0);
	assert_int_equal(mainloop_count(f->loop), 1);
	assert_true(term_proxy_attached(&f->p));
	assert_int_equal(write(f->con.peer, "null", 4), 4);
	RUN_UNTIL(f, readable_now(f->user.ptx));
	assert_int_equal(read_exact(f->user.ptx, buf, 4), 0);
	assert_memory_equal(buf, "null", 4);
	assert_int_equal(term_proxy_loop_attach(&f->p, null_fd, f->user.peer, 1, true), -EBUSY);
	term_proxy_loop_detach(&f->p);
	close(null_fd);
}

static void test_ptx_hangup(void **state)
{
	struct fx *f = *state;

	close_prot_errno_disarm(f->con.peer);
	RUN_UNTIL(f, mainloop_count(f->loop) == 0);
	term_proxy_loop_remove(&f->p);	/* harmless when already gone */
	assert_null(f->p.loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_detach_removes_handler, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_pty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_input_eof_keeps_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ptx_hangup, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
