/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The rootfs steps end to end: a busybox rootfs from the template, set up in throwaway
 * mount/pid/uts/ipc namespaces by pid 1 of the new pid namespace, then checked from inside
 * by busybox sh; plus the error records of failing configurations. Root only (77 otherwise). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/config.h"
#include "rootfs/rootfs.h"

static char dir[256];
static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                       \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void skip(const char *why)
{
	printf("SKIP: %s\n", why);
	exit(77);
}

static int run(const char *cmd)
{
	int r = system(cmd);

	return WIFEXITED(r) ? WEXITSTATUS(r) : 128;
}

static void cleanup(void)
{
	char cmd[512];

	if (!dir[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", dir);
	run(cmd);
}

static void writef(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
}

static char *pathf(const char *fmt, ...)
{
	static char bufs[8][512];
	static int i;
	char *b = bufs[i++ % 8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, 512, fmt, ap);
	va_end(ap);
	return b;
}

struct pty {
	int master;
	int slave; /* kept open so output stays readable after the container exits */
	char path[64];
};

static void open_pty(struct pty *p)
{
	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
	    ptsname_r(p->master, p->path, sizeof(p->path)) != 0)
		skip("cannot allocate a pty");
	p->slave = open(p->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	fcntl(p->master, F_SETFL, O_NONBLOCK);
}

static void pty_read(struct pty *p, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < size && (r = read(p->master, buf + n, size - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
}

static struct lxc_conf *make_conf(const char *const *kv)
{
	struct lxc_conf *conf = conf_new();
	struct conf_diag diag = {0};

	for (size_t i = 0; conf && kv[i]; i += 2)
		if (conf_set_item(conf, kv[i], kv[i + 1], &diag) < 0) {
			fprintf(stderr, "conf_set_item %s=%s: %s\n", kv[i], kv[i + 1], diag.msg);
			exit(1);
		}
	return conf;
}

struct run_args {
	struct lxc_conf *conf;
	const char *script;
	const char *console;
	const char *const *ttys;
	size_t n_ttys;
	bool netns;  /* also unshare the network namespace */
	bool userns; /* first a user namespace with an identity map (written by the parent) */
};

/* pid 1 of the new pid namespace: the steps, then busybox sh or the error record. */
static void container_init(const struct run_args *a, int errfd)
{
	struct rootfs_ctx ctx;
	struct lxc_error err = {0};
	char envdir[300];
	char *argv[] = {"sh", "-c", (char *)a->script, NULL};
	char *envp[] = {"PATH=/bin:/sbin:/usr/bin:/usr/sbin", envdir, NULL};

	snprintf(envdir, sizeof(envdir), "HOSTDIR=%s", dir);
	rootfs_ctx_init(&ctx);
	ctx.conf = a->conf;
	ctx.name = "c1";
	ctx.lxcpath = dir;
	ctx.mount_point = pathf("%s/mnt", dir);
	ctx.console_path = a->console;
	ctx.tty_paths = a->ttys;
	ctx.n_ttys = a->n_ttys;
	ctx.netns = a->netns;
	ctx.userns = a->userns;
	if (rootfs_setup_all(&ctx, &err) < 0) {
		if (write(errfd, &err, sizeof(err)) != sizeof(err))
			_exit(2);
		_exit(1);
	}
	execve("/bin/sh", argv, envp);
	lxc_error_set(&err, "exec", errno, "Failed to exec \"/bin/sh\"");
	if (write(errfd, &err, sizeof(err)) != sizeof(err))
		_exit(2);
	_exit(1);
}

/* Child side of the user namespace hand-shake: unshare, let the parent map, wait. */
static void enter_userns(int up, int down)
{
	char c = 0;

	if (unshare(CLONE_NEWUSER) < 0 || write(up, &c, 1) != 1 || read(down, &c, 1) != 1 || c)
		_exit(5);
}

static int write_maps(pid_t pid, int up, int down)
{
	char c = 1;

	if (read(up, &c, 1) == 1) {
		writef(pathf("/proc/%d/uid_map", pid), "0 0 65536\n");
		writef(pathf("/proc/%d/gid_map", pid), "0 0 65536\n");
		c = 0;
	}
	return write(down, &c, 1) == 1 ? 0 : -1;
}

/* Runs the container; returns its exit status and fills *ret_err when a step failed. */
static int run_container(const struct run_args *a, struct lxc_error *ret_err)
{
	int pfd[2], up[2], down[2], status;
	pid_t pid;
	ssize_t n;

	memset(ret_err, 0, sizeof(*ret_err));
	if (pipe2(pfd, O_CLOEXEC) < 0 || pipe2(up, O_CLOEXEC) < 0 || pipe2(down, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		if (a->userns)
			enter_userns(up[1], down[0]);
		if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC |
			    (a->netns ? CLONE_NEWNET : 0)) < 0)
			_exit(77);
		/* Nothing done below may reach the host, even before the first step runs. */
		if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
			_exit(3);
		pid_t init = fork();
		if (init == 0)
			container_init(a, pfd[1]);
		if (init < 0 || waitpid(init, &status, 0) != init)
			_exit(4);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	}
	close(pfd[1]);
	close(up[1]);
	close(down[0]);
	if (a->userns && pid > 0)
		write_maps(pid, up[0], down[1]);
	close(up[0]);
	close(down[1]);
	n = read(pfd[0], ret_err, sizeof(*ret_err));
	close(pfd[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (n != (ssize_t)sizeof(*ret_err))
		memset(ret_err, 0, sizeof(*ret_err));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Checks run by busybox sh inside the container; prints the first failure. */
static const char script[] =
	"fail() { echo \"container check failed: $*\"; exit 1; }\n"
	"[ $$ -eq 1 ] || fail 'sh is not pid 1'\n"
	"[ -e /.rootfs-marker ] || fail '/ is not the rootfs'\n"
	"[ ! -e /work-host-only ] || fail 'host root visible'\n"
	"mi=/proc/1/mountinfo\n"
	"[ -r $mi ] || fail '/proc not mounted'\n"
	"grep -q ' /proc rw,.* - proc ' $mi || fail 'proc missing'\n"
	"grep -q ' /proc/sys ro,' $mi || fail '/proc/sys not read-only'\n"
	"grep -q ' /sys ro,.* - sysfs ' $mi || fail 'sys:ro missing'\n"
	"awk '{print $5}' $mi | grep -q \"$HOSTDIR\" && fail 'host path in mountinfo'\n"
	"for n in null zero full random urandom tty; do [ -c /dev/$n ] || fail /dev/$n; done\n"
	"echo x > /dev/null || fail 'write /dev/null'\n"
	"[ \"$(head -c 5 /dev/zero | wc -c)\" = 5 ] || fail 'read /dev/zero'\n"
	"grep -q ' /dev rw,.* - tmpfs ' $mi || fail 'autodev tmpfs'\n"
	"grep -q ' /dev/pts .* - devpts devpts .*ptmxmode=666.*max=1024' $mi || fail devpts\n"
	"[ \"$(readlink /dev/ptmx)\" = pts/ptmx ] || fail ptmx\n"
	"[ \"$(readlink /dev/fd)\" = /proc/self/fd ] || fail /dev/fd\n"
	"[ \"$(readlink /dev/stderr)\" = /proc/self/fd/2 ] || fail /dev/stderr\n"
	"grep -q ' /dev/shm .* - tmpfs ' $mi || fail /dev/shm\n"
	"[ \"$(cat /mnt/shared/hello)\" = world ] || fail 'bind entry'\n"
	"touch /srv/ro/x 2>/dev/null && fail 'ro bind is writable'\n"
	"grep -q ' /tmp/t1 .* - tmpfs ' $mi || fail 'tmpfs create=dir'\n"
	"grep -q ' /run/abs .* - tmpfs ' $mi || fail 'absolute target'\n"
	"grep -q ' /run/abs2 .* - tmpfs ' $mi || fail 'target under the rootfs path'\n"
	"grep -q ' /run/fst .* - tmpfs ' $mi || fail 'fstab entry'\n"
	"grep -q ' /mnt/opt ' $mi && fail 'optional entry mounted'\n"
	"grep -q ' /home .* - tmpfs ' $mi || fail 'symlinked target left the rootfs'\n"
	"grep -q ' /sys/fs/cgroup ' $mi || fail 'cgroup view'\n"
	"[ \"$(cat /dev/extra)\" = world ] || fail 'entry into /dev hidden'\n"
	"[ \"$(cat /proc/meminfo)\" = world ] || fail 'entry into /proc hidden'\n"
	"echo console-ok > /dev/console || fail 'write console'\n"
	"echo tty1-ok > /dev/tty1 || fail 'write tty1'\n"
	"echo tty2-ok > /dev/tty2 || fail 'write tty2'\n"
	"exit 0\n";

static void test_full_start(const char *rootfs)
{
	const char *kv[] = {
		"lxc.rootfs.path",
		pathf("dir:%s", rootfs),
		"lxc.mount.auto",
		"proc:mixed sys:ro cgroup:mixed",
		"lxc.autodev",
		"1",
		"lxc.pty.max",
		"1024",
		"lxc.tty.max",
		"2",
		"lxc.mount.fstab",
		pathf("%s/fstab", dir),
		"lxc.mount.entry",
		pathf("%s/shared mnt/shared none bind,create=dir 0 0", dir),
		"lxc.mount.entry",
		pathf("%s/shared srv/ro none bind,ro,create=dir 0 0", dir),
		"lxc.mount.entry",
		"tmpfs tmp/t1 tmpfs create=dir,size=1m 0 0",
		"lxc.mount.entry",
		"tmpfs /run/abs tmpfs create=dir 0 0",
		"lxc.mount.entry",
		pathf("tmpfs %s/run/abs2 tmpfs create=dir 0 0", rootfs),
		"lxc.mount.entry",
		pathf("%s/missing mnt/opt none bind,optional,create=dir 0 0", dir),
		"lxc.mount.entry",
		"tmpfs evil tmpfs create=dir 0 0",
		/* Entries into /dev and /proc land on the container's own mounts. */
		"lxc.mount.entry",
		pathf("%s/shared/hello dev/extra none bind,create=file 0 0", dir),
		"lxc.mount.entry",
		pathf("%s/shared/hello proc/meminfo none bind,ro 0 0", dir),
		NULL,
	};
	struct pty console, tty[2];
	const char *ttys[2];
	struct lxc_error err;
	char buf[256];
	int status;

	open_pty(&console);
	open_pty(&tty[0]);
	open_pty(&tty[1]);
	ttys[0] = tty[0].path;
	ttys[1] = tty[1].path;
	struct run_args a = {make_conf(kv), script, console.path, ttys, 2, false, false};

	status = run_container(&a, &err);
	CHECK(status == 0, "container exited %d (step \"%s\": %s)", status, err.step, err.message);
	pty_read(&console, buf, sizeof(buf));
	CHECK(strstr(buf, "console-ok"), "console got \"%s\"", buf);
	pty_read(&tty[0], buf, sizeof(buf));
	CHECK(strstr(buf, "tty1-ok"), "tty1 got \"%s\"", buf);
	pty_read(&tty[1], buf, sizeof(buf));
	CHECK(strstr(buf, "tty2-ok"), "tty2 got \"%s\"", buf);
	conf_free(a.conf);
}

static void test_tty_dir(const char *rootfs)
{
	const char *kv[] = {
		"lxc.rootfs.path",   rootfs, /* a bare path works as well as dir:PATH */
		"lxc.tty.max",	     "1",    "lxc.tty.dir", "lxc", "lxc.mount.auto",
		"proc:rw sys:mixed", NULL,
	};
	static const char s[] =
		"fail() { echo \"container check failed: $*\"; exit 1; }\n"
		"[ \"$(readlink /dev/tty1)\" = lxc/tty1 ] || fail 'tty1 link'\n"
		"[ -c /dev/lxc/tty1 ] || fail 'lxc/tty1'\n"
		"[ -c /dev/lxc/console ] && [ -c /dev/console ] || fail console\n"
		"grep -q ' /proc/sys ' /proc/1/mountinfo && fail 'proc:rw has a /proc/sys view'\n"
		"grep -q ' /sys ro,.* - sysfs ' /proc/1/mountinfo || fail 'sys:mixed not "
		"read-only'\n"
		"echo lxc-console-ok > /dev/lxc/console\n"
		"echo dir-tty-ok > /dev/tty1\n";
	struct pty console, tty;
	struct lxc_error err;
	const char *ttys[1];
	char buf[256];
	int status;

	open_pty(&console);
	open_pty(&tty);
	ttys[0] = tty.path;
	struct run_args a = {make_conf(kv), s, console.path, ttys, 1, false, false};

	status = run_container(&a, &err);
	CHECK(status == 0, "tty.dir container exited %d (%s)", status, err.message);
	pty_read(&console, buf, sizeof(buf));
	CHECK(strstr(buf, "lxc-console-ok"), "console got \"%s\"", buf);
	pty_read(&tty, buf, sizeof(buf));
	CHECK(strstr(buf, "dir-tty-ok"), "tty1 got \"%s\"", buf);
	conf_free(a.conf);
}

/* With a private network namespace the mixed modes keep the net parts writable. */
static void test_netns_mixed(const char *rootfs)
{
	const char *kv[] = {
		"lxc.rootfs.path",
		pathf("dir:%s", rootfs),
		"lxc.mount.auto",
		"proc:mixed sys:mixed",
		"lxc.autodev",
		"0",
		NULL,
	};
	static const char s[] =
		"fail() { echo \"container check failed: $*\"; exit 1; }\n"
		"mi=/proc/1/mountinfo\n"
		"grep -q ' /proc/sys ro,' $mi || fail '/proc/sys not read-only'\n"
		"grep -q ' /proc/sys/net rw,' $mi || fail '/proc/sys/net not writable'\n"
		"echo 1 > /proc/sys/net/ipv4/ip_forward || fail 'write ip_forward'\n"
		"(echo x > /proc/sys/kernel/domainname) 2>/dev/null && fail 'proc/sys writable'\n"
		"grep -q ' /sys ro,.* - sysfs ' $mi || fail '/sys not read-only'\n"
		"grep -q ' /sys/devices/virtual/net rw,' $mi || fail 'sys net not writable'\n"
		"grep -q ' /dev rw,.* - tmpfs ' $mi && fail 'autodev=0 mounted /dev'\n"
		"grep -q ' /dev/pts .* - devpts ' $mi || fail 'devpts without autodev'\n"
		"[ \"$(readlink /dev/ptmx)\" = pts/ptmx ] || fail ptmx\n"
		"[ ! -e /dev/console ] || fail 'console without a pty'\n";
	struct run_args a = {make_conf(kv), s, NULL, NULL, 0, true, false};
	struct lxc_error err;
	int status = run_container(&a, &err);

	CHECK(status == 0, "netns container exited %d (%s)", status, err.message);
	conf_free(a.conf);
}

/* The whole sequence as root of a user namespace (identity map, so the rootfs is writable):
 * device nodes are bound, remounts keep the locked flags, devpts and sysfs are owned. */
static void test_userns(const char *rootfs)
{
	const char *kv[] = {
		"lxc.rootfs.path",
		pathf("dir:%s", rootfs),
		"lxc.mount.auto",
		"proc:mixed sys:mixed cgroup:mixed",
		"lxc.pty.max",
		"16",
		"lxc.mount.entry",
		pathf("%s/shared srv/ro none bind,ro,create=dir 0 0", dir),
		NULL,
	};
	static const char s[] =
		"fail() { echo \"container check failed: $*\"; exit 1; }\n"
		"mi=/proc/1/mountinfo\n"
		"[ \"$(awk '{print $3}' /proc/self/uid_map)\" = 65536 ] || fail 'not in a userns'\n"
		"grep -q ' /proc rw,.* - proc ' $mi || fail proc\n"
		"grep -q ' /sys ro,.* - sysfs ' $mi || fail sys\n"
		"grep -q ' /dev/pts .* - devpts .*max=16' $mi || fail devpts\n"
		"echo x > /dev/null || fail 'write /dev/null'\n"
		"grep -q ' /srv/ro ro,' $mi || fail 'ro bind'\n"
		"echo console-userns > /dev/console || fail console\n";
	struct pty console;
	struct lxc_error err;
	char buf[256];
	int status;

	open_pty(&console);
	struct run_args a = {make_conf(kv), s, console.path, NULL, 0, true, true};

	status = run_container(&a, &err);
	CHECK(status == 0, "userns container exited %d (step \"%s\": %s)", status, err.step,
	      err.message);
	pty_read(&console, buf, sizeof(buf));
	CHECK(strstr(buf, "console-userns"), "console got \"%s\"", buf);
	conf_free(a.conf);
}

/* No lxc.rootfs.path (application containers): the host's / in the private namespace, with
 * the new pid namespace's own /proc; nothing is pivoted. */
static void test_no_rootfs(void)
{
	const char *kv[] = {"lxc.mount.auto", "proc:rw", NULL};
	static const char s[] = "fail() { echo \"container check failed: $*\"; exit 1; }\n"
				"[ -d \"$HOSTDIR\" ] || fail 'host root not visible'\n"
				"grep -q ' /proc rw,nosuid,nodev,noexec,.* - proc ' "
				"/proc/self/mountinfo || fail proc\n"
				"n=$(ls /proc | grep -c '^[0-9]')\n"
				"[ \"$n\" -le 4 ] || fail \"$n pids visible\"\n";
	struct run_args a = {make_conf(kv), s, NULL, NULL, 0, false, false};
	struct lxc_error err;
	int status = run_container(&a, &err);

	CHECK(status == 0, "no-rootfs container exited %d (%s)", status, err.message);
	conf_free(a.conf);
}

static void expect_error(const char *const *kv, const char *step, int errnum, const char *msg)
{
	struct run_args a = {make_conf(kv), "exit 0", NULL, NULL, 0, false, false};
	struct lxc_error err;
	int status = run_container(&a, &err);

	CHECK(status == 1, "expected exit 1, got %d", status);
	CHECK(strcmp(err.step, step) == 0, "step \"%s\", expected \"%s\"", err.step, step);
	CHECK(err.err == errnum, "errno %d, expected %d", err.err, errnum);
	CHECK(strcmp(err.message, msg) == 0, "message \"%s\",\n expected \"%s\"", err.message, msg);
	conf_free(a.conf);
}

static void test_errors(const char *rootfs)
{
	char msg[512];
	const char *missing = pathf("%s/no-such-rootfs", dir);
	const char *kv1[] = {"lxc.rootfs.path", missing, NULL};

	snprintf(msg, sizeof(msg), "Failed to mount rootfs \"%s\": No such file or directory",
		 missing);
	expect_error(kv1, "rootfs", ENOENT, msg);

	const char *kv2[] = {
		"lxc.rootfs.path",
		rootfs,
		"lxc.mount.entry",
		pathf("%s/no-such-src mnt/x none bind,create=dir 0 0", dir),
		NULL,
	};
	snprintf(msg, sizeof(msg),
		 "Failed to mount \"%s/no-such-src\" on \"mnt/x\": No such file or directory", dir);
	expect_error(kv2, "mount entry", ENOENT, msg);

	const char *bad = pathf("%s/bad-fstab", dir);
	const char *kv4[] = {"lxc.rootfs.path", rootfs, "lxc.mount.fstab", bad, NULL};

	writef(bad, "# only comments before\n\nnone\n");
	snprintf(msg, sizeof(msg),
		 "Invalid mount entry \"none\" in \"%s\" line 3: expected an "
		 "fstab line: SOURCE TARGET FSTYPE [OPTIONS [FREQ [PASSNO]]]",
		 bad);
	expect_error(kv4, "mount entry", EINVAL, msg);

	const char *kv3[] = {"lxc.rootfs.path", "btrfs:/srv/c1", NULL};
	expect_error(kv3, "rootfs", EOPNOTSUPP,
		     "Failed to mount rootfs \"btrfs:/srv/c1\": storage type \"btrfs\" is not "
		     "supported yet");
}

/* Nothing of the test may stay mounted in the host's namespace. */
static void check_host_clean(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "grep -q '%s' /proc/self/mountinfo", dir);
	CHECK(run(cmd) != 0, "a mount below \"%s\" leaked into the host", dir);
}

int main(void)
{
	const char *build = getenv("LXC_TEST_BUILDDIR");
	char rootfs[300], cmd[1024];

	if (geteuid() != 0)
		skip("needs root");
	if (!build)
		skip("LXC_TEST_BUILDDIR is not set");
	if (unshare(0) < 0)
		skip("unshare unavailable");
	snprintf(dir, sizeof(dir), "/tmp/lxc-rootfs-test-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	atexit(cleanup);
	snprintf(rootfs, sizeof(rootfs), "%s/rootfs", dir);
	snprintf(cmd, sizeof(cmd),
		 "'%s/templates/lxc-busybox' --path '%s' --name c1 "
		 "--rootfs '%s' >/dev/null",
		 build, dir, rootfs);
	if (run(cmd) != 0)
		skip("the busybox template failed (is busybox installed?)");
	writef(pathf("%s/.rootfs-marker", rootfs), "");
	mkdir(pathf("%s/shared", dir), 0755);
	writef(pathf("%s/shared/hello", dir), "world\n");
	writef(pathf("%s/fstab", dir), "# comment\n\ntmpfs run/fst tmpfs create=dir 0 0\n");
	/* A symlink pointing at the host's /home: a mount on it must stay in the rootfs. */
	if (symlink("/home", pathf("%s/evil", rootfs)) < 0)
		return 1;

	test_full_start(rootfs);
	test_tty_dir(rootfs);
	test_netns_mixed(rootfs);
	test_userns(rootfs);
	test_no_rootfs();
	test_errors(rootfs);
	check_host_clean();
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	else
		printf("rootfs setup: all checks passed\n");
	return failures ? 1 : 0;
}
