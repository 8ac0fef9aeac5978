/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The proc key table: hostname, architecture, init and execute, environment, limits, sysctls,
 * /proc writes, signals, autostart, groups, monitor, ephemeral, ttys, console, log, hooks.
 * Each entry names its handlers and a descriptor of the struct conf_proc field it changes. */
#include "config.h"

#include <limits.h>
#include <signal.h>

#include "base/cleanup.h"
#include "config/proc/proc_keys.h"
#include "config/values.h"

#define DESC(type, ...) (&(const struct type){ __VA_ARGS__ })

#define STR(key, member, check, syn)                                              \
	{ key, 0, proc_set_str, proc_get_str, proc_clear_str, NULL,               \
	  DESC(proc_str_desc, PROC_OFF(member), check), syn }
#define UINT(key, member, max, syn)                                               \
	{ key, 0, proc_set_uint, proc_get_uint, proc_clear_uint, NULL,            \
	  DESC(proc_num_desc, PROC_OFF(member), max), syn }
#define BOOL(key, member)                                                         \
	{ key, 0, proc_set_bool, proc_get_bool, proc_clear_bool, NULL,            \
	  DESC(proc_num_desc, PROC_OFF(member), 1), "0 or 1" }
#define SIG(key, member, def, syn)                                                \
	{ key, 0, proc_set_signal, proc_get_signal, proc_clear_signal, NULL,      \
	  DESC(proc_sig_desc, PROC_OFF(member), def), syn }
#define STRV(key, member, delims, syn)                                            \
	{ key, CONF_KEY_LIST, proc_set_strv, proc_get_strv, proc_clear_strv, NULL, \
	  DESC(proc_strv_desc, PROC_OFF(member), delims), syn }
#define HOOK(type, name)                                                          \
	STRV("lxc.hook." name, hooks[type], NULL, "a command line, run as " name " hook")
#define FAMILY(key)                                                               \
	{ key, CONF_KEY_NOSET, NULL, proc_get_family, proc_clear_family, NULL,    \
	  DESC(proc_family_desc, key "."), NULL }
#define U64(key, member, set, syn)                                                \
	{ key, 0, set, proc_get_u64, proc_clear_u64, NULL,                        \
	  DESC(proc_num_desc, PROC_OFF(member), 0), syn }
#define KV(key, member, syn)                                                      \
	{ key, CONF_KEY_PREFIX, proc_set_kv, proc_get_kv, proc_clear_kv, NULL,    \
	  DESC(proc_num_desc, PROC_OFF(member), 0), syn }

#define SIGNAL_SYNTAX "a signal name or number, e.g. SIGPWR, SIGRTMIN+3 or 30"
#define SIZE_SYNTAX "a size such as 128K or 1M (rounded up to a power of 2), or auto"

/*
 * Canonical values read back (as LXC prints them):
 * - strings as set, nothing when unset; numbers, 0/1 flags and sizes always (defaults too);
 * - signals as numbers, 0 for "LXC's default" (halt SIGPWR, reboot SIGINT, stop SIGKILL) or,
 *   for lxc.monitor.signal.pdeath, "none" (its default, restored by "" or a clear, is 9);
 * - lxc.arch: "i686" or "x86_64" on x86 builds, the name as set elsewhere;
 * - lxc.log.level: the upper-case name (TRACE .. FATAL), nothing when unset;
 * - lxc.console.size / buffer.size: bytes after rounding ("auto" = 131072);
 * - lxc.init.groups: "10,20" on one line; other lists one item per line;
 * - lxc.prlimit, lxc.sysctl, lxc.proc: one value for a full key, "KEY = VALUE" lines for the
 *   bare family; other families ("lxc.init", "lxc.hook", ...) print "KEY = VALUE" lines for
 *   every member with a value, and a clear of the family resets every member.
 */
