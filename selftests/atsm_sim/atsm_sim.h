/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atsm_sim - simulated Intel Data Center GPU Flex (ATS-M) SR-IOV PF.
 *
 * The model reproduces the provisioning rules of the i915 backports
 * (gt/iov/intel_iov_provisioning.c, i915_sriov.c) so that user space and
 * vfprov can be tested without the hardware.  See docs/atsm_sim.md.
 *
 * Locking: one mutex per PF (struct atsm_sim::lock) protects the whole
 * model, the fault-injection state and the VF device links.  Every sysfs
 * show/store, every debugfs handler and sriov_configure take it; sysfs
 * stores may sleep, so a mutex is the right primitive.  It is never held
 * while sysfs or debugfs entries are removed, because removal waits for
 * running handlers which themselves take the lock.
 */
#ifndef ATSM_SIM_H
#define ATSM_SIM_H

#include <linux/bitmap.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define SIM_MAX_GTS		2
#define SIM_MAX_VFS		31	/* ATS-M totalvfs */
#define SIM_PFID		0

/* GGTT: one bit per 64 KiB unit below GUC_GGTT_TOP */
#define SIM_GGTT_TOTAL		(4ULL << 30)	/* ggtt->vm.total */
#define SIM_GGTT_ALIGN		SZ_64K
#define SIM_GGTT_TOP		0xFEE00000ULL	/* GUC_GGTT_TOP */
#define SIM_GGTT_PF_USED	SZ_16M		/* pin_bias + PF mappings */
#define SIM_GGTT_MIN_SPARE	SZ_64M
#define SIM_GGTT_BITS		(SIM_GGTT_TOP / SIM_GGTT_ALIGN)

/* LMEM: a byte counter, like gt->lmem->avail in i915 */
#define SIM_LMEM_ALIGN		SZ_2M
#define SIM_LMEM_MIN_SPARE	SZ_128M
#define SIM_LMEM_PF_USED	SZ_128M

/*
 * LMTT (xehpsdv_lmtt.c, one level): the root directory (64 PDEs x 4 B,
 * one 64 KiB minimum LMEM page) belongs to the PF; each VF that holds
 * LMEM on any GT gets a leaf table of 64 Ki PTEs x 4 B = 256 KiB on
 * every GT's LMEM.
 */
#define SIM_LMTT_PD_SIZE	SZ_64K
#define SIM_LMTT_PT_SIZE	SZ_256K
/* pvc_lmtt.c (variant=max): a 64 KiB L2 table, 64 KiB leaves of 32 GiB */
#define SIM_LMTT2_L2_SIZE	SZ_64K
#define SIM_LMTT2_PT_SIZE	SZ_64K
#define SIM_LMTT2_PT_SHIFT	35
/* gen8 PPGTT: vm->pd_shift = ilog2(4 KiB * 4 KiB / 8) = 21 */
#define SIM_PPGTT_PD_SHIFT	21

/* GuC context IDs: GUC_MAX_CONTEXT_ID, managed in blocks of 128 */
#define SIM_CTXS_MAX		65535
#define SIM_CTXS_GRAN		128
#define SIM_CTXS_DELTA		(SIM_CTXS_GRAN - SIM_CTXS_MAX % SIM_CTXS_GRAN)
#define SIM_CTXS_BITS		((SIM_CTXS_MAX + SIM_CTXS_GRAN - 1) / SIM_CTXS_GRAN)
#define SIM_CTXS_MIN_SPARE	256

/* GUC_NUM_DOORBELLS; i915 requires no minimum doorbell spare */
#define SIM_DBS_MAX		256
#define SIM_DBS_MIN_SPARE	0

#define SIM_PRIO_NUM		3	/* low, normal, high */

enum sim_threshold {
	SIM_THR_CAT_ERROR,
	SIM_THR_ENGINE_RESET,
	SIM_THR_PAGE_FAULT,
	SIM_THR_H2G_TIME,
	SIM_THR_IRQ_TIME,
	SIM_THR_DOORBELL_TIME,
	SIM_THR_NUM
};

enum sim_vf_state {
	SIM_VF_RUNNING,
	SIM_VF_PAUSED,
	SIM_VF_STOPPED,
};

/* One provisioning config per function and GT; [0] is the PF. */
struct sim_cfg {
	u64 ggtt_start;
	u64 ggtt_size;
	u64 lmem;
	u16 ctx_begin;
	u16 ctx_num;
	u16 db_begin;
	u16 db_num;
	u32 exec_quantum;
	u32 preempt_timeout;
	u8 sched_priority;
	u32 thresholds[SIM_THR_NUM];
};

struct atsm_sim;

