/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-attach cases: exit codes, errors, environment policies, namespace subsets, ids and the
 * default shell, fd hygiene, and the pty under tmux. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

void test_exit_codes(void)
{
	struct lxc_container *c = start_container("c1", NULL);
	char out[4096];
	int rc;

	rc = ATTACH(out, "c1", "-- /bin/true");
	CHECK(rc == 0, "true: %d %s", rc, out);
	STREQ(out, "");
	rc = ATTACH(out, "c1", "-- sh -c 'echo hello; exit 3'");
	CHECK(rc == 3, "exit 3: %d", rc);
	STREQ(out, "hello");
	rc = ATTACH(out, "c1", "-- no-such-command");
	CHECK(rc == 127, "not found: %d", rc);
	STREQ(out, "lxc-attach: Failed to exec \"no-such-command\": No such file or directory");
	rc = ATTACH(out, "c1", "-- /etc/passwd");
	CHECK(rc == 126, "not executable: %d", rc);
	STREQ(out, "lxc-attach: Failed to exec \"/etc/passwd\": Permission denied");
	rc = ATTACH(out, "c1", "-- sh -c 'kill -9 $$'");
	CHECK(rc == 128 + 9, "killed: %d", rc);
	rc = ATTACH(out, "c1", "-- sh -c 'kill -15 $$'");
	CHECK(rc == 128 + 15, "terminated: %d", rc);
	c->stop(c);
	lxc_container_put(c);
}

void test_errors(void)
{
	struct lxc_container *c = start_container("c1", NULL), *st;
	char out[4096];
	int rc;

	rc = ATTACH(out, "nope", "-- /bin/true");
	CHECK(rc == 1, "missing: %d", rc);
	STREQ(out, "lxc-attach: Container \"nope\" does not exist");
	make_container("st", NULL);
	rc = ATTACH(out, "st", "-- /bin/true");
	CHECK(rc == 1, "stopped: %d", rc);
	STREQ(out, "lxc-attach: Container \"st\" is not running");
	st = lxc_container_new("st", lxcpath);
	REQUIRE(st, "new st");
	rc = st->attach_run_waitl(st, NULL, "/bin/true", "/bin/true", NULL);
	CHECK(rc == -1, "api stopped: %d", rc);
	STREQ(st->error_string ? st->error_string : "",
	      "Failed to attach to container \"st\": container is not running");
	CHECK(st->error_num == EINVAL, "error_num %d", st->error_num);
	lxc_container_put(st);

	rc = ATTACH(out, "c1", "-s 'NETWORK|FOO' -- /bin/true");
	CHECK(rc == 1, "bad ns: %d", rc);
	STREQ(out, "lxc-attach: Invalid namespaces \"NETWORK|FOO\": expected MOUNT, PID, UTSNAME, "
		   "IPC, USER, NETWORK, CGROUP or TIME separated by \"|\"");
	rc = ATTACH(out, "c1", "-s network -- /bin/true");
	CHECK(rc == 1, "lower-case ns: %d", rc);
	rc = ATTACH(out, "c1", "--keep-var HOME -- /bin/true");
	CHECK(rc == 1, "keep-var: %d", rc);
	STREQ(out, "lxc-attach: --keep-var can only be used with --clear-env");
	rc = ATTACH(out, "c1", "-u nobody -- /bin/true");
	CHECK(rc == 1, "uid: %d", rc);
	STREQ(out, "lxc-attach: Invalid uid \"nobody\": expected a number");
	rc = ATTACH(out, "c1", "-a vax -- /bin/true");
	CHECK(rc == 1, "arch: %d", rc);
	STREQ(out, "lxc-attach: Invalid architecture \"vax\"");
	capture(out, sizeof(out), "cat /sys/kernel/security/lsm 2>/dev/null");
	if (!strstr(out, "apparmor") && !strstr(out, "selinux")) {
		rc = ATTACH(out, "c1", "-c foo -- /bin/true");
		CHECK(rc == 1, "context: %d", rc);
		STREQ(out, "lxc-attach: Failed to set LSM label \"foo\": no LSM is enabled");
	}
	rc = ATTACH(out, "c1", "--elevated-privileges=FOO -- /bin/true");
	CHECK(rc == 1, "privs: %d", rc);
	STREQ(out, "lxc-attach: Invalid privileges \"FOO\": expected CGROUP, CAP or LSM separated "
		   "by \"|\"");
	c->stop(c);
	lxc_container_put(c);
}

