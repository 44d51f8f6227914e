/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfctl: the data model shared by the command modules, the netlink layer
 * and the pure (host unit tested) parsers.
 *
 * A "request" (struct vf_req) is what the admin asked for: only fields whose
 * bit is in ->set are sent to the kernel, everything else is left to the
 * in-kernel planner or keeps its current value. The same struct carries a
 * complete plan or the live configuration read back from the kernel.
 */
#ifndef VFCTL_H
#define VFCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linux/vfprov.h"

#define VFCTL_VERSION "0.1.0"

/*
 * vfctl's own buffer sizes (ABI v1 had them in the uapi; v2 keeps internal
 * sizes out of it). Longer strings from the kernel are cut.
 */
#define VFPROV_ADDR_LEN		32	/* PCI address, incl. NUL */
#define VFPROV_MSG_LEN		256	/* outcome message, incl. NUL */

/* Exit codes: documented in vfctl(8) and `vfctl help`. */
enum vfctl_exit {
	EXIT_OK = 0,
	EXIT_ERR = 1,		/* any other error */
	EXIT_USAGE = 2,		/* bad command line or config file */
	EXIT_NOTFOUND = 3,	/* no such PF, or vfprov not loaded */
	EXIT_PERM = 4,		/* needs root (CAP_SYS_ADMIN) */
	EXIT_REJECTED = 5,	/* validation rejected, nothing changed */
	EXIT_ROLLEDBACK = 6,	/* failed, previous state restored */
	EXIT_DEGRADED = 7,	/* failed and the undo failed */
	EXIT_NOTREADY = 8,	/* check: the host is not ready */
	EXIT_ABI = 9,		/* the module speaks another netlink ABI */
	EXIT_DETACHED = 10,	/* interrupted while waiting: the txn goes on */
	EXIT_DIFFERS = 11,	/* assert: the host differs from the files */
};

/* vf_cfg.set bits */
#define VF_SET_GGTT		(1u << 0)
#define VF_SET_LMEM		(1u << 1)
#define VF_SET_CONTEXTS		(1u << 2)
#define VF_SET_DOORBELLS	(1u << 3)
#define VF_SET_EQ		(1u << 4)	/* exec_quantum_ms */
#define VF_SET_PT		(1u << 5)	/* preempt_timeout_us */
#define VF_SET_WEIGHT		(1u << 6)
#define VF_SET_GT		(1u << 7)	/* some gt[] holds values */
/* the values a GT may hold apart from its VF's (the gtN.KEY keys) */
#define VF_SET_GT_KEYS		(VF_SET_CONTEXTS | VF_SET_DOORBELLS | VF_SET_EQ | VF_SET_PT)
#define VFCTL_NGT		(VFPROV_MAX_GT + 1)
#define VFCTL_NGT_KEYS		4
/* issue 21: adverse-event thresholds, bit VF_SET_THR(i), i an enum vfprov_adverse */
#define VFCTL_NTHR		6
#define VF_SET_THR(i)		(1u << (8 + (i)))
#define VF_SET_THR_ALL		(((1u << VFCTL_NTHR) - 1) << 8)

/*
 * One GT's values where they are not its VF's (a vf-gt-config entry); set
 * holds VF_SET_GT_KEYS bits. A VF's own values are every other GT's.
 */
struct vf_gt {
	uint32_t set;
	uint32_t contexts;
	uint32_t doorbells;
	uint32_t eq;
	uint32_t pt;
};

struct vf_cfg {
	uint32_t set;
	uint64_t ggtt;
	uint64_t lmem;
	uint32_t contexts;
	uint32_t doorbells;
	uint32_t eq;
	uint32_t pt;
	uint32_t weight;
	uint32_t thr[VFCTL_NTHR];	/* threshold.* (0 disables one) */
	struct vf_gt gt[VFCTL_NGT];	/* gtN.* (VF_SET_GT when any) */
};

/* vf_req.set bits */
#define REQ_SET_NUM_VFS		(1u << 0)
#define REQ_SET_DRIVER		(1u << 1)
#define REQ_SET_GGTT_SPARE	(1u << 2)
#define REQ_SET_LMEM_SPARE	(1u << 3)
#define REQ_SET_CTX_SPARE	(1u << 4)
#define REQ_SET_DB_SPARE	(1u << 5)
#define REQ_SET_PF_EQ		(1u << 6)
#define REQ_SET_PF_PT		(1u << 7)
#define REQ_SET_IDLE		(1u << 8)
#define REQ_SET_ECC		(1u << 9)	/* vfctl only: profile row choice */
#define REQ_SET_ENGINE_RESET	(1u << 10)	/* PF policies (issue 21) */
#define REQ_SET_SAMPLE_PERIOD	(1u << 11)
#define REQ_SET_SCHED_PRIO	(1u << 12)

