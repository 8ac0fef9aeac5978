/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc-ls: the containers of an lxcpath, filtered by state, groups and a POSIX extended regular
 * expression; printed as names (in columns on a terminal, one per line otherwise or with -1),
 * as LXC's fancy table (-f, columns chosen with -F) or as a JSON array (--format json).
 * One listing call loads every container; no process is started per container. */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
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
	LS_ACTIVE = LXC_ARG_TOOL_BASE,
	LS_RUNNING,
	LS_FROZEN,
	LS_STOPPED,
	LS_DEFINED,
	LS_FILTER,
	LS_NESTING,
	LS_FORMAT,
};

#define LS_MAX_NESTING 5
#define LS_DEFAULT_COLUMNS "NAME,STATE,AUTOSTART,GROUPS,IPV4,IPV6,UNPRIVILEGED"

/* The fancy columns, in the order -F accepts them. */
enum ls_col {
	COL_NAME, COL_STATE, COL_PID, COL_RAM, COL_SWAP, COL_AUTOSTART, COL_GROUPS,
	COL_INTERFACE, COL_IPV4, COL_IPV6, COL_UNPRIVILEGED, COL_MAX,
};

static const char *const col_names[COL_MAX] = {
	"NAME", "STATE", "PID", "RAM", "SWAP", "AUTOSTART", "GROUPS", "INTERFACE", "IPV4", "IPV6",
	"UNPRIVILEGED",
};

struct ls_opts {
	bool line, fancy, json;
	bool active, running, frozen, stopped, defined;
	unsigned int nesting;
	const char *filter;
	const char *format;		/* -F */
	char *groups;			/* -g, every one joined with ',' */
	enum ls_col cols[COL_MAX];
	int ncols;
	bool want[COL_MAX];		/* columns whose data must be gathered */
};

/* One listed container. Lists are NULL-terminated; NULL means "-". */
struct ls_row {
	char *name;
	unsigned int level;		/* nesting depth, 0 for the lxcpath's own */
	char *state;
	bool running, autostart, unprivileged;
	pid_t pid;
	double ram, swap;		/* MiB, < 0 when unknown */
	char **groups, **interfaces, **ipv4, **ipv6;
};

struct ls_list {
	struct ls_row *rows;
	size_t n;
};

static const struct option ls_options[] = {
	{ "line", no_argument, NULL, '1' },
	{ "fancy", no_argument, NULL, 'f' },
	{ "fancy-format", required_argument, NULL, 'F' },
	{ "groups", required_argument, NULL, 'g' },
	{ "active", no_argument, NULL, LS_ACTIVE },
	{ "running", no_argument, NULL, LS_RUNNING },
	{ "frozen", no_argument, NULL, LS_FROZEN },
	{ "stopped", no_argument, NULL, LS_STOPPED },
	{ "defined", no_argument, NULL, LS_DEFINED },
	{ "nesting", optional_argument, NULL, LS_NESTING },
	{ "filter", required_argument, NULL, LS_FILTER },
	{ "format", required_argument, NULL, LS_FORMAT },
	{ NULL, 0, NULL, 0 },
};

static int add_groups(struct lxc_arguments *args, struct ls_opts *o, const char *arg)
{
	size_t old = o->groups ? strlen(o->groups) : 0;
	char *g = realloc(o->groups, old + strlen(arg) + 2);

	if (!g) {
		lxc_arguments_error(args, "Out of memory");
		return -1;
	}
	if (old)
		g[old++] = ',';
	strcpy(g + old, arg);
	o->groups = g;
	return 0;
}

/* --nesting[=NUM]: LXC's default depth when NUM is missing or not a number. */
static unsigned int parse_nesting(const char *arg)
{
	char *end;
	unsigned long v;

	if (!arg || *arg == '-')
		return LS_MAX_NESTING;
	errno = 0;
	v = strtoul(arg, &end, 0);
	return errno || *end || v > UINT_MAX ? LS_MAX_NESTING : (unsigned int)v;
}

