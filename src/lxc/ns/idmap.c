/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.idmap applied to a child's user namespace: map text, direct writes of
 * /proc/PID/{uid_map,setgroups,gid_map}, the newuidmap/newgidmap path for unprivileged
 * callers, and id translation between the container and the host. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "log/log.h"
#include "ns/idmap.h"

lxc_log_define(idmap);

struct map_kind {
	const char *proc_file; /* "uid_map" */
	const char *helper;    /* "newuidmap" */
};

static const struct map_kind map_kinds[] = {
	[CONF_IDMAP_UID] = {"uid_map", "newuidmap"},
	[CONF_IDMAP_GID] = {"gid_map", "newgidmap"},
};

static void msg_set(char *msg, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void msg_set(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !size)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
}

int ns_idmap_text(const struct conf_security *sec, enum conf_idmap_type type, struct strbuf *out)
{
	int n = 0;

	for (size_t i = 0; i < sec->n_idmap; i++) {
		const struct conf_idmap *e = &sec->idmap[i];
		int r;

		if (e->type != type)
			continue;
		r = strbuf_printf(out, "%u %u %u\n", e->nsid, e->hostid, e->range);
		if (r < 0)
			return r;
		n++;
	}
	return n;
}

static int strv_append_u32(char ***v, uint32_t n)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", n);
	return strv_append(v, buf);
}

int ns_idmap_helper_argv(const struct conf_security *sec, enum conf_idmap_type type, pid_t pid,
			 char ***ret_argv)
{
	char **argv = NULL;
	size_t n = 0;
	int r;

	r = strv_append(&argv, map_kinds[type].helper);
	if (r >= 0)
		r = strv_append_u32(&argv, (uint32_t)pid);
	for (size_t i = 0; r >= 0 && i < sec->n_idmap; i++) {
		const struct conf_idmap *e = &sec->idmap[i];

		if (e->type != type)
			continue;
		n++;
		r = strv_append_u32(&argv, e->nsid);
		if (r >= 0)
			r = strv_append_u32(&argv, e->hostid);
		if (r >= 0)
			r = strv_append_u32(&argv, e->range);
	}
	if (r >= 0 && n == 0)
		r = -ENOENT;
	if (r < 0) {
		strv_free(argv);
		return r;
	}
	*ret_argv = argv;
	return 0;
}

/* The maps of type are exactly one line mapping one id to id. */
static bool single_self_map(const struct conf_security *sec, enum conf_idmap_type type, uint32_t id)
{
	size_t n = 0;
	bool self = false;

	for (size_t i = 0; i < sec->n_idmap; i++) {
		const struct conf_idmap *e = &sec->idmap[i];

		if (e->type != type)
			continue;
		n++;
		self = e->hostid == id && e->range == 1;
	}
	return n <= 1 && (n == 0 || self);
}

bool ns_idmap_needs_helper(const struct conf_security *sec)
{
	if (geteuid() == 0)
		return false;
	return !single_self_map(sec, CONF_IDMAP_UID, geteuid()) ||
	       !single_self_map(sec, CONF_IDMAP_GID, getegid());
}

static int write_proc(pid_t pid, const char *file, const char *text, char *msg, size_t size)
{
	__do_close int fd = -EBADF;
	char path[64];
	size_t len = strlen(text);
	ssize_t w;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	/* The map files take the whole text in one write. */
	w = write(fd, text, len);
	if (w == (ssize_t)len)
		return 0;
	if (w >= 0)
		errno = EIO;
fail:
	msg_set(msg, size, "Failed to write \"%s\": %s", path, strerror(errno));
	return -errno;
}

/* Search PATH for an executable; 0 and the full path in buf, or -ENOENT. */
static int find_in_path(const char *prog, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	const char *p;

	if (!path || !*path)
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	for (p = path; *p;) {
		size_t len = strcspn(p, ":");

		if (len > 0 && (size_t)snprintf(buf, size, "%.*s/%s", (int)len, p, prog) < size &&
		    access(buf, X_OK) == 0)
			return 0;
		p += len;
		if (*p == ':')
			p++;
	}
	return -ENOENT;
}

