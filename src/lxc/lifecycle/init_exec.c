/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Process settings the container init applies to itself after pivot_root: lxc.sysctl.*,
 * lxc.proc.*, lxc.prlimit.*, the capability bounding set (lxc.cap.drop / lxc.cap.keep),
 * lxc.arch, lxc.no_new_privs, lxc.init.uid/gid/groups/cwd, and the environment and argv it
 * execs with. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "lifecycle/monitor.h"

static int write_value(const char *path, const char *value)
{
	__do_close int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	return fd_write_all(fd, value, strlen(value));
}

/* lxc.sysctl.net.ipv4.ip_forward -> /proc/sys/net/ipv4/ip_forward. Done before the rootfs
 * is set up: the host's /proc is still there and writable (lxc.mount.auto proc:mixed makes the
 * container's /proc/sys read-only), and namespaced sysctls act on the writer's namespaces. */
int init_apply_sysctls(const struct lxc_conf *conf, struct lxc_error *err)
{
	const struct conf_kv_list *l = &conf->proc.sysctls;
	char path[4096];
	int ret;

	for (size_t i = 0; i < l->n; i++) {
		snprintf(path, sizeof(path), "/proc/sys/%s", l->items[i].key);
		for (char *p = path + strlen("/proc/sys/"); *p; p++)
			if (*p == '.')
				*p = '/';
		ret = write_value(path, l->items[i].value);
		if (ret < 0)
			return lxc_error_set(err, "sysctl", -ret, "Failed to set \"lxc.sysctl.%s\" "
					     "to \"%s\"", l->items[i].key, l->items[i].value);
	}
	return 0;
}

static int apply_procs(const struct conf_kv_list *l, struct lxc_error *err)
{
	char path[4096];
	int ret;

	for (size_t i = 0; i < l->n; i++) {
		snprintf(path, sizeof(path), "/proc/self/%s", l->items[i].key);
		ret = write_value(path, l->items[i].value);
		if (ret < 0)
			return lxc_error_set(err, "proc", -ret, "Failed to set \"lxc.proc.%s\" to "
					     "\"%s\"", l->items[i].key, l->items[i].value);
	}
	return 0;
}

int init_apply_proc_settings(const struct lxc_conf *conf, struct lxc_error *err)
{
	const struct conf_proc *p = &conf->proc;
	int ret;

	ret = apply_procs(&p->procs, err);
	for (size_t i = 0; ret == 0 && i < p->n_prlimits; i++) {
		if (setrlimit(p->prlimits[i].resource, &p->prlimits[i].limit) < 0)
			ret = lxc_error_set(err, "prlimit", errno, "Failed to set \"lxc.prlimit.%s\"",
					    p->prlimits[i].name);
	}
	return ret;
}

static int last_cap(void)
{
	__do_free char *buf = NULL;
	int last;

	if (file_read_all("/proc/sys/kernel/cap_last_cap", &buf, NULL) < 0 ||
	    str_to_int(str_trim(buf), &last) < 0)
		return CONF_CAP_LAST_KNOWN;
	return last;
}

int init_drop_caps(const struct lxc_conf *conf, struct lxc_error *err)
{
	const struct conf_caps *caps = &conf->sec.caps;
	int last = last_cap();

	if (!caps->keep_set && !caps->drop)
		return 0;
	if (caps->keep_set && caps->drop)
		return lxc_error_set_plain(err, "capabilities", EINVAL, "Failed to set up "
					   "capabilities: lxc.cap.drop and lxc.cap.keep are both set");
	for (int cap = 0; cap <= last && cap < 64; cap++) {
		bool keep = caps->keep_set ? (caps->keep >> cap) & 1 : !((caps->drop >> cap) & 1);

		if (keep)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return lxc_error_set(err, "capabilities", errno,
					     "Failed to drop capability \"%s\"",
					     conf_cap_name(cap) ? conf_cap_name(cap) : "?");
	}
	return 0;
}

/* lxc.arch (personality) and lxc.no_new_privs, the last things before the ids change. */
int init_set_personality_nnp(const struct lxc_conf *conf, struct lxc_error *err)
{
	long pers = conf->proc.personality;

	if (pers != CONF_PERSONALITY_UNSET && personality((unsigned long)pers) < 0)
		return lxc_error_set(err, "personality", errno, "Failed to set personality "
				     "\"%s\"", conf->proc.arch ? conf->proc.arch : "?");
	if (conf->sec.no_new_privs.on && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return lxc_error_set(err, "no_new_privs", errno, "Failed to set no_new_privs");
	return 0;
}

/* lxc.keyring.session (default on): a new anonymous session keyring, so the container does not
 * share the caller's keys. A kernel without keyrings (or a seccomp filter refusing keyctl) is
 * not an error, as with LXC. */
int init_session_keyring(const struct lxc_conf *conf, struct lxc_error *err)
{
	if (!conf_security_keyring_session(&conf->sec))
		return 0;
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) >= 0)
		return 0;
	if (errno == ENOSYS || errno == EACCES || errno == EPERM)
		return 0;
	return lxc_error_set(err, "keyring", errno, "Failed to create a session keyring");
}

