/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tools' shared command line parser: merges the common options with a tool's own, builds
 * the getopt short option string from them, prints help/usage/version, resolves the default
 * lxcpath and initialises logging. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"

static const struct option common_options[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "lxcpath", required_argument, NULL, 'P' },
	{ "logfile", required_argument, NULL, 'o' },
	{ "logpriority", required_argument, NULL, 'l' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rcfile", required_argument, NULL, LXC_ARG_RCFILE },
	{ "help", no_argument, NULL, 'h' },
	{ "usage", no_argument, NULL, LXC_ARG_USAGE },
	{ "version", no_argument, NULL, LXC_ARG_VERSION },
};

#define N_COMMON (sizeof(common_options) / sizeof(common_options[0]))

static const char common_help[] =
	"Common options:\n"
	"  -n, --name=NAME          NAME of the container\n"
	"  -P, --lxcpath=PATH       Look for containers in PATH instead of the default\n"
	"  -o, --logfile=FILE       Write the log to FILE (\"none\" for no log file)\n"
	"  -l, --logpriority=LEVEL  Log messages of LEVEL and above to the log file:\n"
	"                           TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT,\n"
	"                           ALERT or FATAL (default ERROR)\n"
	"  -q, --quiet              Print no error messages\n"
	"      --rcfile=FILE        Load the container's configuration from FILE\n"
	"  -h, --help               Print this help and exit\n"
	"      --usage              Print a short usage message and exit\n"
	"      --version            Print the version and exit\n";

