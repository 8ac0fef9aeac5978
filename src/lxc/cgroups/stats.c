// SPDX-License-Identifier: LGPL-2.1-or-later
/* Usage statistics of the payload (lxc-info): CPU, block I/O, memory and kernel memory from
 * whichever hierarchy holds them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "cgroups/internal.h"

int cgroup_parse_keyed(const char *text, const char *key, int64_t *ret)
{
	size_t kl = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char buf[32];
		size_t n;

		if (strncmp(l, key, kl) || l[kl] != ' ')
			continue;
		n = strcspn(l + kl + 1, "\n");
		if (n >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, l + kl + 1, n);
		buf[n] = '\0';
		return str_to_int64(buf, ret);
	}
	return -ENOENT;
}

int cgroup_parse_blkio_total(const char *text, int64_t *ret)
{
	return cgroup_parse_keyed(text, "Total", ret);
}

int cgroup_parse_io_stat(const char *text, int64_t *ret)
{
	int64_t sum = 0;
	char **words = NULL;

	if (strv_split(text, " \n", &words) < 0)
		return -ENOMEM;
	for (size_t i = 0; words && words[i]; i++) {
		const char *w = words[i];
		int64_t v;

		if (!str_starts_with(w, "rbytes=") && !str_starts_with(w, "wbytes="))
			continue;
		if (str_to_int64(w + 7, &v) < 0) {
			strv_free(words);
			return -EINVAL;
		}
		sum += v;
	}
	strv_free(words);
	*ret = sum;
	return 0;
}

/* Read FILE of the payload in the hierarchy of CONTROLLER (VERSION 1 or 2). */
static int read_file(const struct cgroup_run *run, const char *controller, int version,
		     const char *file, char **ret)
{
	const struct cgroup_hierarchy *h = version == 2 ?
		(run->host.unified >= 0 ? &run->host.h[run->host.unified] : NULL) :
		cgroup_host_find(&run->host, controller, 1);
	__do_free char *dir = NULL;

	if (!h || !(dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false)))
		return -ENOENT;
	return cg_read(dir, file, ret);
}

static int64_t value(const struct cgroup_run *run, const char *ctrl, int version,
		     const char *file, const char *key, int mode)
{
	__do_free char *buf = NULL;
	int64_t v = -1;
	int ret = read_file(run, ctrl, version, file, &buf);

	if (ret < 0)
		return -1;
	if (mode == 0)
		ret = str_to_int64(str_trim(buf), &v);
	else if (mode == 1)
		ret = cgroup_parse_keyed(buf, key, &v);
	else if (mode == 2)
		ret = cgroup_parse_blkio_total(buf, &v);
	else
		ret = cgroup_parse_io_stat(buf, &v);
	return ret < 0 ? -1 : v;
}

int cgroup_stats(const struct cgroup_run *run, struct cgroup_stats *ret)
{
	int64_t v;

	if (!run->payload)
		return -ENOENT;
	ret->cpu_ns = value(run, "cpuacct", 1, "cpuacct.usage", NULL, 0);
	if (ret->cpu_ns < 0 && (v = value(run, "cpu", 2, "cpu.stat", "usage_usec", 1)) >= 0)
		ret->cpu_ns = v * 1000;
	ret->blkio_bytes = value(run, "blkio", 1, "blkio.throttle.io_service_bytes", NULL, 2);
	if (ret->blkio_bytes < 0)
		ret->blkio_bytes = value(run, "io", 2, "io.stat", NULL, 3);
	ret->mem_bytes = value(run, "memory", 1, "memory.usage_in_bytes", NULL, 0);
	if (ret->mem_bytes < 0)
		ret->mem_bytes = value(run, "memory", 2, "memory.current", NULL, 0);
	ret->kmem_bytes = value(run, "memory", 1, "memory.kmem.usage_in_bytes", NULL, 0);
	return 0;
}
