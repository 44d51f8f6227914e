// SPDX-License-Identifier: GPL-2.0
/*
 * tns [-q] CMD [ARG...] - run CMD and print how long it took.
 *
 * Prints "tns ns=<elapsed> rc=<exit status>" on stdout once CMD has exited,
 * measured with CLOCK_MONOTONIC around fork/exec/wait (busybox date has no
 * %N, and forking date twice would add its own cost to every figure).
 * -q sends CMD's stdout to /dev/null (its stderr is kept). Exits with CMD's
 * status (128 + signal if it was killed).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int quiet = 0, st, rc;
	long long t0, t1;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "-q")) {
		quiet = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: tns [-q] CMD [ARG...]\n");
		return 2;
	}
	fflush(stdout);
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("tns: fork");
		return 2;
	}
	if (!pid) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0)
				dup2(fd, 1);
		}
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0) {
		perror("tns: waitpid");
		return 2;
	}
	t1 = now_ns();
	rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	printf("tns ns=%lld rc=%d\n", t1 - t0, rc);
	return rc;
}
