/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Benchmark timer: runs one or more commands in sequence (separated by a ";" argument) and prints
 * the wall-clock milliseconds they took together, so the shell's own fork/exec stays out of the
 * figure. Children's stdout goes to /dev/null. Exit status: 0, or 1 if a command failed (the
 * rest of the sequence is then skipped). Usage: bench-time CMD [ARGS] [";" CMD [ARGS] ...]. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Run argv (NULL-terminated) to completion; returns its wait status or -errno. */
static int run(char **argv, int devnull)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		dup2(devnull, STDOUT_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "bench-time: Failed to execute \"%s\": %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return status;
}

int main(int argc, char **argv)
{
	int devnull, failed = 0, i, start = 1;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "Usage: bench-time CMD [ARGS] [\";\" CMD [ARGS] ...]\n");
		return 2;
	}
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("bench-time: Failed to open \"/dev/null\"");
		return 2;
	}
	t0 = now_ms();
	for (i = 1; i <= argc && !failed; i++) {
		if (i < argc && strcmp(argv[i], ";") != 0)
			continue;
		argv[i] = NULL; /* argv[argc] is NULL already */
		if (i > start) {
			int status = run(argv + start, devnull);

			if (status != 0) {
				fprintf(stderr, "bench-time: \"%s\" failed (status %d)\n",
					argv[start], status);
				failed = 1;
			}
		}
		start = i + 1;
	}
	printf("%.3f\n", now_ms() - t0);
	return failed;
}