void test_env(void)
{
	struct lxc_container *c = start_container("c1", "lxc.environment = FROMCONF=yes\n");
	char out[4096];
	int rc;

	rc = capture(out, sizeof(out), "cd / && FOO=bar BAZ=q lxc-attach -P '%s' -n c1 --clear-env "
		     "--keep-var FOO --keep-var NOTSET -v X=1 -- env </dev/null | sort", lxcpath);
	CHECK(rc == 0, "clear-env: %d", rc);
	STREQ(out, "FOO=bar\nFROMCONF=yes\n"
		   "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nX=1\n"
		   "container=lxc");
	rc = capture(out, sizeof(out), "cd / && PATH=/bin:/usr/bin:$PATH lxc-attach -P '%s' -n c1 "
		     "--clear-env --keep-var PATH -- env </dev/null | grep ^PATH= | cut -c1-19",
		     lxcpath);
	STREQ(out, "PATH=/bin:/usr/bin:");
	rc = capture(out, sizeof(out), "cd / && FOO=bar BAZ=q container=x lxc-attach -P '%s' -n c1 "
		     "-v X=1 -v BAZ=over -- env </dev/null | "
		     "grep -E '^(FOO|BAZ|X|FROMCONF|container)=' | sort", lxcpath);
	CHECK(rc == 0, "keep-env: %d", rc);
	STREQ(out, "BAZ=over\nFOO=bar\nFROMCONF=yes\nX=1\ncontainer=lxc");
	rc = capture(out, sizeof(out), "cd / && FOO=bar lxc-attach -P '%s' -n c1 --keep-env -- "
		     "sh -c 'echo $FOO' </dev/null", lxcpath);
	STREQ(out, "bar");
	c->stop(c);
	lxc_container_put(c);
}

static void ns_link(const char *pid, const char *ns, char *buf, size_t size)
{
	char path[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, ns);
	n = readlink(path, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
}

void test_namespaces(void)
{
	struct lxc_container *c = start_container("c1", NULL);
	static const char *const nss[] = { "mnt", "pid", "uts", "ipc", "net", "cgroup" };
	char out[4096], want[256], pid[32], hostfile[300], host_net[4096], after[4096];
	int rc;

	snprintf(pid, sizeof(pid), "%d", c->init_pid(c));
	snprintf(hostfile, sizeof(hostfile), "%s/host-only-file", lxcpath);
	REQUIRE(run("touch '%s'", hostfile) == 0, "touch");
	for (size_t i = 0; i < sizeof(nss) / sizeof(nss[0]); i++) {
		ns_link(pid, nss[i], want, sizeof(want));
		rc = capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n c1 -- readlink "
			     "/proc/self/ns/%s </dev/null", lxcpath, nss[i]);
		CHECK(rc == 0, "%s: %d", nss[i], rc);
		STREQ(out, want);
	}
	rc = ATTACH(out, "c1", "-- cat /proc/1/comm");
	STREQ(out, "init");
	rc = capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n c1 -- sh -c \"test -e '%s' "
		     "&& echo host || echo container\" </dev/null", lxcpath, hostfile);
	STREQ(out, "container");

	/* -s NETWORK: the container's network (only lo), the host's file system. */
	capture(host_net, sizeof(host_net), "ls /sys/class/net");
	rc = capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n c1 -s NETWORK -- sh -c "
		     "\"tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; test -e '%s' && "
		     "echo host\" </dev/null", lxcpath, hostfile);
	CHECK(rc == 0, "-s NETWORK: %d", rc);
	STREQ(out, "lo\nhost");
	ns_link(pid, "net", want, sizeof(want));
	rc = ATTACH(out, "c1", "-s NETWORK -- readlink /proc/self/ns/net");
	STREQ(out, want);
	ns_link("self", "mnt", want, sizeof(want));
	rc = ATTACH(out, "c1", "-s NETWORK -- readlink /proc/self/ns/mnt");
	STREQ(out, want);
	/* -R: /sys of the joined network namespace, in a private mount namespace. */
	rc = ATTACH(out, "c1", "-s NETWORK -R -- ls /sys/class/net");
	CHECK(rc == 0, "-R: %d", rc);
	STREQ(out, "lo");
	capture(after, sizeof(after), "ls /sys/class/net");
	STREQ(after, host_net);
	rc = ATTACH(out, "c1", "-s 'UTSNAME|IPC' -- hostname");
	STREQ(out, "c1");
	c->stop(c);
	lxc_container_put(c);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);

	REQUIRE(fd >= 0, "open %s: %s", path, strerror(errno));
	REQUIRE(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write %s", path);
	close(fd);
	chmod(path, mode);
}