void lxc_arguments_error(const struct lxc_arguments *args, const char *fmt, ...)
{
	va_list ap;

	if (args->quiet)
		return;
	fprintf(stderr, "%s: ", args->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static size_t count_options(const struct option *opts)
{
	size_t n = 0;

	while (opts && opts[n].name)
		n++;
	return n;
}

/* The tool's options first, so that they win over a common one with the same letter. */
static struct option *merge_options(const struct option *tool)
{
	size_t n = count_options(tool);
	struct option *all = calloc(n + N_COMMON + 1, sizeof(*all));

	if (!all)
		return NULL;
	if (n)
		memcpy(all, tool, n * sizeof(*all));
	memcpy(all + n, common_options, sizeof(common_options));
	return all;
}

/* "n:P:o:l:qh..." from every option whose val is a printable ASCII letter. */
static char *short_options(const struct option *opts)
{
	size_t n = count_options(opts);
	char *s = calloc(3 * n + 1, 1);
	char *p = s;

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int c = opts[i].val;

		if (opts[i].flag || c <= 0 || c > 127 || !isprint(c) || strchr(s, c))
			continue;
		*p++ = (char)c;
		if (opts[i].has_arg != no_argument)
			*p++ = ':';
		if (opts[i].has_arg == optional_argument)
			*p++ = ':';
	}
	*p = '\0';
	return s;
}

static void print_help(const struct lxc_arguments *args, FILE *out)
{
	fprintf(out, "Usage: %s %s\n\n", args->progname, args->usage ? args->usage : "");
	if (args->help)
		fprintf(out, "%s\n", args->help);
	fprintf(out, "%s\nSee the %s(1) man page for more.\n", common_help, args->progname);
}

static void print_usage(const struct lxc_arguments *args, const struct option *opts)
{
	size_t n = count_options(opts);

	fprintf(stderr, "Usage: %s ", args->progname);
	for (size_t i = 0; i < n; i++) {
		fputc('[', stderr);
		if (opts[i].val > 0 && opts[i].val < 128 && isprint(opts[i].val))
			fprintf(stderr, "-%c|", opts[i].val);
		fprintf(stderr, "--%s", opts[i].name);
		if (opts[i].has_arg != no_argument) {
			fputs(opts[i].has_arg == optional_argument ? "[=" : "=", stderr);
			for (const char *c = opts[i].name; *c; c++)
				fputc(toupper((unsigned char)*c), stderr);
			if (opts[i].has_arg == optional_argument)
				fputc(']', stderr);
		}
		fputs("] ", stderr);
		if ((i + 1) % 4 == 0)
			fputs("\n\t", stderr);
	}
	fputc('\n', stderr);
}

static void strip_trailing_slashes(char *s)
{
	size_t len = strlen(s);

	while (len > 1 && s[len - 1] == '/')
		s[--len] = '\0';
}

/* What parsing one option asks for next. */
enum {
	OPT_ERROR = -1,
	OPT_DONE = 0,		/* handled */
	OPT_NOT_COMMON = 1,	/* for the tool's parser */
	OPT_EXIT_OK = 2,	/* printed help/usage/version */
	OPT_EXIT_FAIL = 3,	/* bad option: printed getopt's message and the help */
};

/* One common option. */
static int common_option(struct lxc_arguments *args, const struct option *all, int c, char *arg)
{
	switch (c) {
	case 'n':
		args->name = arg;
		return 0;
	case 'P':
		if (args->lxcpath) {
			lxc_arguments_error(args, "This command only accepts one -P,--lxcpath argument");
			return OPT_ERROR;
		}
		strip_trailing_slashes(arg);
		args->lxcpath = arg;
		return 0;
	case 'o':
		args->log_file = arg;
		return 0;
	case 'l':
		args->log_priority = arg;
		return 0;
	case 'q':
		args->quiet = true;
		return 0;
	case LXC_ARG_RCFILE:
		args->rcfile = arg;
		return 0;
	case 'h':
		print_help(args, stderr);
		return OPT_EXIT_OK;
	case LXC_ARG_USAGE:
		print_usage(args, all);
		return OPT_EXIT_OK;
	case LXC_ARG_VERSION:
		printf("%s\n", lxc_get_version());
		return OPT_EXIT_OK;
	case '?':
		print_help(args, stderr);
		return OPT_EXIT_FAIL;
	}
	return OPT_NOT_COMMON;
}

static int parse_options(struct lxc_arguments *args, int argc, char *argv[],
			 const struct option *all, const char *shortopts)
{
	for (;;) {
		int c = getopt_long(argc, argv, shortopts, all, NULL);
		bool own = false;
		int ret;

		if (c == -1)
			return OPT_DONE;
		/* A tool's own option with a common letter is the tool's. */
		for (size_t i = 0; args->options && args->options[i].name; i++)
			if (args->options[i].val == c)
				own = true;
		ret = own ? OPT_NOT_COMMON : common_option(args, all, c, optarg);
		if (ret == OPT_DONE)
			continue;
		if (ret != OPT_NOT_COMMON)
			return ret;
		if (args->parser && args->parser(args, c, optarg) < 0)
			return OPT_ERROR;
	}
}

static int init_log(struct lxc_arguments *args)
{
	bool explicit_log = args->log_file || args->log_priority;
	struct lxc_log log = {
		/* Like LXC: a log file (and the container name in it) only when asked for. */
		.name = explicit_log ? args->name : NULL,
		.lxcpath = args->lxcpath,
		.file = args->log_file,
		.level = args->log_priority,
		.prefix = args->progname,
		.quiet = args->quiet,
	};

	return lxc_log_init(&log) < 0 ? -1 : 0;
}

static int resolve_name(struct lxc_arguments *args)
{
	if (args->name_mode != LXC_ARGS_NAME_REQUIRED || args->name)
		return 0;
	if (args->argc > 0) {
		args->name = args->argv[0];
		args->argv++;
		args->argc--;
	}
	if (!args->name || !*args->name) {
		lxc_arguments_error(args, "No container name specified");
		return -1;
	}
	return 0;
}

static int resolve_lxcpath(struct lxc_arguments *args)
{
	if (!args->lxcpath)
		args->lxcpath = lxc_get_global_config_item("lxc.lxcpath");
	return args->lxcpath ? 0 : -1;	/* the library said why */
}

int lxc_arguments_parse(struct lxc_arguments *args, int argc, char *argv[])
{
	struct option *all = merge_options(args->options);
	char *shortopts = all ? short_options(all) : NULL;
	int ret;

	if (!shortopts) {
		free(all);
		lxc_arguments_error(args, "Out of memory");
		return -1;
	}
	ret = parse_options(args, argc, argv, all, shortopts);
	free(shortopts);
	free(all);
	if (ret == OPT_EXIT_OK || ret == OPT_EXIT_FAIL)
		exit(ret == OPT_EXIT_OK ? EXIT_SUCCESS : EXIT_FAILURE);
	if (ret == OPT_ERROR)
		return -1;
	args->argv = &argv[optind];
	args->argc = argc - optind;

	/* Program name and quiet first, so that errors below are worded and muted right. An
	 * explicit log file is opened before the system config is read, so that it records what
	 * is wrong there; the default log file's place depends on the lxcpath. */
	lxc_log_init(&(struct lxc_log){ .prefix = args->progname, .quiet = args->quiet });
	if (resolve_name(args) < 0)
		return -1;
	if (args->log_file && init_log(args) < 0)
		return -1;
	if (resolve_lxcpath(args) < 0)
		return -1;
	if (!args->log_file && init_log(args) < 0)
		return -1;
	if (args->checker && args->checker(args) < 0)
		return -1;
	return 0;
}

struct lxc_container *lxc_arguments_open_container(const struct lxc_arguments *args,
						   unsigned int flags)
{
	struct lxc_container *c = lxc_container_new(args->name, args->lxcpath);

	if (!c)
		return NULL;
	if (args->rcfile) {
		c->clear_config(c);
		if (!c->load_config(c, args->rcfile)) {
			lxc_arguments_error(args, "Failed to load rcfile \"%s\"", args->rcfile);
			goto fail;
		}
	} else if ((flags & LXC_OPEN_DEFINED) && !c->is_defined(c)) {
		lxc_arguments_error(args, "Container \"%s\" does not exist", args->name);
		goto fail;
	}
	if ((flags & LXC_OPEN_MAY_CONTROL) && !c->may_control(c)) {
		lxc_arguments_error(args, "Insufficient privileges to control %s", c->name);
		goto fail;
	}
	return c;
fail:
	lxc_container_put(c);
	return NULL;
}
