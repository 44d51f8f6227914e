// SPDX-License-Identifier: GPL-2.0
/*
 * sigw MS FILE VALUE - write VALUE to FILE with one write(2) while a
 * SIGALRM (handler installed, no SA_RESTART) arrives MS milliseconds
 * after the write started.
 *
 * Prints the errno name of a failed write (e.g. "EINTR") or "ok", and
 * whether the signal had arrived by the time write(2) returned
 * ("signalled" / "early"), so a test can tell "interrupted" from "the
 * write finished before the signal".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_alarm(int sig)
{
	(void)sig;
	got = 1;
}

int main(int argc, char **argv)
{
	struct itimerval it = { 0 };
	struct sigaction sa = { 0 };
	long ms;
	ssize_t n;
	int fd, err = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: sigw MS FILE VALUE\n");
		return 2;
	}
	ms = strtol(argv[1], NULL, 0);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL))
		return 2;
	fd = open(argv[2], O_WRONLY);
	if (fd < 0) {
		printf("%s early\n", strerrorname_np(errno));
		return 1;
	}
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	if (setitimer(ITIMER_REAL, &it, NULL))
		return 2;
	n = write(fd, argv[3], strlen(argv[3]));
	if (n < 0)
		err = errno;
	printf("%s %s\n", err ? strerrorname_np(err) : "ok",
	       got ? "signalled" : "early");
	close(fd);
	return err ? 1 : 0;
}
