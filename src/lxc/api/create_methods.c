/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods that bring a container into existence or remove it: create/createl (container
 * directory, config, backing store, template run with rollback), destroy,
 * destroy_with_snapshots and rename. A failed create leaves nothing behind. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"
#include "config/system/paths.h"
#include "lifecycle/hooks.h"
#include "log/log.h"
#include "storage/storage.h"
#include "sys/pidfd.h"
#include "sys/process.h"

lxc_log_define(api);

/* Signals that interrupt a template run: forwarded to the template, then create rolls back
 * and raises the signal again for the caller. */
static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Everything one create call works with. */
struct create_ctx {
	struct lxc_container *c;
	const char *t;	       /* the template as given */
	char *tpath;	       /* the executable run */
	char *dir;	       /* LXCPATH/NAME */
	struct lxc_conf *conf; /* the caller's config plus what create adds */
	struct storage_result store;
	bool made_dir;	      /* rollback removes dir */
	bool exists;	      /* the container was already defined */
	int signo;	      /* the signal that interrupted the template, or 0 */
	bool masked;	      /* caller_mask is to be restored */
	sigset_t caller_mask; /* the caller's signal mask before create */
	char why[1024];	      /* the cause, after 'Failed to create container "N": ' */
};

static int ctx_fail(struct create_ctx *x, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int ctx_fail(struct create_ctx *x, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
	return -err;
}

static const char *signal_name(int sig)
{
	static const struct {
		int sig;
		const char *name;
	} names[] = {{SIGINT, "SIGINT"},   {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"},
		     {SIGKILL, "SIGKILL"}, {SIGQUIT, "SIGQUIT"}, {SIGSEGV, "SIGSEGV"},
		     {SIGABRT, "SIGABRT"}, {SIGPIPE, "SIGPIPE"}};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].sig == sig)
			return names[i].name;
	return "signal";
}

/* A template name ("busybox": TEMPLATEDIR/lxc-busybox) or a path to an executable. */
static int resolve_template(struct create_ctx *x)
{
	const char *t = x->t;

	if (strchr(t, '/'))
		x->tpath = strdup(t);
	else if (asprintf(&x->tpath, "%s/lxc-%s", paths_templatedir(), t) < 0)
		x->tpath = NULL;
	if (!x->tpath)
		return ctx_fail(x, ENOMEM, "out of memory");
	if (access(x->tpath, F_OK) < 0)
		return ctx_fail(x, ENOENT, "template \"%s\" not found (no file \"%s\")", t,
				x->tpath);
	if (!file_exists(x->tpath) || dir_exists(x->tpath) || access(x->tpath, X_OK) < 0)
		return ctx_fail(x, EACCES, "template \"%s\" is not an executable file", x->tpath);
	return 0;
}

/* Host uid/gid of container root, -1 when no map covers it. */
static void mapped_root(const struct lxc_conf *conf, long *ret_uid, long *ret_gid)
{
	uint32_t id;

	*ret_uid = *ret_gid = -1;
	if (conf_security_idmap_to_host(&conf->sec, CONF_IDMAP_UID, 0, &id) == 0)
		*ret_uid = id;
	if (conf_security_idmap_to_host(&conf->sec, CONF_IDMAP_GID, 0, &id) == 0)
		*ret_gid = id;
}

