/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xe_sim - a simulated upstream xe SR-IOV PF (Battlemage, ATS-M, Panther
 * Lake, Alder Lake), written from /work/shared/XE_SRIOV_ABI.md.  It binds
 * to any SR-IOV capable PCI function through driver_override and exposes
 * xe's sysfs sriov_admin tree and debugfs dri/<BDF>/sriov tree for it.
 * See docs/xe_sim.md.
 *
 * Locking: one mutex per PF (struct xe_sim::lock) protects the model, the
 * fault-injection state and the VF device links.  Every sysfs and debugfs
 * handler and sriov_configure take it (they may sleep).  It is never held
 * while sysfs or debugfs entries are removed: removal waits for running
 * handlers, which take the lock.
 */
#ifndef XE_SIM_H
#define XE_SIM_H

#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/types.h>

#define XS_MAX_GTS		2
#define XS_MAX_VFS		31	/* ATS-M, the largest personality */
#define XS_PFID			0

/* GGTT (one per tile): VFs are placed below GUC_GGTT_TOP, top-down */
#define XS_GGTT_TOP		0xFEE00000ULL
#define XS_GGTT_BASE		SZ_8M		/* WOPCM: never for VFs */
#define XS_GGTT_PF_USED		SZ_32M		/* PF's own mappings above it */
#define XS_GGTT_MIN_SPARE	SZ_64M
#define XS_GGTT_SHAREABLE	0xE0000000ULL	/* fair profile budget */

#define XS_VRAM_GRAN		SZ_2M		/* LMTT page, per tile */
#define XS_VRAM_MIN_SPARE	SZ_128M

/* GuC IDs per GT */
#define XS_CTXS_TOTAL		65535
#define XS_CTXS_MIN_SPARE	256
#define XS_DBS_TOTAL		256
#define XS_DBS_MIN_SPARE	0

#define XS_EQ_MAX		100000		/* ms */
#define XS_PT_MAX		100000000	/* us */

enum xs_prio { XS_PRIO_LOW, XS_PRIO_NORMAL, XS_PRIO_HIGH, XS_PRIO_NUM };

enum xs_thr {
	XS_THR_CAT_ERROR,
	XS_THR_ENGINE_RESET,
	XS_THR_PAGE_FAULT,
	XS_THR_H2G_TIME,
	XS_THR_IRQ_TIME,
	XS_THR_DOORBELL_TIME,
	XS_THR_MULTI_LRC,
	XS_THR_NUM
};

enum xs_kver { XS_K619, XS_K70, XS_K71, XS_K72 };

enum xs_mode { XS_MODE_AUTO, XS_MODE_CUSTOM };

enum xs_vf_state { XS_VF_READY, XS_VF_RUNNING, XS_VF_PAUSED, XS_VF_STOPPED };
/* VF control commands, in the order of sriov/vfN/{pause,resume,stop,reset} */
enum xs_ctl { XS_CTL_PAUSE, XS_CTL_RESUME, XS_CTL_STOP, XS_CTL_RESET };

struct xs_platform {
	const char *name;
	unsigned int num_gts;
	unsigned int hw_vfs;	/* the SR-IOV capability's TotalVFs */
	u64 vram;		/* 0: iGPU, no LMTT */
	u64 vram_pf_used;	/* kernel, GuC, PF objects */
	u64 ggtt_align;
};

/* Per-GT config of one function ([0] is the PF) */
struct xs_gt_cfg {
	u32 ctx_begin, ctx_num;
	u32 db_begin, db_num;
	u32 eq, pt;
	u8 prio;
	u32 thr[XS_THR_NUM];
};

/* Per-tile config of one function */
struct xs_tile_cfg {
	u64 ggtt_start, ggtt_size;
	u64 vram;
};

struct xe_sim;

struct xs_gt {
	struct xe_sim *sim;
	unsigned int id;
	struct xs_gt_cfg cfg[1 + XS_MAX_VFS];
	u32 ctx_spare, db_spare;
	bool sched_if_idle, reset_engine;
	u32 sample_period;
	/*
	 * GUC2PF_ADVERSE_EVENT notifications counted per function and
	 * threshold, as xe's monitor does (cleared at a VF reset/FLR)
	 */
	u32 events[1 + XS_MAX_VFS][XS_THR_NUM];
	/* each GT's control state machine of each VF (enum xs_vf_state) */
	u8 vf_state[1 + XS_MAX_VFS];
};

struct xs_kobj;
struct xs_dfile;

