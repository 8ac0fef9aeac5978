/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The lxc-* tools' shared command line: LXC's common options (-n, -P, -o, -l, -q, --rcfile,
 * -h/--help, --usage, --version) merged with a tool's own options, the help text, and
 * lxc_log_init() with the tool's name. Tools use only the public API and this. */
#pragma once

#include <getopt.h>
#include <stdbool.h>

/* Option values of the common long-only options; a tool's own long-only options use values
 * from LXC_ARG_TOOL_BASE up to 0xfff. */
#define LXC_ARG_TOOL_BASE 0x100
#define LXC_ARG_USAGE 0x1000
#define LXC_ARG_VERSION 0x1001
#define LXC_ARG_RCFILE 0x1002

struct lxc_arguments;

/* Called for each of the tool's own options (c is the option's val, arg its argument or
 * NULL). Returns 0, or -1 after printing why (lxc_arguments_error()). */
typedef int (*lxc_arguments_parser_t)(struct lxc_arguments *args, int c, char *arg);
/* Called once after parsing, to check combinations. Returns 0 or -1 after printing why. */
typedef int (*lxc_arguments_checker_t)(struct lxc_arguments *args);

enum lxc_arguments_name {
	LXC_ARGS_NAME_REQUIRED,	/* -n NAME or the first operand; missing: error */
	LXC_ARGS_NAME_OPTIONAL,	/* -n NAME if given; operands stay operands */
};

struct lxc_arguments {
	/* Filled by the tool. */
	const char *progname;		/* "lxc-info" */
	const char *usage;		/* after the name in "Usage:", e.g. "--name=NAME [-s]" */
	const char *help;		/* description and the tool's options, ends with "\n" */
	const struct option *options;	/* the tool's own options, {0}-terminated, or NULL */
	lxc_arguments_parser_t parser;
	lxc_arguments_checker_t checker;
	enum lxc_arguments_name name_mode;
	void *data;			/* the tool's own state, for its parser */

	/* Results. */
	const char *name;
	const char *lxcpath;		/* -P (trailing slashes removed) or lxc.lxcpath */
	const char *log_file;
	const char *log_priority;
	const char *rcfile;
	bool quiet;
	int argc;			/* the remaining operands */
	char **argv;
};

/* Parse argv, handle the common options and initialise logging (lxc_log_init()). --help,
 * --usage and --version print and exit(0); a bad option prints getopt's message and the help
 * to stderr and exits 1. Returns 0, or -1 after printing the reason (the tool then exits 1). */
int lxc_arguments_parse(struct lxc_arguments *args, int argc, char *argv[]);

struct lxc_container;

enum {
	LXC_OPEN_MAY_CONTROL = 1 << 0,	/* refuse unless the caller may control the container */
	LXC_OPEN_DEFINED = 1 << 1,	/* without --rcfile, the container must exist */
};

/* The container the arguments name, with --rcfile loaded over its configuration and the checks
 * in flags (LXC_OPEN_*) done. On failure the reason has been printed (the library reports why
 * lxc_container_new() failed) and NULL is returned. */
struct lxc_container *lxc_arguments_open_container(const struct lxc_arguments *args,
						   unsigned int flags);

/* "PROGNAME: message" on stderr unless -q was given. */
void lxc_arguments_error(const struct lxc_arguments *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
