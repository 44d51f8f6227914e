// SPDX-License-Identifier: GPL-2.0
/*
 * ptyrun LOG CMD [ARG...]: run CMD with its stdin, stdout and stderr on a
 * pseudo-terminal (what script(1) does; busybox has none), copy everything
 * it writes there to LOG, and exit with CMD's exit status (128 + signal if
 * a signal ended it). For tests of what a program does on a terminal.
 * Needs devpts mounted on /dev/pts.
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int copy_out(int master, int log)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(master, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)	/* EIO: the child closed the terminal */
			return 0;
		if (write(log, buf, (size_t)n) != n)
			return -1;
	}
}

int main(int argc, char **argv)
{
	int master, log, status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun LOG CMD [ARG...]\n");
		return 2;
	}
	log = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (log < 0) {
		perror(argv[1]);
		return 2;
	}
	pid = forkpty(&master, NULL, NULL, NULL);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (!pid) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (copy_out(master, log))
		perror("write");
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("waitpid");
			return 2;
		}
	close(log);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
