/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's console built from a configuration: ptys, ring buffer, log file, console
 * device, the foreground peer in a mainloop, and failures naming their step. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/file.h"
#include "config/proc/proc.h"
#include "terminal/console.h"
#include "helpers.h"

static bool readable_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

static void run_until_readable(struct mainloop *loop, int fd)
{
	for (int i = 0; i < 400 && !readable_now(fd); i++) {
		int r = mainloop_run(loop, 25);

		assert_true(r == 0 || r == -ETIMEDOUT);
	}
	assert_true(readable_now(fd));
}

static void test_full_console(void **state)
{
	char dir[] = "/tmp/lxc-term-console-XXXXXX", path[80], buf[8];
	struct termios before, during, after;
	struct term_console c;
	struct conf_proc proc;
	struct mainloop *loop;
	struct term_pty user;
	char *content = NULL;
	size_t len = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/console.log", dir);
	conf_proc_init(&proc);
	proc.tty_max = 2;
	proc.console.buffer_size = 4096;
	proc.console.logfile = strdup(path);

	assert_int_equal(term_console_init(&c, &proc, -1, NULL), 0);
	assert_true(c.enabled);
	assert_int_equal(c.ptys.n_ttys, 2);
	assert_true(c.ptys.console.ptx >= 0);
	assert_int_equal(c.device_fd, -EBADF);
	assert_ptr_equal(c.proxy.rb, &c.rb);
	assert_ptr_equal(c.proxy.log, &c.log);
	assert_int_equal(c.proxy.ptx, c.ptys.console.ptx);

	/* lxc-start -F: the foreground terminal is the peer, in raw mode while attached */
	assert_int_equal(term_pty_open(-1, &user), 0);
	assert_int_equal(tcgetattr(user.peer, &before), 0);
	assert_int_equal(mainloop_new(&loop), 0);
	assert_int_equal(term_console_start(&c, loop, user.peer, user.peer), 0);
	assert_int_equal(mainloop_count(loop), 2);
	assert_int_equal(tcgetattr(user.peer, &during), 0);
	assert_int_equal(during.c_lflag & (ICANON | ECHO), 0);

	assert_int_equal(write(c.ptys.console.peer, "boot", 4), 4);
	run_until_readable(loop, user.ptx);
	assert_int_equal(read_exact(user.ptx, buf, 4), 0);
	assert_memory_equal(buf, "boot", 4);
	assert_int_equal(term_ringbuf_used(&c.rb), 4);
	assert_int_equal(file_read_all(path, &content, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(content, "boot", 4);
	free(content);

	term_console_free(&c);
	assert_int_equal(mainloop_count(loop), 0);
	assert_int_equal(tcgetattr(user.peer, &after), 0);
	assert_int_equal(after.c_lflag, before.c_lflag);
	assert_int_equal(c.ptys.console.ptx, -EBADF);
	assert_int_equal(c.log.fd, -EBADF);
	term_console_free(&c);

	mainloop_free(loop);
	term_pty_close(&user);
	conf_proc_free(&proc);
	unlink(path);
	rmdir(dir);
}

static void test_disabled_and_device(void **state)
{
	struct term_console c;
	struct conf_proc proc;
	struct mainloop *loop;

	assert_int_equal(mainloop_new(&loop), 0);
	conf_proc_init(&proc);
	proc.tty_max = 1;
	proc.console.path = strdup("none");
	assert_int_equal(term_console_init(&c, &proc, -1, NULL), 0);
	assert_false(c.enabled);
	assert_int_equal(c.ptys.console.ptx, -EBADF);
	assert_int_equal(c.ptys.n_ttys, 1);
	assert_int_equal(term_console_start(&c, loop, 0, 1), 0);
	assert_int_equal(mainloop_count(loop), 0);
	term_console_free(&c);

	/* a device that epoll refuses: attached for output only */
	free(proc.console.path);
	proc.console.path = strdup("/dev/null");
	assert_int_equal(term_console_init(&c, &proc, -1, NULL), 0);
	assert_true(c.enabled);
	assert_true(c.device_fd >= 0);
	assert_null(c.proxy.rb);
	assert_null(c.proxy.log);
	assert_int_equal(term_console_start(&c, loop, -1, -1), 0);
	assert_int_equal(mainloop_count(loop), 1);
	assert_true(term_proxy_attached(&c.proxy));
	term_console_free(&c);
	assert_int_equal(mainloop_count(loop), 0);

	mainloop_free(loop);
	conf_proc_free(&proc);
}

static void test_failures_name_step(void **state)
{
	struct term_console c;
	struct conf_proc proc;
	const char *step = NULL;

	conf_proc_init(&proc);
	proc.console.logfile = strdup("/nonexistent-lxc-dir/console.log");
	assert_int_equal(term_console_init(&c, &proc, -1, &step), -ENOENT);
	assert_string_equal(step, "open the console log file");
	assert_int_equal(c.ptys.console.ptx, -EBADF);
	assert_null(c.log.path);

	free(proc.console.logfile);
	proc.console.logfile = NULL;
	proc.console.path = strdup("/nonexistent-lxc-dir/tty");
	assert_int_equal(term_console_init(&c, &proc, -1, &step), -ENOENT);
	assert_string_equal(step, "open the console device");
	conf_proc_free(&proc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_console),
		cmocka_unit_test(test_disabled_and_device),
		cmocka_unit_test(test_failures_name_step),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
