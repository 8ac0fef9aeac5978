/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The cgroup driver against the real kernel (root): the test creates its own parent cgroup
 * "lxc-test-PID" under its cgroup in every hierarchy, a forked driver process moves into it and
 * runs placement, limits, devices, freezer, kill, stats and cleanup against forked sleepers.
 * "v1": this hybrid host as it is; "v2": LXC_CGROUP_FORCE_UNIFIED on the cgroup2 mount.
 * Everything created is removed at exit, on failure too. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/cgroup.h"
#include "cgroups/internal.h"
#include "sys/process.h"

#define UNIFIED_MNT "/sys/fs/cgroup/unified"

static char **parents;		/* the test parent cgroups (absolute) */
static char test_name[64];	/* "lxc-test-PID" */

#define CHECK(cond, ...)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, \
				#cond);                                               \
			fprintf(stderr, __VA_ARGS__);                                 \
			fprintf(stderr, "\n");                                        \
			_exit(1);                                                     \
		}                                                                     \
	} while (0)
#define CHECK_STR(got, want)                                                                 \
	CHECK((got) && !strcmp((got), (want)), "got \"%s\", want \"%s\"", (got) ? (got) : "(null)", \
	      (want))
#define CHECK_OK(expr, e) CHECK((expr) == 0, "%s", (e)->msg)

/* ---- test parents: create, kill what is inside, remove ---- */

/* Post-order walk of the cgroup tree at DIR. */
static void walk(const char *dir, void (*fn)(const char *))
{
	__do_closedir DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		__do_free char *sub = NULL;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		sub = cg_path(dir, de->d_name);
		if (sub)
			walk(sub, fn);
	}
	fn(dir);
}

static void thaw_one(const char *dir)
{
	(void)cg_write(dir, "cgroup.freeze", "0");
	(void)cg_write(dir, "freezer.state", "THAWED");
}

/* SIGKILL what is listed in DIR itself until it is empty (only our own descendants can be in
 * there: we created the cgroup). */
static void kill_one(const char *dir)
{
	for (int round = 0; round < 500; round++) {
		__do_free char *procs = NULL;
		char **pids = NULL;

		if (cg_read(dir, "cgroup.procs", &procs) < 0 || str_is_empty(procs))
			return;
		if (strv_split(procs, "\n", &pids) == 0)
			for (size_t i = 0; pids && pids[i]; i++)
				kill(atoi(pids[i]), SIGKILL);
		strv_free(pids);
		cg_msleep(10);
	}
}

static void cleanup(void)
{
	/* Thaw every tree first (frozen tasks do not die), then kill, then remove. */
	for (size_t i = 0; parents && parents[i]; i++)
		walk(parents[i], thaw_one);
	for (size_t i = 0; parents && parents[i]; i++)
		walk(parents[i], kill_one);
	for (size_t i = 0; parents && parents[i]; i++)
		if (cg_rmdir_tree(parents[i]) < 0)
			fprintf(stderr, "cleanup: failed to remove %s: %m\n", parents[i]);
	strv_free(parents);
	parents = NULL;
}