int init_set_ids(const struct lxc_conf *conf, struct lxc_error *err)
{
	const struct conf_proc *p = &conf->proc;
	const char *cwd = p->init_cwd ? p->init_cwd : "/";

	if (p->n_init_groups && setgroups(p->n_init_groups, p->init_groups) < 0)
		return lxc_error_set(err, "ids", errno, "Failed to set \"lxc.init.groups\"");
	if (p->init_gid && setresgid(p->init_gid, p->init_gid, p->init_gid) < 0)
		return lxc_error_set(err, "ids", errno, "Failed to set gid %u", p->init_gid);
	if (p->init_uid && setresuid(p->init_uid, p->init_uid, p->init_uid) < 0)
		return lxc_error_set(err, "ids", errno, "Failed to set uid %u", p->init_uid);
	if (chdir(cwd) < 0)
		return lxc_error_set(err, "ids", errno, "Failed to change to directory \"%s\"", cwd);
	return 0;
}

/* "container_ttys=tty1 tty2 ..." (with lxc.tty.dir: "DIR/tty1 ..."). */
static int ttys_env(const struct conf_proc *p, char ***envp)
{
	struct strbuf sb = { 0 };
	int ret = strbuf_append(&sb, "container_ttys=");

	for (unsigned int i = 1; ret == 0 && i <= p->tty_max; i++)
		ret = strbuf_printf(&sb, "%s%s%stty%u", i > 1 ? " " : "",
				    p->tty_dir ? p->tty_dir : "", p->tty_dir ? "/" : "", i);
	if (ret == 0)
		ret = strv_append_take(envp, strbuf_take(&sb));
	strbuf_free(&sb);
	return ret < 0 ? -ENOMEM : 0;
}

int init_build_env(const struct lxc_conf *conf, char ***ret_envp)
{
	char **envp = NULL;
	int ret = strv_append(&envp, "container=lxc");

	if (ret == 0 && conf->proc.tty_max)
		ret = ttys_env(&conf->proc, &envp);
	for (size_t i = 0; ret == 0 && conf->proc.environment && conf->proc.environment[i]; i++)
		ret = strv_append(&envp, conf->proc.environment[i]);
	if (ret == 0 && !envp) /* keep envp non-NULL */
		ret = -ENOMEM;
	if (ret < 0) {
		strv_free(envp);
		return -ENOMEM;
	}
	*ret_envp = envp;
	return 0;
}

static int split_cmd(const char *cmd, char ***ret)
{
	char **v = NULL;
	int err = strv_split(cmd, " \t", &v);

	if (err < 0)
		return err;
	if (!v || !v[0]) {
		strv_free(v);
		return -EINVAL;
	}
	*ret = v;
	return 0;
}

int init_build_argv(const struct monitor *m, char ***ret_argv)
{
	const struct conf_proc *p = &m->conf->proc;
	char **cmd = NULL, **argv = NULL;
	bool execute = m->req.flags & START_EXECUTE;
	int ret = 0;

	if (m->req.argv && m->req.argv[0])
		cmd = strv_dup(m->req.argv);
	else if (execute && p->execute_cmd)
		ret = split_cmd(p->execute_cmd, &cmd);
	else if (execute)
		ret = -EINVAL;
	else
		ret = split_cmd(conf_proc_init_cmd(p), &cmd);
	if (ret < 0 || !cmd)
		return ret < 0 ? ret : -ENOMEM;
	if (!execute) {
		*ret_argv = cmd;
		return 0;
	}
	const char *pre[] = { "lxc-init", "-n", m->req.name, "-P", m->req.lxcpath, "--" };
	for (size_t i = 0; ret == 0 && i < ARRAY_SIZE(pre); i++)
		ret = strv_append(&argv, pre[i]);
	for (size_t i = 0; ret == 0 && cmd[i]; i++)
		ret = strv_append(&argv, cmd[i]);
	strv_free(cmd);
	if (ret < 0) {
		strv_free(argv);
		return ret;
	}
	*ret_argv = argv;
	return 0;
}