static int ls_parser(struct lxc_arguments *args, int c, char *arg)
{
	struct ls_opts *o = args->data;
	bool *flags[] = {
		[LS_ACTIVE - LS_ACTIVE] = &o->active, [LS_RUNNING - LS_ACTIVE] = &o->running,
		[LS_FROZEN - LS_ACTIVE] = &o->frozen, [LS_STOPPED - LS_ACTIVE] = &o->stopped,
		[LS_DEFINED - LS_ACTIVE] = &o->defined,
	};

	switch (c) {
	case '1':
		o->line = true;
		return 0;
	case 'f':
		o->fancy = true;
		return 0;
	case 'F':
		o->format = arg;
		return 0;
	case 'g':
		return add_groups(args, o, arg);
	case LS_FILTER:
		o->filter = arg;
		return 0;
	case LS_NESTING:
		o->nesting = parse_nesting(arg);
		return 0;
	case LS_FORMAT:
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
		return 0;
	}
	if (c >= LS_ACTIVE && c <= LS_DEFINED)
		*flags[c - LS_ACTIVE] = true;
	return 0;
}

static int parse_columns(const struct lxc_arguments *args, struct ls_opts *o, const char *spec)
{
	char *copy = strdup(spec), *save = NULL;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int i;

		while (*tok == ' ' || *tok == '\t')
			tok++;
		tok[strcspn(tok, " \t")] = '\0';
		for (i = 0; i < COL_MAX && strcasecmp(tok, col_names[i]) != 0; i++)
			;
		if (i == COL_MAX) {
			lxc_arguments_error(args, "Invalid key: %s", tok);
			ret = -EINVAL;
			break;
		}
		if (o->ncols < COL_MAX)
			o->cols[o->ncols++] = i;
		o->want[i] = true;
	}
	free(copy);
	return ret;
}

static int ls_checker(struct lxc_arguments *args)
{
	struct ls_opts *o = args->data;

	/* As LXC: -F only matters with -f. JSON carries the fancy fields. */
	return parse_columns(args, o, o->fancy && o->format ? o->format : LS_DEFAULT_COLUMNS);
}

/* ---- gathering ---- */

/* A byte count in MiB from a cgroup file (its first number, or the number after "KEY "). */
static double cgroup_mib(struct lxc_container *c, const char *item, const char *key)
{
	char *text = lxc_tool_cgroup_item(c, item), *p = text;
	double mib = -1;

	if (text && key) {
		size_t len = strlen(key);

		for (p = text; p && !(strncmp(p, key, len) == 0 && p[len] == ' ');)
			p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
		if (p)
			p += len + 1;
	}
	if (p && *p >= '0' && *p <= '9')
		mib = (double)strtoull(p, NULL, 10) / 1024 / 1024;
	free(text);
	return mib;
}

/* Every group of the -g list must be one of the container's. */
static bool has_all_groups(char **have, const char *must)
{
	char *copy, *save = NULL;
	bool ok = true;

	if (!must)
		return true;
	copy = strdup(must);
	if (!copy)
		return false;
	for (char *g = strtok_r(copy, ",", &save); g && ok; g = strtok_r(NULL, ",", &save)) {
		size_t i;

		while (*g == ' ')
			g++;
		g[strcspn(g, " ")] = '\0';
		if (!*g)
			continue;
		for (i = 0; have && have[i] && strcmp(have[i], g) != 0; i++)
			;
		ok = have && have[i];
	}
	free(copy);
	return ok;
}

static bool state_matches(const struct ls_opts *o, struct lxc_container *c, const char *state,
			  bool running)
{
	if (o->defined && !c->is_defined(c))
		return false;
	if (o->running && !running)
		return false;
	if (o->frozen && !o->active && strcmp(state, "FROZEN") != 0)
		return false;
	if (o->stopped && strcmp(state, "STOPPED") != 0)
		return false;
	return true;
}

/* One get_ips() answer of both families (one netns visit instead of two) into the IPv4 and
 * IPv6 lists (an IPv6 text has a ':'), each in the order given. Consumes ips. */
