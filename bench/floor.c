// SPDX-License-Identifier: GPL-2.0
/*
 * floor - the least work that reaches the end state of
 *   vfctl apply PF --vfs N --lmem L --ggtt G --contexts C --doorbells D \
 *         --exec-quantum EQ --preempt-timeout PT \
 *         --set pf.exec_quantum_ms=PEQ --set pf.preempt_timeout_us=PPT \
 *         --driver vfio-pci
 * on an i915 prelim_iov PF (or atsm_sim) that starts with no VFs, no VF
 * configuration and sriov_drivers_autoprobe already 0.
 *
 * Usage: floor IOV_DIR PF_ADDR N LMEM GGTT CONTEXTS DOORBELLS EQ PT PEQ PPT
 *   IOV_DIR  /sys/bus/pci/devices/<pf>/drm/cardN/prelim_iov
 *
 * Only writes: per VF ggtt, lmem, contexts, doorbells quota (the order
 * vfprov uses, so the allocations land in the same places), PF and per VF
 * exec_quantum_ms / preempt_timeout_us, sriov_numvfs, then per VF
 * driver_override + drivers_probe. No reads of attributes, no read-back, no
 * journal; the one non-write is a readlink of virtfnK per VF, because
 * drivers_probe wants the VF's address. A failed write stops the program
 * with exit 1 (the errno is the syscall's answer, not an extra check).
 *
 * floor -r ARGS...: the floor of a rollback: the same, then the undo's
 * work in reverse by a plain program: per VF (last first) unbind from
 * vfio-pci and clear driver_override, sriov_numvfs 0, per VF (last first)
 * scheduling and quotas (doorbells, contexts, lmem, ggtt) back to 0, PF
 * scheduling back to 0, auto_provisioning 1. What vfprov's undo of a late
 * failure (the last bind) does, minus its journal, reads and checks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put(const char *path, const char *val)
{
	size_t len = strlen(val);
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, len) != (ssize_t)len) {
		fprintf(stderr, "floor: %s <- %s: %s\n", path, val,
			strerror(errno));
		exit(1);
	}
	close(fd);
}

static void putf(const char *val, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(const char *val, const char *fmt, ...)
{
	char path[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	put(path, val);
}

static const char *const quota[] = {
	"ggtt_quota", "lmem_quota", "contexts_quota", "doorbells_quota",
};

/* The address of VF @k (0-based) of @pf into @name; exits on failure. */
static const char *vf_name(const char *pf, int k, char *link, size_t len)
{
	char path[PATH_MAX];
	const char *name;
	ssize_t l;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/virtfn%d", pf, k);
	l = readlink(path, link, len - 1);
	if (l < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	link[l] = '\0';
	name = strrchr(link, '/');
	return name ? name + 1 : link;
}

static void undo(const char *iov, const char *pf, int n)
{
	char link[PATH_MAX];
	const char *name;
	int k, r;

	for (k = n - 1; k >= 0; k--) {
		name = vf_name(pf, k, link, sizeof(link));
		put("/sys/bus/pci/drivers/vfio-pci/unbind", name);
		putf("\n", "/sys/bus/pci/devices/%s/driver_override", name);
	}
	putf("0", "/sys/bus/pci/devices/%s/sriov_numvfs", pf);
	for (k = n; k >= 1; k--) {
		putf("0", "%s/vf%d/gt/preempt_timeout_us", iov, k);
		putf("0", "%s/vf%d/gt/exec_quantum_ms", iov, k);
		for (r = 3; r >= 0; r--)
			putf("0", "%s/vf%d/gt/%s", iov, k, quota[r]);
	}
	putf("0", "%s/pf/gt/preempt_timeout_us", iov);
	putf("0", "%s/pf/gt/exec_quantum_ms", iov);
	putf("1", "%s/pf/auto_provisioning", iov);
}

int main(int argc, char **argv)
{
	char link[PATH_MAX];
	const char *iov, *pf, *qv[4], *eq, *pt, *name;
	int n, k, r, rollback = 0;

	if (argc == 13 && !strcmp(argv[1], "-r")) {
		rollback = 1;
		argv++;
		argc--;
	}
	if (argc != 12) {
		fprintf(stderr, "usage: floor [-r] IOV_DIR PF_ADDR N LMEM GGTT "
			"CONTEXTS DOORBELLS EQ PT PF_EQ PF_PT\n");
		return 2;
	}
	iov = argv[1];
	pf = argv[2];
	n = atoi(argv[3]);
	qv[1] = argv[4];	/* lmem */
	qv[0] = argv[5];	/* ggtt */
	qv[2] = argv[6];
	qv[3] = argv[7];
	eq = argv[8];
	pt = argv[9];

	for (k = 1; k <= n; k++)
		for (r = 0; r < 4; r++)
			putf(qv[r], "%s/vf%d/gt/%s", iov, k, quota[r]);
	putf(argv[10], "%s/pf/gt/exec_quantum_ms", iov);
	putf(argv[11], "%s/pf/gt/preempt_timeout_us", iov);
	for (k = 1; k <= n; k++) {
		putf(eq, "%s/vf%d/gt/exec_quantum_ms", iov, k);
		putf(pt, "%s/vf%d/gt/preempt_timeout_us", iov, k);
	}
	putf(argv[3], "/sys/bus/pci/devices/%s/sriov_numvfs", pf);
	for (k = 0; k < n; k++) {
		name = vf_name(pf, k, link, sizeof(link));
		putf("vfio-pci", "/sys/bus/pci/devices/%s/driver_override",
		     name);
		put("/sys/bus/pci/drivers_probe", name);
	}
	if (rollback)
		undo(iov, pf, n);
	return 0;
}
