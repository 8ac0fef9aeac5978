/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Running lxc.hook.* commands and network scripts: the argument string and the LXC_*
 * environment are built before fork (the caller may be threaded), then /bin/sh -c runs the
 * command; its standard output is logged at DEBUG, standard error is inherited. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/conf.h"
#include "lifecycle/hooks.h"
#include "log/log.h"
#include "ns/ns.h"
#include "rootfs/rootfs.h"
#include "sys/process.h"

lxc_log_define(hooks);

extern char **environ;

/* Everything the child needs, prepared before fork. */
struct hook_run {
	char *argv[4]; /* "sh", "-c", command line, NULL */
	char **envp;
	const char *what; /* "hook" or "script" */
	const char *type_name;
	const char *command;
};

static void hook_err(struct hook_error *err, int e, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void hook_err(struct hook_error *err, int e, int status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->err = e;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* Append s to the command line as one single-quoted shell word. */
static int append_word(struct strbuf *sb, const char *s)
{
	int r = strbuf_append(sb, " '");

	for (const char *p = s; r >= 0 && *p; p++)
		r = *p == '\'' ? strbuf_append(sb, "'\\''") : strbuf_appendn(sb, p, 1);
	return r < 0 ? r : strbuf_append(sb, "'");
}

/* ---- environment ---- */

/* Set NAME=VALUE in env, replacing any earlier NAME=. A NULL value leaves env alone. */
static int env_set(char ***env, const char *name, const char *value)
{
	size_t len = strlen(name), j = 0;
	char **v = *env;
	char *entry;

	if (!value)
		return 0;
	for (size_t i = 0; v && v[i]; i++) {
		if (strncmp(v[i], name, len) == 0 && v[i][len] == '=')
			free(v[i]);
		else
			v[j++] = v[i];
	}
	if (v)
		v[j] = NULL;
	if (asprintf(&entry, "%s=%s", name, value) < 0)
		return -ENOMEM;
	return strv_append_take(env, entry);
}

static int env_put_entry(char ***env, const char *entry)
{
	const char *eq = strchr(entry, '=');
	__do_free char *name = NULL;

	if (!eq)
		return 0;
	name = strndup(entry, eq - entry);
	if (!name)
		return -ENOMEM;
	return env_set(env, name, eq + 1);
}

static const char *log_level_name(const struct hook_env *ctx)
{
	if (ctx && ctx->log_level)
		return ctx->log_level;
	return lxc_log_level_name(lxc_log_get_level());
}

/* LXC_[NS]_NS=/proc/PID/fd/N for version 1 stop hooks. */
static int env_ns(char ***env, const int *fds)
{
	char path[64];
	int r = 0;

	for (int i = 0; fds && r >= 0 && i < CONF_NS_MAX; i++) {
		if (fds[i] < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)getpid(), fds[i]);
		r = env_set(env, ns_info(i)->env_name, path);
	}
	return r;
}

static int build_env(const struct lxc_conf *conf, const char *section, const char *type_name,
		     int version, const struct hook_env *ctx, char ***ret_env)
{
	static const struct hook_env empty;
	const struct hook_env *c = ctx ? ctx : &empty;
	const char *rootfs_path = c->rootfs_path, *console = c->console;
	const char *logpath = c->console_logpath, *rootfs_mount = c->rootfs_mount;
	__do_free char *default_mount = NULL;
	char **env = strv_dup(environ);
	int r;

	if (!env)
		return -ENOMEM;
	if (conf) {
		rootfs_path = rootfs_path ? rootfs_path : conf->fs.rootfs.path;
		rootfs_mount = rootfs_mount ? rootfs_mount : conf->fs.rootfs.mount;
		/* As LXC: with a rootfs every hook sees its mount point, the default one when
		 * lxc.rootfs.mount is unset. */
		if (!rootfs_mount && rootfs_path && rootfs_mount_point(conf, &default_mount) == 0)
			rootfs_mount = default_mount;
		console = console ? console : conf->proc.console.path;
		logpath = logpath ? logpath : conf->proc.console.logfile;
	}
	r = env_set(&env, "LXC_NAME", c->name);
	if (r >= 0)
		r = env_set(&env, "LXC_CONFIG_FILE", c->config_file);
	if (r >= 0)
		r = env_set(&env, "LXC_ROOTFS_MOUNT", rootfs_mount);
	if (r >= 0)
		r = env_set(&env, "LXC_ROOTFS_PATH", rootfs_path);
	if (r >= 0)
		r = env_set(&env, "LXC_SRC_NAME", c->src_name);
	if (r >= 0)
		r = env_set(&env, "LXC_CONSOLE", console);
	if (r >= 0)
		r = env_set(&env, "LXC_CONSOLE_LOGPATH", logpath);
	if (r >= 0)
		r = env_set(&env, "LXC_TARGET", c->target);
	if (r >= 0)
		r = env_set(&env, "LXC_CGNS_AWARE", "1");
	if (r >= 0)
		r = env_set(&env, "LXC_LOG_LEVEL", log_level_name(c));
	if (r >= 0)
		r = env_set(&env, "LXC_HOOK_VERSION", version ? "1" : "0");
	if (r >= 0 && version) {
		r = env_set(&env, "LXC_HOOK_TYPE", type_name);
		if (r >= 0)
			r = env_set(&env, "LXC_HOOK_SECTION", section);
		if (r >= 0)
			r = env_ns(&env, c->ns_fds);
	}
	for (size_t i = 0; r >= 0 && c->extra_env && c->extra_env[i]; i++)
		r = env_put_entry(&env, c->extra_env[i]);
	if (r < 0) {
		strv_free(env);
		return r;
	}
	*ret_env = env;
	return 0;
}

/* ---- command line ---- */

/* Version 0: COMMAND NAME SECTION TYPE ARGS... NS-ARGS...; version 1: COMMAND ARGS... */
static int build_cmdline(const char *section, const char *type_name, const char *command,
			 int version, const struct hook_env *ctx, char **ret)
{
	struct strbuf sb = {0};
	int r = strbuf_append(&sb, command);

	if (r >= 0 && version == 0) {
		r = append_word(&sb, ctx && ctx->name ? ctx->name : "");
		if (r >= 0)
			r = append_word(&sb, section);
		if (r >= 0)
			r = append_word(&sb, type_name);
	}
	for (size_t i = 0; r >= 0 && ctx && ctx->args && ctx->args[i]; i++)
		r = append_word(&sb, ctx->args[i]);
	for (int i = 0; r >= 0 && version == 0 && ctx && ctx->ns_fds && i < CONF_NS_MAX; i++) {
		char arg[96];

		if (ctx->ns_fds[i] < 0)
			continue;
		snprintf(arg, sizeof(arg), "%s:/proc/%d/fd/%d", ns_info(i)->name, (int)getpid(),
			 ctx->ns_fds[i]);
		r = append_word(&sb, arg);
	}
	if (r < 0) {
		strbuf_free(&sb);
		return r;
	}
	*ret = strbuf_take(&sb);
	return *ret ? 0 : -ENOMEM;
}

/* ---- running ---- */

static void hook_child(const struct hook_run *run, int out_fd)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (out_fd != STDOUT_FILENO && dup2(out_fd, STDOUT_FILENO) < 0)
		_exit(126);
	/* Nothing of ours leaks into the hook beyond stdio. */
	(void)sys_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	execve("/bin/sh", run->argv, run->envp);
	_exit(127);
}