static void split_ips(char **ips, char ***ret_ipv4, char ***ret_ipv6)
{
	size_t n = 0, n4 = 0, n6 = 0;
	char **v4, **v6;

	if (!ips)
		return;
	while (ips[n])
		n++;
	v4 = calloc(n + 1, sizeof(*v4));
	v6 = calloc(n + 1, sizeof(*v6));
	if (!v4 || !v6) {
		free(v4);
		free(v6);
		lxc_tool_strv_free(ips);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (strchr(ips[i], ':'))
			v6[n6++] = ips[i];
		else
			v4[n4++] = ips[i];
	}
	free(ips);
	*ret_ipv4 = v4;
	*ret_ipv6 = v6;
}

/* The fancy fields of a container that passed the filters. */
static void gather_fancy(const struct ls_opts *o, struct lxc_container *c, struct ls_row *r)
{
	char *val;

	val = lxc_tool_config_item(c, "lxc.start.auto", r->running);
	r->autostart = val && strtoul(val, NULL, 10) == 1;
	free(val);
	if (r->running) {
		val = c->get_running_config_item(c, "lxc.idmap");
		r->unprivileged = val && *val;
		free(val);
	} else {
		r->unprivileged = c->get_config_item(c, "lxc.idmap", NULL, 0) > 0;
	}
	if (!r->running)
		return;
	r->pid = c->init_pid(c);
	if (o->want[COL_IPV4] && o->want[COL_IPV6])
		split_ips(c->get_ips(c, NULL, NULL, 0), &r->ipv4, &r->ipv6);
	else if (o->want[COL_IPV4])
		r->ipv4 = c->get_ips(c, NULL, "inet", 0);
	else if (o->want[COL_IPV6])
		r->ipv6 = c->get_ips(c, NULL, "inet6", 0);
	if (o->want[COL_INTERFACE])
		r->interfaces = c->get_interfaces(c);
	if (o->want[COL_RAM])
		r->ram = lxc_tool_cgroup2_host() ? cgroup_mib(c, "memory.current", NULL) :
					  cgroup_mib(c, "memory.usage_in_bytes", NULL);
	if (o->want[COL_SWAP])
		r->swap = lxc_tool_cgroup2_host() ? cgroup_mib(c, "memory.swap.current", NULL) :
					   cgroup_mib(c, "memory.stat", "swap");
}

static struct ls_row *new_row(struct ls_list *l)
{
	struct ls_row *rows = realloc(l->rows, (l->n + 1) * sizeof(*rows));

	if (!rows)
		return NULL;
	l->rows = rows;
	rows[l->n] = (struct ls_row){ .pid = -1, .ram = -1, .swap = -1 };
	return &rows[l->n++];
}

static int gather(const struct lxc_arguments *args, const struct ls_opts *o, const regex_t *re,
		  const char *path, const char *parent, unsigned int level, struct ls_list *l);

/* Containers stored inside this one: through its init's root when it runs, else through
 * its rootfs directory. */
static void gather_nested(const struct lxc_arguments *args, const struct ls_opts *o,
			  const regex_t *re, struct lxc_container *c, const struct ls_row *r,
			  struct ls_list *l)
{
	char path[PATH_MAX], *rootfs = NULL;
	const char *root;
	int n;

	if (r->running && r->pid > 0) {
		n = snprintf(path, sizeof(path), "/proc/%d/root%s", (int)r->pid, args->lxcpath);
	} else {
		rootfs = lxc_tool_config_item(c, "lxc.rootfs.path", false);
		if (!rootfs)
			return;
		rootfs[strcspn(rootfs, "\n")] = '\0';
		root = strncmp(rootfs, "dir:", 4) == 0 ? rootfs + 4 : rootfs;
		n = snprintf(path, sizeof(path), "%s%s", root, args->lxcpath);
	}
	free(rootfs);
	if (n > 0 && (size_t)n < sizeof(path))
		gather(args, o, re, path, r->name, r->level + 1, l);
}

