/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test driver for the console path end to end, meant to run in a terminal (a tmux pane): a
 * "container" shell on a console pty, the monitor-side proxy (ring buffer, log file, mainloop)
 * and an lxc-console style client on this terminal, connected through a client proxy pty.
 * Usage: term-console-driver LOGFILE RESULTFILE. When the client ends ("Ctrl-a q") the result
 * file gets "client=STATUS", "restored=yes|no" (terminal settings) and "ring=BYTES". */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "config/proc/proc.h"
#include "terminal/proxy_loop.h"

static pid_t client_pid;
static int client_status = -1;

static pid_t spawn_shell(int peer)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	setsid();
	if (ioctl(peer, TIOCSCTTY, 0) < 0)
		_exit(126);
	dup2(peer, 0);
	dup2(peer, 1);
	dup2(peer, 2);
	setenv("PS1", "$ ", 1);
	execl("/bin/sh", "sh", "-i", (char *)NULL);
	_exit(127);
}

static pid_t spawn_client(int ptx, const sigset_t *oldmask)
{
	pid_t pid = fork();
	int r;

	if (pid != 0)
		return pid;
	sigprocmask(SIG_SETMASK, oldmask, NULL);
	r = term_console_client_run(ptx, 0, 1, TERM_ESCAPE_DEFAULT);
	_exit(r == 0 ? 0 : 1);
}

static int sigchld_cb(int fd, uint32_t events, void *data)
{
	struct signalfd_siginfo si;
	int status;

	while (mainloop_read_signal(fd, &si) == 0)
		;
	if (waitpid(client_pid, &status, WNOHANG) == client_pid) {
		client_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		return MAINLOOP_STOP;
	}
	return MAINLOOP_CONTINUE;
}

static bool same_tios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_lflag == b->c_lflag && a->c_cflag == b->c_cflag;
}

int main(int argc, char *argv[])
{
	struct termios before, after;
	struct conf_proc proc;
	struct term_ptys ptys;
	struct term_ringbuf rb;
	struct term_log log;
	struct term_proxy p;
	struct mainloop *loop;
	sigset_t mask, old;
	int sfd, cptx, r;
	pid_t shell;
	FILE *res;

	if (argc != 3 || tcgetattr(0, &before) < 0) {
		fprintf(stderr, "usage: %s LOGFILE RESULTFILE (stdin a terminal)\n", argv[0]);
		return 2;
	}
	conf_proc_init(&proc);
	if (term_ptys_alloc(&proc, -1, &ptys) < 0 || term_ringbuf_init(&rb, 4096) < 0 ||
	    term_log_open(&log, argv[1], 0, false) < 0 || mainloop_new(&loop) < 0)
		return 3;
	shell = spawn_shell(ptys.console.peer);
	term_proxy_init(&p, ptys.console.ptx, &rb, &log);
	if (term_proxy_loop_add(loop, &p) < 0 || term_proxy_loop_attach_client(&p, 1, &cptx) < 0)
		return 4;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sfd = mainloop_signalfd(&mask, &old);
	if (sfd < 0 || mainloop_add(loop, sfd, EPOLLIN, MAINLOOP_OWN_FD, sigchld_cb, NULL, NULL) < 0)
		return 5;
	client_pid = spawn_client(cptx, &old);
	close(cptx);

	r = mainloop_run(loop, -1);
	kill(shell, SIGKILL);
	waitpid(shell, NULL, 0);
	tcgetattr(0, &after);

	res = fopen(argv[2], "we");
	if (!res)
		return 6;
	fprintf(res, "run=%d\nclient=%d\nrestored=%s\nring=%llu\n", r, client_status,
		same_tios(&before, &after) ? "yes" : "no",
		(unsigned long long)term_ringbuf_used(&rb));
	fclose(res);

	term_proxy_loop_remove(&p);
	mainloop_free(loop);
	term_log_close(&log);
	term_ringbuf_free(&rb);
	term_ptys_free(&ptys);
	conf_proc_free(&proc);
	return 0;
}
