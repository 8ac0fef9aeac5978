/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-info: a container's name, state, init pid, addresses and resource use, or selected
 * configuration keys (-c KEY). Labels are padded to 15 columns as LXC prints them; -H prints a
 * lone value bare and statistics raw; --format json prints one JSON document instead. What the
 * container cannot report (not running, no cgroup or network data) is left out. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "config.h"
#include "tools/arguments.h"
#include "tools/common.h"
#if HAVE_JSON
#include <json-c/json.h>

/* Compact, and "/" left alone: paths stay readable. */
#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
#endif

enum {
	INFO_FORMAT = LXC_ARG_TOOL_BASE,
};

struct info_opts {
	bool name, state, pid, ips, stats;
	bool humanize, json;
	int filters;		/* -s/-p/-i count 1 each, -S 5, as LXC counts them */
	int nkeys;
	const char **keys;	/* -c KEY, in order */
};

/* A number the container may not be able to report. */
struct info_num {
	bool valid;
	uint64_t v;
};

struct info_link {
	char *ifname;
	struct info_num tx, rx;	/* from the container's side */
};

struct info_key {
	const char *key;
	bool valid;		/* the library knows the key */
	char *value;		/* without the final newline; NULL: could not read */
};

struct info_data {
	const char *name;
	const char *state;
	bool running;
	pid_t pid;		/* > 0 when running */
	char **ips;
	struct info_num cpu;	/* nanoseconds */
	struct info_num blkio, mem, kmem;	/* bytes */
	size_t nlinks;
	struct info_link *links;
	struct info_key *keys;	/* o->nkeys entries */
};

static int info_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct info_opts *o = args->data;
	const char **keys;

	switch (c) {
	case 'c':
		keys = realloc(o->keys, (o->nkeys + 1) * sizeof(*keys));
		if (!keys) {
			lxc_arguments_error(args, "Out of memory");
			return -1;
		}
		keys[o->nkeys++] = arg;
		o->keys = keys;
		break;
	case 's':
		o->state = true;
		o->filters++;
		break;
	case 'p':
		o->pid = true;
		o->filters++;
		break;
	case 'i':
		o->ips = true;
		o->filters++;
		break;
	case 'S':
		o->stats = true;
		o->filters += 5;	/* as LXC: -S alone still prints labels */
		break;
	case 'H':
		o->humanize = false;
		break;
	case INFO_FORMAT:
		if (strcmp(arg, "json") != 0 && strcmp(arg, "text") != 0) {
			lxc_arguments_error(args, "Invalid format \"%s\": expected \"text\" or "
					    "\"json\"", arg);
			return -1;
		}
		o->json = strcmp(arg, "json") == 0;
		if (o->json && !HAVE_JSON) {
			lxc_arguments_error(args, "This build has no JSON support");
			return -1;
		}
		break;
	}
	return 0;
}

static const struct option info_options[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "state", no_argument, NULL, 's' },
	{ "pid", no_argument, NULL, 'p' },
	{ "ips", no_argument, NULL, 'i' },
	{ "stats", no_argument, NULL, 'S' },
	{ "no-humanize", no_argument, NULL, 'H' },
	{ "format", required_argument, NULL, INFO_FORMAT },
	{ NULL, 0, NULL, 0 },
};

static struct info_num parse_u64(const char *s)
{
	struct info_num n = {};
	char *end;

	if (!s)
		return n;
	errno = 0;
	n.v = strtoull(s, &end, 10);
	n.valid = !errno && end != s && (*end == '\0' || *end == '\n' || *end == ' ');
	return n;
}

/* The number after "KEY " on a line of a flat keyed file (cgroup2 cpu.stat). */
static struct info_num keyed_value(const char *text, const char *key)
{
	size_t len = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, key, len) == 0 && l[len] == ' ')
			return parse_u64(l + len + 1);
	return (struct info_num){};
}

/* cgroup2 io.stat: the sum of every device's rbytes= and wbytes=. */
static struct info_num io_stat_total(const char *text)
{
	struct info_num n = {};
	const char *p = text;

	while (p && (p = strstr(p, "bytes=")) != NULL) {
		if (p > text && (p[-1] == 'r' || p[-1] == 'w')) {
			struct info_num v = parse_u64(p + 6);

			if (v.valid) {
				n.v += v.v;
				n.valid = true;
			}
		}
		p += 6;
	}
	return n;
}

/* cgroup1 blkio.throttle.io_service_bytes: the value of the last line, "Total N". */
static struct info_num blkio_total(const char *text)
{
	const char *t = strstr(text, "Total ");

	while (t && strstr(t + 1, "Total "))
		t = strstr(t + 1, "Total ");
	return t ? parse_u64(t + 6) : (struct info_num){};
}

