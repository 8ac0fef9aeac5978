/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Small helpers the tools share, over the public API only: reading config and cgroup items into
 * new strings, splitting the library's newline-separated lists. */
#pragma once

#include <stdbool.h>

struct lxc_arguments;
struct lxc_container;

/* What lxc-start and lxc-execute change in the configuration from the command line:
 * -s KEY=VAL definitions (in order) and --share-net/-ipc/-uts/-pid targets. */
#define LXC_TOOL_NSHARE 4
struct lxc_tool_overrides {
	const char *share[LXC_TOOL_NSHARE];	/* net, ipc, uts, pid */
	int ndefines;
	char **defines;
};

/* Record "-s KEY=VAL" (arg is kept, not copied); -1 after printing why. */
int lxc_tool_add_define(const struct lxc_arguments *args, struct lxc_tool_overrides *o,
			char *arg);
/* Apply the definitions, then the share targets; -1 when the library refused one (it says
 * why). */
int lxc_tool_apply_overrides(struct lxc_container *c, const struct lxc_tool_overrides *o);
void lxc_tool_overrides_free(struct lxc_tool_overrides *o);

/* KEY from the running container (running) or from its configuration; NULL if unset. */
char *lxc_tool_config_item(struct lxc_container *c, const char *key, bool running);
/* The cgroup file ITEM of a running container, NULL when it cannot be read. After the library
 * says it cannot read cgroup files at all (ENOSYS) nothing more is asked. */
char *lxc_tool_cgroup_item(struct lxc_container *c, const char *item);
/* The host is a pure cgroup2 host. */
bool lxc_tool_cgroup2_host(void);
/* "a\nb\n" -> {"a", "b", NULL} (takes text); NULL for an empty or missing text. */
char **lxc_tool_split_lines(char *text);
void lxc_tool_strv_free(char **v);

/* The whole of a tool that calls one container method (lxc-freeze, lxc-unfreeze): open the
 * container named by args (may_control checked), call it, and report "Failed to VERB NAME"
 * unless the library said why already. EXIT_SUCCESS or EXIT_FAILURE. */
int lxc_tool_run_method(const struct lxc_arguments *args,
			bool (*call)(struct lxc_container *c), const char *verb);
