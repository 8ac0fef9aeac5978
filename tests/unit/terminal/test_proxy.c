/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Console proxy through real pty pairs: the "container" pair (console ptx + peer) and a "user"
 * pair whose peer is the attached terminal. Escape handling, detach, hangups, ring buffer and
 * log copies, lxc-console client ptys with window size forwarding, and the client loop. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "terminal/proxy.h"
#include "helpers.h"

struct fx {
	struct term_pty con;	/* container console: ptx for the proxy, peer = /dev/console */
	struct term_pty user;	/* the user's terminal: peer attached to the proxy */
	struct term_ringbuf rb;
	struct term_proxy p;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct termios unused;

	if (!f || term_pty_open(-1, &f->con) < 0 || term_pty_open(-1, &f->user) < 0)
		return -1;
	/* the container side in raw mode, so bytes arrive unchanged and are not echoed */
	if (term_raw_enter(f->con.peer, &unused) < 0 || term_ringbuf_init(&f->rb, 1) < 0)
		return -1;
	if (term_proxy_init(&f->p, f->con.ptx, &f->rb, NULL) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	term_proxy_detach(&f->p);
	term_pty_close(&f->con);
	term_pty_close(&f->user);
	term_ringbuf_free(&f->rb);
	free(f);
	return 0;
}

/* Feed the proxy from the peer until the container side got want (exactly). Returns the last
 * handler result. */
static int pump_to_container(struct fx *f, const char *want, size_t n)
{
	char buf[256];
	size_t got = 0;
	int r = TERM_PROXY_CONTINUE;

	while (got < n) {
		assert_int_equal(wait_readable(f->p.peer_in), 0);
		r = term_proxy_on_peer_readable(&f->p);
		if (r != TERM_PROXY_CONTINUE && r != TERM_PROXY_DETACH)
			break;
		while (got < n) {
			ssize_t k = read(f->con.peer, buf + got, n - got);

			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (r == TERM_PROXY_DETACH)
			break;
	}
	assert_int_equal(got, n);
	assert_memory_equal(buf, want, n);
	return r;
}

static void test_escape_handling(void **state)
{
	struct fx *f = *state;
	const char typed[] = "abc\x01\x01" "d\x01xq\x01";
	const char want[] = "abc\x01" "dxq";
	int fl, r;

	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer,
					   TERM_ESCAPE_DEFAULT, true), 0);
	assert_true(f->p.raw_saved);
	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer, 1, true), -EBUSY);
	fl = fcntl(f->con.peer, F_GETFL);
	assert_int_equal(fcntl(f->con.peer, F_SETFL, fl | O_NONBLOCK), 0);

	/* "Ctrl-a Ctrl-a" gives one Ctrl-a, "Ctrl-a x" gives x; a trailing Ctrl-a is pending */
	assert_int_equal(write(f->user.ptx, typed, sizeof(typed) - 1), sizeof(typed) - 1);
	assert_int_equal(pump_to_container(f, want, sizeof(want) - 1), TERM_PROXY_CONTINUE);
	if (!f->p.saw_escape) {	/* the trailing Ctrl-a came in a later chunk */
		assert_int_equal(wait_readable(f->p.peer_in), 0);
		assert_int_equal(term_proxy_on_peer_readable(&f->p), TERM_PROXY_CONTINUE);
	}
	assert_true(f->p.saw_escape);

	/* the pending Ctrl-a plus "q" detaches; bytes before it still go through */
	assert_int_equal(write(f->user.ptx, "q", 1), 1);
	assert_int_equal(wait_readable(f->p.peer_in), 0);
	assert_int_equal(term_proxy_on_peer_readable(&f->p), TERM_PROXY_DETACH);
	assert_int_equal(write(f->user.ptx, "zz\x01q", 4), 4);
	f->p.saw_escape = false;
	r = pump_to_container(f, "zz", 2);
	if (r == TERM_PROXY_CONTINUE) {	/* "Ctrl-a q" came in a later chunk */
		assert_int_equal(wait_readable(f->p.peer_in), 0);
		r = term_proxy_on_peer_readable(&f->p);
	}
	assert_int_equal(r, TERM_PROXY_DETACH);

	term_proxy_detach(&f->p);
	assert_int_equal(term_proxy_peer_fd(&f->p), -EBADF);
	assert_int_equal(term_proxy_on_peer_readable(&f->p), TERM_PROXY_PEER_GONE);
}

