/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* attach through the public API and lxc-attach against real busybox containers: exit codes,
 * environment policies, namespaces subsets, ids, default shell, fds, cgroups, capabilities,
 * error cases and the CVE-2019-5736 defence. Root; each case has its own lxcpath; monitors
 * it started are killed at exit. Usage: test-attach CASE. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "helpers.h"

char lxcpath[256];
int failures;

static void cleanup(void)
{
	char cmd[400];

	if (!lxcpath[0])
		return;
	snprintf(cmd, sizeof(cmd), "tmux -L attach-test-%d kill-server 2>/dev/null", getpid());
	if (system(cmd)) {
	}
	kill_monitors(lxcpath, SIGKILL);
	for (int i = 0; i < 100 && kill_monitors(lxcpath, 0); i++)
		usleep(50 * 1000);
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", lxcpath);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: failed to remove %s\n", lxcpath);
}

static void on_signal(int sig)
{
	cleanup();
	_exit(128 + sig);
}

int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* Run a shell command; its stdout+stderr (trailing newline dropped) into out; exit code. */
int capture(char *out, size_t size, const char *fmt, ...)
{
	char cmd[4096];
	size_t n = 0;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	out[0] = '\0';
	p = popen(cmd, "r");
	if (!p)
		return -1;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	st = pclose(p);
	while (n && out[n - 1] == '\n')
		out[--n] = '\0';
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* LXCPATH/NAME with a busybox rootfs; extra config lines before the template's. */
void make_container(const char *name, const char *extra)
{
	const char *build = getenv("LXC_TEST_BUILDDIR");
	char dir[512], cfg[600];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/%s", lxcpath, name);
	REQUIRE(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, strerror(errno));
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	f = fopen(cfg, "w");
	REQUIRE(f, "fopen %s", cfg);
	fprintf(f, "lxc.net.0.type = empty\n%s", extra ? extra : "");
	fclose(f);
	REQUIRE(run("'%s/templates/lxc-busybox' --path '%s' --name '%s' --rootfs '%s/rootfs' "
		    "--tty 1 >/dev/null", build ? build : "build", dir, name, dir) == 0,
		"template failed for %s", name);
}

struct lxc_container *start_container(const char *name, const char *extra)
{
	struct lxc_container *c;

	make_container(name, extra);
	c = lxc_container_new(name, lxcpath);
	REQUIRE(c, "lxc_container_new(%s)", name);
	REQUIRE(c->start(c, 0, NULL), "start %s: %s", name, c->error_string);
	return c;
}


static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "exit-codes", test_exit_codes },   { "errors", test_errors },
	{ "env", test_env },		     { "namespaces", test_namespaces },
	{ "ids", test_ids },		     { "fds", test_fds },
	{ "pty", test_pty },		     { "api", test_api },
	{ "api-options", test_api_options }, { "cve-2019-5736", test_cve_2019_5736 },
	{ "userns", test_userns },	     { "cve-2019-5736-userns", test_cve_2019_5736_userns },
};

struct lxc_container *start_userns_container(const char *name, unsigned int host_base)
{
	struct lxc_container *c;
	char path[600], map[128];

	if (access("/proc/self/ns/user", F_OK) != 0) {
		printf("SKIP: no user namespaces\n");
		exit(77);
	}
	snprintf(map, sizeof(map), "lxc.idmap = u 0 %u 65536\nlxc.idmap = g 0 %u 65536\n",
		 host_base, host_base);
	make_container(name, map);
	snprintf(path, sizeof(path), "%s/%s/rootfs", lxcpath, name);
	REQUIRE(run("chown -R %u:%u '%s' && chmod 755 '%s' '%s/%s'", host_base, host_base, path,
		    lxcpath, lxcpath, name) == 0, "chown");
	c = lxc_container_new(name, lxcpath);
	REQUIRE(c, "lxc_container_new(%s)", name);
	REQUIRE(c->start(c, 0, NULL), "start %s: %s", name, c->error_string);
	return c;
}

int main(int argc, char *argv[])
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CASE\n", argv[0]);
		return 2;
	}
	if (geteuid() != 0) {
		printf("SKIP: needs root\n");
		return 77;
	}
	snprintf(lxcpath, sizeof(lxcpath), "/tmp/lxc-attach-test-XXXXXX");
	REQUIRE(mkdtemp(lxcpath), "mkdtemp");
	atexit(cleanup);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(cases[i].name, argv[1]) == 0) {
			cases[i].fn();
			return failures ? 1 : 0;
		}
	fprintf(stderr, "unknown case %s\n", argv[1]);
	return 2;
}
