/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the process keys: hostname, architecture, init/execute command and ids,
 * environment, resource limits, sysctls, /proc writes, signals, autostart, monitor, ttys,
 * console, logging and hooks. The start sequence and the console read it through the
 * accessors at the end of this header. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

/* Hook types in the order LXC numbers them. */
enum conf_hook_type {
	CONF_HOOK_PRE_START = 0,
	CONF_HOOK_PRE_MOUNT,
	CONF_HOOK_MOUNT,
	CONF_HOOK_AUTODEV,
	CONF_HOOK_START,
	CONF_HOOK_STOP,
	CONF_HOOK_POST_STOP,
	CONF_HOOK_CLONE,
	CONF_HOOK_DESTROY,
	CONF_HOOK_START_HOST,
	CONF_HOOK_MAX,
};

/* lxc.arch unset: leave the personality alone. Otherwise PER_LINUX or PER_LINUX32. */
#define CONF_PERSONALITY_UNSET (-1L)
/* lxc.init.cmd when unset. */
#define CONF_PROC_DEFAULT_INIT "/sbin/init"
/* "auto" for lxc.console.size and lxc.console.buffer.size. */
#define CONF_CONSOLE_SIZE_AUTO (128 * 1024)

/* lxc.prlimit.NAME: the lower-case RLIMIT_ name, its resource number and the limits
 * (RLIM_INFINITY for "unlimited"). */
struct conf_prlimit {
	char *name;
	int resource;
	struct rlimit limit;
};

/* lxc.sysctl.KEY and lxc.proc.KEY: KEY relative to the family ("net.ipv4.ip_forward",
 * "oom_score_adj") and the value to write. */
struct conf_kv {
	char *key;
	char *value;
};

struct conf_kv_list {
	struct conf_kv *items;
	size_t n;
};

struct conf_console {
	char *path;		/* lxc.console.path: host device, "none", NULL = allocate a pty */
	char *logfile;		/* lxc.console.logfile */
	bool rotate;		/* lxc.console.rotate */
	uint64_t log_size;	/* lxc.console.size in bytes (power of 2, >= page), 0 = none */
	uint64_t buffer_size;	/* lxc.console.buffer.size likewise, 0 = no ring buffer */
};

struct conf_proc {
	char *uts_name;			/* lxc.uts.name, NULL = keep the host's */
	char *arch;			/* lxc.arch as written */
	long personality;		/* PER_LINUX, PER_LINUX32 or CONF_PERSONALITY_UNSET */

	char *init_cmd;			/* lxc.init.cmd, NULL = CONF_PROC_DEFAULT_INIT */
	char *init_cwd;			/* lxc.init.cwd, absolute, NULL = "/" */
	uid_t init_uid;			/* lxc.init.uid, default 0 */
	gid_t init_gid;			/* lxc.init.gid, default 0 */
	gid_t *init_groups;		/* lxc.init.groups, in order */
	size_t n_init_groups;
	char *execute_cmd;		/* lxc.execute.cmd */
	char **environment;		/* lxc.environment as "NAME=VALUE", host values resolved */

	struct conf_prlimit *prlimits;	/* lxc.prlimit.*, first-set order, one per name */
	size_t n_prlimits;
	struct conf_kv_list sysctls;	/* lxc.sysctl.*, one per key */
	struct conf_kv_list procs;	/* lxc.proc.*, one per key */

	int halt_signal;		/* lxc.signal.halt, 0 = default (SIGPWR) */
	int reboot_signal;		/* lxc.signal.reboot, 0 = default (SIGINT) */
	int stop_signal;		/* lxc.signal.stop, 0 = default (SIGKILL) */

	bool start_auto;		/* lxc.start.auto */
	unsigned int start_delay;	/* lxc.start.delay, seconds */
	int start_order;		/* lxc.start.order */
	char **groups;			/* lxc.group */

	unsigned int monitor_unshare;	/* lxc.monitor.unshare, non-zero = unshare mounts */
	int monitor_pdeath_signal;	/* lxc.monitor.signal.pdeath, default SIGKILL, 0 = none */
	bool ephemeral;			/* lxc.ephemeral */

	unsigned int tty_max;		/* lxc.tty.max */
	char *tty_dir;			/* lxc.tty.dir: a name under /dev */
	unsigned int pty_max;		/* lxc.pty.max, 0 = no private devpts limit */
	struct conf_console console;	/* lxc.console.* */

	char *log_file;			/* lxc.log.file */
	int log_level;			/* lxc.log.level 0..8, LXC_LOG_LEVEL_NOTSET when unset */
	char *log_syslog;		/* lxc.log.syslog facility name */

	char **hooks[CONF_HOOK_MAX];	/* lxc.hook.TYPE commands, in order */
	bool hook_version;		/* lxc.hook.version: 1 = pass arguments in the environment */
};

void conf_proc_init(struct conf_proc *m);
void conf_proc_free(struct conf_proc *m);

/* Accessors for the start sequence, the console and the tools. */

/* "pre-start", "pre-mount", ..., NULL if out of range. */
const char *conf_hook_name(enum conf_hook_type type);
/* The hook type for a name such as "post-stop"; -EINVAL if unknown. */
int conf_hook_type_from_name(const char *name);
/* NULL-terminated command list (NULL when none). */
char *const *conf_proc_hooks(const struct conf_proc *m, enum conf_hook_type type);

/* The resource number for "nofile" etc.; -EINVAL if unknown. */
int conf_prlimit_resource(const char *name);
const struct conf_prlimit *conf_proc_prlimit(const struct conf_proc *m, const char *name);
/* Value of lxc.sysctl.KEY / lxc.proc.KEY (KEY relative), NULL if not set. */
const char *conf_proc_sysctl(const struct conf_proc *m, const char *key);
const char *conf_proc_procfile(const struct conf_proc *m, const char *key);

/* Effective signals: the configured one or LXC's default. */
int conf_proc_halt_signal(const struct conf_proc *m);
int conf_proc_reboot_signal(const struct conf_proc *m);
int conf_proc_stop_signal(const struct conf_proc *m);

/* lxc.init.cmd or CONF_PROC_DEFAULT_INIT. */
const char *conf_proc_init_cmd(const struct conf_proc *m);
bool conf_proc_in_group(const struct conf_proc *m, const char *group);
/* The console is disabled with lxc.console.path = none. */
bool conf_proc_console_disabled(const struct conf_proc *m);