static void test_raw_restored_on_detach(void **state)
{
	struct fx *f = *state;
	struct termios before, during, after;

	assert_int_equal(tcgetattr(f->user.peer, &before), 0);
	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer,
					   TERM_ESCAPE_NONE, true), 0);
	assert_int_equal(tcgetattr(f->user.peer, &during), 0);
	assert_int_equal(during.c_lflag & (ICANON | ECHO), 0);
	term_proxy_detach(&f->p);
	assert_int_equal(tcgetattr(f->user.peer, &after), 0);
	assert_int_equal(after.c_lflag, before.c_lflag);
	assert_int_equal(after.c_iflag, before.c_iflag);
	assert_int_equal(after.c_oflag, before.c_oflag);
}

static void test_no_escape(void **state)
{
	struct fx *f = *state;
	const char typed[] = "a\x01q\x01";

	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer,
					   TERM_ESCAPE_NONE, true), 0);
	assert_int_equal(fcntl(f->con.peer, F_SETFL, O_NONBLOCK | O_RDWR), 0);
	assert_int_equal(write(f->user.ptx, typed, 4), 4);
	assert_int_equal(pump_to_container(f, typed, 4), TERM_PROXY_CONTINUE);
}

static void test_output_to_peer_buffer_log(void **state)
{
	struct fx *f = *state;
	struct term_log log;
	char dir[] = "/tmp/lxc-term-proxy-XXXXXX", path[64], buf[16];
	char *content = NULL;
	size_t len = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/console.log", dir);
	assert_int_equal(term_log_open(&log, path, 0, false), 0);
	f->p.log = &log;

	/* no peer: the buffer and the log still get the output */
	assert_int_equal(write(f->con.peer, "boot\n", 5), 5);
	assert_int_equal(wait_readable(f->con.ptx), 0);
	assert_int_equal(term_proxy_on_ptx_readable(&f->p), TERM_PROXY_CONTINUE);

	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer,
					   TERM_ESCAPE_DEFAULT, true), 0);
	assert_int_equal(write(f->con.peer, "login:", 6), 6);
	assert_int_equal(wait_readable(f->con.ptx), 0);
	assert_int_equal(term_proxy_on_ptx_readable(&f->p), TERM_PROXY_CONTINUE);
	assert_int_equal(read_exact(f->user.ptx, buf, 6), 0);
	assert_memory_equal(buf, "login:", 6);

	assert_int_equal(term_ringbuf_used(&f->rb), 11);
	assert_int_equal(term_ringbuf_peek(&f->rb, buf, sizeof(buf)), 11);
	assert_memory_equal(buf, "boot\nlogin:", 11);
	assert_int_equal(file_read_all(path, &content, &len), 0);
	assert_int_equal(len, 11);
	assert_memory_equal(content, "boot\nlogin:", 11);
	free(content);

	/* nothing pending: EAGAIN is not an error */
	assert_int_equal(term_proxy_on_ptx_readable(&f->p), TERM_PROXY_CONTINUE);

	f->p.log = NULL;
	term_log_close(&log);
	unlink(path);
	rmdir(dir);
}

static void test_hangups(void **state)
{
	struct fx *f = *state;

	assert_int_equal(term_proxy_attach(&f->p, f->user.peer, f->user.peer,
					   TERM_ESCAPE_DEFAULT, false), 0);
	/* the user's terminal goes away */
	close_prot_errno_disarm(f->user.ptx);
	assert_int_equal(wait_readable(f->p.peer_in), 0);
	assert_int_equal(term_proxy_on_peer_readable(&f->p), TERM_PROXY_PEER_GONE);
	term_proxy_detach(&f->p);

	/* the last opener of the container side goes away */
	close_prot_errno_disarm(f->con.peer);
	assert_int_equal(wait_readable(f->con.ptx), 0);
	assert_int_equal(term_proxy_on_ptx_readable(&f->p), TERM_PROXY_PTX_GONE);
}

