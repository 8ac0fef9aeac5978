/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Integration test of ns/ as root: a child cloned with CLONE_NEWUSER gets its uid/gid maps
 * from an lxc.idmap configuration; lxc.namespace.share.net by pid and by /proc path is joined
 * with setns; a user+net pair is joined in one call. Every namespace is a throwaway one owned
 * by a child process; nothing on the host changes. Exits 77 without root or user namespaces. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "config/config.h"
#include "ns/idmap.h"
#include "ns/ns.h"

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static struct lxc_conf *load(const char *text)
{
	struct conf_diag d = {0};
	struct lxc_conf *c = conf_new();

	if (!c || conf_load_string(c, text, "test", &d) < 0) {
		fprintf(stderr, "Failed to load config: %s\n", d.msg);
		exit(1);
	}
	return c;
}

/* A child in new namespaces (flags): it reports readiness once it has unshared, waits until
 * the parent closes the pipe, then exits 0 if it can become uid/gid 0 of its namespace (when
 * check_root) and 1 otherwise. */
static pid_t spawn_waiter(int flags, bool check_root, int *ret_wfd)
{
	int p[2], ready[2];
	pid_t pid;
	char c = 0;

	if (pipe2(p, O_CLOEXEC) < 0 || pipe2(ready, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		close(ready[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (unshare(flags) < 0)
			_exit(2);
		if (write(ready[1], "x", 1) != 1)
			_exit(2);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		/* With the maps written, root of the new namespace is reachable by setresuid. */
		if (check_root &&
		    (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 || getuid() != 0))
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		close(p[1]);
		return -1;
	}
	close(ready[0]);
	*ret_wfd = p[1];
	return pid;
}

static int reap(pid_t pid, int wfd)
{
	int status;

	close(wfd);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* "         0     100000      65536\n" -> "0 100000 65536\n" */
static void squeeze(char *s)
{
	char *w = s;
	bool space = true;

	for (char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t') {
			if (!space)
				*w++ = ' ';
			space = true;
			continue;
		}
		if (*r == '\n' && w > s && w[-1] == ' ')
			w--;
		*w++ = *r;
		space = *r == '\n';
	}
	*w = '\0';
}

static char *read_map(pid_t pid, const char *file)
{
	char path[64];
	char *buf = NULL;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if (file_read_all(path, &buf, &len) < 0)
		return strdup("<unreadable>");
	squeeze(buf);
	return buf;
}

static void test_idmap(void)
{
	struct lxc_conf *c = load("lxc.idmap = u 0 100000 65536\n"
				  "lxc.idmap = g 0 200000 1000\n"
				  "lxc.idmap = g 1000 1000 1\n");
	char msg[512] = "";
	char *m;
	int wfd, r;
	pid_t pid;

	pid = spawn_waiter(CLONE_NEWUSER, true, &wfd);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	CHECK(ns_same(getpid(), pid, CONF_NS_USER) == 0);
	r = ns_idmap_write(pid, &c->sec, msg, sizeof(msg));
	if (r < 0)
		fprintf(stderr, "ns_idmap_write: %s\n", msg);
	CHECK(r == 0);
	m = read_map(pid, "uid_map");
	CHECK(strcmp(m, "0 100000 65536\n") == 0);
	free(m);
	m = read_map(pid, "gid_map");
	CHECK(strcmp(m, "0 200000 1000\n1000 1000 1\n") == 0);
	free(m);
	/* A second write is refused by the kernel and reported with the path. */
	r = ns_idmap_write(pid, &c->sec, msg, sizeof(msg));
	CHECK(r == -EPERM);
	{
		char want[128];

		snprintf(want, sizeof(want), "Failed to write \"/proc/%d/uid_map\": %s", (int)pid,
			 strerror(EPERM));
		CHECK(strcmp(msg, want) == 0);
	}
	CHECK(reap(pid, wfd) == 0); /* the child saw itself as uid 0 */
	conf_free(c);
}

/* In a forked child: open the share targets of text and join them; exit 0 when our net
 * namespace is then the one of target. */
static int join_and_compare(const char *text, pid_t target, int ns_flags)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct lxc_conf *c = load(text);
		int fds[CONF_NS_MAX];
		enum conf_ns bad = CONF_NS_MAX;
		char msg[512] = "";

		ns_fds_init(fds);
		if (ns_open_share_targets(c, "/nonexistent", fds, msg, sizeof(msg)) < 0) {
			fprintf(stderr, "%s\n", msg);
			_exit(3);
		}
		if (ns_join_fds(fds, &bad) < 0) {
			fprintf(stderr, "Failed to join %s: %m\n", ns_info(bad)->name);
			_exit(4);
		}
		for (int i = 0; i < CONF_NS_MAX; i++) {
			if ((ns_flags & ns_info(i)->flag) && ns_same(getpid(), target, i) != 1)
				_exit(5);
		}
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* An unprivileged caller with maps beyond its own id needs newuidmap; without it in PATH the
 * error names the helper and the package. */
static void test_missing_helper(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct lxc_conf *c = load("lxc.idmap = u 0 100000 65536\n");
		char msg[256] = "";

		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(2);
		setenv("PATH", "/nonexistent", 1);
		if (!ns_idmap_needs_helper(&c->sec))
			_exit(3);
		if (ns_idmap_write(getpid(), &c->sec, msg, sizeof(msg)) != -ENOENT)
			_exit(4);
		if (strcmp(msg, "Failed to find \"newuidmap\": install the \"uidmap\" package") !=
		    0) {
			fprintf(stderr, "unexpected message: %s\n", msg);
			_exit(5);
		}
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
}

static void test_share_net(void)
{
	char text[256];
	int wfd;
	pid_t pid;

	pid = spawn_waiter(CLONE_NEWNET, false, &wfd);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	CHECK(ns_same(getpid(), pid, CONF_NS_NET) == 0);
	snprintf(text, sizeof(text), "lxc.namespace.share.net = %d\n", (int)pid);
	CHECK(join_and_compare(text, pid, CLONE_NEWNET) == 0);
	snprintf(text, sizeof(text), "lxc.namespace.share.net = /proc/%d/ns/net\n", (int)pid);
	CHECK(join_and_compare(text, pid, CLONE_NEWNET) == 0);
	/* sanity: without joining we are not in it */
	CHECK(ns_same(getpid(), pid, CONF_NS_NET) == 0);
	CHECK(reap(pid, wfd) == 0);
}

static void test_share_user_net(void)
{
	struct lxc_conf *c = load("lxc.idmap = u 0 100000 65536\nlxc.idmap = g 0 100000 65536\n");
	char text[256], msg[256];
	int wfd;
	pid_t pid;

	pid = spawn_waiter(CLONE_NEWUSER | CLONE_NEWNET, false, &wfd);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	CHECK(ns_same(getpid(), pid, CONF_NS_NET) == 0);
	CHECK(ns_idmap_write(pid, &c->sec, msg, sizeof(msg)) == 0);
	snprintf(text, sizeof(text),
		 "lxc.namespace.share.net = %d\nlxc.namespace.share.user = %d\n", (int)pid,
		 (int)pid);
	CHECK(join_and_compare(text, pid, CLONE_NEWNET | CLONE_NEWUSER) == 0);
	CHECK(reap(pid, wfd) == 0);
	conf_free(c);
}

int main(void)
{
	if (geteuid() != 0) {
		printf("SKIP: needs root\n");
		return 77;
	}
	if (access("/proc/self/ns/user", F_OK) < 0) {
		printf("SKIP: no user namespaces\n");
		return 77;
	}
	{
		/* user namespaces may be disabled by sysctl */
		pid_t pid = fork();
		int status;

		if (pid == 0)
			_exit(unshare(CLONE_NEWUSER) < 0 ? 1 : 0);
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("SKIP: cannot create user namespaces\n");
			return 77;
		}
	}
	test_idmap();
	test_share_net();
	test_share_user_net();
	test_missing_helper();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
