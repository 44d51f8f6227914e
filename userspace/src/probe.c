// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl probe PF: what a real i915 prelim_iov does, recorded for the
 * simulator and for whoever debugs the first real card. Runs with 0 VFs
 * only; every write is undone (newest first, also on SIGINT/SIGTERM), and
 * the end state is compared with the start. One text file, "key: value"
 * lines, written as it goes so that a crash still leaves what was seen.
 *
 * No netlink, no vfprov: sysfs through host.c (a root prefix for the unit
 * test), so it works before vfprov is installed.
 */
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "probe.h"

#define MiB (1024ull * 1024)
#define PROBE_UNDO_MAX 32

struct probe {
	FILE *out;
	char iov[HOST_PATH_MAX];	/* relative to the root */
	struct {
		char rel[96];
		char old[64];
	} undo[PROBE_UNDO_MAX];
	int nundo;
	char before[32][64], after[32][64];	/* probe_files */
};

static volatile sig_atomic_t probe_signalled;

static void probe_on_signal(int sig)
{
	probe_signalled = sig;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const char *err_name(int err)
{
	const char *n = err ? strerrorname_np(-err) : "ok";

	return n ? n : "?";
}

/* Read prelim_iov/@rel; "" and -errno when it cannot be read. */
static int iov_read(struct probe *p, const char *rel, char *buf, size_t len,
		    long long *us)
{
	char path[HOST_PATH_MAX + 128];
	long long t0 = now_us();
	int err;

	snprintf(path, sizeof(path), "%s/%s", p->iov, rel);
	err = host_read(path, buf, len);
	if (us)
		*us = now_us() - t0;
	if (err)
		buf[0] = 0;
	return err;
}

static unsigned long long iov_u64(struct probe *p, const char *rel)
{
	char buf[64];

	if (iov_read(p, rel, buf, sizeof(buf), NULL))
		return 0;
	return strtoull(buf, NULL, 0);
}

/*
 * Write @val to prelim_iov/@rel, journal the old value first (once per
 * file), record errno, time and what reads back.
 */
static int probe_write(struct probe *p, const char *rel, const char *val,
		       char *back, size_t backlen)
{
	char path[HOST_PATH_MAX + 128], old[64], now[64];
	long long t0, us;
	int err, i;

	if (iov_read(p, rel, old, sizeof(old), NULL))
		return -ENOENT;
	for (i = 0; i < p->nundo; i++)
		if (!strcmp(p->undo[i].rel, rel))
			break;
	if (i == p->nundo && p->nundo < PROBE_UNDO_MAX) {
		snprintf(p->undo[i].rel, sizeof(p->undo[i].rel), "%s", rel);
		snprintf(p->undo[i].old, sizeof(p->undo[i].old), "%s", old);
		p->nundo++;
	}
	snprintf(path, sizeof(path), "%s/%s", p->iov, rel);
	t0 = now_us();
	err = host_write(path, val);
	us = now_us() - t0;
	iov_read(p, rel, now, sizeof(now), NULL);
	fprintf(p->out, "write %s = %s: %s (%lld us), reads back %s\n", rel, val,
		err_name(err), us, now);
	fflush(p->out);
	if (back)
		snprintf(back, backlen, "%s", now);
	return err;
}

/* Undo every journaled write, newest first. */
static int probe_undo(struct probe *p)
{
	char path[HOST_PATH_MAX + 128], now[64];
	int i, err, bad = 0;

	for (i = p->nundo - 1; i >= 0; i--) {
		if (!iov_read(p, p->undo[i].rel, now, sizeof(now), NULL) &&
		    !strcmp(now, p->undo[i].old))
			continue;
		snprintf(path, sizeof(path), "%s/%s", p->iov, p->undo[i].rel);
		err = host_write(path, p->undo[i].old);
		fprintf(p->out, "undo %s = %s: %s\n", p->undo[i].rel,
			p->undo[i].old, err_name(err));
		bad |= err != 0;
	}
	p->nundo = 0;
	return bad ? -EIO : 0;
}

static void probe_header(struct probe *p, const char *addr)
{
	static const char *const pci[] = {
		"vendor", "device", "subsystem_device", "sriov_totalvfs",
		"sriov_numvfs", "sriov_drivers_autoprobe",
	};
	char path[HOST_PATH_MAX], buf[128];
	struct utsname u;
	size_t i;

	fprintf(p->out, "vfprov-probe: 1\npf: %s\n", addr);
	if (!uname(&u))
		fprintf(p->out, "kernel: %s %s\n", u.release, u.version);
	for (i = 0; i < sizeof(pci) / sizeof(pci[0]); i++) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", addr,
			 pci[i]);
		if (host_read(path, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "-");
		fprintf(p->out, "%s: %s\n", pci[i], buf);
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", addr);
	if (host_link_name(path, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "-");
	fprintf(p->out, "driver: %s\n", buf);
	if (host_read("/sys/module/i915/parameters/max_vfs", buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "- (no i915 max_vfs parameter)");
	fprintf(p->out, "i915.max_vfs: %s\n", buf);
	if (host_read("/sys/module/i915/srcversion", buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "-");
	fprintf(p->out, "i915.srcversion: %s\n", buf);
}

/* prelim_iov of @addr (relative to the root), 0 or -ENOENT. */
static int probe_find_iov(struct probe *p, const char *addr)
{
	char pat[HOST_PATH_MAX];
	const char *root = host_root();
	glob_t g;
	int err = -ENOENT;

	if (host_path(pat, sizeof(pat), "/sys/bus/pci/devices/%s/drm/card*/prelim_iov",
		      addr))
		return -ENAMETOOLONG;
	if (!glob(pat, 0, NULL, &g) && g.gl_pathc) {
		snprintf(p->iov, sizeof(p->iov), "%s",
			 g.gl_pathv[0] + strlen(root));
		err = 0;
	}
	globfree(&g);
	return err;
}

static const char *const probe_files[] = {
	"pf/auto_provisioning", "pf/gt/ggtt_spare", "pf/gt/lmem_spare",
	"pf/gt/contexts_spare", "pf/gt/doorbells_spare",
	"pf/gt/exec_quantum_ms", "pf/gt/preempt_timeout_us",
	"pf/gt/policies/sched_if_idle", "pf/gt/policies/engine_reset",
	"pf/gt/policies/sample_period_ms", "pf/gt/sched_priority",
	"vf1/gt/ggtt_quota", "vf1/gt/lmem_quota", "vf1/gt/contexts_quota",
	"vf1/gt/doorbells_quota", "vf1/gt/exec_quantum_ms",
	"vf1/gt/preempt_timeout_us", "vf2/gt/lmem_quota",
	/* from here on values the PF's own use moves: not compared */
	"pf/gt/available/ggtt_free", "pf/gt/available/ggtt_max_quota",
	"pf/gt/available/lmem_free", "pf/gt/available/lmem_max_quota",
	"pf/gt/available/contexts_free", "pf/gt/available/contexts_max_quota",
	"pf/gt/available/doorbells_free",
	"pf/gt/available/doorbells_max_quota",
};
#define PROBE_NFILES	(sizeof(probe_files) / sizeof(probe_files[0]))
#define PROBE_NSTABLE	18
_Static_assert(PROBE_NFILES <= 32, "probe.before holds 32 values");

/* Every file of probe_files, recorded with its time, into @vals. */
static void probe_reads(struct probe *p, char (*vals)[64])
{
	char path[HOST_PATH_MAX + 16];
	const char *layout;
	long long us;
	size_t i;
	int err;

	snprintf(path, sizeof(path), "%s/pf/gt0", p->iov);
	layout = host_exists(path) ? "multi-tile (gt0/)" : NULL;
	snprintf(path, sizeof(path), "%s/pf/gt", p->iov);
	if (!layout)
		layout = host_exists(path) ? "single-tile (gt/)" :
					     "no pf/gt/ (i915 still probing?)";
	fprintf(p->out, "layout: %s\n", layout);
	for (i = 0; i < PROBE_NFILES; i++) {
		err = iov_read(p, probe_files[i], vals[i], 64, &us);
		fprintf(p->out, "read %s: %s (%s, %lld us)\n", probe_files[i],
			err ? "-" : vals[i], err_name(err), us);
	}
}

/* Rounding and errnos of single writes, each undone before the next. */
static void probe_rounding(struct probe *p)
{
	char v[64], back[64];
	unsigned long long spare = iov_u64(p, "pf/gt/ggtt_spare");

	snprintf(v, sizeof(v), "%llu", spare + 4096);
	probe_write(p, "pf/gt/ggtt_spare", v, back, sizeof(back));
	fprintf(p->out, "rounding ggtt_spare: %s -> %s\n", v, back);
	probe_undo(p);
	probe_write(p, "vf1/gt/ggtt_quota", "65537", back, sizeof(back));
	fprintf(p->out, "rounding ggtt_quota: 65537 -> %s\n", back);
	probe_undo(p);
	probe_write(p, "vf1/gt/contexts_quota", "1", back, sizeof(back));
	fprintf(p->out, "rounding contexts_quota: 1 -> %s\n", back);
	probe_undo(p);
	probe_write(p, "vf1/gt/doorbells_quota", "1", back, sizeof(back));
	fprintf(p->out, "rounding doorbells_quota: 1 -> %s\n", back);
	probe_undo(p);
	probe_write(p, "vf1/gt/exec_quantum_ms", "20", NULL, 0);
	probe_write(p, "vf1/gt/preempt_timeout_us", "40000", NULL, 0);
	probe_undo(p);
}

/*
 * LMEM: rounding, the EDQUOT limit, and what a VF's LMEM costs the pool
 * besides its quota (i915: its LMTT, and page tables), for one and two VFs.
 */
static void probe_lmem(struct probe *p)
{
	unsigned long long f0, f1, f2, q1, q2, max;
	char v[64], back[64];

	f0 = iov_u64(p, "pf/gt/available/lmem_free");
	max = iov_u64(p, "pf/gt/available/lmem_max_quota");
	if (!f0) {
		fprintf(p->out, "lmem: none\n");
		return;
	}
	snprintf(v, sizeof(v), "%llu", 2 * MiB + 1);
	probe_write(p, "vf1/gt/lmem_quota", v, back, sizeof(back));
	q1 = strtoull(back, NULL, 0);
	f1 = iov_u64(p, "pf/gt/available/lmem_free");
	fprintf(p->out, "rounding lmem_quota: %s -> %s\n", v, back);
	fprintf(p->out, "lmem overhead vf1 (%llu): %lld bytes\n", q1,
		(long long)(f0 - f1) - (long long)q1);
	snprintf(v, sizeof(v), "%llu", 1024 * MiB);
	probe_write(p, "vf2/gt/lmem_quota", v, back, sizeof(back));
	q2 = strtoull(back, NULL, 0);
	f2 = iov_u64(p, "pf/gt/available/lmem_free");
	fprintf(p->out, "lmem overhead vf2 (%llu): %lld bytes\n", q2,
		(long long)(f1 - f2) - (long long)q2);
	probe_undo(p);
	fprintf(p->out, "lmem free after release: %llu (before %llu)\n",
		iov_u64(p, "pf/gt/available/lmem_free"), f0);
	snprintf(v, sizeof(v), "%llu", max + 2 * MiB);
	probe_write(p, "vf1/gt/lmem_quota", v, NULL, 0);
	probe_undo(p);
	snprintf(v, sizeof(v), "%llu", max);
	probe_write(p, "vf1/gt/lmem_quota", v, NULL, 0);
	fprintf(p->out, "lmem free with vf1 at max_quota: %llu\n",
		iov_u64(p, "pf/gt/available/lmem_free"));
	probe_undo(p);
}

/*
 * ECC: XPU Manager reads it from the GSC firmware (igsc_ecc_config_get over
 * MEI), which i915 does not show in sysfs. Record what the card reports so
 * that a reader can tell: ECC takes 1/8 of the LMEM.
 */
static void probe_ecc(struct probe *p)
{
	unsigned long long lmem = iov_u64(p, "pf/gt/available/lmem_free") +
				  iov_u64(p, "pf/gt/lmem_spare");

	fprintf(p->out, "ecc: not in sysfs (XPU Manager: igsc_ecc_config_get); LMEM free + spare %llu MiB (16384 MiB Flex 170, 6144 per Flex 140 GPU without ECC)\n",
		lmem / MiB);
}

int probe_run(const char *addr, FILE *out)
{
	struct probe *p = calloc(1, sizeof(*p));
	struct sigaction sa = { .sa_handler = probe_on_signal }, o1, o2;
	char path[HOST_PATH_MAX + 64], buf[32];
	unsigned long long auto0;
	size_t i;
	int rc, err;

	if (!p)
		return -ENOMEM;
	p->out = out;
	probe_header(p, addr);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_numvfs", addr);
	if (host_read(path, buf, sizeof(buf))) {
		fprintf(out, "refused: no SR-IOV PF at %s (no sriov_numvfs)\n", addr);
		free(p);
		return -ENODEV;
	}
	if (strcmp(buf, "0")) {
		fprintf(out, "refused: the probe runs with 0 VFs only (sriov_numvfs %s)\n",
			buf);
		free(p);
		return -EBUSY;
	}
	if (probe_find_iov(p, addr)) {
		fprintf(out, "prelim_iov: absent (i915 without SR-IOV: i915.max_vfs=0, or not i915 backports)\n");
		free(p);
		return 0;
	}
	fprintf(out, "prelim_iov: %s\n", p->iov);
	sigaction(SIGINT, &sa, &o1);
	sigaction(SIGTERM, &sa, &o2);
	probe_reads(p, p->before);
	auto0 = iov_u64(p, "pf/auto_provisioning");
	probe_ecc(p);
	if (!probe_signalled)
		probe_rounding(p);
	if (!probe_signalled)
		probe_lmem(p);
	rc = probe_undo(p);
	/* VF writes turn auto-provisioning off; all VFs are empty again */
	if (auto0 == 1 && iov_u64(p, "pf/auto_provisioning") != 1) {
		snprintf(path, sizeof(path), "%s/pf/auto_provisioning", p->iov);
		err = host_write(path, "1");
		fprintf(out, "restore auto_provisioning = 1: %s\n", err_name(err));
		rc = rc ? rc : err;
	}
	probe_reads(p, p->after);
	for (i = 0; i < PROBE_NSTABLE; i++) {
		if (!strcmp(p->before[i], p->after[i]))
			continue;
		fprintf(out, "differs after undo: %s: %s, was %s\n",
			probe_files[i], p->after[i], p->before[i]);
		rc = rc ? rc : -EIO;
	}
	fprintf(out, "interrupted: %s\nstate restored: %s\n",
		probe_signalled ? "yes" : "no", rc ? "NO" : "yes");
	sigaction(SIGINT, &o1, NULL);
	sigaction(SIGTERM, &o2, NULL);
	free(p);
	return rc;
}
