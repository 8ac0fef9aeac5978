/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for ipc/unix and ipc/hash: fd passing, abstract names, peer credentials,
 * receive timeouts, EOF handling, SHA-256 test vectors. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "ipc/hash.h"
#include "ipc/unix.h"

static void test_fd_passing(void **state)
{
	int sp[2], p[2], got[UNIX_MAX_FDS], fds[2];
	char buf[6] = {}, c = 0;
	size_t n = 99;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	fds[0] = p[1];
	fds[1] = p[0];
	assert_int_equal(unix_send_fds(sp[0], "hello", 5, fds, 2), 5);
	assert_int_equal(unix_recv_fds(sp[1], buf, 5, got, UNIX_MAX_FDS, &n), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(n, 2);
	/* got[0] is a new descriptor for the write end: data reaches the original read end. */
	assert_int_not_equal(got[0], p[1]);
	assert_true(fcntl(got[0], F_GETFD) & FD_CLOEXEC);
	assert_int_equal(write(got[0], "z", 1), 1);
	assert_int_equal(read(p[0], &c, 1), 1);
	assert_int_equal(c, 'z');
	close(got[0]);
	close(got[1]);

	/* More fds than the receiver wants: the surplus is closed, the data still arrives. */
	assert_int_equal(unix_send_fds(sp[0], "ab", 2, fds, 2), 2);
	assert_int_equal(unix_recv_fds(sp[1], buf, 2, got, 1, &n), 2);
	assert_int_equal(n, 1);
	close(got[0]);

	/* No fds at all. */
	assert_int_equal(unix_send_fds(sp[0], "xy", 2, NULL, 0), 2);
	assert_int_equal(unix_recv_fds(sp[1], buf, 2, got, UNIX_MAX_FDS, &n), 2);
	assert_int_equal(n, 0);

	assert_int_equal(unix_send_fds(sp[0], "x", 1, fds, UNIX_MAX_FDS + 1), -EINVAL);
	close(p[0]);
	close(p[1]);
	close(sp[0]);
	close(sp[1]);
}

static void test_eof(void **state)
{
	int sp[2];
	char buf[8];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	assert_int_equal(unix_send_fds(sp[0], "abc", 3, NULL, 0), 3);
	close(sp[0]);
	/* Three bytes of eight, then EOF: a truncated message. */
	assert_int_equal(unix_recv_fds(sp[1], buf, 8, NULL, 0, NULL), -EPIPE);
	/* EOF before anything: 0. */
	assert_int_equal(unix_recv_fds(sp[1], buf, 8, NULL, 0, NULL), 0);
	assert_int_equal(unix_send_fds(sp[1], "x", 1, NULL, 0), -EPIPE);
	close(sp[1]);
}

static void test_abstract_names(void **state)
{
	char name[64], longname[UNIX_ABSTRACT_MAX + 2];
	int l, c, a;
	pid_t pid;
	uid_t uid;
	gid_t gid;

	snprintf(name, sizeof(name), "lxc/test/unix/%d", (int)getpid());
	assert_int_equal(unix_connect_abstract(name), -ECONNREFUSED);
	l = unix_listen_abstract(name, 4);
	assert_true(l >= 0);
	assert_true(fcntl(l, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(unix_listen_abstract(name, 4), -EADDRINUSE);
	c = unix_connect_abstract(name);
	assert_true(c >= 0);
	a = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	assert_true(a >= 0);
	assert_int_equal(unix_peer_cred(a, &pid, &uid, &gid), 0);
	assert_int_equal(pid, getpid());
	assert_int_equal(uid, geteuid());
	assert_int_equal(gid, getegid());
	assert_int_equal(unix_peer_check(a), 0);
	close(a);
	close(c);
	close(l);
	/* The name is free again once the listener is closed. */
	l = unix_listen_abstract(name, 4);
	assert_true(l >= 0);
	close(l);

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(unix_listen_abstract(longname, 4), -ENAMETOOLONG);
}

static void test_rcvtimeo(void **state)
{
	int sp[2];
	char c;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	assert_int_equal(unix_set_rcvtimeo(sp[1], 20), 0);
	assert_int_equal(unix_recv_fds(sp[1], &c, 1, NULL, 0, NULL), -ETIMEDOUT);
	/* 0 removes the timeout again. */
	assert_int_equal(unix_set_rcvtimeo(sp[1], 0), 0);
	assert_int_equal(unix_send_fds(sp[0], "k", 1, NULL, 0), 1);
	assert_int_equal(unix_recv_fds(sp[1], &c, 1, NULL, 0, NULL), 1);
	close(sp[0]);
	close(sp[1]);
}

static void test_dgram_at(void **state)
{
	char tmpl[] = "/tmp/lxc-test-unix-XXXXXX", buf[8] = {};
	char *dir = mkdtemp(tmpl);
	int dfd, s;

	assert_non_null(dir);
	dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	assert_int_equal(unix_dgram_send_at(dfd, "l1", "x", 1), -ENOENT);
	s = unix_dgram_bind_at(dfd, "l1");
	assert_true(s >= 0);
	assert_int_equal(unix_dgram_send_at(dfd, "l1", "dgram", 5), 0);
	assert_int_equal(recv(s, buf, sizeof(buf), 0), 5);
	assert_string_equal(buf, "dgram");
	close(s);
	/* The socket file stays but nobody listens. */
	assert_int_equal(unix_dgram_send_at(dfd, "l1", "x", 1), -ECONNREFUSED);
	/* Binding again replaces the stale file. */
	s = unix_dgram_bind_at(dfd, "l1");
	assert_true(s >= 0);
	close(s);
	assert_int_equal(unix_dgram_bind_at(dfd, "a/b"), -EINVAL);
	assert_int_equal(unlinkat(dfd, "l1", 0), 0);
	close(dfd);
	assert_int_equal(rmdir(dir), 0);
}

static void test_sha256(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} v[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		 "klmnopqrlmnopqrsmnopqrstnopqrstu",
		 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	char hex[IPC_SHA256_HEX_LEN + 1];
	char *mil;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ipc_sha256_hex(v[i].in, hex);
		assert_string_equal(hex, v[i].out);
	}
	mil = malloc(1000001);
	assert_non_null(mil);
	memset(mil, 'a', 1000000);
	mil[1000000] = '\0';
	ipc_sha256_hex(mil, hex);
	assert_string_equal(hex,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(mil);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fd_passing),     cmocka_unit_test(test_eof),
		cmocka_unit_test(test_abstract_names), cmocka_unit_test(test_rcvtimeo),
		cmocka_unit_test(test_dgram_at),       cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
