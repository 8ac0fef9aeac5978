/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The create/createl, rename and destroy methods through the public API, against a temporary
 * lxcpath and the busybox template of the build tree. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			printf("ok - %s\n", #cond);                                                \
		} else {                                                                           \
			printf("not ok - %s (line %d)\n", #cond, __LINE__);                        \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static char lxcpath[256];

static bool exists(const char *fmt, const char *a)
{
	char path[1024];

	snprintf(path, sizeof(path), fmt, lxcpath, a);
	return access(path, F_OK) == 0;
}

static char *item(struct lxc_container *c, const char *key)
{
	static char buf[4096];

	buf[0] = '\0';
	if (c->get_config_item(c, key, buf, sizeof(buf)) < 0)
		return NULL;
	return buf;
}

static char *file_text(const char *fmt, const char *a)
{
	static char buf[4096];
	char path[1024];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), fmt, lxcpath, a);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_create(void)
{
	struct lxc_container *c = lxc_container_new("a1", lxcpath);
	char expect[512];

	CHECK(c != NULL);
	CHECK(c->createl(c, "busybox", NULL, NULL, LXC_CREATE_QUIET, "--tty", "1", NULL));
	CHECK(c->is_defined(c));
	CHECK(exists("%s/%s/rootfs/bin/busybox", "a1"));
	snprintf(expect, sizeof(expect), "dir:%s/a1/rootfs", lxcpath);
	CHECK(strcmp(item(c, "lxc.rootfs.path"), expect) == 0);
	CHECK(strcmp(item(c, "lxc.uts.name"), "a1") == 0);
	CHECK(strcmp(item(c, "lxc.tty.max"), "1") == 0);

	/* A second create on the same name fails and says why. */
	CHECK(!c->create(c, "busybox", NULL, NULL, 0, NULL));
	CHECK(c->error_num == EEXIST);
	CHECK(c->error_string && strcmp(c->error_string, "Container \"a1\" already exists") == 0);
	CHECK(!c->create(c, "busybox", NULL, NULL, 0x40, NULL));
	CHECK(c->error_num == EINVAL);
	lxc_container_put(c);
}

static void test_rename(void)
{
	struct lxc_container *c = lxc_container_new("a1", lxcpath), *n, *other;
	char expect[512];

	other = lxc_container_new("taken", lxcpath);
	CHECK(other && other->create(other, "none", NULL, NULL, 0, NULL));
	CHECK(other && other->create(other, NULL, NULL, NULL, 0, NULL) == false);

	CHECK(!c->rename(c, "taken"));
	CHECK(c->error_num == EEXIST);
	CHECK(strcmp(c->error_string, "Container \"taken\" already exists") == 0);
	CHECK(!c->rename(c, "a/b"));
	CHECK(c->error_num == EINVAL);
	CHECK(!c->rename(c, ".."));
	CHECK(exists("%s/%s/config", "a1"));

	CHECK(c->rename(c, "b1"));
	CHECK(!exists("%s/%s", "a1"));
	CHECK(!c->is_defined(c));
	n = lxc_container_new("b1", lxcpath);
	CHECK(n && n->is_defined(n));
	snprintf(expect, sizeof(expect), "dir:%s/b1/rootfs", lxcpath);
	CHECK(strcmp(item(n, "lxc.rootfs.path"), expect) == 0);
	CHECK(strcmp(item(n, "lxc.uts.name"), "b1") == 0);
	CHECK(strcmp(file_text("%s/%s/rootfs/etc/hostname", "b1"), "b1\n") == 0);

	CHECK(!c->destroy(c));
	CHECK(c->error_num == ENOENT);
	CHECK(n->destroy(n));
	CHECK(!exists("%s/%s", "b1"));
	CHECK(!n->is_defined(n));
	CHECK(other->destroy_with_snapshots(other));
	CHECK(!exists("%s/%s", "taken"));
	lxc_container_put(n);
	lxc_container_put(other);
	lxc_container_put(c);
}

static void test_failed_create(void)
{
	struct lxc_container *c = lxc_container_new("f1", lxcpath);
	char tpl[512], msg[1024];
	FILE *f;

	snprintf(tpl, sizeof(tpl), "%s/fail-template", lxcpath);
	f = fopen(tpl, "w");
	fputs("#!/bin/sh\nkill -KILL $$\n", f);
	fclose(f);
	chmod(tpl, 0755);
	CHECK(!c->create(c, tpl, "dir", NULL, LXC_CREATE_QUIET, NULL));
	snprintf(msg, sizeof(msg),
		 "Failed to create container \"f1\": template \"%s\" was "
		 "killed by SIGKILL",
		 tpl);
	CHECK(c->error_string && strcmp(c->error_string, msg) == 0);
	CHECK(!exists("%s/%s", "f1"));
	CHECK(!c->is_defined(c));
	CHECK(item(c, "lxc.rootfs.path") && strcmp(item(c, "lxc.rootfs.path"), "") == 0);
	unlink(tpl);
	lxc_container_put(c);
}

int main(void)
{
	char tmpl[] = "/tmp/lxc-test-create-api.XXXXXX";
	char cmd[512];

	if (!mkdtemp(tmpl))
		return 1;
	snprintf(lxcpath, sizeof(lxcpath), "%s", tmpl);
	test_create();
	test_rename();
	test_failed_create();
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", lxcpath);
	if (system(cmd) != 0)
		failures++;
	return failures ? 1 : 0;
}
