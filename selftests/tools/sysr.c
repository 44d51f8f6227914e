// SPDX-License-Identifier: GPL-2.0
/*
 * sysr FILE - open FILE read-only and read it with one read(2).
 *
 * Prints what was read; on failure prints the errno name of the open or
 * the read (e.g. "EPERM", "EUCLEAN") and exits 1, so shell tests can
 * assert errors that cat cannot report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: sysr FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf));
	if (n < 0) {
		printf("%s\n", strerrorname_np(errno));
		close(fd);
		return 1;
	}
	fwrite(buf, 1, n, stdout);
	close(fd);
	return 0;
}