/* One container: filters first, then what the output needs. Returns -ENOMEM or 0. */
static int gather_one(const struct lxc_arguments *args, const struct ls_opts *o,
		      const regex_t *re, struct lxc_container *c, const char *parent,
		      unsigned int level, struct ls_list *l)
{
	const char *state = c->state(c);
	bool running, detail = o->fancy || o->json;
	char **groups = NULL;
	struct ls_row *r;

	if (!state)
		state = "UNKNOWN";
	running = strcmp(state, "STOPPED") != 0 && strcmp(state, "UNKNOWN") != 0;
	if (!state_matches(o, c, state, running))
		return 0;
	if (o->groups || o->want[COL_GROUPS])
		groups = lxc_tool_split_lines(lxc_tool_config_item(c, "lxc.group", running));
	if (!has_all_groups(groups, o->groups) || (detail && !c->may_control(c))) {
		lxc_tool_strv_free(groups);
		return 0;
	}
	r = new_row(l);
	if (!r) {
		lxc_tool_strv_free(groups);
		return -ENOMEM;
	}
	r->level = level;
	r->running = running;
	r->groups = groups;
	r->state = strdup(state);
	if (parent && !o->fancy && !o->json) {
		if (asprintf(&r->name, "%s/%s", parent, c->name) < 0)
			r->name = NULL;
	} else {
		r->name = strdup(c->name);
	}
	if (!r->name || !r->state)
		return -ENOMEM;
	if (detail)
		gather_fancy(o, c, r);
	else if (running && o->nesting > level)
		r->pid = c->init_pid(c);
	if (o->nesting > level)
		gather_nested(args, o, re, c, &l->rows[l->n - 1], l);
	return 0;
}

static int gather(const struct lxc_arguments *args, const struct ls_opts *o, const regex_t *re,
		  const char *path, const char *parent, unsigned int level, struct ls_list *l)
{
	struct lxc_container **cs = NULL;
	char **names = NULL;
	struct stat st;
	int num, ret = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;	/* nothing there, nothing to list */
	if (o->active || o->frozen)
		num = list_active_containers(path, &names, &cs);
	else
		num = list_all_containers(path, &names, &cs);
	if (num < 0) {
		if (level == 0)
			lxc_arguments_error(args, "Failed to list the containers in \"%s\"", path);
		return level == 0 ? -1 : 0;
	}
	for (int i = 0; i < num; i++) {
		if (ret == 0 && (!re || regexec(re, names[i], 0, NULL, 0) == 0))
			ret = gather_one(args, o, re, cs[i], parent, level, l);
		lxc_container_put(cs[i]);
		free(names[i]);
	}
	free(cs);
	free(names);
	if (ret < 0)
		lxc_arguments_error(args, "Out of memory");
	return ret;
}

/* ---- printing ---- */

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

/* -1: one bare name per line. Otherwise names padded to the longest (at least 4, the width
 * of a "NAME" header), a new line when the next one would not fit. */
static void print_names(const struct ls_list *l, bool line, size_t width)
{
	size_t namelen = 4, used = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (line)
			printf("%s\n", l->rows[i].name);
		else if (strlen(l->rows[i].name) > namelen)
			namelen = strlen(l->rows[i].name);
	}
	for (size_t i = 0; !line && i < l->n; i++) {
		printf("%-*s", (int)namelen, l->rows[i].name);
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

/* The list a column shows, or NULL for a scalar column. */
static char **row_list(const struct ls_row *r, enum ls_col col)
{
	return col == COL_GROUPS ? r->groups : col == COL_INTERFACE ? r->interfaces :
	       col == COL_IPV4 ? r->ipv4 : col == COL_IPV6 ? r->ipv6 : NULL;
}

/* The text of a cell; lists are joined with ", ", missing values are "-". */
static char *cell_text(const struct ls_row *r, enum ls_col col)
{
	char **list = row_list(r, col), *s = NULL;
	double mib = col == COL_RAM ? r->ram : r->swap;
	size_t len = 0;

	if (col == COL_NAME || col == COL_STATE)
		return strdup(col == COL_NAME ? r->name : r->state);
	if (col == COL_AUTOSTART)
		return strdup(r->autostart ? "1" : "0");
	if (col == COL_UNPRIVILEGED)
		return strdup(r->unprivileged ? "true" : "false");
	if (col == COL_PID && r->pid > 0 && asprintf(&s, "%d", (int)r->pid) >= 0)
		return s;
	if ((col == COL_RAM || col == COL_SWAP) && r->running && mib >= 0 &&
	    asprintf(&s, "%.2f", mib) >= 0)
		return s;
	if (!list || !list[0])
		return strdup("-");
	for (size_t i = 0; list[i]; i++)
		len += strlen(list[i]) + 2;
	s = calloc(len + 1, 1);
	for (size_t i = 0; s && list[i]; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, list[i]);
	}
	return s;
}

