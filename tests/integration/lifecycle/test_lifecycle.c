/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Real busybox containers through the public API: start/stop, shutdown, execute exit codes,
 * concurrent starts, a failed start, a killed monitor, ten containers at once. Run as root
 * from the build tree (meson test sets LXC_LIBEXEC_DIR and friends). Usage: test-lifecycle
 * CASE. Each case uses its own temporary lxcpath; monitors it started are killed at exit. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "ctest.h"

static char lxcpath[256];
static int failures;

static void cleanup(void)
{
	char cmd[300];

	if (!lxcpath[0])
		return;
	kill_monitors(lxcpath, SIGKILL);
	usleep(200 * 1000);
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", lxcpath);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: failed to remove %s\n", lxcpath);
}

static void on_signal(int sig)
{
	cleanup();
	_exit(128 + sig);
}

static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* LXCPATH/NAME with a busybox rootfs and a config the template completes. */
static void make_container(const char *name)
{
	const char *build = getenv("LXC_TEST_BUILDDIR");
	char dir[512], cfg[600];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s", lxcpath, name);
	REQUIRE(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, strerror(errno));
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	f = fopen(cfg, "w");
	REQUIRE(f, "fopen %s", cfg);
	fprintf(f, "lxc.net.0.type = empty\n");
	fclose(f);
	REQUIRE(run("'%s/templates/lxc-busybox' --path '%s' --name '%s' --rootfs '%s/rootfs' "
		    "--tty 1 >/dev/null", build ? build : "build", dir, name, dir) == 0,
		"template failed for %s", name);
}

static struct lxc_container *new_container(const char *name)
{
	struct lxc_container *c = lxc_container_new(name, lxcpath);

	REQUIRE(c, "lxc_container_new(%s)", name);
	return c;
}

static bool pid_alive(pid_t pid)
{
	return kill(pid, 0) == 0 || errno != ESRCH;
}

static bool wait_gone(pid_t pid)
{
	for (int i = 0; i < 100; i++) {
		if (!pid_alive(pid))
			return true;
		usleep(50 * 1000);
	}
	return false;
}

static bool wait_no_monitor(void)
{
	for (int i = 0; i < 100; i++) {
		if (kill_monitors(lxcpath, 0) == 0)
			return true;
		usleep(50 * 1000);
	}
	return false;
}

static ino_t ns_ino(const char *pidstr, const char *ns)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pidstr, ns);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

static void capture(const char *cmd, char *out, size_t size)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
}