/* vf_req.ecc: which LMEM value of a profile applies (VF_LMEM or _ECC) */
enum vfctl_ecc { VFCTL_ECC_AUTO, VFCTL_ECC_OFF, VFCTL_ECC_ON };

#define VFCTL_NAME_LEN 64

struct vf_req {
	uint32_t set;
	uint32_t num_vfs;
	uint32_t driver;		/* enum vfprov_vf_driver */
	uint64_t ggtt_spare;
	uint64_t lmem_spare;
	uint32_t contexts_spare;
	uint32_t doorbells_spare;
	uint32_t pf_eq;
	uint32_t pf_pt;
	uint32_t sched_if_idle;
	uint32_t ecc;			/* enum vfctl_ecc */
	uint32_t engine_reset;		/* 0/1 */
	uint32_t sample_period_ms;
	uint32_t sched_priority;	/* enum vfprov_sched_priority */
	struct vf_cfg all;		/* defaults for every VF (--lmem ...) */
	struct vf_cfg vf[VFPROV_MAX_VFS];	/* vf[0] is VF 1 */
	char profile[VFCTL_NAME_LEN];	/* resource profile, "" = none */
	char sched[VFCTL_NAME_LEN];	/* scheduler preset, "" = none */
};

/* One resource of a PF (a VFPROV_A_PF_RESOURCE entry). */
struct res_info {
	char name[16];
	uint64_t free;
	uint64_t max_quota;
	uint64_t granule;
	uint64_t spare;
	uint64_t spare_min;
	uint64_t vf_max;
};

struct vf_state {
	uint32_t id;
	bool enabled;
	bool in_use;
	int32_t iommu_group;		/* -1 if none */
	char pci_addr[VFPROV_ADDR_LEN];
	char driver[32];
	struct vf_cfg cfg;		/* live quotas, set bits = reported */
	/* issue 21: health (each absent when the kernel does not report it) */
	bool have_state;
	uint32_t run_state;		/* enum vfprov_vf_run_state */
	bool have_lmem_alloc;
	uint64_t lmem_alloc;		/* telemetry */
	uint32_t adverse_set;		/* bit i: adverse[i] reported */
	uint64_t adverse[VFCTL_NTHR];	/* by enum vfprov_adverse */
};

/* vf_result.event: what a monitored notification was */
enum vfctl_event {
	VFCTL_EV_NONE,
	VFCTL_EV_PF_ADDED,	/* pf-ntf, change added */
	VFCTL_EV_PF_REMOVED,	/* pf-ntf, change removed */
	VFCTL_EV_PF_DRIVER,	/* pf-ntf, change driver */
	VFCTL_EV_PF_CONFIG,	/* pf-ntf, change config */
	VFCTL_EV_TXN,		/* txn-ntf: named after its result */
	VFCTL_EV_LOST,		/* not from the kernel: the socket overran */
	VFCTL_EV_VF_ACTION,	/* vf-ntf, change action */
	VFCTL_EV_VF_ADVERSE,	/* vf-ntf, change adverse */
};

/*
 * The outcome of a plan/apply/reset request (a VFPROV_A_*_OUTCOME nest and
 * the ack), an entry of a PF's outcome list, or one event.
 */
struct vf_result {
	int nl_err;			/* negative errno from the netlink ack, 0 */
	char extack[256];		/* NLMSGERR_ATTR_MSG */
	bool have_result;
	uint32_t result;		/* enum vfprov_result */
	int32_t err;			/* outcome errno */
	char message[VFPROV_MSG_LEN];
	char step[32];			/* step_name() of the failed step, "" */
	bool have_failed_vf;
	uint32_t failed_vf;
	bool have_gen;
	uint64_t generation;
	/* bit i = VF i + 1: the apply disables / rebinds it (outcome disrupted) */
	uint64_t disrupt_off;
	uint64_t disrupt_rebind;
	/* events only */
	uint32_t event;
	char addr[VFPROV_ADDR_LEN];
	bool have_who;
	uint32_t pid;
	uint32_t uid;
	char comm[32];
	/* ABI v2: the transaction (0: a plan, or refused before it was queued) */
	bool have_txn;
	uint64_t txn_id;
	uint32_t op;			/* enum vfprov_txn_op */
	char field[32];			/* field_name() at fault, "" */
	/* pf-ntf events: the PF as it is now */
	bool have_pf;
	uint32_t change;		/* enum vfprov_pf_change */
	uint32_t state;			/* enum vfprov_state */
	uint32_t num_vfs;
	uint32_t total_vfs;
	char backend[16];
	char driver[32];
	/* vf-ntf events: the VF as it is now (ev->addr is its PF) */
	bool have_vf;
	struct vf_state vf;
	bool have_action;
	uint32_t action;		/* enum vfprov_vf_action */
};