/* Like LXC: RAM and SWAP values get an "MB" suffix, so their column is two wider. */
static void print_cell(enum ls_col col, int width, const char *text, const struct ls_row *r)
{
	if (col == COL_NAME && r && r->level > 0) {
		printf("%*s%-*s ", (int)r->level, "\\", width - (int)r->level, text);
	} else if ((col == COL_RAM || col == COL_SWAP) && r) {
		if (strcmp(text, "-") == 0)
			printf("%-*s   ", width, text);
		else
			printf("%*sMB ", width, text);
	} else if (col == COL_RAM || col == COL_SWAP) {
		printf("%-*s ", width + 2, text);
	} else {
		printf("%-*s ", width, text);
	}
}

static int print_table(const struct ls_opts *o, const struct ls_list *l)
{
	int width[COL_MAX] = {};
	char **cells;

	if (l->n == 0)
		return 0;
	cells = calloc(l->n * o->ncols, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	for (int j = 0; j < o->ncols; j++)
		width[j] = (int)strlen(col_names[o->cols[j]]);
	for (size_t i = 0; i < l->n; i++) {
		for (int j = 0; j < o->ncols; j++) {
			char *t = cell_text(&l->rows[i], o->cols[j]);
			int w = t ? (int)strlen(t) : 0;

			if (o->cols[j] == COL_NAME)
				w += (int)l->rows[i].level;
			cells[i * o->ncols + j] = t;
			if (w > width[j])
				width[j] = w;
		}
	}
	for (int j = 0; j < o->ncols; j++)
		print_cell(o->cols[j], width[j], col_names[o->cols[j]], NULL);
	putchar('\n');
	for (size_t i = 0; i < l->n; i++) {
		for (int j = 0; j < o->ncols; j++) {
			const char *t = cells[i * o->ncols + j];

			print_cell(o->cols[j], width[j], t ? t : "-", &l->rows[i]);
		}
		putchar('\n');
	}
	for (size_t i = 0; i < l->n * o->ncols; i++)
		free(cells[i]);
	free(cells);
	return 0;
}

#if HAVE_JSON
static struct json_object *json_list(char **v)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; v && v[i]; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

static struct json_object *json_mib(const struct ls_row *r, double v)
{
	return r->running && v >= 0 ? json_object_new_double(v) : NULL;
}

static struct json_object *json_cell(const struct ls_row *r, enum ls_col col)
{
	switch (col) {
	case COL_NAME:
		return json_object_new_string(r->name);
	case COL_STATE:
		return json_object_new_string(r->state);
	case COL_PID:
		return r->pid > 0 ? json_object_new_int(r->pid) : NULL;
	case COL_RAM:
		return json_mib(r, r->ram);
	case COL_SWAP:
		return json_mib(r, r->swap);
	case COL_AUTOSTART:
		return json_object_new_boolean(r->autostart);
	case COL_UNPRIVILEGED:
		return json_object_new_boolean(r->unprivileged);
	default:
		return json_list(row_list(r, col));
	}
}

/* An array of objects, one per container, keyed by the lower-case column names. */
static int print_json(const struct ls_opts *o, const struct ls_list *l)
{
	struct json_object *arr = json_object_new_array();

	if (!arr)
		return -ENOMEM;
	for (size_t i = 0; i < l->n; i++) {
		struct json_object *obj = json_object_new_object();

		for (int j = 0; j < o->ncols; j++) {
			char key[16];
			size_t k;

			for (k = 0; col_names[o->cols[j]][k] && k < sizeof(key) - 1; k++)
				key[k] = (char)(col_names[o->cols[j]][k] | 0x20);
			key[k] = '\0';
			json_object_object_add(obj, key, json_cell(&l->rows[i], o->cols[j]));
		}
		if (l->rows[i].level > 0)
			json_object_object_add(obj, "nesting_level",
					       json_object_new_int((int)l->rows[i].level));
		json_object_array_add(arr, obj);
	}
	printf("%s\n", json_object_to_json_string_ext(arr, JSON_FLAGS));
	json_object_put(arr);
	return 0;
}
#else
static int print_json(const struct ls_opts *o, const struct ls_list *l)
{
	return -ENOTSUP;
}
#endif

static void list_free(struct ls_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct ls_row *r = &l->rows[i];

		free(r->name);
		free(r->state);
		lxc_tool_strv_free(r->groups);
		lxc_tool_strv_free(r->interfaces);
		lxc_tool_strv_free(r->ipv4);
		lxc_tool_strv_free(r->ipv6);
	}
	free(l->rows);
}

