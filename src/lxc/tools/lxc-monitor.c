/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-monitor: print the state changes (and init exit statuses) of the containers whose names
 * match a regular expression, in one or more lxcpaths, as text or one JSON object per line.
 * It listens on the daemonless state bus (ipc/monitor_bus.h), so it links the internals. */
#include <errno.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "config.h"
#include "ipc/monitor_bus.h"
#include "lifecycle/state.h"
#include "tools/arguments.h"

#if HAVE_JSON
#include <json-c/json.h>

/* Compact, and "/" left alone: paths stay readable. */
#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
#endif

enum {
	MON_FORMAT = LXC_ARG_TOOL_BASE,
};

#define MON_MAX_PATHS 64

struct mon_opts {
	bool quit, json;
	int npaths;
	char *paths[MON_MAX_PATHS];	/* -P, in order */
};

static const struct option mon_options[] = {
	{ "lxcpath", required_argument, NULL, 'P' },
	{ "quit", no_argument, NULL, 'Q' },
	{ "format", required_argument, NULL, MON_FORMAT },
	{ NULL, 0, NULL, 0 },
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int mon_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct mon_opts *o = args->data;
	size_t len;

	switch (c) {
	case 'P':
		if (o->npaths == MON_MAX_PATHS) {
			lxc_arguments_error(args, "Too many lxcpaths (at most %d)", MON_MAX_PATHS);
			return -1;
		}
		len = strlen(arg);
		while (len > 1 && arg[len - 1] == '/')
			arg[--len] = '\0';
		o->paths[o->npaths++] = arg;
		break;
	case 'Q':
		o->quit = true;
		break;
	case MON_FORMAT:
		if (strcmp(arg, "json") != 0 && strcmp(arg, "text") != 0) {
			lxc_arguments_error(args, "Invalid format \"%s\": expected \"text\" or "
					    "\"json\"", arg);
			return -1;
		}
		o->json = strcmp(arg, "json") == 0;
#if !HAVE_JSON
		if (o->json) {
			lxc_arguments_error(args, "This build has no JSON support");
			return -1;
		}
#endif
		break;
	}
	return 0;
}

#if HAVE_JSON
static void print_json(const struct monitor_bus_msg *m, const char *lxcpath)
{
	struct json_object *obj = json_object_new_object();

	if (!obj)
		return;
	json_object_object_add(obj, "name", json_object_new_string(m->name));
	if (m->type == MONITOR_MSG_STATE) {
		const char *state = lxc_state_name(m->value);

		json_object_object_add(obj, "state", json_object_new_string(state ? state :
									    "UNKNOWN"));
	} else {
		json_object_object_add(obj, "exit_status",
				       json_object_new_int(WEXITSTATUS(m->value)));
	}
	json_object_object_add(obj, "lxcpath", json_object_new_string(lxcpath));
	printf("%s\n", json_object_to_json_string_ext(obj, JSON_FLAGS));
	json_object_put(obj);
}
#endif

static void print_msg(const struct mon_opts *o, const struct monitor_bus_msg *m,
		      const char *lxcpath)
{
	const char *state;

#if HAVE_JSON
	if (o->json) {
		print_json(m, lxcpath);
		return;
	}
#endif
	switch (m->type) {
	case MONITOR_MSG_STATE:
		state = lxc_state_name(m->value);
		printf("'%s' changed state to [%s]\n", m->name, state ? state : "UNKNOWN");
		break;
	case MONITOR_MSG_EXIT:
		printf("'%s' exited with status [%d]\n", m->name, WEXITSTATUS(m->value));
		break;
	}
}

/* Read every ready bus socket until a signal asks to stop. */
static int listen_loop(const struct mon_opts *o, struct pollfd *fds, const regex_t *re)
{
	struct monitor_bus_msg msg;

	while (!stop_requested) {
		int n = poll(fds, o->npaths, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (int i = 0; i < o->npaths; i++) {
			if (!(fds[i].revents & POLLIN))
				continue;
			if (monitor_bus_recv(fds[i].fd, &msg, 0) < 0)
				continue;
			if (regexec(re, msg.name, 0, NULL, 0) == 0)
				print_msg(o, &msg, o->paths[i]);
		}
	}
	return 0;
}

static int monitor(const struct lxc_arguments *args, const struct mon_opts *o,
		   const regex_t *re)
{
	struct pollfd fds[MON_MAX_PATHS];
	int n = 0, ret = 0;

	for (; n < o->npaths; n++) {
		int fd;

		ret = monitor_bus_listen(o->paths[n], &fd);
		if (ret < 0) {
			lxc_arguments_error(args, "Failed to listen for state changes in \"%s\": %s",
					    o->paths[n], strerror(-ret));
			break;
		}
		fds[n] = (struct pollfd){ .fd = fd, .events = POLLIN };
	}
	if (ret == 0)
		ret = listen_loop(o, fds, re);
	while (n-- > 0)
		monitor_bus_unlisten(o->paths[n], fds[n].fd);
	return ret;
}

static int setup_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART: poll wakes */
	const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -errno;
	return 0;
}

int main(int argc, char *argv[])
{
	struct mon_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-monitor",
		.usage = "[--name=REGEX] [-P LXCPATH]... [-Q] [--format=text|json]",
		.help = "Print the state changes of the containers whose name matches REGEX\n"
			"(a POSIX extended regular expression matched against the whole name;\n"
			"default: every container) until interrupted.\n"
			"\n"
			"Options:\n"
			"  -P, --lxcpath=PATH       Watch PATH; may be given several times\n"
			"  -Q, --quit               Accepted for compatibility: there is no\n"
			"                           lxc-monitord to stop, so it does nothing\n"
			"      --format=FORMAT      \"text\" (default) or \"json\": one object per\n"
			"                           line\n",
		.options = mon_options,
		.parser = mon_parser,
		.name_mode = LXC_ARGS_NAME_OPTIONAL,
		.data = &opts,
	};
	char *pattern;
	regex_t re;
	int ret;

	if (lxc_arguments_parse(&args, argc, argv) < 0)
		exit(EXIT_FAILURE);
	if (opts.quit)
		exit(EXIT_SUCCESS);	/* no daemon to ask: each listener has its own socket */
	if (opts.npaths == 0)
		opts.paths[opts.npaths++] = (char *)args.lxcpath;
	if (asprintf(&pattern, "^%s$", args.name ? args.name : ".*") < 0)
		exit(EXIT_FAILURE);
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		lxc_arguments_error(&args, "Invalid regular expression \"%s\"",
				    args.name ? args.name : ".*");
		free(pattern);
		exit(EXIT_FAILURE);
	}
	free(pattern);
	setlinebuf(stdout);
	ret = setup_signals();
	if (ret == 0)
		ret = monitor(&args, &opts, &re);
	regfree(&re);
	exit(ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