static void test_client_pty(void **state)
{
	struct fx *f = *state;
	struct winsize ws;
	char buf[16];
	int client = -EBADF, other = -EBADF;

	assert_int_equal(term_proxy_open_client_pty(&f->p, 7, &client), 0);
	assert_true(client >= 0);
	assert_int_equal(f->p.owner, 7);
	assert_int_equal(term_proxy_open_client_pty(&f->p, 8, &other), -EBUSY);
	assert_int_equal(other, -EBADF);
	assert_int_equal(fcntl(f->con.peer, F_SETFL, O_NONBLOCK | O_RDWR), 0);

	/* the client resized its terminal and types; no escape handling on this side */
	assert_int_equal(term_set_winsize(client, 30, 90), 0);
	assert_int_equal(write(client, "ls\x01q", 4), 4);
	assert_int_equal(pump_to_container(f, "ls\x01q", 4), TERM_PROXY_CONTINUE);
	assert_int_equal(ioctl(f->con.peer, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 30);
	assert_int_equal(ws.ws_col, 90);

	/* output reaches the client */
	assert_int_equal(write(f->con.peer, "ok", 2), 2);
	assert_int_equal(wait_readable(f->con.ptx), 0);
	assert_int_equal(term_proxy_on_ptx_readable(&f->p), TERM_PROXY_CONTINUE);
	assert_int_equal(read_exact(client, buf, 2), 0);
	assert_memory_equal(buf, "ok", 2);

	/* only the owner releases it */
	assert_false(term_proxy_release(&f->p, 8));
	assert_true(term_proxy_peer_fd(&f->p) >= 0);

	/* the client disconnects */
	close(client);
	assert_int_equal(wait_readable(f->p.peer_in), 0);
	assert_int_equal(term_proxy_on_peer_readable(&f->p), TERM_PROXY_PEER_GONE);
	assert_true(term_proxy_release(&f->p, 7));
	assert_int_equal(term_proxy_peer_fd(&f->p), -EBADF);
	assert_int_equal(f->p.peer_pty.peer, -EBADF);
}

static void test_escape_parse(void **state)
{
	assert_int_equal(term_escape_parse("^a"), 1);
	assert_int_equal(term_escape_parse("a"), 1);
	assert_int_equal(term_escape_parse("^b"), 2);
	assert_int_equal(term_escape_parse("B"), 2);
	assert_int_equal(term_escape_parse("^z"), 26);
	assert_int_equal(term_escape_parse(""), -EINVAL);
	assert_int_equal(term_escape_parse("^"), -EINVAL);
	assert_int_equal(term_escape_parse("ab"), -EINVAL);
	assert_int_equal(term_escape_parse("1"), -EINVAL);
	assert_int_equal(term_escape_parse(NULL), -EINVAL);
}

static void test_escape_filter(void **state)
{
	char out[16];
	bool saw = false, detach;

	assert_int_equal(term_escape_filter(2, &saw, "x\x02\x02y\x02", 5, out, &detach), 3);
	assert_memory_equal(out, "x\x02y", 3);
	assert_true(saw);
	assert_false(detach);
	assert_int_equal(term_escape_filter(2, &saw, "qrest", 5, out, &detach), 0);
	assert_true(detach);
	assert_false(saw);
	assert_int_equal(term_escape_filter(2, &saw, "q\x01q", 3, out, &detach), 3);
	assert_false(detach);
}

/* The client loop against the container console pair: stdin is a pipe holding typed bytes,
 * stdout a pipe. Output already pending on the ptx is copied out; "Ctrl-a q" ends the loop. */
static void test_client_run(void **state)
{
	struct fx *f = *state;
	int in[2], out[2];
	char buf[16];

	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	assert_int_equal(write(f->con.peer, "prompt#", 7), 7);
	assert_int_equal(wait_readable(f->con.ptx), 0);
	assert_int_equal(write(in[1], "id\x01\x01\x01q" "after", 11), 11);

	assert_int_equal(term_console_client_run(f->con.ptx, in[0], out[1], 1), 0);
	assert_int_equal(read_exact(out[0], buf, 7), 0);
	assert_memory_equal(buf, "prompt#", 7);
	assert_int_equal(read_exact(f->con.peer, buf, 3), 0);
	assert_memory_equal(buf, "id\x01", 3);

	/* bytes read in the same chunk after the detach are dropped; stdin EOF ends the loop */
	close(in[1]);
	assert_int_equal(read(in[0], buf, sizeof(buf)), 0);
	assert_int_equal(term_console_client_run(f->con.ptx, in[0], out[1], 1), 0);
	close(in[0]);
	close(out[0]);
	close(out[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escape_handling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_restored_on_detach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_to_peer_buffer_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hangups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_pty, setup, teardown),
		cmocka_unit_test(test_escape_parse),
		cmocka_unit_test(test_escape_filter),
		cmocka_unit_test_setup_teardown(test_client_run, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
