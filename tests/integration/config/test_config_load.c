/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Config loading end to end: the shipped configs load, and an LXC 2.x config read directly
 * (legacy names mapped by the library) gives the same configuration as the same file after
 * lxc-update-config. Usage: test-config-load SRCDIR PATH-TO-lxc-update-config */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "base/str.h"
#include "config/config.h"

static int failures;

#define CHECK(cond, ...)                                        \
	do {                                                    \
		if (!(cond)) {                                  \
			fprintf(stderr, "FAIL: " __VA_ARGS__);  \
			fputc('\n', stderr);                    \
			failures++;                             \
		}                                               \
	} while (0)

static const char legacy[] =
	"# An LXC 2.x container\n"
	"lxc.utsname = old\n"
	"lxc.rootfs = /var/lib/lxc/old/rootfs\n"
	"lxc.rootfs.backend = dir\n"
	"lxc.tty = 4\n"
	"lxc.pts = 1024\n"
	"lxc.aa_profile = unconfined\n"
	"lxc.network.type = veth\n"
	"lxc.network.flags = up\n"
	"lxc.network.link = lxcbr0\n"
	"lxc.network.ipv4 = 10.0.3.2/24\n"
	"lxc.network.type = veth\n"
	"lxc.network.link = br1\n"
	"lxc.network.ipv6 = fd00::1/64\n"
	"lxc.limit.nofile = 1024\n"
	"lxc.haltsignal = SIGPWR\n"
	"lxc.id_map = u 0 100000 65536\n"
	"lxc.id_map = g 0 100000 65536\n"
	"lxc.mount.entry = proc proc proc nodev,noexec,nosuid 0 0\n"
	"lxc.cap.drop = sys_module\n"
	"lxc.kmsg = 0\n";

static int load_shipped(const char *srcdir)
{
	char dir[4096];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/config", srcdir);
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char path[8192], msg[2048];
		struct conf_diag diag = {};
		struct lxc_conf *c;

		if (!str_ends_with(de->d_name, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		c = conf_new();
		if (conf_load_file(c, path, &diag) < 0) {
			conf_diag_format(&diag, msg, sizeof(msg));
			CHECK(0, "shipped config does not load: %s", msg);
		}
		conf_free(c);
	}
	closedir(d);
	return 0;
}

static int run_tool(const char *tool, const char *file)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(tool, tool, "-c", file, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Every listed key reads the same in a and b. */
static void compare(const struct lxc_conf *a, const struct lxc_conf *b)
{
	struct strbuf keys = {};
	char *save = NULL;

	CHECK(conf_list_keys(a, NULL, &keys) == 0, "list keys");
	for (char *k = strtok_r(keys.buf, "\n", &save); k; k = strtok_r(NULL, "\n", &save)) {
		struct strbuf va = {}, vb = {};
		int ra = conf_get_item(a, k, &va), rb = conf_get_item(b, k, &vb);

		CHECK(ra == rb, "%s: %d != %d", k, ra, rb);
		CHECK(!strcmp(va.buf ? va.buf : "", vb.buf ? vb.buf : ""), "%s: \"%s\" != \"%s\"",
		      k, va.buf ? va.buf : "", vb.buf ? vb.buf : "");
		strbuf_free(&va);
		strbuf_free(&vb);
	}
	strbuf_free(&keys);
}

static void check_migration(const char *tool)
{
	char dir[] = "/tmp/lxc-config-load.XXXXXX", path[256], cmd[512], msg[2048];
	struct lxc_conf *direct = conf_new(), *migrated = conf_new();
	struct conf_diag diag = {};
	struct strbuf a = {}, b = {};

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/config", dir);
	CHECK(file_write_atomic(path, legacy, strlen(legacy), 0640) == 0, "write config");
	CHECK(conf_load_file(direct, path, &diag) == 0, "legacy config does not load");
	conf_diag_format(&diag, msg, sizeof(msg));
	CHECK(diag.err == 0, "legacy load: %s", msg);
	CHECK(run_tool(tool, path) == 0, "lxc-update-config failed");
	CHECK(conf_load_file(migrated, path, &diag) == 0, "migrated config does not load");
	compare(direct, migrated);
	/* save_config of the legacy load writes what the tool writes (minus dropped lines). */
	CHECK(conf_write(direct, &a) == 0 && conf_write(migrated, &b) == 0, "write");
	CHECK(a.buf && b.buf && !strcmp(a.buf, b.buf), "written text differs:\n%s---\n%s",
	      a.buf ? a.buf : "", b.buf ? b.buf : "");
	strbuf_free(&a);
	strbuf_free(&b);
	conf_free(direct);
	conf_free(migrated);
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", dir);
	CHECK(system(cmd) == 0, "cleanup");
}

int main(int argc, char *argv[])
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s SRCDIR LXC-UPDATE-CONFIG\n", argv[0]);
		return 2;
	}
	CHECK(load_shipped(argv[1]) == 0, "read %s/config", argv[1]);
	check_migration(argv[2]);
	if (failures)
		return 1;
	printf("ok\n");
	return 0;
}
