/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Configuration benchmark through the public API: load and save a generated config of N lines,
 * and lxc_container_new() (which loads the config) for M defined containers. Prints the median
 * of R runs of each. Usage: config-bench DIR [LINES [CONTAINERS [RUNS]]]. Not a test. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <lxc/lxccontainer.h>

#define MAX_RUNS 101

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One line of a realistic mix; keys this build does not know are replaced by comments. */
static void gen_line(FILE *f, int i)
{
	static const char *const fmt[] = {
		"lxc.environment = VAR%d=value-%d\n",
		"lxc.mount.entry = /srv/data%d srv/data%d none bind,create=dir 0 0\n",
		"lxc.cgroup2.devices.allow = c %d:%d rwm\n",
		"# comment line %d of %d\n",
		"lxc.sysctl.net.ipv4.conf.eth%d.forwarding = %d\n",
		"lxc.cap.drop = sys_module mac_admin mac_override sys_time\n",
		"lxc.hook.pre-start = /usr/local/bin/hook%d --arg %d\n",
		"lxc.prlimit.nofile = %d:%d\n",
	};
	static const char *const keys[] = {
		"lxc.environment", "lxc.mount.entry", "lxc.cgroup2.devices.allow", NULL,
		"lxc.sysctl.net.ipv4.conf.eth0.forwarding", "lxc.cap.drop", "lxc.hook.pre-start",
		"lxc.prlimit.nofile",
	};
	int k = i % 8;

	if (keys[k] && !lxc_config_item_is_supported(keys[k]))
		k = 3;
	if (k == 7)
		fprintf(f, fmt[k], 1024 + i, 2048 + i);
	else if (k == 4)
		fprintf(f, fmt[k], i, i % 2);
	else
		fprintf(f, fmt[k], i, i);
}

static int write_config(const char *path, int lines)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fprintf(f, "lxc.uts.name = bench\nlxc.rootfs.path = dir:/var/lib/lxc/bench/rootfs\n");
	fprintf(f, "lxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\nlxc.net.0.flags = up\n");
	for (int i = 5; i < lines; i++)
		gen_line(f, i);
	return fclose(f) ? -errno : 0;
}

static int bench_big(const char *dir, int lines, int runs)
{
	double load[MAX_RUNS], save[MAX_RUNS];
	char lxcpath[4096], cdir[4200], file[4300], out[4300];
	struct lxc_container *c;

	snprintf(lxcpath, sizeof(lxcpath), "%s/big", dir);
	snprintf(cdir, sizeof(cdir), "%s/bench", lxcpath);
	snprintf(file, sizeof(file), "%s/config", cdir);
	snprintf(out, sizeof(out), "%s/saved.conf", cdir);
	mkdir(lxcpath, 0755);
	mkdir(cdir, 0755);
	if (write_config(file, lines) < 0)
		return -1;

	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();

		c = lxc_container_new("bench", lxcpath);
		load[r] = now_ms() - t0;
		if (!c) {
			fprintf(stderr, "Failed to load the generated config \"%s\"\n", file);
			return -1;
		}
		t0 = now_ms();
		if (!c->save_config(c, out)) {
			fprintf(stderr, "Failed to save: %s\n", c->error_string);
			return -1;
		}
		save[r] = now_ms() - t0;
		lxc_container_put(c);
	}
	printf("%d-line config: load %.2f ms, save %.2f ms (median of %d)\n", lines,
	       median(load, runs), median(save, runs), runs);
	return 0;
}

static int bench_many(const char *dir, int count, int runs)
{
	double t_new[MAX_RUNS], t_list[MAX_RUNS];
	char lxcpath[4096], path[4300], name[32];
	struct lxc_container *c, **cs;
	char **names;

	snprintf(lxcpath, sizeof(lxcpath), "%s/many", dir);
	mkdir(lxcpath, 0755);
	for (int i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "c%03d", i);
		snprintf(path, sizeof(path), "%s/%s", lxcpath, name);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/%s/config", lxcpath, name);
		if (write_config(path, 40) < 0)
			return -1;
	}

	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		int n;

		for (int i = 0; i < count; i++) {
			snprintf(name, sizeof(name), "c%03d", i);
			c = lxc_container_new(name, lxcpath);
			if (!c)
				return -1;
			lxc_container_put(c);
		}
		t_new[r] = now_ms() - t0;

		t0 = now_ms();
		n = list_defined_containers(lxcpath, &names, &cs);
		t_list[r] = now_ms() - t0;
		if (n != count) {
			fprintf(stderr, "list_defined_containers() found %d of %d\n", n, count);
			return -1;
		}
		for (int i = 0; i < n; i++) {
			lxc_container_put(cs[i]);
			free(names[i]);
		}
		free(cs);
		free(names);
	}
	printf("%d containers: new+load all %.2f ms, list_defined_containers with objects "
	       "%.2f ms (median of %d)\n", count, median(t_new, runs), median(t_list, runs), runs);
	return 0;
}

int main(int argc, char *argv[])
{
	int lines = argc > 2 ? atoi(argv[2]) : 10000;
	int count = argc > 3 ? atoi(argv[3]) : 200;
	int runs = argc > 4 ? atoi(argv[4]) : 7;

	if (argc < 2 || lines < 5 || count < 1 || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: %s DIR [LINES [CONTAINERS [RUNS]]]\n", argv[0]);
		return 2;
	}
	printf("liblxc %s\n", lxc_get_version());
	if (bench_big(argv[1], lines, runs) < 0 || bench_many(argv[1], count, runs) < 0)
		return 1;
	return 0;
}
