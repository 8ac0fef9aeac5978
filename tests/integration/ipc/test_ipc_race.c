/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Integration test for ipc/: many monitors racing for one container's command socket (exactly
 * one wins, the rest get -EADDRINUSE), then many concurrent clients against the winner while
 * a state client sees every broadcast in order. Plain C, exit status 0 = pass. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/commands.h"
#include "mainloop/mainloop.h"

#define RACERS	12
#define CLIENTS 16
#define CALLS	40
#define NAME	"race"
#define WAIT_S	30

static char lxcpath[128];
static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                       \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

struct srv {
	struct mainloop *loop;
	struct cmd_server *server;
	int pushes;
};

/* STOP: push the remaining states, then end the loop. */
static int op_stop(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	struct srv *s = data;

	cmd_server_broadcast_state(s->server, LXC_STATE_STOPPING);
	cmd_server_broadcast_state(s->server, LXC_STATE_STOPPED);
	mainloop_stop(s->loop);
	return 0;
}

/* FREEZE/UNFREEZE stand-ins that broadcast, so pushes interleave with client traffic. */
static int op_freeze(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	struct srv *s = data;

	cmd_server_broadcast_state(s->server, LXC_STATE_FROZEN);
	return 0;
}

static int op_unfreeze(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	struct srv *s = data;

	cmd_server_broadcast_state(s->server, LXC_STATE_RUNNING);
	return 0;
}

static const struct cmd_server_ops ops = {
	.stop = op_stop,
	.freeze = op_freeze,
	.unfreeze = op_unfreeze,
};

/* A racer: wait for the start gun, try to open, report; the winner serves until STOP. */
static void racer(int gun, int report)
{
	struct srv s = {};
	int err, msg[2];
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (mainloop_new(&s.loop) < 0)
		_exit(2);
	if (read(gun, &c, 1) != 0) /* EOF is the start signal */
		_exit(2);
	err = cmd_server_open(lxcpath, NAME, s.loop, &ops, &s, &s.server);
	if (err == 0)
		cmd_server_broadcast_state(s.server, LXC_STATE_RUNNING);
	msg[0] = (int)getpid();
	msg[1] = err;
	if (write(report, msg, sizeof(msg)) != sizeof(msg))
		_exit(2);
	if (err < 0)
		_exit(err == -EADDRINUSE ? 0 : 1);
	err = mainloop_run(s.loop, -1);
	cmd_server_close(s.server);
	mainloop_free(s.loop);
	_exit(err == 0 ? 0 : 3);
}

static pid_t race(void)
{
	int gun[2], rep[2], winners = 0, losers = 0;
	pid_t pids[RACERS], winner = -1;

	if (pipe2(gun, O_CLOEXEC) < 0 || pipe2(rep, O_CLOEXEC) < 0)
		return -1;
	for (int i = 0; i < RACERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(gun[1]);
			close(rep[0]);
			racer(gun[0], rep[1]);
		}
	}
	close(gun[0]);
	close(rep[1]);
	close(gun[1]); /* go */
	for (int i = 0; i < RACERS; i++) {
		int msg[2];

		if (read(rep[0], msg, sizeof(msg)) != sizeof(msg))
			break;
		if (msg[1] == 0) {
			winners++;
			winner = msg[0];
		} else if (msg[1] == -EADDRINUSE) {
			losers++;
		}
	}
	close(rep[0]);
	CHECK(winners == 1, "%d winners, expected exactly 1", winners);
	CHECK(losers == RACERS - 1, "%d losers with EADDRINUSE, expected %d", losers, RACERS - 1);
	for (int i = 0; i < RACERS; i++) {
		int status;

		if (pids[i] == winner)
			continue;
		waitpid(pids[i], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "loser %d failed", i);
	}
	return winner;
}

static void clients(void)
{
	pid_t pids[CLIENTS];

	for (int i = 0; i < CLIENTS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			for (int n = 0; n < CALLS; n++) {
				int st = cmd_get_state(lxcpath, NAME, WAIT_S);

				if (st != LXC_STATE_RUNNING && st != LXC_STATE_FROZEN)
					_exit(1);
				if (cmd_reboot(lxcpath, NAME, WAIT_S) != -ENOSYS)
					_exit(2);
			}
			_exit(0);
		}
	}
	for (int i = 0; i < CLIENTS; i++) {
		int status = 0;

		waitpid(pids[i], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "client %d: status %d", i,
		      status);
	}
}

/* One state client sees FROZEN, RUNNING (x rounds) then STOPPING, STOPPED, then EOF. */
static void states(void)
{
	enum lxc_state st = LXC_STATE_MAX;
	int fd = -1, rounds = 5;

	CHECK(cmd_add_state_client(lxcpath, NAME, WAIT_S, &fd, &st) == 0, "add state client");
	CHECK(st == LXC_STATE_RUNNING, "initial state %d", st);
	for (int i = 0; i < rounds; i++) {
		CHECK(cmd_freeze(lxcpath, NAME, 1, WAIT_S) == 0, "freeze");
		CHECK(cmd_unfreeze(lxcpath, NAME, 1, WAIT_S) == 0, "unfreeze");
	}
	clients();
	CHECK(cmd_stop(lxcpath, NAME, WAIT_S) == 0, "stop");
	for (int i = 0; i < rounds; i++) {
		CHECK(cmd_state_client_next(fd, WAIT_S * 1000, &st) == 0 && st == LXC_STATE_FROZEN,
		      "push %d: %d", 2 * i, st);
		CHECK(cmd_state_client_next(fd, WAIT_S * 1000, &st) == 0 && st == LXC_STATE_RUNNING,
		      "push %d: %d", 2 * i + 1, st);
	}
	CHECK(cmd_state_client_next(fd, WAIT_S * 1000, &st) == 0 && st == LXC_STATE_STOPPING,
	      "STOPPING push");
	CHECK(cmd_state_client_next(fd, WAIT_S * 1000, &st) == 0 && st == LXC_STATE_STOPPED,
	      "STOPPED push");
	CHECK(cmd_state_client_next(fd, WAIT_S * 1000, &st) == CMD_NOT_RUNNING, "EOF at exit");
	close(fd);
}

int main(void)
{
	char tmpl[] = "/tmp/lxc-test-ipc-XXXXXX";
	pid_t winner;
	int status;

	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(lxcpath, sizeof(lxcpath), "%s", tmpl);
	winner = race();
	if (winner > 0) {
		states();
		CHECK(waitpid(winner, &status, 0) == winner && WIFEXITED(status) &&
			      WEXITSTATUS(status) == 0,
		      "winner exit status %d", status);
		CHECK(cmd_get_state(lxcpath, NAME, WAIT_S) == CMD_NOT_RUNNING, "not running after");
		/* The name is free again: a new monitor can start. */
		winner = race();
		if (winner > 0) {
			CHECK(cmd_stop(lxcpath, NAME, WAIT_S) == 0, "second stop");
			waitpid(winner, &status, 0);
		}
	} else {
		CHECK(0, "no winner");
	}
	rmdir(lxcpath);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