static void on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Create lxc-test-PID under our cgroup in every hierarchy (the v2 one only if V2). */
static int make_parents(const struct cgroup_host *host, bool v2)
{
	for (size_t i = 0; i < host->n; i++) {
		const struct cgroup_hierarchy *h = &host->h[i];
		__do_free char *dir = cg_path(h->base, test_name);

		if (v2 && h->version != 2)
			continue;
		if (mkdir(dir, 0755) < 0) {
			fprintf(stderr, "mkdir %s: %m\n", dir);
			return -1;
		}
		strv_append(&parents, dir);
		if (h->version == 1 && cg_has_controller(h, "cpuset")) {
			__do_free char *cpus = NULL, *mems = NULL;

			if (cg_read(h->base, "cpuset.cpus", &cpus) < 0 ||
			    cg_read(h->base, "cpuset.mems", &mems) < 0 ||
			    cg_write(dir, "cpuset.cpus", str_trim(cpus)) < 0 ||
			    cg_write(dir, "cpuset.mems", str_trim(mems)) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- helpers for the driver ---- */

/* A process that waits (pause) and, once moved and released, forks CHILDREN more. */
static int go_fd = -1;

static pid_t sleeper(int children)
{
	int p[2];
	pid_t pid;

	CHECK(pipe2(p, O_CLOEXEC) == 0, "pipe: %m");
	pid = fork();
	if (pid == 0) {
		char c;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(p[1]);
		if (children && read(p[0], &c, 1) != 1)
			_exit(1);
		for (int i = 0; i < children; i++)
			if (fork() == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				break;
			}
		for (;;)
			pause();
	}
	CHECK(pid > 0, "fork: %m");
	close(p[0]);
	if (go_fd >= 0)
		close(go_fd);
	go_fd = p[1];
	return pid;
}

/* Let the last sleeper fork its children. */
static void sleeper_go(void)
{
	CHECK(write(go_fd, "x", 1) == 1, "write: %m");
	close(go_fd);
	go_fd = -1;
}

static int reap(pid_t pid)
{
	int status = 0;

	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	return status;
}

static bool in_procs(const char *dir, pid_t pid)
{
	__do_free char *procs = NULL;
	char want[32];
	char **v = NULL;
	bool found;

	if (cg_read(dir, "cgroup.procs", &procs) < 0 || strv_split(procs, "\n", &v) < 0)
		return false;
	snprintf(want, sizeof(want), "%d", pid);
	found = strv_contains(v, want);
	strv_free(v);
	return found;
}

/* A child moved into the payload tries to open PATH: 0 if it could, its errno otherwise. */
static int probe_open(const struct cgroup_run *run, const char *path)
{
	struct cgroup_error e = { 0 };
	int status, p[2];
	pid_t pid;

	CHECK(pipe(p) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(100);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		_exit(fd < 0 ? errno : 0);
	}
	close(p[0]);
	CHECK_OK(cgroup_enter(run, CGROUP_PAYLOAD, pid, &e), &e);
	CHECK(write(p[1], "x", 1) == 1, "write");
	close(p[1]);
	status = reap(pid);
	CHECK(WIFEXITED(status), "probe status %d", status);
	return WEXITSTATUS(status);
}

static void move_self_into_parents(void)
{
	for (size_t i = 0; parents[i]; i++)
		CHECK(cgroup_enter_dir(parents[i], getpid()) == 0, "enter %s: %m", parents[i]);
}

static void setup_run(struct cgroup_run *run)
{
	struct cgroup_error e = { 0 };

	cgroup_run_init(run);
	CHECK_OK(cgroup_host_detect(&run->host, &e), &e);
	for (size_t i = 0; i < run->host.n; i++)
		if (run->host.h[i].used)
			CHECK(str_ends_with(run->host.h[i].base, test_name), "base %s",
			      run->host.h[i].base);
}

static struct conf_cgroup *conf_of(const char *const *v1, const char *const *v2)
{
	static struct conf_cgroup c;

	conf_cgroup_free(&c);
	conf_cgroup_init(&c);
	for (size_t i = 0; v1 && v1[i]; i += 2)
		CHECK(conf_cgroup_append(&c, CONF_CGROUP_V1, v1[i], v1[i + 1]) == 0, "append");
	for (size_t i = 0; v2 && v2[i]; i += 2)
		CHECK(conf_cgroup_append(&c, CONF_CGROUP_V2, v2[i], v2[i + 1]) == 0, "append");
	return &c;
}

static void create_pair(struct cgroup_run *run, const struct conf_cgroup *c, const char *name)
{
	struct cgroup_error e = { 0 };

	CHECK_OK(cgroup_create(run, c, "lxc.payload.%n", name, CGROUP_MONITOR, &e), &e);
	CHECK_OK(cgroup_create(run, c, "lxc.payload.%n", name, CGROUP_PAYLOAD, &e), &e);
}

/* Destroy both and check that no directory of the run is left. */
static void destroy_pair(struct cgroup_run *run, const struct conf_cgroup *c)
{
	struct cgroup_error e = { 0 };
	char **dirs = NULL;

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; run->created[k] && run->created[k][i]; i++)
			strv_append(&dirs, run->created[k][i]);
	CHECK_OK(cgroup_destroy(run, CGROUP_PAYLOAD, c, &e), &e);
	CHECK_OK(cgroup_destroy(run, CGROUP_MONITOR, c, &e), &e);
	CHECK_OK(cgroup_destroy(run, CGROUP_PAYLOAD, c, &e), &e); /* idempotent */
	for (size_t i = 0; dirs && dirs[i]; i++)
		CHECK(!dir_exists(dirs[i]), "%s is left behind", dirs[i]);
	CHECK(dirs != NULL, "nothing was created");
	strv_free(dirs);
}

/* ---- v1: this host as it is ---- */

static void case_v1_place_limits(void)
{
	static const char *const good[] = { "memory.limit_in_bytes", "67108864", "pids.max", "20",
		"devices.deny", "a", "devices.allow", "c 1:3 rwm", NULL };
	struct cgroup_run run;
	struct cgroup_error e = { 0 };
	struct conf_cgroup *c = conf_of(good, NULL);
	__do_free char *mem = NULL, *cpuset = NULL, *val = NULL, *pcpus = NULL, *cpus = NULL;
	const struct cgroup_hierarchy *mh;
	pid_t s;
	size_t ignored = 9;

	setup_run(&run);
	CHECK(run.host.layout == CGROUP_LAYOUT_HYBRID, "layout %s",
	      cgroup_layout_name(run.host.layout));
	create_pair(&run, c, "c1");
	CHECK_STR(run.monitor, "lxc.monitor.c1");
	CHECK_STR(run.payload, "lxc.payload.c1");
	CHECK_STR(run.payload_inner, "lxc.payload.c1");
	CHECK(run.unified_fd >= 0, "no unified fd");
	mh = cgroup_host_find(&run.host, "memory", 1);
	mem = cgroup_path(&run, CGROUP_PAYLOAD, "memory", false);
	CHECK(mh && mem && str_starts_with(mem, mh->base) && dir_exists(mem), "memory dir");

	/* cpuset starts with its parent's cpus. */
	cpuset = cgroup_path(&run, CGROUP_PAYLOAD, "cpuset", false);
	CHECK(cg_read(cpuset, "cpuset.cpus", &cpus) == 0, "read cpus");
	CHECK(cg_read(cgroup_host_find(&run.host, "cpuset", 1)->base, "cpuset.cpus", &pcpus) == 0,
	      "read parent cpus");
	CHECK_STR(cpus, pcpus);

	CHECK_OK(cgroup_apply_limits(&run, c, &ignored, &e), &e);
	CHECK(ignored == 0, "ignored %zu", ignored);
	CHECK_OK(cgroup_get_item(&run, "memory.limit_in_bytes", &val, &e), &e);
	CHECK_STR(val, "67108864");
	free_disarm(val);
	CHECK_OK(cgroup_get_item(&run, "devices.list", &val, &e), &e);
	CHECK_STR(val, "c 1:3 rwm");
	free_disarm(val);
	CHECK_OK(cgroup_set_item(&run, "pids.max", "30", &e), &e);
	CHECK_OK(cgroup_get_item(&run, "pids.max", &val, &e), &e);
	CHECK_STR(val, "30");
	free_disarm(val);

	/* The devices rules apply to a process in the payload. */
	CHECK(probe_open(&run, "/dev/null") == 0, "/dev/null denied");
	CHECK(probe_open(&run, "/dev/zero") == EPERM, "/dev/zero allowed");

	s = sleeper(0);
	CHECK_OK(cgroup_enter(&run, CGROUP_PAYLOAD, s, &e), &e);
	for (size_t i = 0; i < run.host.n; i++) {
		__do_free char *d = cg_run_dir(&run, &run.host.h[i], CGROUP_PAYLOAD, true);

		CHECK(in_procs(d, s), "%d not in %s", s, d);
	}
	/* The driver itself goes into the monitor cgroup, and comes back out on destroy. */
	CHECK_OK(cgroup_enter(&run, CGROUP_MONITOR, getpid(), &e), &e);

	/* Freezer v1. */
	CHECK_OK(cgroup_freeze(&run, 5000, &e), &e);
	CHECK(cgroup_is_frozen(&run) == 1, "not frozen");
	CHECK_OK(cgroup_thaw(&run, &e), &e);
	CHECK(cgroup_is_frozen(&run) == 0, "still frozen");

	/* Stats from the v1 hierarchies. */
	struct cgroup_stats st;
	CHECK(cgroup_stats(&run, &st) == 0, "stats");
	{
		__do_free char *kf = cg_path(mem, "memory.kmem.usage_in_bytes");
		CHECK((st.kmem_bytes >= 0) == file_exists(kf), "kmem %lld", (long long)st.kmem_bytes);
	}
	/* Present (not -1); the values themselves depend on the kernel's accounting. */
	CHECK(st.cpu_ns >= 0 && st.mem_bytes >= 0 && st.blkio_bytes >= 0, "stats %lld %lld %lld",
	      (long long)st.cpu_ns, (long long)st.mem_bytes, (long long)st.blkio_bytes);

	/* Destroy kills what is left (cgroup.kill in the cgroup2 payload of this hybrid). */
	destroy_pair(&run, c);
	CHECK(WIFSIGNALED(reap(s)), "sleeper not killed");
	CHECK(in_procs(cgroup_host_find(&run.host, "memory", 1)->base, getpid()),
	      "driver did not return to its cgroup");
	cgroup_run_free(&run);
}

static void case_v1_errors(void)
{
	static const char *const bad_value[] = { "memory.limit_in_bytes", "foo", NULL };
	static const char *const bad_file[] = { "memory.bogus", "1", NULL };
	static const char *const bad_ctrl[] = { "nosuch.file", "1", NULL };
	static const char *const v2_mem[] = { "memory.max", "1G", NULL };
	static const char *const v2_dev[] = { "devices.deny", "c 1:3 rwm", NULL };
	struct cgroup_run run;
	struct cgroup_error e = { 0 };
	struct conf_cgroup *c = conf_of(NULL, NULL);
	__do_free char *mem = NULL, *want = NULL, *val = NULL;

	setup_run(&run);
	create_pair(&run, c, "c2");
	mem = cgroup_path(&run, CGROUP_PAYLOAD, "memory", false);
	CHECK(cgroup_apply_limits(&run, conf_of(bad_value, NULL), NULL, &e) == -EINVAL, "value");
	CHECK_STR(e.msg, "Failed to set \"lxc.cgroup.memory.limit_in_bytes\" to \"foo\": Invalid argument");
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_apply_limits(&run, conf_of(bad_file, NULL), NULL, &e) == -ENOENT, "file");
	CHECK(asprintf(&want, "Unknown cgroup file \"lxc.cgroup.memory.bogus\": no \"%s/memory.bogus\"",
		       mem) > 0, "asprintf");
	CHECK_STR(e.msg, want);
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_apply_limits(&run, conf_of(bad_ctrl, NULL), NULL, &e) == -ENOENT, "ctrl");
	CHECK_STR(e.msg, "Failed to set \"lxc.cgroup.nosuch.file\": no cgroup v1 hierarchy with the \"nosuch\" controller is used");
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_apply_limits(&run, conf_of(NULL, v2_mem), NULL, &e) == -ENOENT, "v2 mem");
	CHECK_STR(e.msg, "cgroup2 controller \"memory\" is not available on this host (it is bound to cgroup v1)");
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_get_item(&run, "nosuch.file", &val, &e) == -ENOENT, "get");
	CHECK_STR(e.msg, "No cgroup hierarchy has the \"nosuch\" controller");
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_set_item(&run, "memory.limit_in_bytes", "bar", &e) == -EINVAL, "set");
	CHECK_STR(e.msg, "Failed to set \"memory.limit_in_bytes\" to \"bar\": Invalid argument");
	destroy_pair(&run, conf_of(NULL, NULL));
	cgroup_run_free(&run);

	/* Hybrid: lxc.cgroup2.devices rules become a BPF program on the cgroup2 payload, on top
	 * of the v1 devices cgroup (which allows everything here). */
	setup_run(&run);
	create_pair(&run, c, "c2b");
	CHECK_OK(cgroup_apply_limits(&run, conf_of(NULL, v2_dev), NULL, &e), &e);
	CHECK(run.bpf_prog_fd >= 0, "no device program");
	CHECK(probe_open(&run, "/dev/null") == EPERM, "/dev/null allowed");
	CHECK(probe_open(&run, "/dev/zero") == 0, "/dev/zero denied");
	destroy_pair(&run, conf_of(NULL, NULL));
	cgroup_run_free(&run);
}

