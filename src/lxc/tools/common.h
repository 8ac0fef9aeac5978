/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Small helpers the tools share, over the public API only: reading config and cgroup items into
 * new strings, splitting the library's newline-separated lists. */
#pragma once

#include <stdbool.h>

struct lxc_container;

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