static const struct conf_key proc_keys[] = {
	FAMILY("lxc.uts"),
	STR("lxc.uts.name", uts_name, proc_check_hostname, "a host name of 1 to 64 characters"),
	{ "lxc.arch", 0, proc_set_arch, proc_get_arch, proc_clear_arch, NULL, NULL,
	  "an architecture: x86_64, amd64, i686, x86, aarch64, arm64, armhf, ppc64le, s390x, ..." },

	FAMILY("lxc.init"),
	STR("lxc.init.cmd", init_cmd, NULL, "the init command line (default /sbin/init)"),
	STR("lxc.init.cwd", init_cwd, conf_parse_abspath, "an absolute path in the container"),
	UINT("lxc.init.uid", init_uid, UINT_MAX - 1, "a user id"),
	UINT("lxc.init.gid", init_gid, UINT_MAX - 1, "a group id"),
	{ "lxc.init.groups", CONF_KEY_LIST, proc_set_init_groups, proc_get_init_groups,
	  proc_clear_init_groups, NULL, NULL, "comma-separated group ids, e.g. 10,100 (read back on one line)" },
	STR("lxc.execute.cmd", execute_cmd, NULL, "the command line lxc-execute runs"),
	{ "lxc.environment", CONF_KEY_LIST, proc_set_environment, proc_get_strv, proc_clear_strv,
	  NULL, DESC(proc_strv_desc, PROC_OFF(environment), NULL),
	  "NAME=VALUE, or NAME to pass on the caller's value" },

	{ "lxc.prlimit", CONF_KEY_PREFIX, proc_set_prlimit, proc_get_prlimit, proc_clear_prlimit,
	  proc_list_prlimit, NULL, "lxc.prlimit.NAME = SOFT[:HARD], numbers or unlimited" },
	KV("lxc.sysctl", sysctls, "lxc.sysctl.KEY = VALUE, KEY as in sysctl(8)"),
	KV("lxc.proc", procs, "lxc.proc.FILE = VALUE, written to /proc/PID/FILE"),

	FAMILY("lxc.signal"),
	SIG("lxc.signal.halt", halt_signal, 0, SIGNAL_SYNTAX " (default SIGPWR)"),
	SIG("lxc.signal.reboot", reboot_signal, 0, SIGNAL_SYNTAX " (default SIGINT)"),
	SIG("lxc.signal.stop", stop_signal, 0, SIGNAL_SYNTAX " (default SIGKILL)"),

	FAMILY("lxc.start"),
	BOOL("lxc.start.auto", start_auto),
	UINT("lxc.start.delay", start_delay, UINT_MAX, "seconds to wait after starting"),
	{ "lxc.start.order", 0, proc_set_start_order, proc_get_start_order,
	  proc_clear_start_order, NULL, NULL, "an integer, lower starts earlier" },
	STRV("lxc.group", groups, " \t", "group names separated by blanks, e.g. onboot"),

	FAMILY("lxc.monitor"),
	UINT("lxc.monitor.unshare", monitor_unshare, UINT_MAX, "0 or 1"),
	SIG("lxc.monitor.signal.pdeath", monitor_pdeath_signal, SIGKILL,
	    SIGNAL_SYNTAX ", or 0 for none (default SIGKILL)"),
	BOOL("lxc.ephemeral", ephemeral),

	FAMILY("lxc.tty"),
	UINT("lxc.tty.max", tty_max, UINT_MAX, "the number of ttys"),
	STR("lxc.tty.dir", tty_dir, proc_check_tty_dir, "a directory name under /dev"),
	UINT("lxc.pty.max", pty_max, UINT_MAX, "the maximum number of ptys"),

	FAMILY("lxc.console"),
	STR("lxc.console.path", console.path, proc_check_console_path,
	    "an absolute path to a host device, or none"),
	STR("lxc.console.logfile", console.logfile, NULL, "a file for the console output"),
	BOOL("lxc.console.rotate", console.rotate),
	U64("lxc.console.size", console.log_size, proc_set_console_size, SIZE_SYNTAX),
	U64("lxc.console.buffer.size", console.buffer_size, proc_set_console_size, SIZE_SYNTAX),

	FAMILY("lxc.log"),
	STR("lxc.log.file", log_file, NULL, "a file for the container's log"),
	{ "lxc.log.level", 0, proc_set_log_level, proc_get_log_level, proc_clear_log_level, NULL,
	  NULL, "TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT, FATAL or 0 to 8" },
	STR("lxc.log.syslog", log_syslog, proc_check_syslog, "daemon, user or local0 to local7"),

	FAMILY("lxc.hook"),
	BOOL("lxc.hook.version", hook_version),
	HOOK(CONF_HOOK_PRE_START, "pre-start"),
	HOOK(CONF_HOOK_PRE_MOUNT, "pre-mount"),
	HOOK(CONF_HOOK_MOUNT, "mount"),
	HOOK(CONF_HOOK_AUTODEV, "autodev"),
	HOOK(CONF_HOOK_START, "start"),
	HOOK(CONF_HOOK_STOP, "stop"),
	HOOK(CONF_HOOK_POST_STOP, "post-stop"),
	HOOK(CONF_HOOK_CLONE, "clone"),
	HOOK(CONF_HOOK_DESTROY, "destroy"),
	HOOK(CONF_HOOK_START_HOST, "start-host"),
};

const struct conf_key_table conf_table_proc = { proc_keys, ARRAY_SIZE(proc_keys) };