static void case_v1_names(void)
{
	struct cgroup_run run, other;
	struct cgroup_error e = { 0 };
	struct conf_cgroup *c = conf_of(NULL, NULL);
	const struct cgroup_hierarchy *mh;
	__do_free char *busy = NULL, *left = NULL, *leftsub = NULL;
	pid_t s, s2;

	setup_run(&run);
	mh = cgroup_host_find(&run.host, "memory", 1);
	/* A taken name (a live task inside, in one hierarchy) gets a suffix. */
	busy = cg_path(mh->base, "lxc.payload.c3");
	CHECK(mkdir(busy, 0755) == 0, "mkdir %s", busy);
	s = sleeper(0);
	CHECK(cgroup_enter_dir(busy, s) == 0, "enter busy");
	CHECK_OK(cgroup_create(&run, c, NULL, "c3", CGROUP_PAYLOAD, &e), &e);
	CHECK_STR(run.payload, "lxc.payload.c3-1");
	CHECK(dir_exists(busy), "busy cgroup removed");
	/* A second run of the same name (the first one's init inside) takes the next one. */
	s2 = sleeper(0);
	CHECK_OK(cgroup_enter(&run, CGROUP_PAYLOAD, s2, &e), &e);
	cgroup_run_init(&other);
	CHECK_OK(cgroup_host_detect(&other.host, &e), &e);
	CHECK_OK(cgroup_create(&other, c, NULL, "c3", CGROUP_PAYLOAD, &e), &e);
	CHECK_STR(other.payload, "lxc.payload.c3-2");
	CHECK_OK(cgroup_destroy(&other, CGROUP_PAYLOAD, c, &e), &e);
	cgroup_run_free(&other);
	CHECK_OK(cgroup_destroy(&run, CGROUP_PAYLOAD, c, &e), &e);
	CHECK(WIFSIGNALED(reap(s2)), "second sleeper not killed");
	kill(s, SIGKILL);
	reap(s);
	CHECK(rmdir(busy) == 0, "rmdir busy");

	/* An empty leftover of a crashed run (with a sub-cgroup) is removed and reused. */
	left = cg_path(mh->base, "lxc.payload.c4");
	leftsub = cg_path(left, "sub");
	CHECK(mkdir(left, 0755) == 0 && mkdir(leftsub, 0755) == 0, "mkdir leftover");
	CHECK_OK(cgroup_create(&run, c, NULL, "c4", CGROUP_PAYLOAD, &e), &e);
	CHECK_STR(run.payload, "lxc.payload.c4");
	CHECK(!dir_exists(leftsub), "leftover not removed");
	CHECK_OK(cgroup_destroy(&run, CGROUP_PAYLOAD, c, &e), &e);
	CHECK(!dir_exists(left), "left behind");
	cgroup_run_free(&run);
}