static void test_start_stop(void)
{
	struct lxc_container *c;
	char buf[256], cmd[128], pidstr[32];
	char **names = NULL;
	char *v;
	pid_t pid;
	int n;

	make_container("c1");
	c = new_container("c1");
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	REQUIRE(c->start(c, 0, NULL), "start: %s", c->error_string);
	CHECK(strcmp(c->state(c), "RUNNING") == 0, "state %s", c->state(c));
	CHECK(c->is_running(c), "is_running");
	pid = c->init_pid(c);
	REQUIRE(pid > 0, "init_pid %d", pid);
	snprintf(pidstr, sizeof(pidstr), "%d", pid);
	CHECK(ns_ino(pidstr, "pid") != ns_ino("self", "pid"), "same pid namespace");
	CHECK(ns_ino(pidstr, "mnt") != ns_ino("self", "mnt"), "same mount namespace");
	snprintf(cmd, sizeof(cmd), "nsenter -t %d -u hostname", pid);
	capture(cmd, buf, sizeof(buf));
	CHECK(strcmp(buf, "c1") == 0, "hostname \"%s\"", buf);
	v = c->get_running_config_item(c, "lxc.uts.name");
	CHECK(v && strcmp(v, "c1") == 0, "running uts.name %s", v ? v : "(null)");
	free(v);
	n = c->init_pidfd(c);
	CHECK(n >= 0, "init_pidfd %d", n);
	if (n >= 0)
		close(n);
	n = list_active_containers(lxcpath, &names, NULL);
	CHECK(n == 1 && names && strcmp(names[0], "c1") == 0, "active %d", n);
	for (int i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	CHECK(!c->start(c, 0, NULL), "second start succeeded");
	CHECK(c->error_string && strstr(c->error_string, "Container \"c1\" is already running"),
	      "error %s", c->error_string);

	REQUIRE(c->stop(c), "stop: %s", c->error_string);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	CHECK(!pid_alive(pid), "init %d still alive after stop", pid);
	CHECK(wait_no_monitor(), "monitor still running after stop");
	CHECK(c->init_pid(c) == -1, "init_pid after stop");
	CHECK(c->stop(c), "stop of a stopped container");
	lxc_container_put(c);
}

static void test_shutdown(void)
{
	struct lxc_container *c;
	pid_t pid;

	make_container("c1");
	c = new_container("c1");
	REQUIRE(c->start(c, 0, NULL), "start: %s", c->error_string);
	pid = c->init_pid(c);
	CHECK(c->wait(c, "RUNNING", 5), "wait RUNNING");
	/* busybox init needs a moment to install its signal handlers */
	sleep(1);
	CHECK(c->shutdown(c, 30), "shutdown: %s", c->error_string);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	CHECK(wait_gone(pid), "init still alive");
	CHECK(c->wait(c, "STOPPED", 0), "wait STOPPED");
	lxc_container_put(c);
}

/* Execute mode: returns the raw status start() left in error_num; out receives stdout. */
static int execute(struct lxc_container *c, const char *script, char *out, size_t size)
{
	char path[512];
	int saved, fd, n;

	snprintf(path, sizeof(path), "%s/out", lxcpath);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	REQUIRE(fd >= 0, "open %s", path);
	fflush(stdout);
	saved = dup(1);
	dup2(fd, 1);
	c->want_daemonize(c, false);
	if (!c->startl(c, 1, "/bin/sh", "-c", script, NULL)) {
		dup2(saved, 1);
		close(saved);
		close(fd);
		CHECK(false, "execute \"%s\": %s", script, c->error_string);
		return -1;
	}
	dup2(saved, 1);
	close(saved);
	n = (int)pread(fd, out, size - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	return c->error_num;
}

static void test_execute(void)
{
	struct lxc_container *c;
	char out[256];
	int st;

	make_container("c1");
	c = new_container("c1");
	st = execute(c, "echo hello; exit 0", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	CHECK(strcmp(out, "hello\n") == 0, "output \"%s\"", out);
	st = execute(c, "exit 3", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status %#x", st);
	st = execute(c, "kill -9 $$", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 128 + 9, "status %#x", st);
	st = execute(c, "hostname", out, sizeof(out));
	CHECK(strcmp(out, "c1\n") == 0, "hostname \"%s\"", out);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	CHECK(wait_no_monitor(), "monitor left behind");
	lxc_container_put(c);
}

static void test_concurrent(void)
{
	struct lxc_container *c;
	pid_t kids[2];
	int wins = 0, st;

	make_container("c1");
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			struct lxc_container *k = lxc_container_new("c1", lxcpath);

			_exit(k && k->start(k, 0, NULL) ? 0 : 1);
		}
	}
	for (int i = 0; i < 2; i++) {
		waitpid(kids[i], &st, 0);
		wins += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	CHECK(wins == 1, "%d starts won", wins);
	c = new_container("c1");
	CHECK(strcmp(c->state(c), "RUNNING") == 0, "state %s", c->state(c));
	CHECK(c->stop(c), "stop: %s", c->error_string);
	CHECK(wait_no_monitor(), "monitor left behind");
	lxc_container_put(c);
}

static void test_missing_rootfs(void)
{
	struct lxc_container *c;
	char *before = NULL, *after = NULL, path[512];
	const char *want = "Failed to start container \"c1\": rootfs: Failed to mount rootfs "
			   "\"/nonexistent-lxc-rootfs\": No such file or directory";

	make_container("c1");
	snprintf(path, sizeof(path), "cat '%s/c1/config'", lxcpath);
	before = calloc(1, 8192);
	after = calloc(1, 8192);
	capture(path, before, 8192);
	c = new_container("c1");
	REQUIRE(c->set_config_item(c, "lxc.rootfs.path", "dir:/nonexistent-lxc-rootfs"), "set");
	CHECK(!c->start(c, 0, NULL), "start succeeded");
	CHECK(c->error_string && strcmp(c->error_string, want) == 0, "error \"%s\"",
	      c->error_string);
	CHECK(c->error_num == ENOENT, "error_num %d", c->error_num);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	CHECK(wait_no_monitor(), "monitor left behind");
	capture(path, after, 8192);
	CHECK(strcmp(before, after) == 0, "config changed on disk");
	free(before);
	free(after);
	lxc_container_put(c);
}

/* No lxc.rootfs.path: booting the host's /sbin/init is refused; execute mode runs on the
 * host's root in private namespaces. */
static void test_no_rootfs(void)
{
	const char *want = "Failed to start container \"h\": rootfs: lxc.rootfs.path is not set, "
			   "refusing to boot the host's own init \"/sbin/init\"";
	struct lxc_container *c;
	char path[512], out[256];
	int st;

	snprintf(path, sizeof(path), "%s/h", lxcpath);
	REQUIRE(mkdir(path, 0755) == 0, "mkdir");
	c = new_container("h");
	REQUIRE(c->set_config_item(c, "lxc.uts.name", "h"), "set");
	REQUIRE(c->set_config_item(c, "lxc.net.0.type", "empty"), "set");
	CHECK(!c->start(c, 0, NULL), "start booted the host's init");
	CHECK(c->error_string && strcmp(c->error_string, want) == 0, "error \"%s\"",
	      c->error_string);
	st = execute(c, "hostname; exit 4", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "status %#x", st);
	CHECK(strcmp(out, "h\n") == 0, "output \"%s\"", out);
	lxc_container_put(c);
}

static void write_script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	REQUIRE(f, "fopen %s", path);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0755);
}

static bool file_has(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strcmp(buf, want) == 0;
}

/* Hooks: a failing pre-start aborts the start and names the hook; mount (in the container's
 * mount namespace, before pivot), start (inside the container) and post-stop (on the host) run
 * with their section and type arguments. */
static void test_hooks(void)
{
	const char *want = "Failed to start container \"c1\": hook: Failed to run \"pre-start\" "
			   "hook \"/bin/false\": exited with status 1";
	struct lxc_container *c;
	char path[512], hook[600];

	make_container("c1");
	c = new_container("c1");
	REQUIRE(c->set_config_item(c, "lxc.hook.pre-start", "/bin/false"), "set");
	CHECK(!c->start(c, 0, NULL), "start with a failing hook succeeded");
	CHECK(c->error_string && strcmp(c->error_string, want) == 0, "error \"%s\"",
	      c->error_string);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	REQUIRE(c->clear_config_item(c, "lxc.hook.pre-start"), "clear");

	snprintf(hook, sizeof(hook), "%s/mount-hook", lxcpath);
	write_script(hook, "echo \"$1 $2 $3\" > \"$LXC_ROOTFS_MOUNT/mount-hook-ran\"");
	REQUIRE(c->set_config_item(c, "lxc.hook.mount", hook), "set");
	snprintf(path, sizeof(path), "%s/c1/rootfs/start-hook", lxcpath);
	write_script(path, "echo \"$3 $(hostname)\" > /start-hook-ran");
	REQUIRE(c->set_config_item(c, "lxc.hook.start", "/start-hook"), "set");
	snprintf(hook, sizeof(hook), "%s/post-stop-hook", lxcpath);
	write_script(hook, "echo \"$3 $LXC_NAME\" > \"$(dirname \"$0\")/post-stop-ran\"");
	REQUIRE(c->set_config_item(c, "lxc.hook.post-stop", hook), "set");

	REQUIRE(c->start(c, 0, NULL), "start: %s", c->error_string);
	snprintf(path, sizeof(path), "%s/c1/rootfs/mount-hook-ran", lxcpath);
	CHECK(file_has(path, "c1 lxc mount\n"), "mount hook");
	snprintf(path, sizeof(path), "%s/c1/rootfs/start-hook-ran", lxcpath);
	CHECK(file_has(path, "start c1\n"), "start hook");
	CHECK(c->stop(c), "stop: %s", c->error_string);
	CHECK(wait_no_monitor(), "monitor left behind");
	snprintf(path, sizeof(path), "%s/post-stop-ran", lxcpath);
	CHECK(file_has(path, "post-stop c1\n"), "post-stop hook");
	lxc_container_put(c);
}

/* lxc.namespace.share.*: c2 joins c1's network namespace (by name) and, in execute mode, its
 * pid namespace (so c1's init is pid 1 there). */
static void test_share(void)
{
	struct lxc_container *c1, *c2;
	char s1[32], s2[32], out[256];
	int st;

	make_container("c1");
	make_container("c2");
	c1 = new_container("c1");
	c2 = new_container("c2");
	REQUIRE(c1->start(c1, 0, NULL), "start c1: %s", c1->error_string);
	REQUIRE(c2->set_config_item(c2, "lxc.namespace.share.net", "c1"), "set");
	REQUIRE(c2->start(c2, 0, NULL), "start c2: %s", c2->error_string);
	snprintf(s1, sizeof(s1), "%d", c1->init_pid(c1));
	snprintf(s2, sizeof(s2), "%d", c2->init_pid(c2));
	CHECK(ns_ino(s1, "net") == ns_ino(s2, "net"), "net not shared");
	CHECK(ns_ino(s1, "uts") != ns_ino(s2, "uts"), "uts shared");
	CHECK(c2->stop(c2), "stop c2: %s", c2->error_string);
	REQUIRE(c2->clear_config_item(c2, "lxc.namespace.share.net"), "clear");
	REQUIRE(c2->set_config_item(c2, "lxc.namespace.share.pid", "c1"), "set");
	st = execute(c2, "cat /proc/1/comm; echo $$", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	/* busybox init names itself "init"; the shell is not pid 1 there */
	CHECK(strncmp(out, "init\n", 5) == 0 && strcmp(out + 5, "1\n") != 0 && out[5] != '\0',
	      "output \"%s\"", out);
	CHECK(c1->stop(c1), "stop c1: %s", c1->error_string);
	CHECK(wait_no_monitor(), "monitor left behind");
	lxc_container_put(c1);
	lxc_container_put(c2);
}

/* Process settings the init applies: environment, prlimit, sysctl, cwd, uid, capabilities. */
static void test_settings(void)
{
	static const char *const kv[] = {
		"lxc.environment", "FOO=bar baz",	"lxc.prlimit.nofile", "1234",
		"lxc.sysctl.kernel.domainname", "lxctest", "lxc.init.cwd", "/tmp",
		"lxc.cap.drop", "sys_admin",		NULL,
	};
	const char *want = "bar baz|lxc|1234|lxctest|/tmp|0\n";
	struct lxc_container *c;
	unsigned long long bnd = 0;
	char out[512], *p;
	int st;

	make_container("c1");
	c = new_container("c1");
	for (size_t i = 0; kv[i]; i += 2)
		REQUIRE(c->set_config_item(c, kv[i], kv[i + 1]), "set %s", kv[i]);
	st = execute(c, "echo \"$FOO|$container|$(ulimit -n)|$(cat /proc/sys/kernel/domainname)|"
		     "$(pwd)|$(id -u)\"; grep CapBnd /proc/self/status", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	CHECK(strncmp(out, want, strlen(want)) == 0, "output \"%s\"", out);
	p = strstr(out, "CapBnd:");
	CHECK(p && sscanf(p, "CapBnd: %llx", &bnd) == 1, "no CapBnd in \"%s\"", out);
	CHECK(!(bnd & (1ULL << 21)) && (bnd & 1ULL), "CapBnd %llx", bnd);

	REQUIRE(c->set_config_item(c, "lxc.init.uid", "1000"), "set");
	REQUIRE(c->set_config_item(c, "lxc.init.gid", "1000"), "set");
	st = execute(c, "echo $(id -u):$(id -g)", out, sizeof(out));
	CHECK(strcmp(out, "1000:1000\n") == 0, "ids \"%s\"", out);
	lxc_container_put(c);
}

static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *p;
	int ppid = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
		sscanf(p + 2, "%*c %d", &ppid);
	fclose(f);
	return ppid;
}

static void test_kill_monitor(void)
{
	struct lxc_container *c;
	pid_t pid, mon;

	make_container("c1");
	c = new_container("c1");
	REQUIRE(c->start(c, 0, NULL), "start: %s", c->error_string);
	pid = c->init_pid(c);
	mon = parent_of(pid);
	REQUIRE(mon > 1, "monitor pid %d", mon);
	REQUIRE(kill(mon, SIGKILL) == 0, "kill monitor");
	CHECK(wait_gone(pid), "init %d survived its monitor", pid);
	CHECK(strcmp(c->state(c), "STOPPED") == 0, "state %s", c->state(c));
	CHECK(c->start(c, 0, NULL), "start again: %s", c->error_string);
	CHECK(strcmp(c->state(c), "RUNNING") == 0, "state %s", c->state(c));
	CHECK(c->stop(c), "stop: %s", c->error_string);
	lxc_container_put(c);
}

/* Wait until the container runs an init other than old. */
static pid_t wait_new_init(struct lxc_container *c, pid_t old)
{
	for (int i = 0; i < 200; i++) {
		pid_t pid = c->init_pid(c);

		if (pid > 0 && pid != old && strcmp(c->state(c), "RUNNING") == 0)
			return pid;
		usleep(50 * 1000);
	}
	return -1;
}

static void test_reboot(void)
{
	struct lxc_container *c;
	char cmd[128];
	pid_t pid, pid2, pid3;

	make_container("c1");
	c = new_container("c1");
	REQUIRE(c->start(c, 0, NULL), "start: %s", c->error_string);
	pid = c->init_pid(c);
	sleep(1); /* busybox init installs its handlers */
	CHECK(c->reboot2(c, 30), "reboot2: %s", c->error_string);
	pid2 = wait_new_init(c, pid);
	CHECK(pid2 > 0, "no new init after reboot2");
	CHECK(!pid_alive(pid), "old init alive");
	/* reboot(2) inside the container: the kernel kills its init with SIGHUP */
	sleep(1);
	snprintf(cmd, sizeof(cmd), "nsenter -t %d -m -u -i -n -p busybox reboot", pid2);
	CHECK(run("%s", cmd) == 0, "%s", cmd);
	pid3 = wait_new_init(c, pid2);
	CHECK(pid3 > 0, "no new init after reboot inside");
	CHECK(c->stop(c), "stop: %s", c->error_string);
	CHECK(wait_no_monitor(), "monitor left behind");
	lxc_container_put(c);
}

#define N_MANY 10

static void *start_one(void *arg)
{
	struct lxc_container *c = arg;

	return c->start(c, 0, NULL) ? NULL : (void *)1;
}

static void *stop_one(void *arg)
{
	struct lxc_container *c = arg;

	return c->stop(c) ? NULL : (void *)1;
}

static void test_many(void)
{
	struct lxc_container *cs[N_MANY];
	pthread_t th[N_MANY];
	char name[16];
	void *r;

	for (int i = 0; i < N_MANY; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		make_container(name);
		cs[i] = new_container(name);
	}
	for (int i = 0; i < N_MANY; i++)
		pthread_create(&th[i], NULL, start_one, cs[i]);
	for (int i = 0; i < N_MANY; i++) {
		pthread_join(th[i], &r);
		CHECK(!r, "start m%d: %s", i, cs[i]->error_string);
	}
	for (int i = 0; i < N_MANY; i++)
		CHECK(strcmp(cs[i]->state(cs[i]), "RUNNING") == 0, "m%d %s", i,
		      cs[i]->state(cs[i]));
	for (int i = 0; i < N_MANY; i++)
		pthread_create(&th[i], NULL, stop_one, cs[i]);
	for (int i = 0; i < N_MANY; i++) {
		pthread_join(th[i], &r);
		CHECK(!r, "stop m%d: %s", i, cs[i]->error_string);
	}
	for (int i = 0; i < N_MANY; i++) {
		CHECK(strcmp(cs[i]->state(cs[i]), "STOPPED") == 0, "m%d %s", i,
		      cs[i]->state(cs[i]));
		lxc_container_put(cs[i]);
	}
	CHECK(wait_no_monitor(), "monitors left behind");
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "start-stop", test_start_stop },	   { "shutdown", test_shutdown },
	{ "execute", test_execute },		   { "concurrent", test_concurrent },
	{ "missing-rootfs", test_missing_rootfs }, { "kill-monitor", test_kill_monitor },
	{ "many", test_many },			   { "reboot", test_reboot },
	{ "no-rootfs", test_no_rootfs },	   { "hooks", test_hooks },
	{ "share", test_share },		   { "settings", test_settings },
};

int main(int argc, char *argv[])
{
	if (argc != 2) {
		fprintf(stderr, "Usage: %s CASE\n", argv[0]);
		return 2;
	}
	if (geteuid() != 0) {
		printf("SKIP: needs root\n");
		return 77;
	}
	if (access("/proc/self/ns/pid", F_OK) != 0 || system("command -v busybox >/dev/null") != 0) {
		printf("SKIP: needs pid namespaces and busybox\n");
		return 77;
	}
	snprintf(lxcpath, sizeof(lxcpath), "%s/lxc-lifecycle-XXXXXX",
		 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(lxcpath)) {
		perror("mkdtemp");
		return 1;
	}
	atexit(cleanup);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(argv[1], cases[i].name) == 0) {
			cases[i].fn();
			printf("%s: %s\n", cases[i].name, failures ? "FAILED" : "ok");
			return failures ? 1 : 0;
		}
	}
	fprintf(stderr, "Unknown case \"%s\"\n", argv[1]);
	return 2;
}