void test_ids(void)
{
	struct lxc_container *c = start_container("c1", NULL);
	char out[4096], path[512];
	int rc;

	snprintf(path, sizeof(path), "%s/c1/rootfs/etc/passwd", lxcpath);
	REQUIRE(run("echo 'tester:x:1234:1234::/:/bin/myshell' >> '%s'", path) == 0, "passwd");
	snprintf(path, sizeof(path), "%s/c1/rootfs/bin/myshell", lxcpath);
	write_file(path, "#!/bin/sh\necho myshell $0 $(id -u) $(id -g)\n", 0755);

	rc = ATTACH(out, "c1", "-- id");
	STREQ(out, "uid=0(root) gid=0(root)");
	rc = ATTACH(out, "c1", "-u 1000 -g 1001 -- id");
	CHECK(rc == 0, "-u -g: %d", rc);
	STREQ(out, "uid=1000 gid=1001");
	rc = ATTACH(out, "c1", "-u 1000 -- grep -E '^Cap(Prm|Eff)' /proc/self/status");
	STREQ(out, "CapPrm:\t0000000000000000\nCapEff:\t0000000000000000");
	/* Default shell: the user's from the container's /etc/passwd. */
	rc = ATTACH(out, "c1", "-u 1234 -g 1234");
	CHECK(rc == 0, "shell: %d", rc);
	STREQ(out, "myshell /bin/myshell 1234 1234");
	rc = capture(out, sizeof(out), "cd / && echo 'echo $0 $(id -u)' | lxc-attach -P '%s' -n c1 "
		     "2>&1", lxcpath);
	STREQ(out, "/bin/sh 0");
	/* A uid without a passwd entry inside: /bin/sh. */
	rc = capture(out, sizeof(out), "cd / && echo 'echo $0 $(id -u)' | lxc-attach -P '%s' -n c1 "
		     "-u 4242 2>&1", lxcpath);
	CHECK(rc == 0, "unknown uid: %d", rc);
	STREQ(out, "lxc-attach: Failed to find the shell of uid 4242, using \"/bin/sh\"\n"
		   "/bin/sh 4242");
	c->stop(c);
	lxc_container_put(c);
}

void test_fds(void)
{
	struct lxc_container *c = start_container("c1", NULL);
	char out[4096];
	int rc;

	/* Open host fds 7 and 9 are not inherited. */
	rc = capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n c1 -- ls /proc/self/fd "
		     "</dev/null 7</etc/hostname 9>/dev/null", lxcpath);
	CHECK(rc == 0, "fds: %d", rc);
	STREQ(out, "0\n1\n2\n3");
	/* stdio is passed through as is without a terminal. */
	rc = capture(out, sizeof(out), "cd / && echo piped | lxc-attach -P '%s' -n c1 -- sh -c "
		     "'cat; echo err >&2' 2>/dev/null", lxcpath);
	STREQ(out, "piped");
	c->stop(c);
	lxc_container_put(c);
}

/* Wait (bounded) until path has at least lines lines; its content into out. */
static bool wait_lines(const char *path, int lines, char *out, size_t size)
{
	for (int i = 0; i < 200; i++) {
		int n = 0;

		if (capture(out, size, "cat '%s' 2>/dev/null", path) == 0) {
			for (const char *p = out; *p; p++)
				n += *p == '\n';
			if (out[0] && n + 1 >= lines)
				return true;
		}
		usleep(50 * 1000);
	}
	return false;
}

/* Wait (bounded) until the tmux pane shows text (the attached shell's prompt): input typed
 * before lxc-attach puts the terminal in raw mode would be flushed. */
static bool wait_pane(const char *sock, const char *text)
{
	char out[8192];

	for (int i = 0; i < 200; i++) {
		capture(out, sizeof(out), "tmux -L %s capture-pane -p", sock);
		if (strstr(out, text))
			return true;
		usleep(50 * 1000);
	}
	return false;
}

