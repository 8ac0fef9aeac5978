/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The API through the shared library only (public header, exported symbols): the default
 * lxcpath comes from lxc.conf ($LXC_GLOBAL_CONF), a container saved there is listed and
 * reloaded. Exit status 0 on success, 1 with a message on the first failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

static char tmp[] = "/tmp/lxc-api-shared.XXXXXX";

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                 \
			return 1;                                                       \
		}                                                                       \
	} while (0)

static int run(void)
{
	char conf[256], lxcpath[256], buf[256];
	struct lxc_container *c, **cs = NULL;
	char **names = NULL;
	FILE *f;

	snprintf(conf, sizeof(conf), "%s/lxc.conf", tmp);
	snprintf(lxcpath, sizeof(lxcpath), "%s/containers", tmp);
	f = fopen(conf, "w");
	CHECK(f);
	fprintf(f, "lxc.lxcpath = %s/\n", lxcpath);
	fclose(f);
	setenv("LXC_GLOBAL_CONF", conf, 1);
	if (geteuid() != 0)
		setenv("XDG_RUNTIME_DIR", tmp, 1);

	CHECK(strcmp(lxc_get_global_config_item("lxc.lxcpath"), lxcpath) == 0);
	c = lxc_container_new("c1", NULL);
	CHECK(c);
	CHECK(strcmp(c->get_config_path(c), lxcpath) == 0);
	CHECK(c->set_config_item(c, "lxc.uts.name", "shared"));
	CHECK(c->save_config(c, NULL));
	CHECK(lxc_container_put(c) == 1);

	CHECK(list_defined_containers(NULL, &names, &cs) == 1);
	CHECK(strcmp(names[0], "c1") == 0);
	CHECK(cs[0]->get_config_item(cs[0], "lxc.uts.name", buf, sizeof(buf)) == 6);
	CHECK(strcmp(buf, "shared") == 0);
	/* A start whose rootfs is missing fails cleanly and leaves the container stopped. Never
	 * start a container without a rootfs here: it would boot the host's own init. */
	snprintf(buf, sizeof(buf), "%s/no-such-rootfs", tmp);
	CHECK(cs[0]->set_config_item(cs[0], "lxc.rootfs.path", buf));
	CHECK(!cs[0]->start(cs[0], 0, NULL));
	CHECK(cs[0]->error_string && strstr(cs[0]->error_string, "no-such-rootfs"));
	CHECK(strcmp(cs[0]->state(cs[0]), "STOPPED") == 0);
	lxc_container_put(cs[0]);
	free(cs);
	free(names[0]);
	free(names);
	CHECK(list_active_containers(NULL, NULL, NULL) == 0);
	return 0;
}

int main(void)
{
	char cmd[512];
	int ret;

	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	ret = run();
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s' '/run/lxc/lock/%s'", tmp, tmp);
	if (system(cmd) != 0)
		ret = 1;
	return ret;
}