static struct info_num cgroup_num(struct lxc_container *c, const char *item,
				  struct info_num (*parse)(const char *))
{
	char *text = lxc_tool_cgroup_item(c, item);
	struct info_num n = text ? parse(text) : (struct info_num){};

	free(text);
	return n;
}

static struct info_num cpu_stat_usage(const char *text)
{
	struct info_num n = keyed_value(text, "usage_usec");

	n.v *= 1000;
	return n;
}

/* CPU, block I/O and memory use; on a cgroup2 host only the unified files are asked for. */
static void collect_cgroup(struct lxc_container *c, struct info_data *d)
{
	if (lxc_tool_cgroup2_host()) {
		d->cpu = cgroup_num(c, "cpu.stat", cpu_stat_usage);
		d->blkio = cgroup_num(c, "io.stat", io_stat_total);
		d->mem = cgroup_num(c, "memory.current", parse_u64);
		return;
	}
	d->cpu = cgroup_num(c, "cpuacct.usage", parse_u64);
	d->blkio = cgroup_num(c, "blkio.throttle.io_service_bytes", blkio_total);
	d->mem = cgroup_num(c, "memory.usage_in_bytes", parse_u64);
	d->kmem = cgroup_num(c, "memory.kmem.usage_in_bytes", parse_u64);
}

static struct info_num sysfs_num(const char *ifname, const char *counter)
{
	char path[256], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s", ifname, counter);
	f = fopen(path, "re");
	if (!f)
		return (struct info_num){};
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return parse_u64(buf);
}

/* The host side of each network device: the veth peer, else the link. The host's received
 * bytes are the container's transmitted ones. */
static int collect_links(struct lxc_container *c, struct info_data *d)
{
	char *list = c->get_running_config_item(c, "lxc.net"), *save = NULL;
	int ret = 0;

	/* "lxc.net" lists the indices in use, one per line. */
	for (char *tok = list ? strtok_r(list, "\n", &save) : NULL; tok && ret == 0;
	     tok = strtok_r(NULL, "\n", &save)) {
		char key[64], *type, *ifname;
		struct info_link *links;
		int i = atoi(tok);

		snprintf(key, sizeof(key), "lxc.net.%d.type", i);
		type = c->get_running_config_item(c, key);
		if (!type)
			continue;
		snprintf(key, sizeof(key), "lxc.net.%d.%s", i,
			 strcmp(type, "veth") == 0 ? "veth.pair" : "link");
		free(type);
		ifname = c->get_running_config_item(c, key);
		if (!ifname || !*ifname) {
			free(ifname);
			continue;
		}
		links = realloc(d->links, (d->nlinks + 1) * sizeof(*links));
		if (!links) {
			free(ifname);
			ret = -ENOMEM;
			break;
		}
		d->links = links;
		links[d->nlinks++] = (struct info_link){
			.ifname = ifname,
			.tx = sysfs_num(ifname, "rx_bytes"),
			.rx = sysfs_num(ifname, "tx_bytes"),
		};
	}
	free(list);
	return ret;
}

static int collect_keys(struct lxc_container *c, const struct info_opts *o, struct info_data *d)
{
	d->keys = calloc((size_t)o->nkeys + 1, sizeof(*d->keys));
	if (!d->keys)
		return -ENOMEM;
	for (int i = 0; i < o->nkeys; i++) {
		struct info_key *k = &d->keys[i];
		int len = c->get_config_item(c, o->keys[i], NULL, 0);

		k->key = o->keys[i];
		k->valid = len >= 0;
		if (!k->valid)
			continue;
		k->value = calloc((size_t)len + 1, 1);
		if (k->value && len > 0 && c->get_config_item(c, k->key, k->value, len + 1) != len) {
			free(k->value);
			k->value = NULL;
		}
	}
	return 0;
}

static int info_collect(struct lxc_container *c, const struct info_opts *o,
			struct info_data *d)
{
	bool running = c->is_running(c);

	d->running = running;
	d->name = c->name;
	d->state = c->state(c);
	if (!d->state)
		d->state = "UNKNOWN";
	if (running && o->pid)
		d->pid = c->init_pid(c);
	if (running && o->ips)
		d->ips = c->get_ips(c, NULL, NULL, 0);
	if (running && o->stats) {
		collect_cgroup(c, d);
		if (collect_links(c, d) < 0)
			return -ENOMEM;
	}
	return collect_keys(c, o, d);
}

static void info_data_free(struct info_data *d, const struct info_opts *o)
{
	for (size_t i = 0; d->ips && d->ips[i]; i++)
		free(d->ips[i]);
	free(d->ips);
	for (size_t i = 0; i < d->nlinks; i++)
		free(d->links[i].ifname);
	free(d->links);
	for (int i = 0; d->keys && i < o->nkeys; i++)
		free(d->keys[i].value);
	free(d->keys);
}