struct sim_gt {
	struct atsm_sim *sim;
	unsigned int id;
	unsigned long *ggtt_map;	/* set bit = 64 KiB unit in use */
	u64 lmem_size;
	u64 lmem_used;			/* PF own use + VF quotas + LMTT */
	u64 pf_lmem;			/* the PF's own use (drifts) */
	u64 pf_lmem_base;		/* its use right after probe */
	u64 lmtt[1 + SIM_MAX_VFS];	/* LMTT bytes held for VF K here */
	u64 spare_ggtt;
	u64 spare_lmem;
	u16 spare_ctxs;
	u16 spare_dbs;
	bool auto_mode;			/* configs below came from auto */
	unsigned int num_pushed;	/* configs "pushed to the GuC" */
	bool sched_if_idle;
	bool engine_reset;
	u32 sample_period;
	struct sim_cfg cfg[1 + SIM_MAX_VFS];
	/* adverse events (atsm_sim_events.c): i915's counters per VF */
	u32 adverse[1 + SIM_MAX_VFS][SIM_THR_NUM];
	/* the GuC's count in the current sampling interval, and its start */
	unsigned long adv_start[1 + SIM_MAX_VFS];	/* jiffies, 0 = none */
	u64 adv_acc[1 + SIM_MAX_VFS][SIM_THR_NUM];
	bool adv_told[1 + SIM_MAX_VFS][SIM_THR_NUM];
};

struct sim_kobj {
	struct kobject kobj;
	struct atsm_sim *sim;
	unsigned int id;		/* 0 = PF, K = VF K */
	struct sim_gt *gt;		/* NULL unless a gt/ directory */
};

struct sim_faults {
	u64 writes;			/* prelim_iov stores seen */
	u32 fail_write_nth;		/* 0 = off, N = Nth store from now */
	u32 fail_write_errno;
	u32 fail_enable_errno;		/* one shot */
	u32 fail_disable_errno;		/* one shot */
	u32 write_delay_ms;
	u32 configure_delay_ms;		/* in sriov_configure, PF locked */
};

/* GuC model (atsm_sim_guc.c) */
struct sim_guc {
	u64 calls;			/* requests attempted */
	u32 fail_nth;			/* 0 = off, N = Nth request from now */
	u32 fail_errno;			/* errno of that failure */
	u32 down_errno;			/* non-zero: every request fails */
	bool fail_sticky;		/* the Nth failure takes it down */
};

#define SIM_MAX_TIME_SCALE	1000000	/* 1000 times the realistic figures */

struct sim_timing {
	u32 scale;			/* per mille of the realistic figures */
};

struct atsm_sim {
	struct pci_dev *pdev;
	struct mutex lock;		/* see the top of this file */
	int card;
	unsigned int device_vfs;	/* TotalVFs before we changed it */
	unsigned int totalvfs;		/* 0: max_vfs=0, a native device */
	int pf_status;			/* -EBUSY until PF init is done */
	struct delayed_work probe_work;	/* the rest of the probe */
	unsigned int num_gts;
	bool auto_off;			/* i915: disable_auto_provisioning */
	bool lmem_overhead;		/* charge LMTT, subtract estimates */
	bool abi_251;			/* 25.1 personality, else 23.10 LTS */
	bool ecc;			/* ECC on: 1/8 of LMEM holds the codes */
	u32 drift_seed;			/* 0: no drift; else xorshift state */
	u64 lmem_frag;			/* free LMEM in pieces < 2 MiB */
	unsigned int lmtt_levels;	/* 1: xehpsdv (ATS-M), 2: pvc */
	bool vf_links;
	u8 vf_state[1 + SIM_MAX_VFS];
	u64 lmem_alloc[1 + SIM_MAX_VFS];	/* 25.1 telemetry, bytes */
	struct sim_gt gt[SIM_MAX_GTS];
	struct sim_faults fault;
	struct sim_guc guc;
	struct sim_timing timing;

	struct sim_kobj *drm;
	struct sim_kobj *cardk;
	struct sim_kobj *home;
	struct sim_kobj *node[1 + SIM_MAX_VFS];
	struct sim_kobj *gtnode[SIM_MAX_GTS][1 + SIM_MAX_VFS];
	struct dentry *dbg;
	struct dentry *dri_dbg;		/* dri/<card>/: i915's GT debugfs */
};

/* model (atsm_sim_model.c); callers hold sim->lock */
int sim_gt_init(struct sim_gt *gt, struct atsm_sim *sim, unsigned int id,
		u64 lmem_size);
void sim_gt_fini(struct sim_gt *gt);
void sim_mark_manual(struct atsm_sim *sim);
int sim_set_auto_provisioning(struct atsm_sim *sim, bool enable);