static void case_v1_dirs_and_kill(void)
{
	struct cgroup_run run;
	struct cgroup_error e = { 0 };
	struct conf_cgroup *c = conf_of(NULL, NULL);
	__do_free char *inner = NULL, *outer = NULL;
	pid_t s;

	setup_run(&run);
	c->dir_container = strdup("ct/x");
	c->dir_monitor = strdup("mon/x");
	c->dir_container_inner = strdup("inner");
	/* Pretend a legacy host: no cgroup2 hierarchy, so kill goes freeze + SIGKILL + thaw. */
	free(run.host.h[run.host.unified].mountpoint);
	free(run.host.h[run.host.unified].base);
	strv_free(run.host.h[run.host.unified].controllers);
	run.host.n--;
	run.host.unified = -1;
	run.host.layout = CGROUP_LAYOUT_LEGACY;
	create_pair(&run, c, "c5");
	CHECK_STR(run.payload, "ct/x");
	CHECK_STR(run.payload_inner, "ct/x/inner");
	CHECK_STR(run.monitor, "mon/x");
	CHECK(run.unified_fd < 0, "unified fd on legacy");
	s = sleeper(2);
	CHECK_OK(cgroup_enter(&run, CGROUP_PAYLOAD, s, &e), &e);
	inner = cgroup_path(&run, CGROUP_PAYLOAD, "pids", true);
	outer = cgroup_path(&run, CGROUP_PAYLOAD, "pids", false);
	CHECK(in_procs(inner, s), "not in inner");
	CHECK(!in_procs(outer, s), "in outer");
	sleeper_go();
	for (;;) { /* wait until both children exist (in the inner cgroup) */
		__do_free char *cur = NULL;
		if (cg_read(inner, "pids.current", &cur) == 0 && !strcmp(str_trim(cur), "3"))
			break;
		cg_msleep(5);
	}
	CHECK_OK(cgroup_kill_all(&run, &e), &e);
	CHECK(WIFSIGNALED(reap(s)), "sleeper not killed");
	CHECK(cg_populated(outer) == 0, "still populated");
	destroy_pair(&run, c);
	cgroup_run_free(&run);
}

