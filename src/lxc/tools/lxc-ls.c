/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-ls: the names of the containers in an lxcpath, optionally filtered by state and by a
 * POSIX extended regular expression, in columns on a terminal or one per line (-1, or when
 * stdout is not a terminal), padded to a common width as LXC prints them. */
#include <errno.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

enum {
	LS_ACTIVE = LXC_ARG_TOOL_BASE,
	LS_RUNNING,
	LS_FROZEN,
	LS_STOPPED,
	LS_DEFINED,
	LS_FILTER,
};

struct ls_opts {
	bool one_per_line;
	bool active, running, frozen, stopped;
	const char *filter;
};

static const struct option ls_options[] = {
	{ "line", no_argument, NULL, '1' },
	{ "active", no_argument, NULL, LS_ACTIVE },
	{ "running", no_argument, NULL, LS_RUNNING },
	{ "frozen", no_argument, NULL, LS_FROZEN },
	{ "stopped", no_argument, NULL, LS_STOPPED },
	{ "defined", no_argument, NULL, LS_DEFINED },
	{ "filter", required_argument, NULL, LS_FILTER },
	{ NULL, 0, NULL, 0 },
};

static int ls_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct ls_opts *o = args->data;

	switch (c) {
	case '1':
		o->one_per_line = true;
		break;
	case LS_ACTIVE:
		o->active = true;
		break;
	case LS_RUNNING:
		o->running = true;
		break;
	case LS_FROZEN:
		o->frozen = true;
		break;
	case LS_STOPPED:
		o->stopped = true;
		break;
	case LS_DEFINED:
		break;	/* only defined containers are listed anyway */
	case LS_FILTER:
		o->filter = arg;
		break;
	}
	return 0;
}

/* Columns of the terminal on stdout, stderr or stdin; 0 when none is one. */
static unsigned int term_width(void)
{
	const int fds[] = { STDOUT_FILENO, STDERR_FILENO, STDIN_FILENO };
	struct winsize ws;

	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		if (ioctl(fds[i], TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			return ws.ws_col;
	return 0;
}

/* Names padded to the longest (at least 4, the width of a "NAME" header), separated by one
 * space, a new line when the next one would not fit. */
static void print_names(char **names, size_t n, size_t width)
{
	size_t namelen = 4, used = 0;

	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) > namelen)
			namelen = strlen(names[i]);
	for (size_t i = 0; i < n; i++) {
		printf("%-*s", (int)namelen, names[i]);
		used += namelen;
		if (used + namelen >= width) {
			putchar('\n');
			used = 0;
		} else {
			putchar(' ');
			used++;
		}
	}
	if (used > 0)
		putchar('\n');
}

/* Whether the container passes the state filters. */
static bool state_matches(struct lxc_container *c, const struct ls_opts *o)
{
	const char *state;

	if (!c->is_defined(c))
		return false;
	state = c->state(c);
	if (!state)
		state = "UNKNOWN";
	if (o->running && !c->is_running(c))
		return false;
	if (o->frozen && !o->active && strcmp(state, "FROZEN") != 0)
		return false;
	if (o->stopped && strcmp(state, "STOPPED") != 0)
		return false;
	return true;
}

static bool keep(const struct lxc_arguments *args, const struct ls_opts *o, const char *name,
		 const regex_t *re)
{
	struct lxc_container *c;
	bool ok;

	if (re && regexec(re, name, 0, NULL, 0) != 0)
		return false;
	c = lxc_container_new(name, args->lxcpath);
	if (!c)
		return false;
	ok = state_matches(c, o);
	lxc_container_put(c);
	return ok;
}

static int list(const struct lxc_arguments *args, const struct ls_opts *o, const regex_t *re)
{
	char **names = NULL, **kept;
	struct stat st;
	size_t n = 0;
	int num;

	if (stat(args->lxcpath, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;	/* nothing there, nothing to list */
	if (o->active)
		num = list_active_containers(args->lxcpath, &names, NULL);
	else
		num = list_defined_containers(args->lxcpath, &names, NULL);
	if (num < 0) {
		lxc_arguments_error(args, "Failed to list the containers in \"%s\"", args->lxcpath);
		return -1;
	}
	kept = calloc((size_t)num + 1, sizeof(*kept));
	for (int i = 0; kept && i < num; i++)
		if (keep(args, o, names[i], re))
			kept[n++] = names[i];
	if (kept)
		print_names(kept, n, o->one_per_line ? 0 : term_width());
	else
		lxc_arguments_error(args, "Out of memory");
	for (int i = 0; i < num; i++)
		free(names[i]);
	free(names);
	free(kept);
	return kept ? 0 : -1;
}

int main(int argc, char *argv[])
{
	struct ls_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-ls",
		.usage = "[-1] [--active] [--running] [--frozen] [--stopped] [--defined]\n"
			 "              [--filter=REGEX] [REGEX]",
		.help = "List the containers of an lxcpath.\n"
			"\n"
			"Options:\n"
			"  -1, --line               One name per line (the default when stdout is\n"
			"                           not a terminal)\n"
			"      --active             Only running and frozen containers\n"
			"      --running            Only running containers\n"
			"      --frozen             Only frozen containers\n"
			"      --stopped            Only stopped containers\n"
			"      --defined            Only defined containers\n"
			"      --filter=REGEX       Only names matching the POSIX extended regular\n"
			"                           expression REGEX (also accepted as an operand)\n",
		.options = ls_options,
		.parser = ls_parser,
		.name_mode = LXC_ARGS_NAME_OPTIONAL,
		.data = &opts,
	};
	const char *pattern;
	regex_t re;
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	pattern = opts.filter ? opts.filter : (args.argc > 0 ? args.argv[0] : NULL);
	if (pattern && regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		lxc_arguments_error(&args, "Invalid regular expression \"%s\"", pattern);
		exit(EXIT_FAILURE);
	}
	ret = list(&args, &opts, pattern ? &re : NULL);
	if (pattern)
		regfree(&re);
	exit(ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