static int wait_helper(pid_t child, const char *helper, char *msg, size_t size)
{
	int status;

	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR) {
			msg_set(msg, size, "Failed to wait for \"%s\": %s", helper,
				strerror(errno));
			return -errno;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		msg_set(msg, size, "Failed to run \"%s\": exited with status %d", helper,
			WEXITSTATUS(status));
	else
		msg_set(msg, size, "Failed to run \"%s\": killed by signal %d", helper,
			WTERMSIG(status));
	return -EPERM;
}

static int run_helper(const struct conf_security *sec, enum conf_idmap_type type, pid_t pid,
		      char *msg, size_t size)
{
	const char *helper = map_kinds[type].helper;
	char **argv = NULL;
	char path[4096];
	pid_t child;
	int r;

	if (find_in_path(helper, path, sizeof(path)) < 0) {
		msg_set(msg, size, "Failed to find \"%s\": install the \"uidmap\" package", helper);
		return -ENOENT;
	}
	r = ns_idmap_helper_argv(sec, type, pid, &argv);
	if (r == -ENOENT)
		return 0; /* nothing to map for this type */
	if (r < 0)
		return r;
	child = fork();
	if (child < 0) {
		r = -errno;
		strv_free(argv);
		msg_set(msg, size, "Failed to fork \"%s\": %s", helper, strerror(-r));
		return r;
	}
	if (child == 0) {
		execv(path, argv);
		_exit(127);
	}
	strv_free(argv);
	return wait_helper(child, helper, msg, size);
}

static int write_direct(const struct conf_security *sec, enum conf_idmap_type type, pid_t pid,
			char *msg, size_t size)
{
	struct strbuf text = {0};
	int r;

	r = ns_idmap_text(sec, type, &text);
	if (r > 0)
		r = write_proc(pid, map_kinds[type].proc_file, text.buf, msg, size);
	strbuf_free(&text);
	return r < 0 ? r : 0;
}

int ns_idmap_write(pid_t pid, const struct conf_security *sec, char *msg, size_t msg_size)
{
	int r;

	if (!ns_idmap_needs_helper(sec)) {
		/* Unprivileged writers may only set a gid map after denying setgroups. */
		if (geteuid() != 0) {
			r = write_proc(pid, "setgroups", "deny", msg, msg_size);
			if (r < 0)
				return r;
		}
		r = write_direct(sec, CONF_IDMAP_UID, pid, msg, msg_size);
		if (r >= 0)
			r = write_direct(sec, CONF_IDMAP_GID, pid, msg, msg_size);
		return r;
	}
	DEBUG("Running newuidmap/newgidmap for process %d", (int)pid);
	r = run_helper(sec, CONF_IDMAP_UID, pid, msg, msg_size);
	if (r >= 0)
		r = run_helper(sec, CONF_IDMAP_GID, pid, msg, msg_size);
	return r;
}

int ns_idmap_to_host(const struct conf_security *sec, enum conf_idmap_type type, uint32_t nsid,
		     uint32_t *ret_hostid)
{
	if (!conf_security_has_userns(sec)) {
		*ret_hostid = nsid;
		return 0;
	}
	return conf_security_idmap_to_host(sec, type, nsid, ret_hostid);
}

int ns_idmap_to_ns(const struct conf_security *sec, enum conf_idmap_type type, uint32_t hostid,
		   uint32_t *ret_nsid)
{
	if (!conf_security_has_userns(sec)) {
		*ret_nsid = hostid;
		return 0;
	}
	return conf_security_idmap_to_ns(sec, type, hostid, ret_nsid);
}

int ns_idmap_root_uid(const struct conf_security *sec, uid_t *ret_uid)
{
	uint32_t id;
	int r;

	r = ns_idmap_to_host(sec, CONF_IDMAP_UID, 0, &id);
	if (r < 0)
		return r;
	*ret_uid = (uid_t)id;
	return 0;
}

int ns_idmap_root_gid(const struct conf_security *sec, gid_t *ret_gid)
{
	uint32_t id;
	int r;

	r = ns_idmap_to_host(sec, CONF_IDMAP_GID, 0, &id);
	if (r < 0)
		return r;
	*ret_gid = (gid_t)id;
	return 0;
}