/* ---- v2: the cgroup2 mount as a pure unified host ---- */

static void case_v2(void)
{
	static const char *const lim[] = { "cgroup.max.descendants", "5", "devices.deny",
					   "c 1:3 rwm", NULL };
	static const char *const allowl[] = { "devices.deny", "a", "devices.allow", "c 1:5 rwm",
					      NULL };
	static const char *const v2_mem[] = { "memory.max", "1G", NULL };
	static const char *const v1_set[] = { "memory.limit_in_bytes", "1G", NULL };
	static const char *const bad_file[] = { "cgroup.bogus", "1", NULL };
	static const char *const hugetlb[] = { "hugetlb.2MB.max", "1", NULL };
	struct cgroup_run run, run2;
	struct cgroup_error e = { 0 };
	struct conf_cgroup *c = conf_of(NULL, NULL);
	__do_free char *dir = NULL, *val = NULL, *want = NULL;
	struct clone_args ca = { 0 };
	struct cgroup_stats st;
	size_t ignored = 0;
	pid_t s, p;

	setenv(CGROUP_FORCE_UNIFIED_ENV, UNIFIED_MNT, 1);
	setup_run(&run);
	CHECK(run.host.layout == CGROUP_LAYOUT_UNIFIED && run.host.forced && run.host.n == 1,
	      "layout %s", cgroup_layout_name(run.host.layout));
	create_pair(&run, c, "v1");
	dir = cgroup_path(&run, CGROUP_PAYLOAD, NULL, false);
	CHECK(str_starts_with(dir, UNIFIED_MNT "/") && str_ends_with(dir, "/lxc.payload.v1"), "%s", dir);

	/* lxc.cgroup2.memory.*: memory lives on v1 on this host. */
	CHECK(cgroup_apply_limits(&run, conf_of(NULL, v2_mem), NULL, &e) == -ENOENT, "mem");
	CHECK_STR(e.msg, "cgroup2 controller \"memory\" is not available on this host (it is bound to cgroup v1)");
	memset(&e, 0, sizeof(e));
	CHECK_OK(cgroup_get_item(&run, "cpu.stat", &val, &e), &e); /* a core file */
	CHECK(str_starts_with(val, "usage_usec "), "cpu.stat: %s", val);
	free_disarm(val);
	CHECK(cgroup_get_item(&run, "memory.max", &val, &e) == -ENOENT, "get mem");
	CHECK_STR(e.msg, "cgroup2 controller \"memory\" is not available on this host (it is bound to cgroup v1)");
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_apply_limits(&run, conf_of(NULL, bad_file), NULL, &e) == -ENOENT, "bogus");
	CHECK(asprintf(&want, "Unknown cgroup file \"lxc.cgroup2.cgroup.bogus\": no \"%s/cgroup.bogus\"",
		       dir) > 0, "asprintf");
	CHECK_STR(e.msg, want);
	memset(&e, 0, sizeof(e));
	CHECK(cgroup_apply_limits(&run, conf_of(NULL, hugetlb), NULL, &e) == -ENOENT, "hugetlb");
	free_disarm(want);
	CHECK(asprintf(&want, "Failed to set \"lxc.cgroup2.hugetlb.2MB.max\": the \"hugetlb\" controller is not enabled in \"%s\"",
		       dir) > 0, "asprintf");
	CHECK_STR(e.msg, want);
	memset(&e, 0, sizeof(e));
	/* Legacy settings are skipped on a unified host. */
	CHECK_OK(cgroup_apply_limits(&run, conf_of(v1_set, NULL), &ignored, &e), &e);
	CHECK(ignored == 1, "ignored %zu", ignored);

	/* Limits and a denylist device program. */
	CHECK_OK(cgroup_apply_limits(&run, conf_of(NULL, lim), &ignored, &e), &e);
	CHECK(run.bpf_prog_fd >= 0, "no device program");
	CHECK_OK(cgroup_get_item(&run, "cgroup.max.descendants", &val, &e), &e);
	CHECK_STR(val, "5");
	free_disarm(val);
	CHECK(probe_open(&run, "/dev/null") == EPERM, "/dev/null allowed after deny");
	CHECK(probe_open(&run, "/dev/zero") == 0, "/dev/zero denied");

	/* CLONE_INTO_CGROUP with the payload fd. */
	ca.flags = CLONE_INTO_CGROUP;
	ca.exit_signal = SIGCHLD;
	ca.cgroup = (uint64_t)run.unified_fd;
	p = sys_clone3(&ca);
	if (p == 0) {
		__do_free char *self = NULL;

		file_read_all("/proc/self/cgroup", &self, NULL);
		_exit(self && strstr(self, "/lxc.payload.v1\n") ? 0 : 1);
	}
	CHECK(p > 0, "clone3: %s", strerror(-p));
	int cs = reap(p);
	CHECK(WIFEXITED(cs) && WEXITSTATUS(cs) == 0, "clone3 child not in the payload");

	/* Placement, freezer (cgroup.freeze + cgroup.events), stats. */
	s = sleeper(2);
	CHECK_OK(cgroup_enter(&run, CGROUP_PAYLOAD, s, &e), &e);
	CHECK(in_procs(dir, s), "not in payload");
	sleeper_go();
	CHECK_OK(cgroup_enter(&run, CGROUP_MONITOR, getpid(), &e), &e);
	CHECK_OK(cgroup_freeze(&run, 5000, &e), &e);
	CHECK(cgroup_is_frozen(&run) == 1, "not frozen");
	CHECK_OK(cgroup_thaw(&run, &e), &e);
	CHECK(cgroup_is_frozen(&run) == 0, "still frozen");
	CHECK(cgroup_stats(&run, &st) == 0, "stats");
	CHECK(st.cpu_ns >= 0 && st.mem_bytes == -1 && st.kmem_bytes == -1, "stats %lld %lld",
	      (long long)st.cpu_ns, (long long)st.mem_bytes);

	/* cgroup.kill. */
	CHECK_OK(cgroup_kill_all(&run, &e), &e);
	CHECK(WIFSIGNALED(reap(s)), "sleeper not killed");
	CHECK(cg_populated(dir) == 0, "still populated");
	destroy_pair(&run, c);
	CHECK(in_procs(run.host.h[0].base, getpid()), "driver did not return");
	cgroup_run_free(&run);

	/* An allowlist program: only /dev/zero. */
	setup_run(&run2);
	create_pair(&run2, c, "v2");
	CHECK_OK(cgroup_apply_limits(&run2, conf_of(NULL, allowl), NULL, &e), &e);
	CHECK(probe_open(&run2, "/dev/null") == EPERM, "/dev/null allowed in allowlist");
	CHECK(probe_open(&run2, "/dev/zero") == 0, "/dev/zero denied in allowlist");
	destroy_pair(&run2, conf_of(NULL, NULL));
	cgroup_run_free(&run2);
}