static int list(const struct lxc_arguments *args, const struct ls_opts *o, const regex_t *re)
{
	struct ls_list l = {};
	int ret;

	ret = gather(args, o, re, args->lxcpath, NULL, 0, &l);
	if (ret == 0) {
		if (o->json)
			ret = print_json(o, &l);
		else if (o->fancy)
			ret = print_table(o, &l);
		else
			print_names(&l, o->line, o->line ? 0 : term_width());
	}
	fflush(stdout);
	list_free(&l);
	return ret;
}

int main(int argc, char *argv[])
{
	struct ls_opts opts = {};
	struct lxc_arguments args = {
		.progname = "lxc-ls",
		.usage = "[-1] [-f] [-F COLUMNS] [--active] [--running] [--frozen] [--stopped]\n"
			 "              [--defined] [-g GROUPS] [--nesting[=NUM]] [--filter=REGEX]\n"
			 "              [--format=text|json] [REGEX]",
		.help = "List the containers of an lxcpath.\n"
			"\n"
			"Options:\n"
			"  -1, --line               One name per line (the default when stdout is\n"
			"                           not a terminal)\n"
			"  -f, --fancy              A table: NAME, STATE, AUTOSTART, GROUPS, IPV4,\n"
			"                           IPV6 and UNPRIVILEGED\n"
			"  -F, --fancy-format=COLS  The table's columns, comma separated, from NAME,\n"
			"                           STATE, PID, RAM, SWAP, AUTOSTART, GROUPS,\n"
			"                           INTERFACE, IPV4, IPV6, UNPRIVILEGED (with -f)\n"
			"      --active             Only running and frozen containers\n"
			"      --running            Only running containers\n"
			"      --frozen             Only frozen containers\n"
			"      --stopped            Only stopped containers\n"
			"      --defined            Only defined containers\n"
			"  -g, --groups=GROUPS      Only containers in every one of the comma\n"
			"                           separated GROUPS (may be given several times)\n"
			"      --nesting[=NUM]      Also list containers nested up to NUM levels\n"
			"                           deep (default 5)\n"
			"      --filter=REGEX       Only names matching the POSIX extended regular\n"
			"                           expression REGEX (also accepted as an operand)\n"
			"      --format=FORMAT      \"text\" (default) or \"json\": an array of\n"
			"                           objects with the table's fields\n",
		.options = ls_options,
		.parser = ls_parser,
		.checker = ls_checker,
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
	free(opts.groups);
	exit(ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