struct xe_sim {
	struct pci_dev *pdev;
	struct mutex lock;		/* see above */
	const struct xs_platform *plat;
	enum xs_kver kver;
	unsigned int num_gts;
	unsigned int totalvfs;
	u16 device_vfs;
	enum xs_mode mode;		/* not readable, as in xe */
	bool wedged;
	unsigned int enabling_locks;	/* open lockdown_vfs_enabling files */
	struct xs_gt gt[XS_MAX_GTS];
	struct xs_tile_cfg tile[1 + XS_MAX_VFS];
	u64 ggtt_spare, vram_spare;
	u64 vram_free;
	/* fault injection (xe_sim's own debugfs) */
	struct {
		u32 nth;		/* the nth GuC call fails (1 = next) */
		u32 err;		/* with -err (default EIO) */
		bool sticky;		/* ... and every call after it */
		bool down;		/* the GuC answers nothing: ETIMEDOUT */
		u32 calls;
		u32 gt_mask;		/* fail only on these GTs (0 = any) */
	} guc;
	u32 fail_enable_errno;
	/* sysfs */
	struct xs_kobj *admin, *bulk, *node[1 + XS_MAX_VFS];
	struct xs_kobj *profile[1 + XS_MAX_VFS];
	/* debugfs */
	struct dentry *dri, *sriov, *knobs;
	struct xs_dfile *dpool;		/* what each debugfs file is */
	unsigned int dpool_used;
};

/* personality, set at module load (xe_sim_main.c) */
extern bool xs_lockdown;
extern bool xs_debugfs_off;

static inline bool xs_has_vram(const struct xe_sim *sim)
{
	return sim->plat->vram != 0;
}

/* xe_sim_guc.c */
int xs_guc_push(struct xs_gt *gt, unsigned int vfid, const char *what);
void xs_debugfs_knobs_init(struct xe_sim *sim, struct dentry *root);

/* xe_sim_model.c */
void xs_model_init(struct xe_sim *sim);
int xs_set_ctxs(struct xs_gt *gt, unsigned int vfid, u64 num);
int xs_set_dbs(struct xs_gt *gt, unsigned int vfid, u64 num);
int xs_set_ggtt(struct xe_sim *sim, unsigned int vfid, u64 size);
/* Under sim->lock; VF @vfid enabled. */
int xs_vf_control(struct xe_sim *sim, unsigned int vfid, int cmd);
int xs_set_vram(struct xe_sim *sim, unsigned int vfid, u64 size);
int xs_set_eq(struct xs_gt *gt, unsigned int vfid, u32 val);
int xs_set_pt(struct xs_gt *gt, unsigned int vfid, u32 val);
int xs_set_prio(struct xs_gt *gt, unsigned int vfid, u32 prio);
int xs_set_thr(struct xs_gt *gt, unsigned int vfid, unsigned int thr,
	       u32 val);
int xs_set_ctx_spare(struct xs_gt *gt, u64 num);
int xs_set_db_spare(struct xs_gt *gt, u64 num);
int xs_set_ggtt_spare(struct xe_sim *sim, u64 size);
int xs_set_vram_spare(struct xe_sim *sim, u64 size);
int xs_set_sched_if_idle(struct xs_gt *gt, bool on);
void xs_release_vf(struct xe_sim *sim, unsigned int vfid);
int xs_enable_prepare(struct xe_sim *sim, unsigned int num_vfs);
void xs_disable_release(struct xe_sim *sim, unsigned int num_vfs);
u64 xs_ggtt_available(struct xe_sim *sim, u64 *largest);
u64 xs_ggtt_walk(struct xe_sim *sim,
		 void (*fn)(void *arg, u64 start, u64 end), void *arg);
u64 xs_vram_used(struct xe_sim *sim);
u32 xs_ctxs_used(struct xs_gt *gt);
u32 xs_dbs_used(struct xs_gt *gt);
u64 xs_fair_ggtt(struct xe_sim *sim, unsigned int n);
u64 xs_fair_vram(struct xe_sim *sim, unsigned int n);
u32 xs_fair_ctxs(struct xs_gt *gt, unsigned int n);
u32 xs_fair_dbs(struct xs_gt *gt, unsigned int n);

/* xe_sim_sysfs.c */
int xs_sysfs_init(struct xe_sim *sim);
void xs_sysfs_fini(struct xe_sim *sim);
int xs_sysfs_add_vf_links(struct xe_sim *sim, unsigned int num_vfs);
void xs_sysfs_remove_vf_links(struct xe_sim *sim);

/* xe_sim_debugfs.c */
void xs_debugfs_init(struct xe_sim *sim);
void xs_debugfs_fini(struct xe_sim *sim);
void xs_debugfs_module_init(void);
void xs_debugfs_module_exit(void);

/* xe_sim_main.c */
struct pci_dev *xs_get_vf(struct xe_sim *sim, unsigned int vfid);

#endif /* XE_SIM_H */