/* Log one chunk of the hook's standard output at DEBUG, line by line. */
static void log_output(const struct hook_run *run, struct strbuf *pending, bool flush)
{
	char *nl;

	while (pending->buf && ((nl = strchr(pending->buf, '\n')) || (flush && pending->len))) {
		size_t len = nl ? (size_t)(nl - pending->buf) : pending->len;

		DEBUG("Script \"%s\" (%s %s) output: %.*s", run->command, run->type_name, run->what,
		      (int)len, pending->buf);
		len = nl ? len + 1 : len;
		memmove(pending->buf, pending->buf + len, pending->len - len + 1);
		pending->len -= len;
	}
}

/* Read the output until EOF, or until the child is gone and nothing more is buffered (a
 * daemon started by the hook may keep the pipe open). Returns the wait status. */
static int collect(const struct hook_run *run, pid_t child, int fd)
{
	struct strbuf pending = {0};
	bool exited = false;
	int status = 0;

	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		char buf[1024];
		ssize_t n;
		int pr = poll(&p, 1, exited ? 0 : 100);

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr > 0) {
			n = read(fd, buf, sizeof(buf));
			if (n > 0) {
				if (strbuf_appendn(&pending, buf, n) >= 0)
					log_output(run, &pending, false);
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			break; /* EOF or error */
		}
		if (exited || pr < 0)
			break;
		if (waitpid(child, &status, WNOHANG) == child)
			exited = true;
	}
	log_output(run, &pending, true);
	strbuf_free(&pending);
	while (!exited && waitpid(child, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return status;
}

static int run_prepared(const struct hook_run *run, struct hook_error *err)
{
	__do_close int rd = -EBADF, wr = -EBADF;
	int pipefd[2], status;
	pid_t child;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		hook_err(err, -errno, -1, "Failed to create a pipe for %s \"%s\": %s", run->what,
			 run->command, strerror(errno));
		return -errno;
	}
	rd = pipefd[0];
	wr = pipefd[1];
	child = fork();
	if (child < 0) {
		int e = errno;

		hook_err(err, -e, -1, "Failed to run \"%s\" %s \"%s\": %s", run->type_name,
			 run->what, run->command, strerror(e));
		return -e;
	}
	if (child == 0)
		hook_child(run, wr);
	close_prot_errno_disarm(wr);
	status = collect(run, child, rd);
	if (status < 0) {
		hook_err(err, status, -1, "Failed to wait for \"%s\" %s \"%s\": %s", run->type_name,
			 run->what, run->command, strerror(-status));
		return status;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		hook_err(err, -EIO, WEXITSTATUS(status),
			 "Failed to run \"%s\" %s \"%s\": exited with status %d", run->type_name,
			 run->what, run->command, WEXITSTATUS(status));
	else
		hook_err(err, -EIO, 128 + WTERMSIG(status),
			 "Failed to run \"%s\" %s \"%s\": killed by signal %d", run->type_name,
			 run->what, run->command, WTERMSIG(status));
	return -EIO;
}

int hook_run_command(const struct lxc_conf *conf, const char *section, const char *type_name,
		     const char *command, int version, const struct hook_env *ctx,
		     struct hook_error *err)
{
	__do_free char *cmdline = NULL;
	struct hook_run run = {
		.what = strcmp(section, "lxc") == 0 ? "hook" : "script",
		.type_name = type_name,
		.command = command,
	};
	int r;

	r = build_cmdline(section, type_name, command, version, ctx, &cmdline);
	if (r >= 0)
		r = build_env(conf, section, type_name, version, ctx, &run.envp);
	if (r < 0) {
		hook_err(err, r, -1, "Failed to prepare \"%s\" %s \"%s\": %s", type_name, run.what,
			 command, strerror(-r));
		return r;
	}
	run.argv[0] = "sh";
	run.argv[1] = "-c";
	run.argv[2] = cmdline;
	run.argv[3] = NULL;
	DEBUG("Running \"%s\" %s: %s", type_name, run.what, cmdline);
	r = run_prepared(&run, err);
	strv_free(run.envp);
	return r;
}

int hooks_run(const struct lxc_conf *conf, enum conf_hook_type type, const struct hook_env *ctx,
	      struct hook_error *err)
{
	char *const *cmds = conf_proc_hooks(&conf->proc, type);
	const char *name = conf_hook_name(type);
	int version = conf->proc.hook_version ? 1 : 0;

	if (!name) {
		hook_err(err, -EINVAL, -1, "Failed to run hooks: invalid hook type %d", (int)type);
		return -EINVAL;
	}
	for (size_t i = 0; cmds && cmds[i]; i++) {
		int r = hook_run_command(conf, "lxc", name, cmds[i], version, ctx, err);

		if (r < 0)
			return r;
	}
	return 0;
}
