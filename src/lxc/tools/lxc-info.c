/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-info: a container's name, state, init pid and addresses, or selected configuration keys
 * (-c KEY). Labels are padded to 15 columns as LXC prints them; -H prints a lone value bare. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

struct info_opts {
	bool state, pid, ips;
	bool humanize;
	int filters;		/* how many of -s/-p/-i were given */
	int nkeys;
	const char **keys;	/* -c KEY, in order */
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
	case 'H':
		o->humanize = false;
		break;
	}
	return 0;
}

static const struct option info_options[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "state", no_argument, NULL, 's' },
	{ "pid", no_argument, NULL, 'p' },
	{ "ips", no_argument, NULL, 'i' },
	{ "no-humanize", no_argument, NULL, 'H' },
	{ NULL, 0, NULL, 0 },
};

static void print_field(const struct info_opts *o, const char *label, const char *value)
{
	if (!o->humanize && o->filters == 1)
		printf("%s\n", value);
	else
		printf("%-15s %s\n", label, value);
}

static void print_key(struct lxc_container *c, const struct info_opts *o, const char *key)
{
	bool bare = !o->humanize && o->nkeys == 1;
	char *value;
	int len;

	len = c->get_config_item(c, key, NULL, 0);
	if (len < 0) {
		fprintf(stderr, "%s invalid\n", key);
		return;
	}
	if (len == 0) {
		printf(bare ? "\n" : "%s =\n", key);
		return;
	}
	value = malloc((size_t)len + 1);
	if (!value || c->get_config_item(c, key, value, len + 1) != len) {
		fprintf(stderr, "Failed to read \"%s\" from the configuration\n", key);
	} else if (bare) {
		printf("%s\n", value);
	} else {
		printf("%s = %s\n", key, value);
	}
	free(value);
}

static void print_running(struct lxc_container *c, const struct info_opts *o)
{
	char buf[32];

	if (o->pid) {
		pid_t pid = c->init_pid(c);

		if (pid > 0) {
			snprintf(buf, sizeof(buf), "%d", (int)pid);
			print_field(o, "PID:", buf);
		}
	}
	if (o->ips) {
		char **ips = c->get_ips(c, NULL, NULL, 0);

		for (size_t i = 0; ips && ips[i]; i++) {
			print_field(o, "IP:", ips[i]);
			free(ips[i]);
		}
		free(ips);
	}
}

static int show(struct lxc_container *c, struct info_opts *o)
{
	if (!o->filters && o->nkeys == 0) {
		o->state = o->pid = o->ips = true;
		print_field(o, "Name:", c->name);
	}
	if (o->state) {
		const char *state = c->state(c);

		print_field(o, "State:", state ? state : "UNKNOWN");
	}
	if (c->is_running(c))
		print_running(c, o);
	for (int i = 0; i < o->nkeys; i++)
		print_key(c, o, o->keys[i]);
	fflush(stdout);
	return 0;
}

static int info(const struct lxc_arguments *args, struct info_opts *o)
{
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
	ret = show(c, o);
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct info_opts opts = { .humanize = true };
	struct lxc_arguments args = {
		.progname = "lxc-info",
		.usage = "--name=NAME [-c KEY]... [-s] [-p] [-i] [-H]",
		.help = "Show information about the container NAME: by default its name, state,\n"
			"init PID and IP addresses.\n"
			"\n"
			"Options:\n"
			"  -c, --config=KEY         Print the configuration key KEY as \"KEY = VALUE\"\n"
			"                           (may be given several times)\n"
			"  -s, --state              Print the state only\n"
			"  -p, --pid                Print the init PID only\n"
			"  -i, --ips                Print the IP addresses only\n"
			"  -H, --no-humanize        With a single item, print its bare value\n",
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
