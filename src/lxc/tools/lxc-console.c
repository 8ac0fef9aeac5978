/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-console: connect this terminal to a tty of a running container (-t N, 0 = the console;
 * default the first free tty) until "<escape> q" (Ctrl+a q unless -e). One client per tty;
 * the tty is released when lxc-console exits, however it exits. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

struct console_opts {
	int ttynum;
	int escape;
};

static const struct option console_options[] = {
	{ "tty", required_argument, NULL, 't' },
	{ "escape", required_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 },
};

/* "^x" or "x" for a letter x: Ctrl+x (1..26). */
static int parse_escape(const char *s)
{
	if (s[0] == '^')
		s++;
	if (!isalpha((unsigned char)s[0]) || s[1])
		return -EINVAL;
	return tolower((unsigned char)s[0]) - 'a' + 1;
}

static int parse_tty(const char *s, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -1 || v > 0x7fffffff)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

static int console_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct console_opts *o = args->data;

	switch (c) {
	case 't':
		if (parse_tty(arg, &o->ttynum) < 0) {
			lxc_arguments_error(args, "Invalid tty number \"%s\"", arg);
			return -1;
		}
		break;
	case 'e':
		o->escape = parse_escape(arg);
		if (o->escape < 0) {
			lxc_arguments_error(args, "Invalid escape character \"%s\": expected "
					    "\"^letter\" or \"letter\"", arg);
			return -1;
		}
		break;
	}
	return 0;
}

static int run(const struct lxc_arguments *args, const struct console_opts *o)
{
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		lxc_arguments_error(args, "%s is not running", c->name);
		goto out;
	}
	if (c->console(c, o->ttynum, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO,
		       o->escape) < 0) {
		/* The library has already reported why on stderr. */
		if (!c->error_string)
			lxc_arguments_error(args, "Failed to connect to %s", c->name);
		goto out;
	}
	ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}

int main(int argc, char *argv[])
{
	struct console_opts opts = { .ttynum = -1, .escape = 1 };
	struct lxc_arguments args = {
		.progname = "lxc-console",
		.usage = "--name=NAME [-t TTYNUM] [-e ESCAPE]",
		.help = "Connect this terminal to a tty of the running container NAME.\n"
			"\n"
			"Options:\n"
			"  -t, --tty=TTYNUM     Connect to tty TTYNUM, 0 for the console\n"
			"                       (default: the first free tty)\n"
			"  -e, --escape=PREFIX  Escape prefix instead of Ctrl+a, as \"^letter\"\n"
			"                       or \"letter\" (PREFIX q detaches)\n",
		.options = console_options,
		.parser = console_parser,
		.name_mode = LXC_ARGS_NAME_REQUIRED,
		.data = &opts,
	};

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	exit(run(&args, &opts));
}
