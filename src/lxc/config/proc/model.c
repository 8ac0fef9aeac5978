/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The proc model: defaults, destruction, hook and resource-limit names, and the accessors the
 * start sequence and the console use. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/proc/proc.h"
#include "config/proc/proc_keys.h"
#include "log/log.h"

static const char *const hook_names[CONF_HOOK_MAX] = {
	[CONF_HOOK_PRE_START] = "pre-start",
	[CONF_HOOK_PRE_MOUNT] = "pre-mount",
	[CONF_HOOK_MOUNT] = "mount",
	[CONF_HOOK_AUTODEV] = "autodev",
	[CONF_HOOK_START] = "start",
	[CONF_HOOK_STOP] = "stop",
	[CONF_HOOK_POST_STOP] = "post-stop",
	[CONF_HOOK_CLONE] = "clone",
	[CONF_HOOK_DESTROY] = "destroy",
	[CONF_HOOK_START_HOST] = "start-host",
};

static const struct {
	const char *name;
	int resource;
} prlimit_names[] = {
	{ "as", RLIMIT_AS },		{ "core", RLIMIT_CORE },
	{ "cpu", RLIMIT_CPU },		{ "data", RLIMIT_DATA },
	{ "fsize", RLIMIT_FSIZE },	{ "locks", RLIMIT_LOCKS },
	{ "memlock", RLIMIT_MEMLOCK },	{ "msgqueue", RLIMIT_MSGQUEUE },
	{ "nice", RLIMIT_NICE },	{ "nofile", RLIMIT_NOFILE },
	{ "nproc", RLIMIT_NPROC },	{ "rss", RLIMIT_RSS },
	{ "rtprio", RLIMIT_RTPRIO },	{ "rttime", RLIMIT_RTTIME },
	{ "sigpending", RLIMIT_SIGPENDING }, { "stack", RLIMIT_STACK },
};

void conf_proc_init(struct conf_proc *m)
{
	memset(m, 0, sizeof(*m));
	m->personality = CONF_PERSONALITY_UNSET;
	m->monitor_pdeath_signal = SIGKILL;
	m->log_level = LXC_LOG_LEVEL_NOTSET;
}

void conf_proc_free(struct conf_proc *m)
{
	if (!m)
		return;
	free(m->uts_name);
	free(m->arch);
	free(m->init_cmd);
	free(m->init_cwd);
	free(m->init_groups);
	free(m->execute_cmd);
	strv_free(m->environment);
	proc_prlimits_clear(m);
	proc_kv_clear(&m->sysctls);
	proc_kv_clear(&m->procs);
	strv_free(m->groups);
	free(m->tty_dir);
	free(m->console.path);
	free(m->console.logfile);
	free(m->log_file);
	free(m->log_syslog);
	for (int i = 0; i < CONF_HOOK_MAX; i++)
		strv_free(m->hooks[i]);
	conf_proc_init(m);
}

const char *conf_hook_name(enum conf_hook_type type)
{
	if ((int)type < 0 || type >= CONF_HOOK_MAX)
		return NULL;
	return hook_names[type];
}

int conf_hook_type_from_name(const char *name)
{
	for (int i = 0; i < CONF_HOOK_MAX; i++)
		if (strcmp(hook_names[i], name) == 0)
			return i;
	return -EINVAL;
}

char *const *conf_proc_hooks(const struct conf_proc *m, enum conf_hook_type type)
{
	if ((int)type < 0 || type >= CONF_HOOK_MAX)
		return NULL;
	return m->hooks[type];
}

int conf_prlimit_resource(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(prlimit_names); i++)
		if (strcmp(prlimit_names[i].name, name) == 0)
			return prlimit_names[i].resource;
	return -EINVAL;
}

int proc_prlimit_names(struct strbuf *out, bool lines)
{
	for (size_t i = 0; i < ARRAY_SIZE(prlimit_names); i++) {
		int ret;

		if (lines)
			ret = strbuf_printf(out, "%s\n", prlimit_names[i].name);
		else
			ret = strbuf_printf(out, "%s%s", i ? ", " : "", prlimit_names[i].name);
		if (ret < 0)
			return ret;
	}
	return 0;
}

const struct conf_prlimit *conf_proc_prlimit(const struct conf_proc *m, const char *name)
{
	for (size_t i = 0; i < m->n_prlimits; i++)
		if (strcmp(m->prlimits[i].name, name) == 0)
			return &m->prlimits[i];
	return NULL;
}

static const char *kv_find(const struct conf_kv_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}

const char *conf_proc_sysctl(const struct conf_proc *m, const char *key)
{
	return kv_find(&m->sysctls, key);
}

const char *conf_proc_procfile(const struct conf_proc *m, const char *key)
{
	return kv_find(&m->procs, key);
}

int conf_proc_halt_signal(const struct conf_proc *m)
{
	return m->halt_signal ? m->halt_signal : SIGPWR;
}

int conf_proc_reboot_signal(const struct conf_proc *m)
{
	return m->reboot_signal ? m->reboot_signal : SIGINT;
}

int conf_proc_stop_signal(const struct conf_proc *m)
{
	return m->stop_signal ? m->stop_signal : SIGKILL;
}

const char *conf_proc_init_cmd(const struct conf_proc *m)
{
	return m->init_cmd ? m->init_cmd : CONF_PROC_DEFAULT_INIT;
}

bool conf_proc_in_group(const struct conf_proc *m, const char *group)
{
	return strv_contains(m->groups, group);
}

bool conf_proc_console_disabled(const struct conf_proc *m)
{
	return m->console.path && strcmp(m->console.path, "none") == 0;
}

void proc_prlimits_clear(struct conf_proc *m)
{
	for (size_t i = 0; i < m->n_prlimits; i++)
		free(m->prlimits[i].name);
	free(m->prlimits);
	m->prlimits = NULL;
	m->n_prlimits = 0;
}

void proc_kv_clear(struct conf_kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