/* The transaction running on a PF (pf-get "running", txn-status). */
struct txn_status {
	uint64_t txn_id;
	uint32_t op;			/* enum vfprov_txn_op */
	uint32_t step;			/* enum vfprov_step */
	uint32_t vf;			/* 0: the PF */
};

#define VFCTL_MAX_RES 8

struct pf_state {
	char addr[VFPROV_ADDR_LEN];
	char backend[16];
	char driver[32];
	char card[16];			/* drm card name from sysfs, "" if none */
	uint32_t total_vfs;
	uint32_t num_vfs;
	uint64_t generation;
	uint32_t state;			/* enum vfprov_state */
	uint32_t last_result;		/* enum vfprov_result */
	int32_t last_errno;
	char last_error[VFPROV_MSG_LEN];
	int nres;
	struct res_info res[VFCTL_MAX_RES];
	bool have_cfg;			/* the kernel sent its live A_CONFIG */
	struct vf_req cfg;
	int nvfs;
	struct vf_state vf[VFPROV_MAX_VFS];
	/* ABI v2: the running transaction and the latest outcomes */
	bool have_running;
	struct txn_status running;
	int nout;
	struct vf_result out[VFPROV_OUTCOMES_KEPT];	/* newest first */
	/* issue 21: what the PF's backend and driver can do */
	bool have_caps;
	uint32_t caps;			/* VFPROV_CAPS_* */
	uint32_t gts;			/* GTs a VF's values may differ on, 0 */
};

/*
 * Names (also the JSON strings), one table per uapi enum (abi.c);
 * "unknown" for a value this vfctl does not know.
 */
const char *state_name(uint32_t state);
const char *result_name(uint32_t result);
const char *event_name(uint32_t ev);		/* enum vfctl_event */
const char *event_word(const struct vf_result *ev);	/* txn: its result */
const char *driver_name(uint32_t drv);
int driver_parse(const char *s, uint32_t *drv);
const char *backend_name(uint32_t backend);
const char *step_name(uint32_t step);		/* "" for none */
const char *field_name(uint32_t field);	/* "" for none */
const char *txn_op_name(uint32_t op);
const char *resource_name(uint32_t res);
const char *pf_change_name(uint32_t change);
/* issue 21 */
const char *adverse_name(uint32_t kind);	/* "cat-error", ... */
const char *threshold_key(uint32_t kind);	/* "cat_error_count", ... */
const char *sched_prio_name(uint32_t prio);
int sched_prio_parse(const char *s, uint32_t *prio);
const char *vf_action_name(uint32_t action);	/* "stop", ... */
int vf_action_parse(const char *s, uint32_t *action);
const char *vf_action_done(uint32_t action);	/* "stopped", ... */
const char *vf_run_state_name(uint32_t state);
const char *cap_name(uint32_t bit);		/* a VFPROV_CAPS_* bit */
/*
 * The caps a request needs (thresholds, policies, priority); 0 and @err
 * empty if @caps has them, else -1 with what is missing and how to fix it.
 */
int req_caps_check(const struct vf_req *r, uint32_t caps, char *err,
		   size_t errlen);

/*
 * Where transaction @id stands, from a pf-get of its PF (the running nest
 * and the outcome list, newest first). TXN_DONE: *@out is its outcome.
 * TXN_LOST: it ended, but more transactions ended since than the PF keeps
 * outcomes of. TXN_QUEUED: neither running nor ended yet.
 */
enum txn_fate { TXN_QUEUED, TXN_RUNNING, TXN_DONE, TXN_LOST };
enum txn_fate txn_find(const struct pf_state *pf, uint64_t id,
		       const struct vf_result **out);
const char *txn_fate_name(enum txn_fate f);

/* Merge @src over @dst: every field set in @src wins. */
void req_overlay(struct vf_req *dst, const struct vf_req *src);
/* Copy the "all VFs" defaults into every VF 1..num_vfs where not set. */
void req_expand(struct vf_req *req);
void vf_overlay(struct vf_cfg *dst, const struct vf_cfg *src);

/*
 * Per-GT key @i (0..VFCTL_NGT_KEYS-1): its name ("contexts", ...) and its
 * VF_SET_* bit in *@bit; gt_value() is @g's value of that bit.
 */
const char *gt_key(int i, uint32_t *bit);
uint32_t gt_value(const struct vf_gt *g, uint32_t bit);
/* @c's own values of the per-GT keys, as a GT that holds them */
struct vf_gt vf_gt_of(const struct vf_cfg *c);

/* Key/value setter shared by the command line, config files and profiles.
 * @key e.g. "lmem", "vf.2.lmem", "spare.ggtt", "pf.exec_quantum_ms",
 * "vf.2.gt1.contexts" (gtN.KEY: see gt_key() for the keys a GT takes).
 * Returns 0 or -1 with a message in @err. */
int req_set_key(struct vf_req *req, const char *key, const char *val,
		char *err, size_t errlen);

#endif /* VFCTL_H */
