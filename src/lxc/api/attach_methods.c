/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* attach, attach_run_wait and attach_run_waitl: adapters over attach/attach.h. As in LXC,
 * attach_run_wait returns the command's raw wait status (use WEXITSTATUS), or -1 when the
 * process could not be attached. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "api/api.h"
#include "attach/attach.h"
#include "base/cleanup.h"
#include "log/log.h"

lxc_log_define(api);

static int attach(struct lxc_container *c, lxc_attach_exec_t exec_function, void *exec_payload,
		  lxc_attach_options_t *options, pid_t *attached_process)
{
	lxc_attach_options_t defaults = LXC_ATTACH_OPTIONS_DEFAULT;
	struct attach_request req = {
		.exec_function = exec_function,
		.exec_payload = exec_payload,
		.options = options ? options : &defaults,
	};
	char msg[512] = "";
	pid_t pid = -1;
	int ret;

	if (!c || !c->name)
		return -1;
	if (!exec_function || !attached_process) {
		api_error(c, EINVAL, "Failed to attach to container \"%s\": no %s given", c->name,
			  exec_function ? "pid pointer" : "exec function");
		return -1;
	}
	req.lxcpath = c->config_path;
	req.name = c->name;
	req.conf = c->lxc_conf;
	ret = attach_run(&req, &pid, msg, sizeof(msg));
	if (ret < 0) {
		api_error(c, -ret, "%s", msg);
		return -1;
	}
	*attached_process = pid;
	return 0;
}

static int run_wait(struct lxc_container *c, lxc_attach_options_t *options, const char *program,
		    const char *const argv[])
{
	lxc_attach_command_t cmd = { .program = (char *)program, .argv = (char **)argv };
	pid_t pid;
	int status;

	if (!program) {
		if (c)
			api_error(c, EINVAL, "Failed to run command in container \"%s\": no program "
				  "given", c->name);
		return -1;
	}
	if (attach(c, lxc_attach_run_command, &cmd, options, &pid) < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			api_error(c, errno, "Failed to wait for process %d: %s", pid,
				  strerror(errno));
			return -1;
		}
	}
	return status;
}

static int run_waitl(struct lxc_container *c, lxc_attach_options_t *options,
		     const char *program, const char *arg, ...)
{
	__do_free const char **argv = NULL;
	size_t n = 1;
	va_list ap;

	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *))
		n++;
	va_end(ap);
	argv = calloc(n + 1, sizeof(*argv));
	if (!argv) {
		if (c)
			api_error(c, ENOMEM, "Failed to run command in container \"%s\": out of "
				  "memory", c->name);
		return -1;
	}
	n = 0;
	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	return run_wait(c, options, program, argv);
}

void api_install_attach_methods(struct lxc_container *c)
{
	c->attach = attach;
	c->attach_run_wait = run_wait;
	c->attach_run_waitl = run_waitl;
}
