// SPDX-License-Identifier: GPL-2.0
/*
 * sysw FILE VALUE - write VALUE to FILE with a single write(2).
 *
 * On failure print the errno name (e.g. "EDQUOT") on stdout and exit 1, so
 * shell tests can assert the exact error a sysfs or configfs store returned.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len;
	ssize_t n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: sysw FILE VALUE\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	len = strlen(argv[2]);
	n = write(fd, argv[2], len);
	if (n < 0) {
		printf("%s\n", strerrorname_np(errno));
		close(fd);
		return 1;
	}
	if (close(fd) < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	return (size_t)n == len ? 0 : 1;
}