void test_pty(void)
{
	struct lxc_container *c;
	char out[4096], sock[64], dir[300], rootfs[400], path[600], size1[64], size2[64];

	if (run("tmux -V >/dev/null 2>&1") != 0) {
		printf("SKIP: tmux is not installed\n");
		exit(77);
	}
	c = start_container("c1", NULL);
	snprintf(sock, sizeof(sock), "attach-test-%d", getpid());
	snprintf(dir, sizeof(dir), "%s", lxcpath);
	snprintf(rootfs, sizeof(rootfs), "%s/c1/rootfs", lxcpath);
	REQUIRE(run("cd / && tmux -L %s -f /dev/null new-session -d -x 120 -y 40 \"sh -c 'stty -g "
		    "> %s/before; lxc-attach -P %s -n c1 -L %s/ptylog -- sh; echo \\$? > %s/rc; "
		    "stty -g > %s/after; sleep 600'\"", sock, dir, lxcpath, dir, dir, dir) == 0,
		"tmux");
	capture(size1, sizeof(size1), "tmux -L %s display -p '#{pane_height} #{pane_width}'", sock);
	if (!wait_pane(sock, "/ #")) {
		CHECK(false, "no prompt in the pane:");
		run("tmux -L %s capture-pane -p >&2", sock);
	}
	run("tmux -L %s send-keys 'tty > /tmp/t1; stty size >> /tmp/t1' Enter", sock);
	snprintf(path, sizeof(path), "%s/tmp/t1", rootfs);
	CHECK(wait_lines(path, 2, out, sizeof(out)), "t1: %s", out);
	CHECK(strncmp(out, "/dev/pts/", 9) == 0, "tty: %s", out);
	CHECK(strstr(out, size1) != NULL, "size %s not in %s", size1, out);

	run("tmux -L %s resize-window -x 100 -y 30", sock);
	capture(size2, sizeof(size2), "tmux -L %s display -p '#{pane_height} #{pane_width}'", sock);
	CHECK(strcmp(size1, size2) != 0, "resize did not change %s", size1);
	run("tmux -L %s send-keys 'stty size > /tmp/t2' Enter", sock);
	snprintf(path, sizeof(path), "%s/tmp/t2", rootfs);
	CHECK(wait_lines(path, 1, out, sizeof(out)), "t2");
	STREQ(out, size2);

	run("tmux -L %s send-keys 'exit 7' Enter", sock);
	snprintf(path, sizeof(path), "%s/rc", dir);
	CHECK(wait_lines(path, 1, out, sizeof(out)), "rc");
	STREQ(out, "7");
	snprintf(path, sizeof(path), "%s/after", dir);
	CHECK(wait_lines(path, 1, out, sizeof(out)), "after");
	CHECK(run("cmp -s %s/before %s/after", dir, dir) == 0, "terminal settings not restored");
	capture(out, sizeof(out), "cat %s/ptylog", dir);
	CHECK(strstr(out, "stty size > /tmp/t2") != NULL, "pty log: %s", out);
	run("tmux -L %s kill-server", sock);
	c->stop(c);
	lxc_container_put(c);
}

/* An unprivileged container: the user namespace is joined, root is the mapped root, an
 * unmapped uid fails with a clear message. */
void test_userns(void)
{
	struct lxc_container *c = start_userns_container("u1", 100000);
	char out[4096], want[256], path[64];
	ssize_t n;
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", c->init_pid(c));
	n = readlink(path, want, sizeof(want) - 1);
	want[n > 0 ? n : 0] = '\0';
	rc = ATTACH(out, "u1", "-- readlink /proc/self/ns/user");
	CHECK(rc == 0, "userns: %d", rc);
	STREQ(out, want);
	rc = ATTACH(out, "u1", "-- sh -c 'id; cat /proc/self/uid_map'");
	STREQ(out, "uid=0(root) gid=0(root)\n         0     100000      65536");
	rc = ATTACH(out, "u1", "-u 1000 -g 1000 -- id");
	STREQ(out, "uid=1000 gid=1000");
	rc = ATTACH(out, "u1", "-u 70000 -- id");
	CHECK(rc == 1, "unmapped uid: %d", rc);
	STREQ(out, "lxc-attach: Failed to switch to uid 70000 in container \"u1\": Invalid argument");
	rc = ATTACH(out, "u1", "-g 70000 -- id");
	CHECK(rc == 1, "unmapped gid: %d", rc);
	STREQ(out, "lxc-attach: Failed to switch to gid 70000 in container \"u1\": Invalid argument");
	c->stop(c);
	lxc_container_put(c);
}
