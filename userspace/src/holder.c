// SPDX-License-Identifier: GPL-2.0
/*
 * The holder of a VF: scan /proc/<pid>/fd for the VF's VFIO group file
 * (/dev/vfio/<group>) or its VFIO cdev (/dev/vfio/devices/vfioN, named in
 * sysfs under the VF's vfio-dev/). A process's fds are readable by its
 * owner and by root (ptrace access mode): an unprivileged user who finds no
 * holder among what it could read learns "unknown (not permitted)", not
 * "nobody". Pure apart from reading the (possibly fake) host tree.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "holder.h"
#include "host.h"

#define TARGET_LEN 64

/* What an fd of a holder of VF @v links to: group file and cdev, "" none. */
static void vf_targets(const struct holder_vf *v, char *grp, char *cdev)
{
	char p[HOST_PATH_MAX];
	struct dirent *d;
	DIR *dir;

	grp[0] = cdev[0] = 0;
	/* only a VFIO driver hands a VF out through /dev/vfio */
	if (!v->addr)
		return;
	pci_driver(v->addr, p, sizeof(p));
	if (!pci_driver_is_vfio(p))
		return;
	if (v->group >= 0)
		snprintf(grp, TARGET_LEN, "/dev/vfio/%d", v->group);
	if (host_path(p, sizeof(p), "/sys/bus/pci/devices/%s/vfio-dev", v->addr))
		return;
	dir = opendir(p);
	if (!dir)
		return;
	while ((d = readdir(dir)))
		if (!strncmp(d->d_name, "vfio", 4) && isdigit((unsigned char)d->d_name[4])) {
			snprintf(cdev, TARGET_LEN, "/dev/vfio/devices/%.40s", d->d_name);
			break;
		}
	closedir(dir);
}

/* @val of -name: "guest=NAME,debug-threads=on" or "NAME[,process=...]" */
static void guest_from_name(const char *val, char *out, size_t outlen)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", val);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strncmp(tok, "guest=", 6)) {
			snprintf(out, outlen, "%s", tok + 6);
			return;
		}
		if (tok == buf && !strchr(tok, '='))
			snprintf(out, outlen, "%s", tok);
	}
}

void holder_guest_from_cmdline(const char *cmd, size_t len, char *out,
			       size_t outlen)
{
	const char *p = cmd, *end = cmd + len;
	bool next = false;

	out[0] = 0;
	while (p < end) {
		size_t n = strnlen(p, (size_t)(end - p));
		char arg[256];

		snprintf(arg, sizeof(arg), "%.*s", (int)n, p);
		if (next) {
			guest_from_name(arg, out, outlen);
			return;
		}
		next = !strcmp(arg, "-name") || !strcmp(arg, "--name");
		p += n + 1;
	}
}

static void fill_holder(struct holder *h, const char *pid)
{
	char p[HOST_PATH_MAX], cmd[4096];
	ssize_t n = -1;
	int fd;

	h->kind = HOLDER_FOUND;
	h->pid = atoi(pid);
	snprintf(p, sizeof(p), "/proc/%s/comm", pid);
	if (host_read(p, h->comm, sizeof(h->comm)))
		snprintf(h->comm, sizeof(h->comm), "?");
	if (!host_path(p, sizeof(p), "/proc/%s/cmdline", pid)) {
		fd = open(p, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, cmd, sizeof(cmd));
			close(fd);
		}
	}
	if (n > 0)
		holder_guest_from_cmdline(cmd, (size_t)n, h->guest, sizeof(h->guest));
}

/* Match the fds of process @pid; -1 when they cannot be read. */
static int scan_pid(const char *pid, char (*tg)[2][TARGET_LEN], int n,
		    struct holder *out)
{
	char p[HOST_PATH_MAX], fdp[HOST_PATH_MAX], target[HOST_PATH_MAX];
	struct dirent *d;
	DIR *dir;

	if (host_path(p, sizeof(p), "/proc/%s/fd", pid))
		return 0;
	dir = opendir(p);
	if (!dir)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	while ((d = readdir(dir))) {
		ssize_t len;
		int i;

		if (d->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(fdp, sizeof(fdp), "%s/%s", p, d->d_name) >= sizeof(fdp))
			continue;
		len = readlink(fdp, target, sizeof(target) - 1);
		if (len <= 0 || strncmp(target, "/dev/vfio/", 10))
			continue;
		target[len] = 0;
		for (i = 0; i < n; i++)
			if (out[i].kind != HOLDER_FOUND &&
			    ((tg[i][0][0] && !strcmp(target, tg[i][0])) ||
			     (tg[i][1][0] && !strcmp(target, tg[i][1]))))
				fill_holder(&out[i], pid);
	}
	closedir(dir);
	return 0;
}

int holder_find_many(const struct holder_vf *vfs, int n, struct holder *out)
{
	char p[HOST_PATH_MAX], (*tg)[2][TARGET_LEN];
	bool denied = false, any = false;
	struct dirent *d;
	DIR *dir;
	int i;

	memset(out, 0, sizeof(*out) * (size_t)(n > 0 ? n : 0));
	if (n <= 0)
		return 0;
	tg = calloc((size_t)n, sizeof(*tg));
	if (!tg)
		return -1;
	for (i = 0; i < n; i++) {
		vf_targets(&vfs[i], tg[i][0], tg[i][1]);
		any |= tg[i][0][0] || tg[i][1][0];
	}
	if (!any || host_path(p, sizeof(p), "/proc") || !(dir = opendir(p))) {
		for (i = 0; any && i < n; i++)
			out[i].kind = HOLDER_UNKNOWN;
		free(tg);
		return any ? -1 : 0;
	}
	while ((d = readdir(dir)))
		if (isdigit((unsigned char)d->d_name[0]) &&
		    scan_pid(d->d_name, tg, n, out))
			denied = true;
	closedir(dir);
	for (i = 0; i < n; i++)
		if (out[i].kind == HOLDER_NONE && denied &&
		    (tg[i][0][0] || tg[i][1][0]))
			out[i].kind = HOLDER_UNKNOWN;
	free(tg);
	return 0;
}

int holder_find(const char *addr, int group, struct holder *h)
{
	struct holder_vf v = { .addr = addr, .group = group };

	return holder_find_many(&v, 1, h);
}

const char *holder_text(const struct holder *h, char *buf, size_t len)
{
	switch (h->kind) {
	case HOLDER_FOUND:
		if (h->guest[0])
			snprintf(buf, len, "%s[%d] guest %s", h->comm, h->pid, h->guest);
		else
			snprintf(buf, len, "%s[%d]", h->comm, h->pid);
		return buf;
	case HOLDER_UNKNOWN:
		snprintf(buf, len, "unknown (not permitted)");
		return buf;
	default:
		snprintf(buf, len, "-");
		return buf;
	}
}