static int build_template_argv(struct create_ctx *x, char *const argv[], char ***ret)
{
	__do_free char *path = NULL, *name = NULL, *rootfs = NULL;
	char **v = NULL;
	const char *base = strrchr(x->tpath, '/');
	long uid, gid;
	int r = 0;

	if (asprintf(&path, "--path=%s", x->dir) < 0 ||
	    asprintf(&name, "--name=%s", x->c->name) < 0 ||
	    asprintf(&rootfs, "--rootfs=%s", x->store.source) < 0)
		return -ENOMEM;
	r |= strv_append(&v, base ? base + 1 : x->tpath);
	r |= strv_append(&v, path);
	r |= strv_append(&v, name);
	r |= strv_append(&v, rootfs);
	if (conf_security_has_userns(&x->conf->sec)) {
		char buf[64];

		mapped_root(x->conf, &uid, &gid);
		snprintf(buf, sizeof(buf), "--mapped-uid=%ld", uid);
		r |= strv_append(&v, buf);
		snprintf(buf, sizeof(buf), "--mapped-gid=%ld", gid);
		r |= strv_append(&v, buf);
	}
	for (size_t i = 0; argv && argv[i]; i++)
		r |= strv_append(&v, argv[i]);
	if (r) {
		strv_free(v);
		return -ENOMEM;
	}
	*ret = v;
	return 0;
}

/* In the forked child: only async-signal-safe calls. Reports a failed exec's errno on errfd. */
static __attribute__((noreturn)) void template_child(const char *tpath, char **argv, bool quiet,
						     const sigset_t *mask, int errfd)
{
	int err, fd;

	/* The template's mounts stay out of the host's mount table. */
	if (geteuid() == 0 && unshare(CLONE_NEWNS) == 0)
		(void)mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL);
	umask(022);
	if (quiet) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	(void)sys_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	sigprocmask(SIG_SETMASK, mask, NULL);
	execv(tpath, argv);
	err = errno;
	(void)!write(errfd, &err, sizeof(err));
	_exit(127);
}

/* Wait for the template, forwarding the signals sfd delivers. Returns the wait status. */
static int template_wait(struct create_ctx *x, pid_t pid, int sfd)
{
	__do_close int pidfd = sys_pidfd_open(pid, 0);
	struct signalfd_siginfo si;
	int status;

	for (;;) {
		struct pollfd p[2] = {{.fd = sfd, .events = POLLIN},
				      {.fd = pidfd, .events = POLLIN}};
		int n = poll(p, pidfd >= 0 ? 2 : 1, pidfd >= 0 ? -1 : 100);

		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && (p[0].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si)) {
			kill(pid, (int)si.ssi_signo);
			if (!x->signo)
				x->signo = (int)si.ssi_signo;
		}
		if (pidfd >= 0 && !(p[1].revents & POLLIN))
			continue;
		n = waitpid(pid, &status, pidfd >= 0 ? 0 : WNOHANG);
		if (n == pid)
			return status;
		if (n < 0 && errno != EINTR)
			break;
	}
	return -1;
}

/* Fork and run the template. The interrupt signals are blocked by the caller (create). */
static int run_template(struct create_ctx *x, char *const argv[], bool quiet, int sfd,
			const sigset_t *caller_mask)
{
	__do_close int rfd = -EBADF, wfd = -EBADF;
	char **v = NULL;
	int pipefd[2], status, err = 0;
	pid_t pid;

	if (build_template_argv(x, argv, &v) < 0)
		return ctx_fail(x, ENOMEM, "out of memory");
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		strv_free(v);
		return ctx_fail(x, errno, "failed to create a pipe: %s", strerror(errno));
	}
	rfd = pipefd[0];
	wfd = pipefd[1];
	pid = fork();
	if (pid == 0)
		template_child(x->tpath, v, quiet, caller_mask, wfd);
	err = errno;
	strv_free(v);
	if (pid < 0)
		return ctx_fail(x, err, "failed to fork: %s", strerror(err));
	close_prot_errno_disarm(wfd);
	status = template_wait(x, pid, sfd);
	if (read(rfd, &err, sizeof(err)) == sizeof(err))
		return ctx_fail(x, err, "failed to run template \"%s\": %s", x->tpath,
				strerror(err));
	if (x->signo)
		return ctx_fail(x, EINTR, "interrupted by %s while template \"%s\" was running",
				signal_name(x->signo), x->t);
	if (status == -1)
		return ctx_fail(x, ECHILD, "lost track of template \"%s\"", x->t);
	if (WIFSIGNALED(status))
		return ctx_fail(x, ECANCELED, "template \"%s\" was killed by %s", x->t,
				signal_name(WTERMSIG(status)));
	if (WEXITSTATUS(status) != 0)
		return ctx_fail(x, ECANCELED, "template \"%s\" exited with status %d", x->t,
				WEXITSTATUS(status));
	return 0;
}

