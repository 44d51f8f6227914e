// SPDX-License-Identifier: GPL-2.0
/*
 * uevlisten FILE - append every kernel uevent to FILE as one line
 * "ACTION DEVPATH DRIVER" (DRIVER "-" when the event has none), until
 * killed.
 *
 * What busybox's uevent applet cannot promise a test: it forks a handler
 * per event, so a loaded TCG guest falls behind the kernel's sends, and a
 * full socket buffer drops events without a word. This one writes each
 * line itself, asks for an 8 MiB buffer (SO_RCVBUFFORCE, root) and, if the
 * kernel still drops events (ENOBUFS), writes a line "overflow - -" so a
 * test that finds an event missing can tell why.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RCVBUF	(8 << 20)

/* The value of KEY= in the NUL-separated message, or NULL. */
static const char *uev_get(const char *msg, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *p = msg, *end = msg + len;

	while (p < end) {
		size_t n = strnlen(p, end - p);

		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return p + klen + 1;
		p += n + 1;
	}
	return NULL;
}

static int uev_line(int out, const char *msg, size_t len)
{
	const char *act = uev_get(msg, len, "ACTION");
	const char *path = uev_get(msg, len, "DEVPATH");
	const char *drv = uev_get(msg, len, "DRIVER");
	char line[1024];
	int n;

	if (!act || !path)
		return 0;	/* not a kernel uevent (udev's own) */
	n = snprintf(line, sizeof(line), "%s %s %s\n", act, path,
		     drv ? drv : "-");
	if (n < 0 || (size_t)n >= sizeof(line))
		return 0;
	return write(out, line, n) == n ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK, .nl_groups = 1,	/* kernel events */
	};
	static char buf[16384];
	int fd, out, sz = RCVBUF;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: uevlisten FILE\n");
		return 2;
	}
	out = open(argv[1], O_WRONLY | O_APPEND | O_CREAT, 0644);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_KOBJECT_UEVENT);
	if (out < 0 || fd < 0) {
		perror("uevlisten");
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz)))
		perror("uevlisten: SO_RCVBUF");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("uevlisten: bind");
		return 1;
	}
	for (;;) {
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0 && errno == ENOBUFS) {
			if (write(out, "overflow - -\n", 13) != 13)
				return 1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("uevlisten: recv");
			return 1;
		}
		buf[n] = 0;
		if (uev_line(out, buf, n))
			return 1;
	}
}
