/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console API on a real container, for test-console.sh: start/stop (daemonized, through
 * the API), console_log (read, clear, read empty), console_getfd (one holder per tty, released
 * on close) and the refusals (no console, no ring buffer). Prints what failed; exit 0 = ok. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

static int failed;

#define CHECK(cond, ...)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);                            \
			printf(__VA_ARGS__);                                                   \
			printf("\n");                                                          \
			failed = 1;                                                            \
		}                                                                              \
	} while (0)

static int do_start(struct lxc_container *c)
{
	CHECK(c->want_daemonize(c, true), "want_daemonize");
	CHECK(c->start(c, 0, NULL), "start: %s", c->error_string ? c->error_string : "?");
	CHECK(c->wait(c, "RUNNING", 30), "wait RUNNING");
	return failed;
}

static int do_stop(struct lxc_container *c)
{
	CHECK(c->stop(c), "stop");
	CHECK(c->wait(c, "STOPPED", 30), "wait STOPPED");
	return failed;
}

/* console_log: read everything (must hold "expect"), clear, then read nothing. */
static int do_log(struct lxc_container *c, const char *expect)
{
	uint64_t max = 1 << 20;
	struct lxc_console_log log = { .read = true, .read_max = &max };
	int ret;

	ret = c->console_log(c, &log);
	CHECK(ret == 0, "read: %d", ret);
	CHECK(max > 0 && log.data, "read: %llu bytes", (unsigned long long)max);
	CHECK(log.data && memmem(log.data, max, expect, strlen(expect)), "\"%s\" not in the log",
	      expect);
	free(log.data);

	max = 0;
	log = (struct lxc_console_log){ .clear = true, .read_max = &max };
	ret = c->console_log(c, &log);
	CHECK(ret == 0, "clear: %d", ret);

	max = 1 << 20;
	log = (struct lxc_console_log){ .read = true, .read_max = &max, .data = (char *)&max };
	ret = c->console_log(c, &log);
	CHECK(ret == -ENODATA, "read after clear: %d", ret);
	CHECK(max == 0 && log.data == NULL, "read after clear: %llu bytes",
	      (unsigned long long)max);
	return failed;
}

/* console_getfd on tty 2: the holder keeps it; a second caller is refused until it closes. */
static int do_getfd(struct lxc_container *c)
{
	int tty = 2, ptx = -1, tty2 = 2, ptx2 = -1, conn, conn2;

	conn = c->console_getfd(c, &tty, &ptx);
	CHECK(conn >= 0 && ptx >= 0 && tty == 2, "getfd: %d %d %d", conn, ptx, tty);
	conn2 = c->console_getfd(c, &tty2, &ptx2);
	CHECK(conn2 == -1, "second getfd on tty 2 succeeded");
	CHECK(c->error_string && !strcmp(c->error_string, "Failed to connect to tty 2 of "
		"container \"c1\": it is in use by another client (one client per tty)"),
	      "error: %s", c->error_string ? c->error_string : "(null)");
	close(ptx);
	close(conn);
	/* the monitor sees the hang-up before it answers the next request on a new connection */
	for (int i = 0; i < 50; i++) {
		conn2 = c->console_getfd(c, &tty2, &ptx2);
		if (conn2 >= 0)
			break;
		usleep(100000);
	}
	CHECK(conn2 >= 0 && tty2 == 2, "getfd after release: %d", conn2);
	if (conn2 >= 0) {
		close(ptx2);
		close(conn2);
	}
	return failed;
}

/* lxc.console.path = none and no lxc.console.buffer.size. */
static int do_nocons(struct lxc_container *c)
{
	uint64_t max = 100;
	struct lxc_console_log log = { .read = true, .read_max = &max };
	int tty = 0, ptx = -1;

	CHECK(c->console_getfd(c, &tty, &ptx) == -1, "getfd on the console succeeded");
	CHECK(c->error_string && !strcmp(c->error_string, "Failed to connect to the console of "
		"container \"c2\": the container has no console (lxc.console.path = none)"),
	      "error: %s", c->error_string ? c->error_string : "(null)");
	CHECK(c->console_log(c, &log) == -EFAULT, "console_log without a ring buffer");
	CHECK(max == 0 && !log.data, "console_log left data");
	return failed;
}

int main(int argc, char *argv[])
{
	struct lxc_container *c;
	int ret = 1;

	if (argc < 4) {
		fprintf(stderr, "usage: %s start|stop|log|getfd|nocons LXCPATH NAME [TEXT]\n",
			argv[0]);
		return 2;
	}
	c = lxc_container_new(argv[3], argv[2]);
	if (!c) {
		printf("FAIL: cannot load %s\n", argv[3]);
		return 1;
	}
	if (!strcmp(argv[1], "start"))
		ret = do_start(c);
	else if (!strcmp(argv[1], "stop"))
		ret = do_stop(c);
	else if (!strcmp(argv[1], "log") && argc > 4)
		ret = do_log(c, argv[4]);
	else if (!strcmp(argv[1], "getfd"))
		ret = do_getfd(c);
	else if (!strcmp(argv[1], "nocons"))
		ret = do_nocons(c);
	lxc_container_put(c);
	return ret;
}