/* Block the interrupt signals the caller does not ignore; sfd receives them. */
static int block_interrupts(sigset_t *ret_old, int *ret_sfd)
{
	struct sigaction sa;
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(interrupt_signals); i++)
		if (sigaction(interrupt_signals[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
			sigaddset(&set, interrupt_signals[i]);
	if (pthread_sigmask(SIG_BLOCK, &set, ret_old) != 0)
		return -EINVAL;
	*ret_sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (*ret_sfd < 0) {
		pthread_sigmask(SIG_SETMASK, ret_old, NULL);
		return -errno;
	}
	return 0;
}

/* LXCPATH/NAME, mode 0770; an existing empty directory is taken over. */
static int make_container_dir(struct create_ctx *x)
{
	__do_closedir DIR *d = NULL;
	int r;

	r = mkdir_p(x->c->config_path, 0755);
	if (r < 0)
		return ctx_fail(x, -r, "failed to create lxcpath \"%s\": %s", x->c->config_path,
				strerror(-r));
	if (mkdir(x->dir, 0770) < 0) {
		struct dirent *de;

		if (errno != EEXIST)
			return ctx_fail(x, errno, "failed to create directory \"%s\": %s", x->dir,
					strerror(errno));
		d = opendir(x->dir);
		if (!d)
			return ctx_fail(x, errno, "failed to open directory \"%s\": %s", x->dir,
					strerror(errno));
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				return ctx_fail(x, EEXIST,
						"directory \"%s\" already exists and "
						"is not empty",
						x->dir);
	}
	x->made_dir = true;
	if (chmod(x->dir, 0770) < 0)
		return ctx_fail(x, errno, "failed to set mode of \"%s\": %s", x->dir,
				strerror(errno));
	return 0;
}

/* With id maps, container root owns its directory and rootfs (as LXC does). */
static int chown_mapped(struct create_ctx *x, const char *path)
{
	long uid, gid;

	if (!conf_security_has_userns(&x->conf->sec) || geteuid() != 0)
		return 0;
	mapped_root(x->conf, &uid, &gid);
	if (chown(path, (uid_t)uid, (gid_t)gid) < 0)
		return ctx_fail(x, errno, "failed to give \"%s\" to container root: %s", path,
				strerror(errno));
	return 0;
}

static int make_storage(struct create_ctx *x, const char *bdevtype, struct bdev_specs *specs)
{
	__do_free char *dest = NULL;
	struct storage_error serr = {0};
	struct conf_diag diag = {0};
	int r;

	if (asprintf(&dest, "%s/rootfs", x->dir) < 0) {
		dest = NULL;
		return ctx_fail(x, ENOMEM, "out of memory");
	}
	r = storage_create(bdevtype, dest, specs, &x->store, &serr);
	if (r < 0)
		return ctx_fail(x, -r, "%s", serr.msg);
	r = conf_set_item(x->conf, "lxc.rootfs.path", x->store.rootfs_path, &diag);
	if (r < 0)
		return ctx_fail(x, -r, "failed to set \"lxc.rootfs.path\" to \"%s\": %s",
				x->store.rootfs_path, diag.msg);
	return chown_mapped(x, x->store.source);
}

/* Put LXC's record of the template at the top of the config the template appended to. */
static int record_template(struct create_ctx *x, char *const argv[])
{
	__do_free char *text = NULL;
	struct strbuf sb = {0};
	size_t len;
	int r;

	r = file_read_all(x->c->configfile, &text, &len);
	if (r < 0)
		return ctx_fail(x, -r, "failed to read \"%s\": %s", x->c->configfile, strerror(-r));
	r = strbuf_printf(&sb, "# Template used to create this container: %s\n", x->tpath);
	if (argv) {
		r |= strbuf_append(&sb, "# Parameters passed to the template:");
		for (size_t i = 0; argv[i]; i++) {
			r |= strbuf_append(&sb, " ");
			for (const char *p = argv[i]; *p; p++)
				r |= strbuf_appendn(&sb, *p == '\n' ? " " : p, 1);
		}
		r |= strbuf_append(&sb, "\n");
	}
	r |= strbuf_printf(&sb, "\n%s", text);
	if (r < 0) {
		strbuf_free(&sb);
		return ctx_fail(x, ENOMEM, "out of memory");
	}
	r = file_write_atomic(x->c->configfile, sb.buf, sb.len, 0640);
	strbuf_free(&sb);
	if (r < 0)
		return ctx_fail(x, -r, "failed to write \"%s\": %s", x->c->configfile,
				strerror(-r));
	return 0;
}

/* The config as the template left it, into a fresh conf that replaces the object's. */
static int reload_config(struct create_ctx *x)
{
	__do(conf) struct lxc_conf *fresh = conf_new();
	struct conf_diag diag = {0};
	char msg[1536];
	int r;

	if (!fresh)
		return ctx_fail(x, ENOMEM, "out of memory");
	r = conf_load_file(fresh, x->c->configfile, &diag);
	if (r < 0) {
		conf_diag_format(&diag, msg, sizeof(msg));
		return ctx_fail(x, -r, "invalid config after template \"%s\": %s", x->t, msg);
	}
	api_obj_lock(x->c);
	conf_free(x->c->lxc_conf);
	x->c->lxc_conf = take_ptr(fresh);
	api_obj_unlock(x->c);
	return 0;
}

static void rollback(struct create_ctx *x)
{
	int r;

	/* A store made outside the container directory (--dir) goes through its backend. */
	if (x->store.created && x->store.rootfs_path) {
		r = storage_destroy(x->store.rootfs_path, NULL);
		if (r < 0)
			WARN("Failed to remove rootfs \"%s\" of container \"%s\": %s, ignoring",
			     x->store.source, x->c->name, strerror(-r));
	}
	if (x->made_dir) {
		r = storage_remove_tree(x->dir);
		if (r < 0)
			WARN("Failed to remove \"%s\": %s, ignoring", x->dir, strerror(-r));
	}
}

/* The part under the container lock: check, directory, storage, first config save. */
static int prepare(struct create_ctx *x, const char *bdevtype, struct bdev_specs *specs)
{
	__do_close int lockfd = api_disk_lock(x->c);
	int r;

	if (lockfd < 0)
		DEBUG("Creating container \"%s\" without the container lock: %s", x->c->name,
		      strerror(-lockfd));
	if (file_exists(x->c->configfile)) {
		x->exists = true;
		return ctx_fail(x, EEXIST, "already exists");
	}
	r = make_container_dir(x);
	if (r == 0)
		r = chown_mapped(x, x->dir);
	if (r == 0 && x->t)
		r = make_storage(x, bdevtype, specs);
	if (r < 0)
		return r;
	r = conf_save(x->conf, x->c->configfile);
	if (r < 0)
		return ctx_fail(x, -r, "failed to write \"%s\": %s", x->c->configfile,
				strerror(-r));
	return 0;
}

static int create_checks(struct create_ctx *x, const char *bdevtype, int flags)
{
	const struct storage_ops *ops;

	if (flags & ~LXC_CREATE_QUIET)
		return ctx_fail(x, EINVAL, "invalid flags 0x%x", (unsigned int)flags);
	if (!x->t)
		return 0;
	ops = storage_by_name(bdevtype);
	if (!ops)
		return ctx_fail(x, EINVAL, "invalid backing store \"%s\"", bdevtype);
	if (!ops->implemented)
		return ctx_fail(x, EOPNOTSUPP, "backing store \"%s\" is not supported yet",
				ops->name);
	return resolve_template(x);
}

static int do_create(struct create_ctx *x, const char *bdevtype, struct bdev_specs *specs,
		     int flags, char *const argv[])
{
	int r, sfd = -EBADF;

	r = create_checks(x, bdevtype, flags);
	if (r < 0)
		return r;
	api_obj_lock(x->c);
	x->conf = conf_clone(x->c->lxc_conf);
	api_obj_unlock(x->c);
	if (!x->conf)
		return ctx_fail(x, ENOMEM, "out of memory");
	r = prepare(x, bdevtype, specs);
	if (r < 0) {
		if (!x->exists)
			rollback(x);
		return r;
	}
	if (!x->t)
		return reload_config(x);

	r = block_interrupts(&x->caller_mask, &sfd);
	if (r < 0) {
		rollback(x);
		return ctx_fail(x, -r, "failed to set up signal handling: %s", strerror(-r));
	}
	x->masked = true;
	r = run_template(x, argv, flags & LXC_CREATE_QUIET, sfd, &x->caller_mask);
	if (r == 0)
		r = record_template(x, argv);
	if (r == 0)
		r = reload_config(x);
	if (r < 0)
		rollback(x);
	close(sfd);
	return r;
}

static bool create(struct lxc_container *c, const char *t, const char *bdevtype,
		   struct bdev_specs *specs, int flags, char *const argv[])
{
	/* "none", as lxc-create -t none: no template and no rootfs. */
	struct create_ctx x = {.c = c, .t = t && strcmp(t, "none") ? t : NULL};
	int r;

	if (!c)
		return false;
	if (asprintf(&x.dir, "%s/%s", c->config_path, c->name) < 0) {
		api_error(c, ENOMEM, "Failed to create container \"%s\": out of memory", c->name);
		return false;
	}
	r = do_create(&x, bdevtype, specs, flags, argv);
	if (x.exists)
		api_error(c, EEXIST, "Container \"%s\" already exists", c->name);
	else if (r < 0)
		api_error(c, -r, "Failed to create container \"%s\": %s", c->name, x.why);
	/* The caller gets the interrupting signal back once everything is cleaned up. */
	if (x.signo)
		raise(x.signo);
	if (x.masked)
		pthread_sigmask(SIG_SETMASK, &x.caller_mask, NULL);
	conf_free(x.conf);
	storage_result_free(&x.store);
	free(x.tpath);
	free(x.dir);
	return r == 0;
}

static bool createl(struct lxc_container *c, const char *t, const char *bdevtype,
		    struct bdev_specs *specs, int flags, ...)
{
	char *empty[] = {NULL};
	char **argv = NULL;
	const char *arg;
	va_list ap;
	bool ret;

	va_start(ap, flags);
	while ((arg = va_arg(ap, const char *))) {
		if (strv_append(&argv, arg) < 0) {
			va_end(ap);
			strv_free(argv);
			if (c)
				api_error(c, ENOMEM,
					  "Failed to create container \"%s\": out of memory",
					  c->name);
			return false;
		}
	}
	va_end(ap);
	ret = create(c, t, bdevtype, specs, flags, argv ? argv : empty);
	strv_free(argv);
	return ret;
}

/* ---- destroy ---- */

static int run_destroy_hooks(struct lxc_container *c, const struct lxc_conf *conf)
{
	struct hook_env env = {.name = c->name, .config_file = c->configfile};
	struct hook_error herr = {0};
	int r;

	if (!conf_proc_hooks(&conf->proc, CONF_HOOK_DESTROY))
		return 0;
	r = hooks_run(conf, CONF_HOOK_DESTROY, &env, &herr);
	if (r < 0)
		return api_error(c, -r, "Failed to destroy container \"%s\": %s", c->name,
				 herr.msg[0] ? herr.msg : strerror(-r));
	return 0;
}

/* After the container is gone the object holds an empty config, as for a new name. */
static void reset_config(struct lxc_container *c)
{
	struct lxc_conf *fresh = conf_new();

	if (!fresh)
		return;
	api_obj_lock(c);
	conf_free(c->lxc_conf);
	c->lxc_conf = fresh;
	api_obj_unlock(c);
}

/* Shared checks of destroy and rename: defined, not running. */
static int check_stopped(struct lxc_container *c, const char *verb)
{
	if (!c->configfile || !file_exists(c->configfile))
		return api_error(c, ENOENT, "Failed to %s container \"%s\": it is not defined",
				 verb, c->name);
	if (c->is_running && c->is_running(c))
		return api_error(c, EBUSY, "Container \"%s\" is running; stop it first", c->name);
	return 0;
}

static int do_destroy(struct lxc_container *c)
{
	__do_free char *dir = NULL;
	__do(conf) struct lxc_conf *conf = NULL;
	__do_close int lockfd = -EBADF;
	struct storage_error serr = {0};
	int r;

	r = check_stopped(c, "destroy");
	if (r < 0)
		return r;
	if (asprintf(&dir, "%s/%s", c->config_path, c->name) < 0) {
		dir = NULL;
		return api_error(c, ENOMEM, "Failed to destroy container \"%s\": out of memory",
				 c->name);
	}
	lockfd = api_disk_lock(c);
	api_obj_lock(c);
	conf = conf_clone(c->lxc_conf);
	api_obj_unlock(c);
	if (!conf)
		return api_error(c, ENOMEM, "Failed to destroy container \"%s\": out of memory",
				 c->name);
	r = run_destroy_hooks(c, conf);
	if (r < 0)
		return r;
	if (conf->fs.rootfs.path && conf->fs.rootfs.managed) {
		r = storage_destroy(conf->fs.rootfs.path, &serr);
		if (r < 0)
			return api_error(c, -r, "Failed to destroy container \"%s\": %s", c->name,
					 serr.msg);
	}
	r = storage_remove_tree(dir);
	if (r < 0)
		return api_error(c, -r,
				 "Failed to destroy container \"%s\": failed to remove "
				 "\"%s\": %s",
				 c->name, dir,
				 r == -EBUSY ? "a file system is still mounted below it"
					     : strerror(-r));
	reset_config(c);
	return 0;
}

static bool destroy(struct lxc_container *c)
{
	return c && do_destroy(c) == 0;
}

/* No snapshots exist in this build, so this is destroy. */
static bool destroy_with_snapshots(struct lxc_container *c)
{
	return destroy(c);
}

/* ---- rename ---- */

/* Keys whose value names a file below the container directory. */
static const char *const path_keys[] = {
	"lxc.rootfs.path",
	"lxc.mount.fstab",
	"lxc.log.file",
	"lxc.console.logfile",
};

/* VALUE or TYPE:VALUE starting with olddir/ (or equal to it) becomes the same under newdir. */
static int move_path_key(struct lxc_conf *conf, const char *key, const char *olddir,
			 const char *newdir)
{
	__do_free char *value = NULL;
	struct strbuf sb = {0};
	struct conf_diag diag = {0};
	size_t n = strlen(olddir), skip = 0;
	const char *colon;
	int r;

	if (conf_get_item(conf, key, &sb) < 0 || sb.len == 0) {
		strbuf_free(&sb);
		return 0;
	}
	colon = strchr(sb.buf, ':');
	if (sb.buf[0] != '/' && colon)
		skip = (size_t)(colon - sb.buf) + 1;
	if (strncmp(sb.buf + skip, olddir, n) != 0 ||
	    (sb.buf[skip + n] != '/' && sb.buf[skip + n] != '\0')) {
		strbuf_free(&sb);
		return 0;
	}
	r = asprintf(&value, "%.*s%s%s", (int)skip, sb.buf, newdir, sb.buf + skip + n);
	strbuf_free(&sb);
	if (r < 0) {
		value = NULL;
		return -ENOMEM;
	}
	return conf_set_item(conf, key, value, &diag);
}

/* Like LXC, a renamed container's hostname follows its name, in the config and in the
 * rootfs's /etc/hostname if that file exists. Neither "etc" nor "hostname" may be a symlink,
 * so the write cannot leave the rootfs. */
static void update_etc_hostname(const struct lxc_conf *conf, const char *newname)
{
	__do_free char *root = NULL;
	__do_close int rootfd = -EBADF, etcfd = -EBADF, fd = -EBADF;
	struct stat st;

	if (!conf->fs.rootfs.path || storage_mount_source(conf->fs.rootfs.path, &root, NULL) < 0)
		return;
	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return;
	etcfd = openat(rootfd, "etc", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (etcfd < 0)
		return;
	fd = openat(etcfd, "hostname", O_WRONLY | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	if (fd_write_all(fd, newname, strlen(newname)) < 0 || fd_write_all(fd, "\n", 1) < 0)
		WARN("Failed to write the new hostname to \"%s/etc/hostname\", ignoring", root);
}

static int rename_fail(struct lxc_container *c, int err, const char *newname, const char *why)
{
	return api_error(c, err, "Failed to rename container \"%s\" to \"%s\": %s", c->name,
			 newname, why);
}

static int do_rename(struct lxc_container *c, const char *newname)
{
	__do_free char *olddir = NULL, *newdir = NULL, *newconfig = NULL;
	__do(conf) struct lxc_conf *conf = NULL;
	__do_close int lockfd = -EBADF;
	struct conf_diag diag = {0};
	struct stat st;
	char msg[512];
	int r = 0;

	if (api_check_name(newname, msg, sizeof(msg)) < 0)
		return api_error(c, EINVAL, "%s", msg);
	r = check_stopped(c, "rename");
	if (r < 0)
		return r;
	if (asprintf(&olddir, "%s/%s", c->config_path, c->name) < 0 ||
	    asprintf(&newdir, "%s/%s", c->config_path, newname) < 0 ||
	    asprintf(&newconfig, "%s/config", newdir) < 0)
		return rename_fail(c, ENOMEM, newname, "out of memory");
	if (lstat(newdir, &st) == 0)
		return api_error(c, EEXIST, "Container \"%s\" already exists", newname);
	lockfd = api_disk_lock(c);
	api_obj_lock(c);
	conf = conf_clone(c->lxc_conf);
	api_obj_unlock(c);
	if (!conf)
		return rename_fail(c, ENOMEM, newname, "out of memory");
	for (size_t i = 0; i < ARRAY_SIZE(path_keys) && r == 0; i++)
		r = move_path_key(conf, path_keys[i], olddir, newdir);
	if (r == 0)
		r = conf_set_item(conf, "lxc.uts.name", newname, &diag);
	if (r < 0)
		return rename_fail(c, -r, newname, diag.msg[0] ? diag.msg : strerror(-r));
	if (renameat2(AT_FDCWD, olddir, AT_FDCWD, newdir, RENAME_NOREPLACE) < 0)
		return rename_fail(c, errno, newname, strerror(errno));
	r = conf_save(conf, newconfig);
	if (r < 0) {
		if (rename(newdir, olddir) < 0)
			WARN("Failed to move \"%s\" back to \"%s\": %s", newdir, olddir,
			     strerror(errno));
		return rename_fail(c, -r, newname, strerror(-r));
	}
	update_etc_hostname(conf, newname);
	reset_config(c);
	return 0;
}

static bool rename_container(struct lxc_container *c, const char *newname)
{
	return c && do_rename(c, newname) == 0;
}

void api_install_create_methods(struct lxc_container *c)
{
	c->create = create;
	c->createl = createl;
	c->destroy = destroy;
	c->destroy_with_snapshots = destroy_with_snapshots;
	c->rename = rename_container;
}
