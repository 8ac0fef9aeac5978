/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The C API: attach, attach_run_wait, attach_run_waitl and every lxc_attach_options_t field,
 * and the CVE-2019-5736 attack played from inside a container against the attaching process
 * while it runs the exec function (before exec). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* Run "sh -c CMD" with opts, stdout+stderr into out; returns the raw wait status. */
static int api_sh(struct lxc_container *c, lxc_attach_options_t *opts, const char *cmd,
		  char *out, size_t size)
{
	const char *argv[] = { "sh", "-c", cmd, NULL };
	int p[2], status;
	ssize_t n, len = 0;

	REQUIRE(pipe2(p, O_CLOEXEC) == 0, "pipe");
	opts->stdout_fd = p[1];
	opts->stderr_fd = p[1];
	status = c->attach_run_wait(c, opts, "sh", argv);
	close(p[1]);
	while ((n = read(p[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	while (len && out[len - 1] == '\n')
		out[--len] = '\0';
	close(p[0]);
	opts->stdout_fd = 1;
	opts->stderr_fd = 2;
	return status;
}

static int run_flag_check(void *payload)
{
	return *(int *)payload;
}

void test_api(void)
{
	struct lxc_container *c = start_container("c1", NULL);
	lxc_attach_options_t opts = LXC_ATTACH_OPTIONS_DEFAULT;
	const char *argv[] = { "sh", "-c", "exit 3", NULL };
	char out[4096];
	int payload = 42, status, in[2];
	pid_t pid;

	status = c->attach_run_wait(c, NULL, "sh", argv);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %d", status);
	status = c->attach_run_waitl(c, NULL, "/bin/true", "/bin/true", NULL);
	CHECK(status == 0, "true: %d", status);
	status = c->attach_run_waitl(c, &opts, "no-such-command", "no-such-command", NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 127, "not found: %d", status);
	status = c->attach_run_wait(c, NULL, NULL, argv);
	CHECK(status == -1, "no program: %d", status);
	STREQ(c->error_string, "Failed to run command in container \"c1\": no program given");
	CHECK(c->attach(c, NULL, NULL, NULL, &pid) == -1, "no function");
	STREQ(c->error_string, "Failed to attach to container \"c1\": no exec function given");

	/* A custom exec function; its return value is the exit status. */
	CHECK(c->attach(c, run_flag_check, &payload, NULL, &pid) == 0, "attach: %s",
	      c->error_string);
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %d", status);

	/* stdin_fd */
	REQUIRE(pipe2(in, O_CLOEXEC) == 0, "pipe");
	CHECK(write(in[1], "from stdin\n", 11) == 11, "write");
	close(in[1]);
	opts.stdin_fd = in[0];
	status = api_sh(c, &opts, "cat", out, sizeof(out));
	close(in[0]);
	opts.stdin_fd = 0;
	CHECK(status == 0, "cat: %d", status);
	STREQ(out, "from stdin");
	/* A host fd without O_CLOEXEC is not inherited. */
	in[0] = open("/etc/hostname", O_RDONLY);
	REQUIRE(in[0] >= 0, "open");
	status = api_sh(c, &opts, "ls /proc/self/fd", out, sizeof(out));
	STREQ(out, "0\n1\n2\n3");
	close(in[0]);
	c->stop(c);
	lxc_container_put(c);
}

static void read_status_line(pid_t pid, const char *key, char *out, size_t size)
{
	capture(out, size, "grep '^%s' /proc/%d/status", key, pid);
}

/* The cgroup lines of a host pid. */
static void cgroups_of(pid_t pid, char *out, size_t size)
{
	capture(out, size, "cat /proc/%d/cgroup", pid);
}

/* attach "sleep 1000", report its host-side cgroups, kill it. */
static void attached_cgroups(struct lxc_container *c, lxc_attach_options_t *opts, char *out,
			     size_t size)
{
	char *argv[] = { "sleep", "1000", NULL };
	lxc_attach_command_t cmd = { .program = "sleep", .argv = argv };
	pid_t pid;

	out[0] = '\0';
	if (c->attach(c, lxc_attach_run_command, &cmd, opts, &pid) < 0) {
		CHECK(false, "attach: %s", c->error_string);
		return;
	}
	cgroups_of(pid, out, size);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

void test_api_options(void)
{
	struct lxc_container *c = start_container("c1", "lxc.cap.drop = sys_module\n"
						  "lxc.environment = FROMCONF=yes\n");
	lxc_attach_options_t opts = LXC_ATTACH_OPTIONS_DEFAULT;
	char *keep[] = { "KEEPME", NULL }, *extra[] = { "A=1", "KEEPME=over", NULL };
	char out[4096], want[4096], lsms[256] = "";
	gid_t groups[] = { 5, 6 };
	pid_t init = c->init_pid(c);
	struct utsname u;
	int status;

	/* env_policy, extra_keep_env, extra_env_vars (+ lxc.environment, container=lxc) */
	setenv("KEEPME", "kept", 1);
	setenv("DROPME", "x", 1);
	opts.env_policy = LXC_ATTACH_CLEAR_ENV;
	opts.extra_keep_env = keep;
	status = api_sh(c, &opts, "env | grep -v -E '^(PWD|SHLVL)=' | sort", out, sizeof(out));
	STREQ(out, "FROMCONF=yes\nKEEPME=kept\n"
		   "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
		   "container=lxc");
	opts.extra_env_vars = extra;
	status = api_sh(c, &opts, "env | grep -v -E '^(PWD|SHLVL)=' | sort", out, sizeof(out));
	STREQ(out, "A=1\nFROMCONF=yes\nKEEPME=over\n"
		   "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
		   "container=lxc");
	opts.env_policy = LXC_ATTACH_KEEP_ENV;
	opts.extra_env_vars = NULL;
	status = api_sh(c, &opts, "echo $DROPME $KEEPME $container", out, sizeof(out));
	STREQ(out, "x kept lxc");

	/* initial_cwd; else the caller's cwd when it exists inside, else / */
	opts.initial_cwd = "/etc";
	status = api_sh(c, &opts, "pwd", out, sizeof(out));
	STREQ(out, "/etc");
	opts.initial_cwd = NULL;
	REQUIRE(chdir("/tmp") == 0, "chdir");
	status = api_sh(c, &opts, "pwd", out, sizeof(out));
	STREQ(out, "/tmp");
	REQUIRE(chdir(lxcpath) == 0, "chdir");
	status = api_sh(c, &opts, "pwd", out, sizeof(out));
	STREQ(out, "/");
	REQUIRE(chdir("/") == 0, "chdir");

	/* uid, gid, SETGROUPS + groups */
	opts.uid = 1000;
	opts.gid = 1001;
	status = api_sh(c, &opts, "id -u; id -g; id -G", out, sizeof(out));
	STREQ(out, "1000\n1001\n1001");
	opts.attach_flags |= LXC_ATTACH_SETGROUPS;
	opts.groups.size = 2;
	opts.groups.list = groups;
	status = api_sh(c, &opts, "id -G", out, sizeof(out));
	STREQ(out, "1001 5 6");
	opts.attach_flags &= ~LXC_ATTACH_SETGROUPS;
	opts.uid = (uid_t)-1;
	opts.gid = (gid_t)-1;

	/* personality */
	if (uname(&u) == 0 && strcmp(u.machine, "x86_64") == 0) {
		opts.personality = PER_LINUX32;
		status = api_sh(c, &opts, "uname -m", out, sizeof(out));
		STREQ(out, "i686");
		opts.personality = LXC_ATTACH_DETECT_PERSONALITY;
		status = api_sh(c, &opts, "uname -m", out, sizeof(out));
		STREQ(out, "x86_64");
	}

	/* NO_NEW_PRIVS */
	status = api_sh(c, &opts, "grep NoNewPrivs /proc/self/status", out, sizeof(out));
	STREQ(out, "NoNewPrivs:\t0");
	opts.attach_flags |= LXC_ATTACH_NO_NEW_PRIVS;
	status = api_sh(c, &opts, "grep NoNewPrivs /proc/self/status", out, sizeof(out));
	STREQ(out, "NoNewPrivs:\t1");
	opts.attach_flags &= ~LXC_ATTACH_NO_NEW_PRIVS;

	/* DROP_CAPABILITIES: the init's bounding set (sys_module dropped), else ours. */
	read_status_line(init, "CapBnd", want, sizeof(want));
	status = api_sh(c, &opts, "grep CapBnd /proc/self/status", out, sizeof(out));
	STREQ(out, want);
	CHECK(strtoull(out + 7, NULL, 16) != 0 && !((strtoull(out + 7, NULL, 16) >> 16) & 1),
	      "sys_module kept: %s", out);
	opts.attach_flags &= ~LXC_ATTACH_DROP_CAPABILITIES;
	read_status_line(getpid(), "CapBnd", want, sizeof(want));
	status = api_sh(c, &opts, "grep CapBnd /proc/self/status", out, sizeof(out));
	STREQ(out, want);
	opts.attach_flags |= LXC_ATTACH_DROP_CAPABILITIES;

	/* MOVE_TO_CGROUP: the init's cgroups, else ours. */
	cgroups_of(init, want, sizeof(want));
	attached_cgroups(c, &opts, out, sizeof(out));
	STREQ(out, want);
	opts.attach_flags &= ~LXC_ATTACH_MOVE_TO_CGROUP;
	cgroups_of(getpid(), want, sizeof(want));
	attached_cgroups(c, &opts, out, sizeof(out));
	STREQ(out, want);
	opts.attach_flags |= LXC_ATTACH_MOVE_TO_CGROUP;

	/* namespaces: only uts (the host's file system), with REMOUNT_PROC_SYS and net. */
	opts.namespaces = CLONE_NEWUTS;
	snprintf(want, sizeof(want), "test -d '%s/c1' && hostname", lxcpath);
	status = api_sh(c, &opts, want, out, sizeof(out));
	STREQ(out, "c1");
	opts.namespaces = CLONE_NEWNET;
	opts.attach_flags |= LXC_ATTACH_REMOUNT_PROC_SYS;
	status = api_sh(c, &opts, "ls /sys/class/net", out, sizeof(out));
	STREQ(out, "lo");
	opts.attach_flags &= ~LXC_ATTACH_REMOUNT_PROC_SYS;
	opts.namespaces = -1;

	/* LSM_LABEL: an explicit label fails cleanly without an LSM. */
	capture(lsms, sizeof(lsms), "cat /sys/kernel/security/lsm 2>/dev/null");
	if (!strstr(lsms, "apparmor") && !strstr(lsms, "selinux")) {
		opts.attach_flags |= LXC_ATTACH_LSM_LABEL;
		opts.lsm_label = "unconfined";
		status = api_sh(c, &opts, "true", out, sizeof(out));
		CHECK(status == -1, "lsm: %d", status);
		STREQ(c->error_string, "Failed to set LSM label \"unconfined\": no LSM is enabled");
		opts.attach_flags &= ~LXC_ATTACH_LSM_LABEL;
		/* LSM_EXEC/LSM_NOW without a configured label: skipped. */
		opts.attach_flags |= LXC_ATTACH_LSM_NOW;
		status = api_sh(c, &opts, "true", out, sizeof(out));
		CHECK(status == 0, "lsm now: %d", status);
	}
	c->stop(c);
	lxc_container_put(c);
}

/* The attacker, inside the container (root without CAP_SYS_PTRACE): once the target's pid
 * shows up in /tmp/target, try to reach the attaching process through /proc. */
static const char attacker[] =
	"i=0; while [ ! -s /tmp/target ] && [ $i -lt 400 ]; do usleep 50000; i=$((i+1)); done\n"
	"P=$(cat /tmp/target); r=\"\"\n"
	"try() { if eval \"$2\" >/dev/null 2>&1; then r=\"$r $1:OPEN\"; "
	"else r=\"$r $1:DENIED\"; fi; }\n"
	"try exe-read \"cat /proc/$P/exe\"\n"
	"try exe-write \"echo x >> /proc/$P/exe\"\n"
	"try exe-link \"readlink /proc/$P/exe\"\n"
	"try fd-link \"readlink /proc/$P/fd/0\"\n"
	"try fd-open \"cat /proc/$P/fd/0 </dev/null\"\n"
	"try mem-open \"( exec 3</proc/$P/mem )\"\n"
	"try control \"cat /proc/$$/exe && readlink /proc/$$/fd/0 && ( exec 3</proc/$$/mem )\"\n"
	"echo \"$r\" > /tmp/result.tmp; mv /tmp/result.tmp /tmp/result\n";

/* The exec function: runs in the attached process before any exec, i.e. still as the
 * attaching binary (this test program) with the caller's memory. */
static int target(void *payload)
{
	char buf[32], res[512] = "";
	int fd, n = snprintf(buf, sizeof(buf), "%d\n", getpid());

	fd = open("/tmp/target.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, buf, n) != n || rename("/tmp/target.tmp", "/tmp/target") < 0)
		return 2;
	close(fd);
	for (int i = 0; i < 400; i++) {
		fd = open("/tmp/result", O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, res, sizeof(res) - 1);
			close(fd);
			res[n > 0 ? n : 0] = '\0';
			return 0; /* the verdict is checked by the test from the host */
		}
		usleep(50 * 1000);
	}
	return 3;
}

/* The container's root either lacks CAP_SYS_PTRACE (privileged container, sys_ptrace dropped)
 * or has it only in the container's user namespace. */
static void cve_2019_5736(struct lxc_container *c)
{
	char *argv[] = { "sh", "-c", (char *)attacker, NULL };
	lxc_attach_command_t cmd = { .program = "sh", .argv = argv };
	lxc_attach_options_t opts = LXC_ATTACH_OPTIONS_DEFAULT;
	char out[512], path[400];
	pid_t apid, tpid;
	int status;

	opts.stdin_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	opts.stdout_fd = opts.stderr_fd = opts.stdin_fd;
	REQUIRE(c->attach(c, lxc_attach_run_command, &cmd, &opts, &apid) == 0, "attacker: %s",
		c->error_string);
	REQUIRE(c->attach(c, target, NULL, &opts, &tpid) == 0, "target: %s", c->error_string);
	CHECK(waitpid(tpid, &status, 0) == tpid, "waitpid target");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "target status %d", status);
	CHECK(waitpid(apid, &status, 0) == apid, "waitpid attacker");
	snprintf(path, sizeof(path), "%s/%s/rootfs/tmp/result", lxcpath, c->name);
	capture(out, sizeof(out), "cat '%s'", path);
	STREQ(out, " exe-read:DENIED exe-write:DENIED exe-link:DENIED fd-link:DENIED "
		   "fd-open:DENIED mem-open:DENIED control:OPEN");
	c->stop(c);
	lxc_container_put(c);
}

void test_cve_2019_5736(void)
{
	cve_2019_5736(start_container("cv", "lxc.cap.drop = sys_ptrace\n"));
}

/* Identity-mapped user namespace: after the id switch the attaching process has the same
 * host uid (0) and creds as the attacker's, so the kernel does not make it non-dumpable by
 * itself and the attacker has CAP_SYS_PTRACE over its creds' namespace: only our
 * PR_SET_DUMPABLE 0 (mm owned by the host's user namespace) stands in the way. */
void test_cve_2019_5736_userns(void)
{
	struct lxc_container *c = start_userns_container("cu", 0);
	char out[4096];

	/* Root inside has every capability in its user namespace, sys_ptrace included. */
	capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n cu -- grep CapEff "
		"/proc/self/status </dev/null", lxcpath);
	STREQ(out, "CapEff:\t000001ffffffffff");
	cve_2019_5736(c);
}
