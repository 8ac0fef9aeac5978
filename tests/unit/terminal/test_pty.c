/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ptys: allocation, data through both ends, window sizes, raw mode save/restore, the
 * container's console + tty set and the tty claims of lxc-console. */
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

#include "config/proc/proc.h"
#include "terminal/pty.h"
#include "helpers.h"

static void test_open_and_data(void **state)
{
	struct term_pty p;
	struct termios saved;
	char buf[16], want[32];

	assert_int_equal(term_pty_open(-1, &p), 0);
	assert_true(p.ptx >= 0);
	assert_true(p.peer >= 0);
	assert_true(p.index >= 0);
	assert_int_equal(p.owner, -1);
	snprintf(want, sizeof(want), "/dev/pts/%d", p.index);
	assert_string_equal(p.name, want);
	assert_true(isatty(p.peer));
	assert_int_equal(fcntl(p.ptx, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(fcntl(p.peer, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	assert_int_equal(fcntl(p.peer, F_GETFL) & O_ACCMODE, O_RDWR);

	/* raw peer: bytes go through unchanged both ways */
	assert_int_equal(term_raw_enter(p.peer, &saved), 0);
	assert_int_equal(write(p.ptx, "in\r", 3), 3);
	assert_int_equal(read_exact(p.peer, buf, 3), 0);
	assert_memory_equal(buf, "in\r", 3);
	assert_int_equal(write(p.peer, "out\n", 4), 4);
	assert_int_equal(read_exact(p.ptx, buf, 4), 0);
	assert_memory_equal(buf, "out\n", 4);

	term_pty_close(&p);
	assert_int_equal(p.ptx, -EBADF);
	assert_int_equal(p.peer, -EBADF);
	term_pty_close(&p);
}

static void test_open_devpts_fd(void **state)
{
	struct term_pty p;
	int dfd = open("/dev/pts", O_PATH | O_DIRECTORY | O_CLOEXEC);

	assert_true(dfd >= 0);
	assert_int_equal(term_pty_open(dfd, &p), 0);
	assert_true(strncmp(p.name, "/dev/pts/", 9) == 0);
	term_pty_close(&p);
	close(dfd);

	dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);	/* no "ptmx" there */
	assert_int_equal(term_pty_open(dfd, &p), -ENOENT);
	assert_int_equal(p.ptx, -EBADF);
	assert_int_equal(p.peer, -EBADF);
	close(dfd);
}

static void test_winsize(void **state)
{
	struct term_pty a, b;
	struct winsize ws;
	int fds[2];

	assert_int_equal(term_pty_open(-1, &a), 0);
	assert_int_equal(term_pty_open(-1, &b), 0);
	assert_int_equal(term_set_winsize(a.ptx, 42, 120), 0);
	assert_int_equal(ioctl(a.peer, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 42);
	assert_int_equal(ws.ws_col, 120);
	assert_int_equal(term_copy_winsize(a.peer, b.ptx), 0);
	assert_int_equal(ioctl(b.peer, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 42);
	assert_int_equal(ws.ws_col, 120);

	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	assert_int_equal(term_copy_winsize(fds[0], b.ptx), -ENOTTY);
	assert_int_equal(term_set_winsize(fds[0], 1, 1), -ENOTTY);
	close(fds[0]);
	close(fds[1]);
	term_pty_close(&a);
	term_pty_close(&b);
}

static void test_raw_mode(void **state)
{
	struct term_pty p;
	struct termios before, saved, raw, after;
	int fds[2];

	assert_int_equal(term_pty_open(-1, &p), 0);
	assert_int_equal(tcgetattr(p.peer, &before), 0);
	assert_true(before.c_lflag & ICANON);
	assert_true(before.c_lflag & ECHO);

	assert_int_equal(term_raw_enter(p.peer, &saved), 0);
	assert_int_equal(saved.c_lflag, before.c_lflag);
	assert_int_equal(saved.c_iflag, before.c_iflag);
	assert_memory_equal(saved.c_cc, before.c_cc, sizeof(before.c_cc));
	assert_int_equal(tcgetattr(p.peer, &raw), 0);
	assert_int_equal(raw.c_lflag & (ICANON | ECHO | ISIG | IEXTEN), 0);
	assert_int_equal(raw.c_iflag & (ICRNL | IXON), 0);
	assert_int_equal(raw.c_oflag & OPOST, 0);
	assert_int_equal(raw.c_cflag & CSIZE, CS8);
	assert_int_equal(raw.c_cc[VMIN], 1);
	assert_int_equal(raw.c_cc[VTIME], 0);

	assert_int_equal(term_raw_restore(p.peer, &saved), 0);
	assert_int_equal(tcgetattr(p.peer, &after), 0);
	assert_int_equal(after.c_lflag, before.c_lflag);
	assert_int_equal(after.c_iflag, before.c_iflag);
	assert_int_equal(after.c_oflag, before.c_oflag);
	assert_int_equal(after.c_cflag, before.c_cflag);

	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	assert_int_equal(term_raw_enter(fds[0], &saved), -ENOTTY);
	close(fds[0]);
	close(fds[1]);
	term_pty_close(&p);
}

static void test_ptys_alloc(void **state)
{
	struct conf_proc proc;
	struct term_ptys t;

	conf_proc_init(&proc);
	proc.tty_max = 3;
	assert_int_equal(term_ptys_alloc(&proc, -1, &t), 0);
	assert_true(t.console.ptx >= 0 && t.console.peer >= 0);
	assert_int_equal(t.n_ttys, 3);
	for (unsigned int i = 0; i < 3; i++) {
		assert_true(t.ttys[i].ptx >= 0);
		assert_true(t.ttys[i].peer >= 0);
		assert_int_not_equal(t.ttys[i].index, t.console.index);
	}
	assert_int_equal(term_ptys_chown(&t, getuid(), getgid()), 0);
	term_ptys_close_peers(&t);
	assert_true(t.console.peer >= 0);
	assert_int_equal(t.ttys[0].peer, -EBADF);
	assert_int_equal(t.ttys[2].peer, -EBADF);
	assert_true(t.ttys[2].ptx >= 0);
	term_ptys_free(&t);
	assert_null(t.ttys);
	assert_int_equal(t.n_ttys, 0);
	assert_int_equal(t.console.ptx, -EBADF);
	term_ptys_free(&t);

	/* lxc.console.path = none, no ttys */
	proc.tty_max = 0;
	proc.console.path = strdup("none");
	assert_int_equal(term_ptys_alloc(&proc, -1, &t), 0);
	assert_int_equal(t.console.ptx, -EBADF);
	assert_int_equal(t.console.peer, -EBADF);
	assert_null(t.ttys);
	term_ptys_free(&t);

	/* all or nothing */
	proc.tty_max = 2;
	int dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(term_ptys_alloc(&proc, dfd, &t), -ENOENT);
	assert_null(t.ttys);
	close(dfd);
	conf_proc_free(&proc);
}

static void test_ptys_claim(void **state)
{
	struct conf_proc proc;
	struct term_ptys t;
	int num = 0;

	conf_proc_init(&proc);
	proc.tty_max = 2;
	assert_int_equal(term_ptys_alloc(&proc, -1, &t), 0);

	assert_int_equal(term_ptys_claim(&t, 0, 10, &num), -EINVAL);
	assert_int_equal(term_ptys_claim(&t, 3, 10, &num), -EINVAL);
	assert_int_equal(term_ptys_claim(&t, 2, 10, &num), t.ttys[1].ptx);
	assert_int_equal(num, 2);
	assert_int_equal(term_ptys_claim(&t, 2, 11, &num), -EBUSY);
	assert_int_equal(term_ptys_claim(&t, -1, 11, &num), t.ttys[0].ptx);
	assert_int_equal(num, 1);
	assert_int_equal(term_ptys_claim(&t, -1, 12, &num), -EBUSY);
	term_ptys_release(&t, 10);
	assert_int_equal(t.ttys[1].owner, -1);
	assert_int_equal(t.ttys[0].owner, 11);
	assert_int_equal(term_ptys_claim(&t, -1, 12, &num), t.ttys[1].ptx);
	assert_int_equal(num, 2);
	term_ptys_free(&t);
	conf_proc_free(&proc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_data),
		cmocka_unit_test(test_open_devpts_fd),
		cmocka_unit_test(test_winsize),
		cmocka_unit_test(test_raw_mode),
		cmocka_unit_test(test_ptys_alloc),
		cmocka_unit_test(test_ptys_claim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