#if HAVE_JSON
static void json_add_num(struct json_object *obj, const char *key, struct info_num n)
{
	if (n.valid)
		json_object_object_add(obj, key, json_object_new_int64((int64_t)n.v));
}

static struct json_object *json_stats(const struct info_data *d)
{
	struct json_object *stats = json_object_new_object();
	struct json_object *links = json_object_new_array();

	json_add_num(stats, "cpu_use_ns", d->cpu);
	json_add_num(stats, "blkio_use_bytes", d->blkio);
	json_add_num(stats, "memory_use_bytes", d->mem);
	json_add_num(stats, "kmem_use_bytes", d->kmem);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct info_link *l = &d->links[i];
		struct json_object *link = json_object_new_object();

		json_object_object_add(link, "link", json_object_new_string(l->ifname));
		json_add_num(link, "tx_bytes", l->tx);
		json_add_num(link, "rx_bytes", l->rx);
		json_add_num(link, "total_bytes",
			     (struct info_num){ .valid = true, .v = l->tx.v + l->rx.v });
		json_object_array_add(links, link);
	}
	json_object_object_add(stats, "links", links);
	return stats;
}

/* A configuration value without the final newline of list keys. */
static struct json_object *json_key(const struct info_key *k)
{
	size_t len;

	if (!k->valid || !k->value)
		return NULL;
	len = strlen(k->value);
	if (len > 0 && k->value[len - 1] == '\n')
		len--;
	return json_object_new_string_len(k->value, (int)len);
}

static int info_print_json(const struct info_opts *o, const struct info_data *d)
{
	struct json_object *doc = json_object_new_object();

	if (!doc)
		return -ENOMEM;
	json_object_object_add(doc, "name", json_object_new_string(d->name));
	if (o->state)
		json_object_object_add(doc, "state", json_object_new_string(d->state));
	if (o->pid && d->pid > 0)
		json_object_object_add(doc, "pid", json_object_new_int(d->pid));
	if (o->ips) {
		struct json_object *ips = json_object_new_array();

		for (size_t i = 0; d->ips && d->ips[i]; i++)
			json_object_array_add(ips, json_object_new_string(d->ips[i]));
		json_object_object_add(doc, "ips", ips);
	}
	if (o->stats && d->running)
		json_object_object_add(doc, "stats", json_stats(d));
	if (o->nkeys > 0) {
		struct json_object *cfg = json_object_new_object();

		for (int i = 0; i < o->nkeys; i++) {
			if (!d->keys[i].valid)
				fprintf(stderr, "%s invalid\n", d->keys[i].key);
			json_object_object_add(cfg, d->keys[i].key, json_key(&d->keys[i]));
		}
		json_object_object_add(doc, "config", cfg);
	}
	printf("%s\n", json_object_to_json_string_ext(doc, JSON_FLAGS));
	json_object_put(doc);
	return 0;
}
#else
static int info_print_json(const struct info_opts *o, const struct info_data *d)
{
	return -ENOTSUP;
}
#endif

/* Sizes as LXC humanizes them: "N bytes" up to 1 KiB, else two decimals of KiB/MiB/GiB. */
static void size_humanize(uint64_t v, char *buf, size_t size)
{
	static const struct {
		unsigned int shift;
		uint64_t round;
		const char *unit;
	} units[] = {
		{ 30, 0, "GiB" },
		{ 20, 5243, "MiB" },
		{ 10, 5, "KiB" },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		unsigned int s = units[i].shift;
		uint64_t x = v + units[i].round, mask = (UINT64_C(1) << s) - 1;

		if (v <= (UINT64_C(1) << s))
			continue;
		if (s == 30)
			snprintf(buf, size, "%" PRIu64 ".%02" PRIu64 " %s", v >> s,
				 (v & mask) / 10737419, units[i].unit);
		else
			snprintf(buf, size, "%" PRIu64 ".%02" PRIu64 " %s", x >> s,
				 ((x & mask) * 100) >> s, units[i].unit);
		return;
	}
	snprintf(buf, size, "%" PRIu64 " bytes", v);
}

static void print_field(const struct info_opts *o, const char *label, const char *value)
{
	if (!o->humanize && o->filters == 1)
		printf("%s\n", value);
	else
		printf("%-15s %s\n", label, value);
}