int sim_set_ggtt(struct sim_gt *gt, unsigned int id, u64 size);
int sim_set_lmem(struct sim_gt *gt, unsigned int id, u64 size);
int sim_set_ctxs(struct sim_gt *gt, unsigned int id, u16 num);
int sim_set_dbs(struct sim_gt *gt, unsigned int id, u16 num);
int sim_set_exec_quantum(struct sim_gt *gt, unsigned int id, u32 val);
int sim_set_preempt_timeout(struct sim_gt *gt, unsigned int id, u32 val);
int sim_set_sched_priority(struct sim_gt *gt, unsigned int id, u8 val);
int sim_set_sched_if_idle(struct sim_gt *gt, bool val);
int sim_set_threshold(struct sim_gt *gt, unsigned int id,
		      enum sim_threshold thr, u32 val);
int sim_set_engine_reset(struct sim_gt *gt, bool val);
int sim_set_sample_period(struct sim_gt *gt, u32 val);
bool sim_is_empty(struct sim_gt *gt, unsigned int id);

int sim_set_spare_ggtt(struct sim_gt *gt, u64 size);
int sim_set_spare_lmem(struct sim_gt *gt, u64 size);
int sim_set_spare_ctxs(struct sim_gt *gt, u16 num);
int sim_set_spare_dbs(struct sim_gt *gt, u16 num);
u64 sim_get_spare_ggtt(struct sim_gt *gt);
u64 sim_get_spare_lmem(struct sim_gt *gt);
u16 sim_get_spare_ctxs(struct sim_gt *gt);
u16 sim_get_spare_dbs(struct sim_gt *gt);

u64 sim_free_ggtt(struct sim_gt *gt);
u64 sim_max_ggtt(struct sim_gt *gt);
u64 sim_free_lmem(struct sim_gt *gt);
u64 sim_max_lmem(struct sim_gt *gt);
u16 sim_free_ctxs(struct sim_gt *gt);
u16 sim_max_ctxs(struct sim_gt *gt);
u16 sim_free_dbs(struct sim_gt *gt);
u16 sim_max_dbs(struct sim_gt *gt);

int sim_verify(struct sim_gt *gt, unsigned int num_vfs);
void sim_drift(struct sim_gt *gt);
int sim_set_pf_lmem(struct sim_gt *gt, u64 used);
int sim_auto_provision(struct sim_gt *gt, unsigned int num_vfs);
void sim_auto_unprovision(struct sim_gt *gt);
void sim_unprovision(struct sim_gt *gt, unsigned int id);

/* GuC and timing (atsm_sim_guc.c); callers hold sim->lock */
int sim_guc_send(struct sim_gt *gt);
int sim_push_quota(struct sim_gt *gt, unsigned int id, unsigned int nreq);
int sim_push_configs(struct sim_gt *gt, unsigned int num_vfs);
void sim_push_no_configs(struct sim_gt *gt);
int sim_cost_lmem(struct atsm_sim *sim, u64 size);
void sim_cost_drain(struct atsm_sim *sim);
void sim_cost_ggtt(struct atsm_sim *sim, u64 size);
void sim_cost_flr(struct atsm_sim *sim, unsigned int num_vfs);

/* sysfs (atsm_sim_sysfs.c) */
int sim_sysfs_init(struct atsm_sim *sim);
int sim_sysfs_add_gts(struct atsm_sim *sim);
void sim_sysfs_fini(struct atsm_sim *sim);
int sim_sysfs_add_vf_links(struct atsm_sim *sim, unsigned int num_vfs);
void sim_sysfs_remove_vf_links(struct atsm_sim *sim);
int sim_sysfs_live_kobjs(void);

/* debugfs (atsm_sim_debugfs.c) */
void sim_debugfs_module_init(void);
void sim_debugfs_module_exit(void);
void sim_debugfs_init(struct atsm_sim *sim);
void sim_debugfs_fini(struct atsm_sim *sim);
int sim_fault_before_write(struct atsm_sim *sim);

/* adverse events and telemetry (atsm_sim_events.c) */
void sim_adverse_reset_all(struct atsm_sim *sim);
void sim_events_debugfs_init(struct atsm_sim *sim, struct dentry *knobs,
			     struct dentry *dri);
void sim_events_debugfs_fini(struct atsm_sim *sim);

/* main (atsm_sim_main.c) */
struct pci_dev *sim_get_vf(struct atsm_sim *sim, unsigned int vfid);
void sim_probe_finish_now(struct atsm_sim *sim);

#endif /* ATSM_SIM_H */