static int run_driver(void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		move_self_into_parents();
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "driver failed (status %d)\n", status);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cgroup_host host;
	struct cgroup_error e = { 0 };
	bool v2 = argc > 1 && !strcmp(argv[1], "v2");
	int rc = 0;

	if (geteuid() != 0) {
		printf("SKIP: needs root\n");
		return 77;
	}
	unsetenv(CGROUP_FORCE_UNIFIED_ENV);
	cgroup_host_init(&host);
	if (cgroup_host_detect(&host, &e) < 0 || host.layout != CGROUP_LAYOUT_HYBRID) {
		printf("SKIP: written for a hybrid cgroup host (%s)\n", cgroup_layout_name(host.layout));
		return 77;
	}
	if (v2 && (host.unified < 0 || strcmp(host.h[host.unified].mountpoint, UNIFIED_MNT))) {
		printf("SKIP: no cgroup2 mount at " UNIFIED_MNT "\n");
		return 77;
	}
	snprintf(test_name, sizeof(test_name), "lxc-test-%d", getpid());
	atexit(cleanup);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	if (make_parents(&host, v2) < 0) {
		cgroup_host_free(&host);
		return 1;
	}
	cgroup_host_free(&host);
	if (v2) {
		rc |= run_driver(case_v2);
	} else {
		rc |= run_driver(case_v1_place_limits);
		rc |= run_driver(case_v1_errors);
		rc |= run_driver(case_v1_names);
		rc |= run_driver(case_v1_dirs_and_kill);
	}
	cleanup();
	return rc;
}