static void print_size(const struct info_opts *o, const char *label, uint64_t v)
{
	char buf[64];

	if (o->humanize)
		size_humanize(v, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%" PRIu64, v);
	printf("%-15s %s\n", label, buf);
}

static void print_stats(const struct info_opts *o, const struct info_data *d)
{
	if (d->cpu.valid) {
		if (o->humanize)
			printf("%-15s %.2f seconds\n", "CPU use:", (double)d->cpu.v / 1e9);
		else
			printf("%-15s %" PRIu64 "\n", "CPU use:", d->cpu.v);
	}
	if (d->blkio.valid)
		print_size(o, "BlkIO use:", d->blkio.v);
	if (d->mem.valid)
		print_size(o, "Memory use:", d->mem.v);
	if (d->kmem.valid)
		print_size(o, "KMem use:", d->kmem.v);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct info_link *l = &d->links[i];

		printf("%-15s %s\n", "Link:", l->ifname);
		if (l->tx.valid)
			print_size(o, " TX bytes:", l->tx.v);
		if (l->rx.valid)
			print_size(o, " RX bytes:", l->rx.v);
		print_size(o, " Total bytes:", l->tx.v + l->rx.v);
	}
}

static void print_key(const struct info_opts *o, const struct info_key *k)
{
	bool bare = !o->humanize && o->nkeys == 1;

	if (!k->valid) {
		fprintf(stderr, "%s invalid\n", k->key);
		return;
	}
	if (!k->value) {
		fprintf(stderr, "Failed to read \"%s\" from the configuration\n", k->key);
	} else if (!*k->value) {
		printf(bare ? "\n" : "%s =\n", k->key);
	} else {
		/* List values end with a newline of their own. */
		int len = (int)strlen(k->value);

		if (k->value[len - 1] == '\n')
			len--;
		if (bare)
			printf("%.*s\n", len, k->value);
		else
			printf("%s = %.*s\n", k->key, len, k->value);
	}
}

static void print_text(const struct info_opts *o, const struct info_data *d)
{
	char buf[32];

	if (o->name)
		print_field(o, "Name:", d->name);
	if (o->state)
		print_field(o, "State:", d->state);
	if (o->pid && d->pid > 0) {
		snprintf(buf, sizeof(buf), "%d", (int)d->pid);
		print_field(o, "PID:", buf);
	}
	for (size_t i = 0; o->ips && d->ips && d->ips[i]; i++)
		print_field(o, "IP:", d->ips[i]);
	if (o->stats)
		print_stats(o, d);
	for (int i = 0; i < o->nkeys; i++)
		print_key(o, &d->keys[i]);
	fflush(stdout);
}

static int info(const struct lxc_arguments *args, struct info_opts *o)
{
	struct info_data d = {};
	struct lxc_container *c;
	int ret = -1;

	c = lxc_container_new(args->name, args->lxcpath);
	if (!c) {
		fprintf(stderr, "Failure to retrieve information on %s:%s\n", args->lxcpath,
			args->name);
		return -1;
	}
	if (args->rcfile) {
		c->clear_config(c);
		if (!c->load_config(c, args->rcfile)) {
			fprintf(stderr, "Failed to load rcfile\n");
			goto out;
		}
	}
	if (!c->may_control(c)) {
		fprintf(stderr, "Insufficient privileges to control %s\n", c->name);
		goto out;
	}
	if (!c->is_running(c) && !c->is_defined(c)) {
		fprintf(stderr, "%s doesn't exist\n", c->name);
		goto out;
	}
	if (!o->filters && o->nkeys == 0)
		o->name = o->state = o->pid = o->ips = o->stats = true;
	ret = info_collect(c, o, &d);
	if (ret == 0) {
		if (o->json)
			ret = info_print_json(o, &d);
		else
			print_text(o, &d);
	}
	info_data_free(&d, o);
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct info_opts opts = { .humanize = true };
	struct lxc_arguments args = {
		.progname = "lxc-info",
		.usage = "--name=NAME [-c KEY]... [-s] [-p] [-i] [-S] [-H] [--format=text|json]",
		.help = "Show information about the container NAME: by default its name, state,\n"
			"init PID, IP addresses and resource use.\n"
			"\n"
			"Options:\n"
			"  -c, --config=KEY         Print the configuration key KEY as \"KEY = VALUE\"\n"
			"                           (may be given several times)\n"
			"  -s, --state              Print the state\n"
			"  -p, --pid                Print the init PID\n"
			"  -i, --ips                Print the IP addresses\n"
			"  -S, --stats              Print CPU, block I/O, memory and network use\n"
			"  -H, --no-humanize        Print statistics as raw numbers; with a single\n"
			"                           item, print its bare value\n"
			"      --format=FORMAT      \"text\" (default) or \"json\"\n",
		.options = info_options,
		.parser = info_parser,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	ret = info(&args, &opts);
	free(opts.keys);
	exit(ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
