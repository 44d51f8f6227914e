/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_PROFILE_H
#define VFCTL_PROFILE_H

#include <limits.h>

#include "vfctl.h"

/*
 * Profiles are data files NAME.conf (see userspace/profiles/ and vfctl(8)
 * PROFILES): "type = resources" files carry request keys (vfs, lmem, ggtt,
 * contexts, doorbells, sched, ...); "type = sched" files are scheduler
 * presets whose VF values may depend on the VF count:
 *
 *   exec_quantum_ms = 32 / vfs, min 1
 *   preempt_timeout_us = 64000 / vfs, min 16000
 *   preempt_timeout_us@1 = 128000          (when vfs = 1)
 */
enum profile_type { PROFILE_RESOURCES, PROFILE_SCHED };

/*
 * Named formulas of a sched rule. "burstable" is XPU Manager's
 * Flexible_BurstableQoS_GPUTimeSlicing: with S = floor(2000 / max(N - 1, 1)),
 * VF EQ = min(floor(S / 2), 50) ms and VF PT = (S - EQ) * 1000 us.
 */
enum sched_formula { SCHED_F_NONE, SCHED_F_BURST_EQ, SCHED_F_BURST_PT };

/*
 * Resource keys of a profile written "VALUE / vfs": divided by the VF count
 * (XPU Manager's fallback row for VF counts it lists no row for).
 */
#define PROF_DIV_LMEM		(1u << 0)
#define PROF_DIV_LMEM_ECC	(1u << 1)
#define PROF_DIV_GGTT		(1u << 2)
#define PROF_DIV_DOORBELLS	(1u << 3)

struct sched_rule {
	bool set;
	int formula;		/* enum sched_formula */
	bool per_vf;		/* value / vfs */
	uint32_t value;
	uint32_t min;
	int nover;
	struct {
		uint32_t vfs, value;
	} over[8];
};

struct profile {
	char name[VFCTL_NAME_LEN];
	char path[PATH_MAX];
	char description[160];
	enum profile_type type;
	struct vf_req req;
	struct sched_rule eq, pt;	/* sched: VF exec quantum, preempt timeout */
	/* resources: the LMEM of a VF when the card runs with ECC on */
	bool has_lmem_ecc;
	uint64_t lmem_ecc;
	uint32_t div;			/* PROF_DIV_*: "/ vfs" keys */
};

/*
 * The resource profile XPU Manager's vgpu.conf rows give a card, by PCI
 * device ID: 56c0 and 56c2 (Flex 170, Flex 170V) "flex170", 56c1 (Flex 140)
 * "flex140"; e211/e216 "b60" and e212 "b50" (Arc Pro on xe, derived from
 * XPU Manager 2.x's totals); NULL for other cards.
 */
const char *profile_for_device(uint16_t vendor, uint16_t device);

#define PROFILE_MAX_DIRS 8

struct profile_dirs {
	int n;
	char dir[PROFILE_MAX_DIRS][PATH_MAX];
};

/*
 * The search path: @cmdline_dir (--profile-dir), $VFCTL_PROFILE_DIR,
 * /etc/vfctl/profiles, /usr/share/vfctl/profiles, then the source tree's
 * profiles/ next to the running binary (userspace/vfctl).
 */
void profile_dirs_default(struct profile_dirs *d, const char *cmdline_dir);
void profile_dirs_add(struct profile_dirs *d, const char *dir);

int profile_parse_str(const char *name, const char *path, const char *text,
		      struct profile *p, char *err, size_t errlen);
/*
 * Find NAME-<vfs>.conf when @vfs > 0 (a row for that count), else NAME.conf
 * (for a card profile: its fallback for unlisted counts).
 */
int profile_load(const struct profile_dirs *d, const char *name, uint32_t vfs,
		 struct profile *p, char *err, size_t errlen);

/* Evaluate a sched preset for @vfs VFs into @out (PF + all-VF keys). */
void profile_sched_eval(const struct profile *p, uint32_t vfs,
			struct vf_req *out);
uint32_t sched_rule_eval(const struct sched_rule *r, uint32_t vfs);

/*
 * The final request: profile, then scheduler preset, then what the admin
 * set explicitly (which wins); checks the VF count and per-VF keys, and
 * expands "every VF" defaults to each VF. A profile's lmem_ecc replaces
 * its lmem when @expl->ecc is VFCTL_ECC_ON (AUTO counts as off here: the
 * caller decides it from the card first).
 */
int request_resolve(const struct profile_dirs *d, const struct vf_req *expl,
		    struct vf_req *out, char *err, size_t errlen);

/* Print "NAME<TAB>TYPE<TAB>DESCRIPTION" for every profile found. */
int profile_list(const struct profile_dirs *d, void (*cb)(const struct profile *p, void *arg),
		 void *arg);

#endif
