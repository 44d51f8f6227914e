// SPDX-License-Identifier: GPL-2.0
/*
 * The transaction engine: snapshot, plan, validate, journal, apply, verify,
 * and on failure undo in reverse and verify the undo.
 *
 * Apply and reset run in vfprov's workqueue (see "the transaction worker"
 * below): the requester only waits, killably, so its signals never reach
 * the driver's interruptible waits. Plans and dry runs run in the caller
 * and take no lock.
 *
 * Locking: pf->txn_lock serialises transactions on one PF and is the
 * outermost lock the worker takes; the sysfs stores we call take
 * device_lock() of the PF and its VFs under it. Nothing here runs in
 * atomic context.
 *
 * Choices the front-ends and users see:
 *  - expected generation mismatch: -ESTALE (the caller's view is stale and
 *    must be re-read; retrying the same request cannot succeed), REJECTED;
 *  - a DEGRADED PF refuses apply with -EIO unless VFPROV_F_FORCE; reset is
 *    always allowed as it is the way back, and a commit clears DEGRADED;
 *  - VFs in use by a guest: -EBUSY when the transaction would disable them
 *    or change their driver, unless VFPROV_F_FORCE. Scheduling changes are
 *    applied live and are allowed. "In use" is vfio-pci bound with the
 *    device enabled (vfio-pci enables it while its device file is open) or
 *    PCI_DEV_FLAGS_ASSIGNED.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kmod.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "backend.h"
#include "events.h"
#include "fault.h"
#include "vf_action.h"

/*
 * Per VF: unbind, 4 releases, 4 quotas, VRAM through sriov_admin, 2
 * scheduling, 6 thresholds, bind, 3 MARKs of what an xe AUTO disable
 * releases (VRAM, EQ, PT); and for each GT past the first (xe),
 * contexts and doorbells released and set, 6 thresholds, EQ and PT (per
 * GT in debugfs). PF: 15, and per GT past the first 2 spares,
 * sched_if_idle and 2 policies.
 */
#define VFPROV_OPS_PER_VF	22
#define VFPROV_OPS_PER_VF_GT	12
#define VFPROV_OPS_PF		32
#define VFPROV_OPS_PF_GT	5

struct vfprov_txn {
	struct vfprov_pf *pf;
	const struct vfprov_request *req;
	struct vfprov_outcome *res;
	struct vfprov_be be;
	struct vfprov_snap *cur;	/* before the transaction */
	struct vfprov_snap *now;	/* scratch for verification */
	struct vfprov_pf_cfg *plan;
	struct vfprov_oplist ops;
	bool stale;		/* an op with side effects has written */
	bool guc_down;		/* a GuC-backed store kept answering -ENODEV */
	bool guc_fast;		/* ...so this phase no longer retries */
	bool auto_kept_off;	/* undo could not turn auto_provisioning on */
	bool dry;		/* a plan, or an apply's check before queueing */
};

/* The running transaction's step, for PF_GET (txn-status). */
static void vfprov_txn_progress(struct vfprov_txn *t, u32 step, u32 vf)
{
	struct vfprov_pf *pf = t->pf;

	spin_lock(&pf->stat_lock);
	pf->run.step = step;
	pf->run.vf = vf;
	spin_unlock(&pf->stat_lock);
}

void vfprov_who_current(struct vfprov_who *who)
{
	who->pid = task_tgid_nr(current);
	who->uid = from_kuid_munged(&init_user_ns, current_uid());
	get_task_comm(who->comm, current);
}

static void vfprov_fail(struct vfprov_outcome *res, int err, u32 result,
			const char *emsg, const char *fmt, ...) __printf(5, 6);

/* Record the first failure; later ones only matter through the result. */
static void vfprov_fail(struct vfprov_outcome *res, int err, u32 result,
			const char *emsg, const char *fmt, ...)
{
	va_list ap;

	res->result = result;
	if (res->err)
		return;
	res->err = err;
	res->emsg = emsg;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
}

/*
 * Refuse the request before anything was written: @field is what the
 * request got wrong (VFPROV_FIELD_NONE: nothing in it), @attr the word the
 * message names.
 */
static void vfprov_reject(struct vfprov_txn *t, int err, u32 vf, u32 field,
			  const char *attr, const char *emsg,
			  const char *detail)
{
	struct vfprov_outcome *res = t->res;

	if (res->err)
		return;
	res->vf = vf;
	res->field = field;
	res->step = VFPROV_STEP_VALIDATE;
	if (vf)
		vfprov_fail(res, err, VFPROV_RESULT_REJECTED, emsg,
			    "VF %u %s: %s", vf, attr, detail);
	else
		vfprov_fail(res, err, VFPROV_RESULT_REJECTED, emsg, "%s: %s",
			    attr, detail);
}

/* Values compare as numbers when both are numbers (i915 prints hex too). */
static bool vfprov_same(const char *a, const char *b)
{
	u64 x, y;

	if (!kstrtou64(a, 0, &x) && !kstrtou64(b, 0, &y))
		return x == y;
	return !strcmp(a, b);
}

/* ---- validation ---------------------------------------------------- */

static int vfprov_check_pci_only(struct vfprov_txn *t,
				 const struct vfprov_pf_cfg *c)
{
	static const char emsg[] = "backend has no quotas or scheduling";
	u32 i;

	if (c->set & ~(VFPROV_SET_NUM_VFS | VFPROV_SET_VF_DRIVER |
		       VFPROV_SET_REBALANCE)) {
		vfprov_reject(t, -EOPNOTSUPP, 0,
			      vfprov_field_of_set(c->set, VFPROV_SCOPE_PF),
			      "config", emsg,
			      "pci backend sets only num_vfs and vf_driver");
		return -EOPNOTSUPP;
	}
	for (i = 0; i < VFPROV_MAX_VFS; i++) {
		if (!vfprov_vf_sets(&c->vf[i]))
			continue;
		vfprov_reject(t, -EOPNOTSUPP, i + 1,
			      vfprov_field_of_set(vfprov_vf_sets(&c->vf[i]),
						  VFPROV_SCOPE_VF),
			      "vf", emsg,
			      "pci backend has no per-VF settings");
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * A field this backend or driver version has no file for: refused before
 * anything is written, never left to a rollback.
 */
static int vfprov_reject_unsupported(struct vfprov_txn *t, u32 vf, u32 field,
				     const char *needed)
{
	static const char emsg[] = "not supported by this driver version";
	const char *name = vfprov_field(field)->name;
	struct vfprov_outcome *res = t->res;
	char who[16] = "";

	if (res->err)
		return -EOPNOTSUPP;
	res->vf = vf;
	res->field = field;
	res->step = VFPROV_STEP_VALIDATE;
	if (vf)
		snprintf(who, sizeof(who), "VF %u: ", vf);
	if (t->cur->caps_why)
		vfprov_fail(res, -EOPNOTSUPP, VFPROV_RESULT_REJECTED, emsg,
			    "%s%s is not supported: %s", who, name,
			    t->cur->caps_why);
	else
		vfprov_fail(res, -EOPNOTSUPP, VFPROV_RESULT_REJECTED, emsg,
			    "%s%s is not supported by this driver version (%s needed)",
			    who, name, needed);
	return -EOPNOTSUPP;
}

/* Thresholds, policies and priority: in range, and the driver has them. */
static int vfprov_check_policies(struct vfprov_txn *t,
				 const struct vfprov_pf_cfg *c)
{
	static const char thr_needed[] = "i915 with prelim_iov threshold files, 23.6 or later,";
	u32 caps = t->cur->pf_caps, i;
	int k;

	if (c->set & VFPROV_SET_ENGINE_RESET && c->engine_reset > 1) {
		vfprov_reject(t, -EINVAL, 0, VFPROV_FIELD_ENGINE_RESET,
			      "engine_reset", "value out of range",
			      "0 or 1");
		return -EINVAL;
	}
	if (c->set & VFPROV_SET_SCHED_PRIORITY &&
	    c->sched_priority > VFPROV_SCHED_PRIORITY_HIGH) {
		vfprov_reject(t, -EINVAL, 0, VFPROV_FIELD_SCHED_PRIORITY,
			      "sched_priority", "value out of range",
			      "low, normal or high (0..2)");
		return -EINVAL;
	}
	if (c->set & (VFPROV_SET_ENGINE_RESET | VFPROV_SET_SAMPLE_PERIOD) &&
	    !(caps & VFPROV_CAPS_POLICIES))
		return vfprov_reject_unsupported(t, 0,
			c->set & VFPROV_SET_ENGINE_RESET ?
			VFPROV_FIELD_ENGINE_RESET : VFPROV_FIELD_SAMPLE_PERIOD_MS,
			"i915 with prelim_iov policies, 23.6 or later,");
	if (c->set & VFPROV_SET_SCHED_PRIORITY &&
	    !(caps & VFPROV_CAPS_SCHED_PRIORITY))
		return vfprov_reject_unsupported(t, 0,
						 VFPROV_FIELD_SCHED_PRIORITY,
						 "i915 25.1 or later");
	if (caps & VFPROV_CAPS_THRESHOLDS)
		return 0;
	for (i = 0; i < c->num_vfs && i < VFPROV_MAX_VFS; i++)
		for (k = 0; k < VFPROV_THR_COUNT; k++)
			if (c->vf[i].set & VFPROV_SET_THRESHOLD(k))
				return vfprov_reject_unsupported(t, i + 1,
					vfprov_field_threshold(k), thr_needed);
	return 0;
}

/* The GT field of the first value @g sets. */
static u32 vfprov_gt_field(const struct vfprov_gt_cfg *g)
{
	if (g->set & VFPROV_SET_QUOTA(VFPROV_RES_CONTEXTS))
		return VFPROV_FIELD_CONTEXTS;
	if (g->set & VFPROV_SET_QUOTA(VFPROV_RES_DOORBELLS))
		return VFPROV_FIELD_DOORBELLS;
	if (g->set & VFPROV_SET_EXEC_QUANTUM)
		return VFPROV_FIELD_EXEC_QUANTUM_MS;
	return VFPROV_FIELD_PREEMPT_TIMEOUT_US;
}

/*
 * GT values on a PF with several GTs need the backend to write them per
 * GT (xe: debugfs); the planner refuses GTs a PF does not have.
 */
static int vfprov_check_gt_values(struct vfprov_txn *t,
				  const struct vfprov_pf_cfg *c)
{
	u32 i, gt;

	if (t->cur->caps.gts <= 1 || t->cur->pf_caps & VFPROV_CAPS_PER_GT)
		return 0;
	for (i = 0; i < c->num_vfs && i < VFPROV_MAX_VFS; i++)
		for (gt = 0; gt < VFPROV_GTS; gt++)
			if (c->vf[i].gt[gt].set)
				return vfprov_reject_unsupported(t, i + 1,
					vfprov_gt_field(&c->vf[i].gt[gt]),
					"xe debugfs");
	return 0;
}

/*
 * i915 refuses (EIO) a sched_priority write while sched_if_idle is on,
 * and turning sched_if_idle on while any priority is not low. vfprov
 * writes sched_if_idle first, then the priority: refuse what the driver
 * would, before anything is written.
 */
static int vfprov_check_priority(struct vfprov_txn *t)
{
	const struct vfprov_pf_cfg *p = t->plan, *c = &t->cur->cfg;

	if (!(p->set & VFPROV_SET_SCHED_PRIORITY) || !p->sched_if_idle)
		return 0;
	if (!p->sched_priority && c->sched_priority == p->sched_priority)
		return 0;
	vfprov_reject(t, -EINVAL, 0, VFPROV_FIELD_SCHED_PRIORITY,
		      "sched_priority",
		      "sched_priority cannot be set with sched_if_idle on",
		      "not with sched_if_idle on (i915 refuses it, EIO): set sched_if_idle 0, or sched_priority low first");
	return -EINVAL;
}

/* Whether VF config @v's quotas of @r, its own and its GTs', fit 16 bits. */
static bool vfprov_vf_u16(const struct vfprov_vf_cfg *v, int r)
{
	u32 gt;

	for (gt = 0; gt < VFPROV_GTS; gt++)
		if (vfprov_gt_has(v, gt, VFPROV_SET_QUOTA(r)) &&
		    vfprov_gt_quota(v, gt, r) > U16_MAX)
			return false;
	return true;
}

/* Contexts and doorbells are 16-bit counts (the uapi carries u64). */
static int vfprov_check_u16(struct vfprov_txn *t, const struct vfprov_pf_cfg *c)
{
	u32 i;
	int r;

	for (r = VFPROV_RES_CONTEXTS; r < VFPROV_RES_COUNT; r++) {
		if (c->set & VFPROV_SET_SPARE(r) && c->spare[r] > U16_MAX) {
			vfprov_reject(t, -ERANGE, 0, vfprov_field_spare(r),
				      vfprov_field(vfprov_field_spare(r))->name,
				      "value out of range", "exceeds 65535");
			return -ERANGE;
		}
		for (i = 0; i < VFPROV_MAX_VFS; i++) {
			if (vfprov_vf_u16(&c->vf[i], r))
				continue;
			vfprov_reject(t, -ERANGE, i + 1, vfprov_field_quota(r),
				      vfprov_res_names[r], "value out of range",
				      "exceeds 65535");
			return -ERANGE;
		}
	}
	return 0;
}

static int vfprov_check_request(struct vfprov_txn *t,
				const struct vfprov_pf_cfg *c)
{
	char why[VFPROV_VAL_LEN * 2];
	u32 i;
	int r, err;

	/* the journal and the in-use check would miss VFs beyond the limit */
	if (t->cur->pci_total_vfs > VFPROV_MAX_VFS) {
		snprintf(why, sizeof(why), "PF has %u VFs, vfprov handles %u",
			 t->cur->pci_total_vfs, VFPROV_MAX_VFS);
		vfprov_reject(t, -EOPNOTSUPP, 0, VFPROV_FIELD_NONE, "total_vfs",
			      "PF has more VFs than vfprov can provision", why);
		return -EOPNOTSUPP;
	}
	if (!(c->set & VFPROV_SET_NUM_VFS)) {
		vfprov_reject(t, -EINVAL, 0, VFPROV_FIELD_NUM_VFS, "num_vfs",
			      "num_vfs is required",
			      "missing");
		return -EINVAL;
	}
	if (c->num_vfs > t->cur->total_vfs) {
		vfprov_reject(t, -ERANGE, 0, VFPROV_FIELD_NUM_VFS, "num_vfs",
			      "num_vfs exceeds the PF's total_vfs",
			      "exceeds total_vfs");
		return -ERANGE;
	}
	if (c->vf_driver > VFPROV_VF_DRIVER_XE_VFIO_PCI || c->sched_if_idle > 1) {
		vfprov_reject(t, -EINVAL, 0, c->sched_if_idle > 1 ?
			      VFPROV_FIELD_SCHED_IF_IDLE : VFPROV_FIELD_VF_DRIVER,
			      "config", "value out of range",
			      "value out of range");
		return -EINVAL;
	}
	err = vfprov_check_u16(t, c);
	if (err)
		return err;
	for (i = c->num_vfs; i < VFPROV_MAX_VFS; i++) {
		if (!vfprov_vf_sets(&c->vf[i]))
			continue;
		vfprov_reject(t, -EINVAL, i + 1, VFPROV_FIELD_VF_ID, "id",
			      "VF id beyond num_vfs", "beyond num_vfs");
		return -EINVAL;
	}
	if (!t->cur->has_res)
		return vfprov_check_pci_only(t, c);
	err = vfprov_check_policies(t, c);
	if (!err)
		err = vfprov_check_gt_values(t, c);
	if (err)
		return err;
	for (i = 0; i < c->num_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			if (!(vfprov_vf_sets(&c->vf[i]) & VFPROV_SET_QUOTA(r)) ||
			    t->cur->caps.res[r].present)
				continue;
			vfprov_reject(t, -EOPNOTSUPP, i + 1,
				      vfprov_field_quota(r), vfprov_res_names[r],
				      t->cur->res_why ?:
				      "resource not present on this PF",
				      t->cur->res_why ?:
				      "not present on this PF");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

static int vfprov_check_state(struct vfprov_txn *t, bool reset)
{
	const struct vfprov_request *req = t->req;
	struct vfprov_pf *pf = t->pf;
	bool degraded;
	u64 gen;

	if (!t->be.driver[0]) {
		vfprov_reject(t, -ENOENT, 0, VFPROV_FIELD_NONE, "driver",
			      "PF has no driver",
			      "no driver bound to the PF");
		return -ENOENT;
	}
	if (!t->be.ops) {
		vfprov_reject(t, -EOPNOTSUPP, 0, VFPROV_FIELD_NONE, "driver",
			      "PF driver cannot set VFs",
			      "PF driver has no sriov_configure");
		return -EOPNOTSUPP;
	}
	if (t->be.ops->may_change) {
		const char *why = "";
		int err = t->be.ops->may_change(&t->be, &why);

		if (err) {
			vfprov_reject(t, err, 0, VFPROV_FIELD_NONE, "backend",
				      "PF not in vfprov.pci_allow", why);
			return err;
		}
	}
	spin_lock(&pf->stat_lock);
	gen = pf->generation;
	degraded = pf->degraded;
	spin_unlock(&pf->stat_lock);
	if (req->check_gen && req->expected_gen != gen) {
		vfprov_reject(t, -ESTALE, 0, VFPROV_FIELD_EXPECTED_GEN,
			      "expected_generation",
			      "PF generation differs from expected",
			      "PF changed since it was read");
		return -ESTALE;
	}
	if (degraded && !reset && !(req->flags & VFPROV_FLAGS_FORCE)) {
		vfprov_reject(t, -EIO, 0, VFPROV_FIELD_FLAGS, "state",
			      "PF is degraded: reset it, or force",
			      "degraded after a failed undo; reset or force");
		return -EIO;
	}
	return 0;
}

/* A PF whose driver is i915 with SR-IOV off: say what to set. */
static int vfprov_check_bringup(struct vfprov_txn *t,
				const struct vfprov_pf_cfg *c)
{
	const char *why = NULL;
	int err;

	if (!c->num_vfs)
		return 0;
	err = vfprov_i915_not_ready(&t->be, &why);
	if (!err)
		return 0;
	vfprov_reject(t, err, 0, VFPROV_FIELD_NUM_VFS, "num_vfs", why, why);
	return err;
}

static int vfprov_plan_request(struct vfprov_txn *t,
			       const struct vfprov_pf_cfg *c)
{
	struct vfprov_plan_err *perr;
	int err;

	perr = kzalloc(sizeof(*perr), GFP_KERNEL);
	if (!perr)
		return -ENOMEM;
	err = vfprov_plan(&t->cur->caps, &t->cur->cfg, c, t->plan, perr);
	if (err) {
		vfprov_reject(t, err, perr->vf,
			      perr->vf ? vfprov_field_quota(perr->res) :
			      vfprov_field_spare(perr->res),
			      perr->res >= 0 && perr->res < VFPROV_RES_COUNT ?
			      vfprov_res_names[perr->res] : "plan",
			      "request does not fit the PF", perr->msg);
	}
	kfree(perr);
	return err;
}

/*
 * The VF driver must be one the backend offers, and loadable. Only loaded:
 * whether it takes these VFs (xe-vfio-pci knows only BMG/PTL/WCL VF ids)
 * shows at the bind, which then fails and rolls back (ENXIO).
 */
static int vfprov_check_vfio(struct vfprov_txn *t)
{
	u32 d = t->plan->vf_driver;
	const char *drv = vfprov_vf_driver_name(d);

	if (d == VFPROV_VF_DRIVER_NONE || !t->plan->num_vfs)
		return 0;
	if (d != VFPROV_VF_DRIVER_VFIO_PCI && !(t->be.ops->vf_drivers & BIT(d))) {
		vfprov_reject(t, -EOPNOTSUPP, 0, VFPROV_FIELD_VF_DRIVER,
			      "vf_driver", "not a VF driver of this PF's backend",
			      "xe-vfio-pci drives only the VFs of an xe PF: use vfio-pci");
		return -EOPNOTSUPP;
	}
	/*
	 * PLAN is open to unprivileged users: a dry run never loads a module,
	 * it assumes the real apply will.
	 */
	if (t->dry)
		return 0;
	if (!driver_find(drv, &pci_bus_type))
		request_module("%s", drv);
	if (driver_find(drv, &pci_bus_type))
		return 0;
	vfprov_reject(t, -ENOENT, 0, VFPROV_FIELD_VF_DRIVER, "vf_driver",
		      "the VF driver is not available",
		      d == VFPROV_VF_DRIVER_VFIO_PCI ?
		      "vfio-pci driver cannot be loaded" :
		      "xe-vfio-pci cannot be loaded (Linux 6.19+, CONFIG_XE_VFIO_PCI): use vfio-pci");
	return -ENOENT;
}

static int vfprov_check_slots(struct vfprov_txn *t)
{
	u32 vf = vfprov_pci_stale_slot(t->pf, t->plan->num_vfs);

	if (!vf)
		return 0;
	vfprov_reject(t, -EEXIST, vf, VFPROV_FIELD_NUM_VFS, "address",
		      "a stale device holds a VF address",
		      "its PCI address is taken by a stale device (PF removed with VFs enabled?)");
	return -EEXIST;
}

/* -EBUSY if the operations would take a VF away from its guest. */
static int vfprov_check_in_use(struct vfprov_txn *t)
{
	bool disable = false;
	unsigned int i;
	u32 vf = 0;

	if (t->req->flags & VFPROV_FLAGS_FORCE)
		return 0;
	for (i = 0; i < t->ops.n; i++)
		if (t->ops.op[i].step == VFPROV_STEP_DISABLE)
			disable = true;
	for (i = 0; i < t->ops.n && !vf; i++) {
		const struct vfprov_op *op = &t->ops.op[i];
		const struct vfprov_vf_state *st;

		if (!op->vf || op->vf > t->cur->total_vfs)
			continue;
		st = &t->cur->vf[op->vf - 1];
		if (st->in_use && (disable || (op->kind == VFPROV_OP_DRIVER &&
					       strcmp(st->driver, op->val))))
			vf = op->vf;
	}
	for (i = 0; disable && !vf && i < t->cur->cfg.num_vfs; i++)
		if (t->cur->vf[i].in_use)
			vf = i + 1;
	if (!vf)
		return 0;
	vfprov_reject(t, -EBUSY, vf, VFPROV_FIELD_FLAGS, "in_use", "VF in use by a guest",
		      "in use by a guest (vfio open); use force");
	return -EBUSY;
}

/*
 * Which VFs that exist now the operations disable or rebind, for the plan
 * and dry-run replies (and for the admin who reads why a VF went away).
 */
static void vfprov_txn_disrupt(struct vfprov_txn *t)
{
	bool disable = false;
	unsigned int i;

	for (i = 0; i < t->ops.n; i++)
		if (t->ops.op[i].step == VFPROV_STEP_DISABLE)
			disable = true;
	for (i = 0; disable && i < t->cur->cfg.num_vfs; i++)
		t->res->disrupt_off |= 1ull << i;
	for (i = 0; i < t->ops.n; i++) {
		const struct vfprov_op *op = &t->ops.op[i];
		const struct vfprov_vf_state *st;

		if (op->kind != VFPROV_OP_DRIVER || !op->vf ||
		    op->vf > t->cur->total_vfs)
			continue;
		st = &t->cur->vf[op->vf - 1];
		if (st->present && !(t->res->disrupt_off >> (op->vf - 1) & 1) &&
		    strcmp(st->driver, op->val))
			t->res->disrupt_rebind |= 1ull << (op->vf - 1);
	}
}

/* ---- journal, apply, undo --------------------------------------------- */

/*
 * i915 answers -ENODEV to a store it pushes to the GuC while a GT reset is
 * in progress (prelim_iov files, and the VF enable's push). Such a store
 * is retried 5 times with backoff, 50..800 ms apart (1.55 s in all); the
 * worker sleeps, no signal cuts it short.
 */
#define VFPROV_GUC_RETRIES	5
#define VFPROV_GUC_BACKOFF_MS	50

static bool vfprov_guc_backed(const struct vfprov_txn *t, const char *path)
{
	size_t n = strlen(t->be.iov);

	if (!n)
		return false;
	return !strncmp(path, t->be.iov, n) ||
	       (!strncmp(path, t->be.dev, strlen(t->be.dev)) &&
		!strcmp(path + strlen(t->be.dev), "/sriov_numvfs"));
}

/*
 * Once a series of retries ran out, the GuC is taken as down: later stores
 * of the same phase (apply, then undo) try once, so that an undo of 31 VFs
 * does not wait 1.55 s per file. The undo starts with one fresh series.
 */
static int vfprov_write(struct vfprov_txn *t, const struct vfprov_op *op,
			const char *val)
{
	unsigned int try, ms = VFPROV_GUC_BACKOFF_MS;
	bool guc = vfprov_guc_backed(t, op->path);
	int err;

	if (op->fs == VFPROV_FS_DEBUGFS)
		return vfprov_debugfs_attr_write(op->path, val);
	for (try = 0;; try++) {
		err = vfprov_sysfs_write_in(&t->be.dir, op->path, val);
		if (err != -ENODEV || !guc || t->guc_fast ||
		    try == VFPROV_GUC_RETRIES || vfprov_pf_gone(t->pf))
			break;
		msleep(ms);
		ms *= 2;
	}
	if (err == -ENODEV && guc && !vfprov_pf_gone(t->pf)) {
		t->guc_down = true;
		t->guc_fast = true;
	}
	return err;
}

static int vfprov_op_read(struct vfprov_txn *t, const struct vfprov_op *op,
			  char *buf, size_t len)
{
	int err;

	if (op->fs == VFPROV_FS_DEBUGFS)
		err = vfprov_debugfs_attr_read(op->path, buf, len);
	else
		err = vfprov_sysfs_read_in(&t->be.dir, op->path, buf, len);
	if (!err && op->choice)
		err = vfprov_choice_word(buf);
	return err;
}

static int vfprov_op_exec(struct vfprov_txn *t, struct vfprov_op *op)
{
	char ovr[VFPROV_DRV_LEN];
	int err;

	if (op->kind == VFPROV_OP_DRIVER) {
		err = vfprov_vf_driver_now(t->pf, op->vf, op->old, ovr);
		if (err)
			return err;
		if (!strcmp(op->old, op->val) && !strcmp(ovr, op->val))
			return 0;
		strscpy(op->old_override, ovr, sizeof(op->old_override));
		op->journaled = true;
		return vfprov_vf_bind_from(t->pf, op->vf, op->old, ovr, op->val,
					   op->val);
	}
	if (op->kind == VFPROV_OP_MARK || op->kind == VFPROV_OP_TRIGGER) {
		op->journaled = true;
		return op->kind == VFPROV_OP_MARK ? 0 : vfprov_write(t, op, op->val);
	}
	/*
	 * The snapshot was read under the txn lock a moment ago: trust it for
	 * the journal until an op with side effects has written.
	 */
	if (!op->old_known || t->stale) {
		err = vfprov_op_read(t, op, op->old, sizeof(op->old));
		if (err)
			return err;
	}
	if (vfprov_same(op->old, op->val))
		return 0;
	/* Journal first: a failed write may still have changed the value. */
	op->journaled = true;
	if (op->side_effects)
		t->stale = true;
	return vfprov_write(t, op, op->val);
}

/* Did this transaction disable the VFs (its VF enable op wrote 0)? */
static bool vfprov_txn_disabled(const struct vfprov_txn *t)
{
	unsigned int i;

	for (i = 0; i < t->ops.n; i++)
		if (t->ops.op[i].step == VFPROV_STEP_DISABLE &&
		    t->ops.op[i].journaled)
			return true;
	return false;
}

/*
 * i915 turns auto_provisioning on only over empty VF configs (-ESTALE
 * otherwise), and switches it off by itself at any non-zero VF value. When
 * the transaction kept auto-provisioned VFs running, their configs are
 * still there after the undo, so the flag cannot come back while they run
 * (i915 releases those configs at the next disable). The undo then keeps
 * it off; the verification accepts exactly that difference.
 */
static bool vfprov_auto_one_way(const struct vfprov_txn *t,
				const struct vfprov_op *op)
{
	return !op->vf && !strcmp(op->attr, "auto_provisioning") &&
	       !strcmp(op->old, "1") && t->cur->auto_prov == 1 &&
	       t->cur->cfg.num_vfs && !vfprov_txn_disabled(t);
}

static int vfprov_op_undo(struct vfprov_txn *t, struct vfprov_op *op)
{
	char now[VFPROV_VAL_LEN];
	int err;

	if (op->kind == VFPROV_OP_DRIVER) {
		struct pci_dev *vf = vfprov_vf_get(t->pf, op->vf);

		if (!vf)	/* VF gone again: its binding went with it */
			return op->old[0] ? -ENODEV : 0;
		pci_dev_put(vf);
		return vfprov_vf_bind(t->pf, op->vf, op->old, op->old_override);
	}
	if (op->kind == VFPROV_OP_MARK)
		return vfprov_write(t, op, op->val);
	if (op->kind == VFPROV_OP_TRIGGER)
		return 0;
	if (!vfprov_op_read(t, op, now, sizeof(now)) &&
	    vfprov_same(now, op->old))
		return 0;
	err = vfprov_write(t, op, op->old);
	if (err == -ESTALE && vfprov_auto_one_way(t, op)) {
		t->auto_kept_off = true;
		return 0;
	}
	return err;
}

static const char *vfprov_guc_note(const struct vfprov_txn *t, int err)
{
	return err == -ENODEV && t->guc_down ?
	       ": GuC unavailable (GT reset?) after 5 retries" : "";
}

static void vfprov_fail_op(struct vfprov_txn *t, const struct vfprov_op *op,
			   int err, const char *what)
{
	u32 field = vfprov_field_of_file(op->attr);
	const char *emsg = field ? vfprov_field(field)->emsg :
			   "apply failed; state restored";
	struct vfprov_outcome *res = t->res;

	if (res->err)
		return;
	res->field = field;
	res->vf = op->vf;
	res->step = op->step;
	if (op->vf)
		vfprov_fail(res, err, VFPROV_RESULT_ROLLED_BACK, emsg,
			    "%s: %s of VF %u %s failed (%d)%s",
			    vfprov_step_names[op->step], what, op->vf,
			    op->attr, err, vfprov_guc_note(t, err));
	else
		vfprov_fail(res, err, VFPROV_RESULT_ROLLED_BACK, emsg,
			    "%s: %s of PF %s failed (%d)%s",
			    vfprov_step_names[op->step], what, op->attr, err,
			    vfprov_guc_note(t, err));
}

/* The last operation on each file decides what it must read back. */
static bool vfprov_op_is_last(struct vfprov_txn *t, unsigned int i)
{
	unsigned int j;

	/* same file implies same VF: compare that first, paths are long */
	for (j = i + 1; j < t->ops.n; j++)
		if (t->ops.op[j].vf == t->ops.op[i].vf &&
		    t->ops.op[j].kind == t->ops.op[i].kind &&
		    !strcmp(t->ops.op[j].path, t->ops.op[i].path))
			return false;
	return true;
}

static int vfprov_verify_apply(struct vfprov_txn *t)
{
	char now[VFPROV_VAL_LEN], ovr[VFPROV_DRV_LEN];
	unsigned int i;
	int err;

	for (i = 0; i < t->ops.n; i++) {
		struct vfprov_op *op = &t->ops.op[i];

		if (op->kind == VFPROV_OP_MARK || op->kind == VFPROV_OP_TRIGGER ||
		    op->refilled || !vfprov_op_is_last(t, i))
			continue;
		if (op->kind == VFPROV_OP_DRIVER) {
			err = vfprov_vf_driver_now(t->pf, op->vf, now, ovr);
			/* an unbound VF that was then disabled is fine */
			if (err == -ENODEV && !op->val[0])
				continue;
		} else {
			err = vfprov_op_read(t, op, now, sizeof(now));
		}
		if (!err && !vfprov_same(now, op->val))
			err = -EIO;
		if (err) {
			vfprov_fail_op(t, op, err, "read-back");
			t->res->step = VFPROV_STEP_VERIFY;
			return err;
		}
	}
	return 0;
}

/* Whether two live VF configs hold the same quotas and EQ/PT on every GT. */
static bool vfprov_vf_cfg_equal(const struct vfprov_vf_cfg *a,
				const struct vfprov_vf_cfg *b)
{
	u32 gt;

	if (memcmp(a->quota, b->quota, sizeof(a->quota)))
		return false;
	for (gt = 0; gt < VFPROV_GTS; gt++)
		if (vfprov_gt_sched(a, gt, 1) != vfprov_gt_sched(b, gt, 1) ||
		    vfprov_gt_sched(a, gt, 0) != vfprov_gt_sched(b, gt, 0) ||
		    vfprov_gt_quota(a, gt, VFPROV_RES_CONTEXTS) !=
		    vfprov_gt_quota(b, gt, VFPROV_RES_CONTEXTS) ||
		    vfprov_gt_quota(a, gt, VFPROV_RES_DOORBELLS) !=
		    vfprov_gt_quota(b, gt, VFPROV_RES_DOORBELLS))
			return false;
	return true;
}

/* Thresholds, policies and priority: what the PF and VF files hold. */
static const char *vfprov_policy_diff(const struct vfprov_snap *a,
				      const struct vfprov_snap *b, u32 *vf)
{
	u32 i;

	*vf = 0;
	if (a->cfg.engine_reset != b->cfg.engine_reset ||
	    a->cfg.sample_period_ms != b->cfg.sample_period_ms)
		return "policies";
	if (a->cfg.sched_priority != b->cfg.sched_priority)
		return "sched_priority";
	for (i = 0; i < a->total_vfs; i++) {
		*vf = i + 1;
		if (memcmp(a->cfg.vf[i].threshold, b->cfg.vf[i].threshold,
			   sizeof(a->cfg.vf[i].threshold)))
			return "threshold";
	}
	*vf = 0;
	return NULL;
}

/*
 * After an undo that re-enabled auto-provisioned VFs, i915 gave them a
 * fresh fair share, which differs from the one before when the PF's own
 * use drifted. That state is as good as the old one when every enabled VF
 * has each resource it had (and nothing beyond num_vfs), and the VFs
 * together stay within the pool the snapshot saw.
 */
static bool vfprov_quotas_equivalent(const struct vfprov_snap *a,
				     const struct vfprov_snap *b, u32 *vf)
{
	u64 sum;
	u32 i;
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!a->caps.res[r].present)
			continue;
		sum = 0;
		for (i = 0; i < a->total_vfs; i++) {
			const u64 qa = a->cfg.vf[i].quota[r];
			const u64 qb = b->cfg.vf[i].quota[r];

			*vf = i + 1;
			if (i >= a->cfg.num_vfs ? qb != 0 : !qa != !qb)
				return false;
			sum += qb;
		}
		*vf = 0;
		if (!a->caps.res[r].no_pool && sum > a->caps.res[r].pool)
			return false;
	}
	return true;
}

/*
 * Does the PF read back as in @a? Names the first difference. Exact,
 * except for what i915 re-decides by itself: the quotas of VFs it
 * auto-provisioned again (@auto_again), and the auto_provisioning flag it
 * refuses to turn on over running VFs (@auto_off_ok).
 */
static const char *vfprov_snap_diff(const struct vfprov_snap *a,
				    const struct vfprov_snap *b, u32 *vf,
				    bool auto_again, bool auto_off_ok)
{
	const char *diff;
	u32 i;

	*vf = 0;
	if (a->cfg.num_vfs != b->cfg.num_vfs)
		return "sriov_numvfs";
	if (a->autoprobe != b->autoprobe)
		return "sriov_drivers_autoprobe";
	if (a->auto_prov != b->auto_prov &&
	    !(auto_off_ok && a->auto_prov == 1 && b->auto_prov == 0))
		return "auto_provisioning";
	if (memcmp(a->cfg.spare, b->cfg.spare, sizeof(a->cfg.spare)))
		return "spare";
	if (a->cfg.exec_quantum_ms != b->cfg.exec_quantum_ms ||
	    a->cfg.preempt_timeout_us != b->cfg.preempt_timeout_us ||
	    a->cfg.sched_if_idle != b->cfg.sched_if_idle)
		return "scheduling";
	diff = vfprov_policy_diff(a, b, vf);
	if (diff)
		return diff;
	if (auto_again && !vfprov_quotas_equivalent(a, b, vf))
		return "quota";
	for (i = 0; i < a->total_vfs; i++) {
		*vf = i + 1;
		if (auto_again ?
		    a->cfg.vf[i].exec_quantum_ms != b->cfg.vf[i].exec_quantum_ms ||
		    a->cfg.vf[i].preempt_timeout_us !=
		    b->cfg.vf[i].preempt_timeout_us :
		    !vfprov_vf_cfg_equal(&a->cfg.vf[i], &b->cfg.vf[i]))
			return "quota";
		if (strcmp(a->vf[i].driver, b->vf[i].driver) ||
		    strcmp(a->vf[i].override, b->vf[i].override))
			return "driver";
	}
	*vf = 0;
	return NULL;
}

/* Undo every journaled operation up to @last, newest first; then verify. */
static int vfprov_undo(struct vfprov_txn *t, int last)
{
	const char *diff;
	int i, err, first = 0;
	bool auto_again;
	u32 vf;

	t->guc_fast = false;
	for (i = last; i >= 0; i--) {
		struct vfprov_op *op = &t->ops.op[i];

		if (!op->journaled)
			continue;
		err = vfprov_op_undo(t, op);
		if (err && !first) {
			first = err;
			pr_err("%s: undo of %s %s (VF %u) failed: %d\n",
			       t->pf->name, vfprov_step_names[op->step],
			       op->attr, op->vf, err);
		}
	}
	memset(t->now, 0, sizeof(*t->now));
	err = t->be.ops->snapshot(&t->be, t->now);
	if (err)
		return first ? first : err;
	/* i915 re-provisioned the VFs the undo enabled again */
	auto_again = t->cur->auto_prov == 1 && t->cur->cfg.num_vfs &&
		     vfprov_txn_disabled(t);
	diff = vfprov_snap_diff(t->cur, t->now, &vf, auto_again,
				t->auto_kept_off);
	if (diff) {
		pr_err("%s: after undo %s of VF %u differs from before\n",
		       t->pf->name, diff, vf);
		return first ? first : -EIO;
	}
	return first;
}

/* Append @note to the reason, as far as it fits. */
static void vfprov_note(struct vfprov_outcome *res, const char *note)
{
	size_t n = strlen(res->msg);

	strscpy(res->msg + n, note, sizeof(res->msg) - n);
}

static void vfprov_degraded(struct vfprov_txn *t, int err)
{
	char note[64];

	t->res->result = VFPROV_RESULT_DEGRADED;
	if (err == -ENODEV && t->guc_down) {
		t->res->emsg = "apply and undo failed: GuC unavailable; PF degraded";
		snprintf(note, sizeof(note),
			 "; undo failed: GuC unavailable (%d)", err);
	} else {
		t->res->emsg = "apply failed and its undo failed: PF degraded";
		snprintf(note, sizeof(note), "; undo failed (%d)", err);
	}
	vfprov_note(t->res, note);
	pr_err("%s: UNDO FAILED (%d): PF state unknown, marked degraded; reset it\n",
	       t->pf->name, err);
}

/* The backend may keep state of its own that the journal decides. */
static void vfprov_be_finish(struct vfprov_txn *t, bool applied, int undo_err)
{
	if (t->be.ops->finish)
		t->be.ops->finish(&t->be, &t->ops, applied, undo_err);
}

static void vfprov_apply_ops(struct vfprov_txn *t)
{
	int i, err = 0;

	for (i = 0; i < t->ops.n; i++) {
		vfprov_txn_progress(t, t->ops.op[i].step, t->ops.op[i].vf);
		err = vfprov_op_exec(t, &t->ops.op[i]);
		if (err) {
			vfprov_fail_op(t, &t->ops.op[i], err, "write");
			break;
		}
	}
	if (!err) {
		vfprov_txn_progress(t, VFPROV_STEP_VERIFY, 0);
		err = vfprov_verify_apply(t);
	}
	if (!err) {
		t->res->result = VFPROV_RESULT_COMMITTED;
		vfprov_be_finish(t, true, 0);
		return;
	}
	if (i == t->ops.n)	/* verification failed: undo everything */
		i--;
	vfprov_txn_progress(t, VFPROV_STEP_UNDO, 0);
	err = vfprov_undo(t, i);
	vfprov_be_finish(t, false, err);
	if (err)
		vfprov_degraded(t, err);
	else if (t->auto_kept_off)
		vfprov_note(t->res, "; auto_provisioning stays off until the VFs are disabled (i915 refuses it over running VFs)");
}

/* ---- the transaction --------------------------------------------------- */

/* Whether any op would change the PF, judged by the snapshot alone. */
static bool vfprov_txn_changes(const struct vfprov_txn *t)
{
	const struct vfprov_vf_state *st;
	unsigned int i;

	for (i = 0; i < t->ops.n; i++) {
		const struct vfprov_op *op = &t->ops.op[i];

		if (op->kind == VFPROV_OP_MARK)	/* changes nothing by itself */
			continue;
		if (op->kind == VFPROV_OP_WRITE) {
			if (!op->old_known || !vfprov_same(op->old, op->val))
				return true;
			continue;
		}
		if (!op->vf || op->vf > t->cur->total_vfs)
			return true;
		st = &t->cur->vf[op->vf - 1];
		if (!st->present || strcmp(st->driver, op->val) ||
		    strcmp(st->override, op->val))
			return true;
	}
	return false;
}

static void vfprov_txn_free(struct vfprov_txn *t)
{
	vfprov_backend_release(&t->be);
	kvfree(t->ops.op);
	kfree(t->plan);
	kfree(t->now);
	kfree(t->cur);
}

static int vfprov_txn_alloc(struct vfprov_txn *t)
{
	t->cur = kzalloc(sizeof(*t->cur), GFP_KERNEL);
	t->now = kzalloc(sizeof(*t->now), GFP_KERNEL);
	t->plan = kzalloc(sizeof(*t->plan), GFP_KERNEL);
	if (!t->cur || !t->now || !t->plan)
		return -ENOMEM;
	return 0;
}

/* The op list, sized for this PF once the snapshot knows its VFs. */
static int vfprov_txn_alloc_ops(struct vfprov_txn *t)
{
	u32 gts = t->be.gts > 1 ? t->be.gts - 1 : 0;

	t->ops.max = t->cur->total_vfs *
		     (VFPROV_OPS_PER_VF + gts * VFPROV_OPS_PER_VF_GT) +
		     VFPROV_OPS_PF + gts * VFPROV_OPS_PF_GT;
	t->ops.op = kvcalloc(t->ops.max, sizeof(*t->ops.op), GFP_KERNEL);
	return t->ops.op ? 0 : -ENOMEM;
}

/* Everything before the first write; returns 0 if the apply may go on. */
static int vfprov_txn_prepare(struct vfprov_txn *t,
			      const struct vfprov_pf_cfg *c, bool reset)
{
	int err;

	/*
	 * A dry run reads as a query does: it never waits for a device lock
	 * a transaction holds (sriov_numvfs_store holds the PF's through a
	 * whole enable), so PLAN and the check before queueing never wait
	 * for a transaction.
	 */
	err = t->dry ? vfprov_backend_select_query(t->pf, &t->be) :
		       vfprov_backend_select(t->pf, &t->be);
	if (err)
		return err;
	err = vfprov_check_state(t, reset);
	if (err)
		return err;
	err = vfprov_check_bringup(t, c);
	if (err)
		return err;
	err = t->be.ops->snapshot(&t->be, t->cur);
	if (err == -EAGAIN) {
		vfprov_reject(t, err, 0, VFPROV_FIELD_NONE, "backend",
			      "i915 is still probing, retry",
			      "i915 is still probing (prelim_iov/pf/gt/ not there yet), retry");
		return err;
	}
	if (err == -EOPNOTSUPP) {
		vfprov_reject(t, err, 0, VFPROV_FIELD_NONE, "backend",
			      "multi-tile prelim_iov is not supported",
			      "multi-tile (gt0/, gt1/) prelim_iov not supported");
		return err;
	}
	if (err) {
		vfprov_reject(t, err, 0, VFPROV_FIELD_NONE, "snapshot", "cannot read the PF state",
			      "reading the PF state failed");
		return err;
	}
	err = vfprov_check_request(t, c);
	if (!err)
		err = vfprov_plan_request(t, c);
	if (!err)
		err = vfprov_check_priority(t);
	if (!err)
		err = vfprov_check_slots(t);
	if (!err)
		err = vfprov_check_vfio(t);
	if (!err)
		err = vfprov_txn_alloc_ops(t);
	if (!err)
		err = t->be.ops->build(&t->be, t->cur, t->plan, &t->ops);
	if (!err)
		vfprov_txn_disrupt(t);
	if (!err)
		err = vfprov_check_in_use(t);
	if (err && !t->res->err)
		vfprov_reject(t, err, 0, VFPROV_FIELD_NONE, "plan", "cannot build the apply steps",
			      "building the apply steps failed");
	return err;
}

/* Caller holds pf->stat_lock. Newest at out_head - 1. */
static void vfprov_outcome_keep(struct vfprov_pf *pf,
				const struct vfprov_outcome *res)
{
	pf->outcome[pf->out_head] = *res;
	pf->out_head = (pf->out_head + 1) % VFPROV_OUTCOMES_KEPT;
	if (pf->n_outcomes < VFPROV_OUTCOMES_KEPT)
		pf->n_outcomes++;
}

/* A transaction ended: the PF's status, generation and outcome ring. */
static void vfprov_txn_status(struct vfprov_txn *t)
{
	struct vfprov_outcome *res = t->res;
	struct vfprov_pf *pf = t->pf;

	spin_lock(&pf->stat_lock);
	if (res->result == VFPROV_RESULT_COMMITTED) {
		pf->generation++;
		pf->degraded = false;
	}
	if (res->result == VFPROV_RESULT_DEGRADED)
		pf->degraded = true;
	memset(&pf->run, 0, sizeof(pf->run));
	vfprov_pf_state_settle(pf);
	res->generation = pf->generation;
	vfprov_outcome_keep(pf, res);
	spin_unlock(&pf->stat_lock);
}

/* Tell the subscribers; who asked goes no further than they let it. */
static void vfprov_txn_event(struct vfprov_pf *pf,
			     const struct vfprov_request *req,
			     const struct vfprov_outcome *res)
{
	static const char *const what[] = {
		[VFPROV_RESULT_NONE]		= "not finished",
		[VFPROV_RESULT_COMMITTED]	= "committed",
		[VFPROV_RESULT_REJECTED]	= "rejected",
		[VFPROV_RESULT_ROLLED_BACK]	= "rolled back",
		[VFPROV_RESULT_DEGRADED]	= "degraded",
		[VFPROV_RESULT_UNCHANGED]	= "unchanged",
	};
	struct vfprov_event ev = {
		.kind = VFPROV_EV_TXN, .pf = pf, .res = res, .who = &req->who,
	};

	if (res->result == VFPROV_RESULT_COMMITTED)
		pr_info("%s: committed generation %llu, transaction %llu (%s pid %u uid %u)\n",
			pf->name, res->generation, res->txn_id, req->who.comm,
			req->who.pid, req->who.uid);
	else if (res->result != VFPROV_RESULT_UNCHANGED)
		pr_info("%s: transaction %llu %s (%d) (%s pid %u uid %u)\n",
			pf->name, res->txn_id,
			res->result < ARRAY_SIZE(what) ? what[res->result] : "?",
			res->err, req->who.comm, req->who.pid, req->who.uid);
	vfprov_event_emit(&ev);
}

/*
 * A dry run (PLAN, and APPLY/RESET's check before queueing): snapshot and
 * plan in the caller's task, without txn_lock and without touching the
 * PF's status. It may see a transaction's intermediate state; the apply
 * plans again under the lock from what it finds then.
 */
static int vfprov_txn_dry(struct vfprov_pf *pf, const struct vfprov_request *req,
			  const struct vfprov_pf_cfg *c, bool reset,
			  struct vfprov_outcome *res)
{
	struct vfprov_txn t = { .pf = pf, .req = req, .res = res, .dry = true };
	int err;

	memset(res, 0, sizeof(*res));
	err = vfprov_txn_alloc(&t);
	if (err) {
		vfprov_fail(res, err, VFPROV_RESULT_REJECTED,
			    "request not started", "not started: out of memory");
		vfprov_txn_free(&t);
		return err;
	}
	err = vfprov_txn_prepare(&t, c, reset);
	if (err == -ENODEV && !res->err)
		vfprov_reject(&t, err, 0, VFPROV_FIELD_NONE, "pf", "PF is gone",
			      "PF removed");
	if (!err && req->plan_out)
		memcpy(req->plan_out, t.plan, sizeof(*t.plan));
	spin_lock(&pf->stat_lock);
	res->generation = pf->generation;
	spin_unlock(&pf->stat_lock);
	vfprov_txn_free(&t);
	return res->err;
}

/* The transaction proper; runs in the worker, never in a requester. */
static void vfprov_txn_exec(struct vfprov_pf *pf, const struct vfprov_request *req,
			    const struct vfprov_pf_cfg *c, bool reset,
			    struct vfprov_outcome *res)
{
	struct vfprov_txn t = { .pf = pf, .req = req, .res = res };
	int err;

	err = vfprov_txn_alloc(&t);
	/*
	 * A kworker never gets a signal: this wait cannot fail, and neither
	 * can the driver's interruptible waits below. Killable only so that
	 * a long wait behind another PF transaction is not a "hung task".
	 */
	if (!err)
		err = mutex_lock_killable(&pf->txn_lock);
	spin_lock(&pf->stat_lock);
	pf->queued--;
	if (!err) {
		pf->started++;
		pf->run.id = res->txn_id;
		pf->run.op = res->op;
		pf->run.step = VFPROV_STEP_VALIDATE;
		pf->run.vf = 0;
	}
	vfprov_pf_state_settle(pf);
	spin_unlock(&pf->stat_lock);
	if (err) {	/* nothing was read or written */
		vfprov_fail(res, err, VFPROV_RESULT_REJECTED,
			    "request not started", "not started: %s",
			    err == -ENOMEM ? "out of memory" : "interrupted");
		spin_lock(&pf->stat_lock);
		res->generation = pf->generation;
		vfprov_outcome_keep(pf, res);
		spin_unlock(&pf->stat_lock);
		vfprov_txn_free(&t);
		return;
	}

	err = vfprov_txn_prepare(&t, c, reset);
	if (err == -ENODEV && !res->err)
		vfprov_reject(&t, err, 0, VFPROV_FIELD_NONE, "pf", "PF is gone",
			      "PF removed");
	/* Nothing to write: no generation bump. */
	if (!err && (req->flags & VFPROV_FLAGS_IF_CHANGED) &&
	    !vfprov_txn_changes(&t))
		res->result = VFPROV_RESULT_UNCHANGED;
	else if (!err)
		vfprov_apply_ops(&t);
	vfprov_txn_status(&t);
	mutex_unlock(&pf->txn_lock);
	vfprov_txn_free(&t);
}

/*
 * A transaction that is not an apply (vf-action, vf_action.c): the same
 * lock and status bookkeeping as vfprov_txn_exec(). Returns 0 with
 * pf->txn_lock held, or the errno with the refusal kept on the PF.
 */
int vfprov_txn_begin(struct vfprov_pf *pf, struct vfprov_outcome *res,
		     u32 step, u32 vf)
{
	int err = mutex_lock_killable(&pf->txn_lock);

	spin_lock(&pf->stat_lock);
	pf->queued--;
	if (!err) {
		pf->started++;
		pf->run.id = res->txn_id;
		pf->run.op = res->op;
		pf->run.step = step;
		pf->run.vf = vf;
	} else {
		vfprov_fail(res, err, VFPROV_RESULT_REJECTED,
			    "request not started", "not started: interrupted");
		res->generation = pf->generation;
		vfprov_outcome_keep(pf, res);
	}
	vfprov_pf_state_settle(pf);
	spin_unlock(&pf->stat_lock);
	return err;
}

/*
 * Ends what vfprov_txn_begin() started. @changed: the driver's config of
 * the PF may have changed (a VF's provisioning cleared), so the generation
 * bumps and a client's expected generation no longer matches.
 */
void vfprov_txn_end(struct vfprov_pf *pf, struct vfprov_outcome *res,
		    bool changed)
{
	spin_lock(&pf->stat_lock);
	if (changed)
		pf->generation++;
	memset(&pf->run, 0, sizeof(pf->run));
	vfprov_pf_state_settle(pf);
	res->generation = pf->generation;
	vfprov_outcome_keep(pf, res);
	spin_unlock(&pf->stat_lock);
	mutex_unlock(&pf->txn_lock);
}

/* ---- the transaction worker -------------------------------------------- */

/*
 * A queued transaction. One reference for the requester, one for the
 * worker; the last put frees it. Everything the worker needs is copied in,
 * so a requester that leaves (fatal signal, death, or an asynchronous
 * netlink request that never waited) takes nothing with it: the
 * transaction completes or undoes, and its outcome stays on the PF and
 * goes to the event subscribers.
 */
struct vfprov_job {
	struct kref ref;
	struct work_struct work;
	struct completion done;
	bool reset;
	struct vfprov_pf *pf;		/* referenced */
	struct vfprov_request req;	/* .cfg points at .cfg */
	struct vfprov_pf_cfg cfg;
	struct vfprov_outcome res;	/* .txn_id, .op set at creation */
	/*
	 * The requester's address space (mmget), NULL for a kernel thread:
	 * the worker borrows it for debugfs attribute I/O (debugfs_io.c).
	 */
	struct mm_struct *mm;
};

static struct workqueue_struct *vfprov_txn_wq;
/* Guards vfprov_txn_closing against queueing while the module unloads. */
static DEFINE_SPINLOCK(vfprov_txn_qlock);
static bool vfprov_txn_closing;
static atomic64_t vfprov_txn_ids = ATOMIC64_INIT(0);

static void vfprov_job_release(struct kref *ref)
{
	struct vfprov_job *job = container_of(ref, struct vfprov_job, ref);

	if (job->mm)
		mmput(job->mm);
	vfprov_pf_put(job->pf);
	kvfree(job);
}

static void vfprov_job_put(struct vfprov_job *job)
{
	kref_put(&job->ref, vfprov_job_release);
}

static void vfprov_job_work(struct work_struct *work)
{
	struct vfprov_job *job = container_of(work, struct vfprov_job, work);

	vfprov_uaccess_begin(job->mm);
	if (job->res.op == VFPROV_TXN_OP_VF_ACTION)
		vfprov_vf_action_exec(job->pf, &job->req, &job->res);
	else
		vfprov_txn_exec(job->pf, &job->req, job->req.cfg, job->reset,
				&job->res);
	vfprov_uaccess_end(job->mm);
	/* txn_lock is released: subscribers may read the PF at leisure */
	vfprov_txn_event(job->pf, &job->req, &job->res);
	complete(&job->done);
	vfprov_job_put(job);
}

static struct vfprov_job *vfprov_job_new(struct vfprov_pf *pf,
					 const struct vfprov_request *req,
					 const struct vfprov_pf_cfg *c,
					 bool reset, const struct vfprov_outcome *res)
{
	struct vfprov_job *job;

	job = vfprov_fault_alloc() ? NULL : kvzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return NULL;
	kref_init(&job->ref);
	INIT_WORK(&job->work, vfprov_job_work);
	init_completion(&job->done);
	job->reset = reset;
	kref_get(&pf->ref);
	job->pf = pf;
	job->req = *req;
	if (c)		/* a vf-action has none */
		job->cfg = *c;
	job->req.cfg = &job->cfg;
	job->req.plan_out = NULL;
	job->res.txn_id = res->txn_id;
	job->res.op = res->op;
	if (current->mm && !(current->flags & PF_KTHREAD)) {
		mmget(current->mm);
		job->mm = current->mm;
	}
	return job;
}

/*
 * Hand @job to the worker; false once the module is unloading. @reserved:
 * the caller already counted it in pf->queued.
 */
static bool vfprov_job_queue(struct vfprov_job *job, bool reserved)
{
	struct vfprov_pf *pf = job->pf;
	bool queued = false;

	if (!reserved) {
		spin_lock(&pf->stat_lock);
		pf->queued++;
		vfprov_pf_state_settle(pf);
		spin_unlock(&pf->stat_lock);
	}
	spin_lock(&vfprov_txn_qlock);
	if (!vfprov_txn_closing) {
		kref_get(&job->ref);
		queued = queue_work(vfprov_txn_wq, &job->work);
	}
	spin_unlock(&vfprov_txn_qlock);
	if (!queued) {
		spin_lock(&pf->stat_lock);
		pf->queued--;
		vfprov_pf_state_settle(pf);
		spin_unlock(&pf->stat_lock);
	}
	return queued;
}

/*
 * Check the request the way a plan does before queueing it, so that what
 * is wrong with the request itself (it does not fit, a VF is in use, the
 * PF is degraded, a stale generation...) is answered at once. Only while
 * no transaction is running or queued on the PF: behind one, the state it
 * leaves decides, and the worker checks again under txn_lock anyway. A
 * refusal that raced with a transaction starting is not trusted either.
 */
static int vfprov_txn_precheck(struct vfprov_pf *pf,
			       const struct vfprov_request *req,
			       const struct vfprov_pf_cfg *c, bool reset,
			       struct vfprov_outcome *res)
{
	unsigned long started;
	bool busy;
	int err;

	spin_lock(&pf->stat_lock);
	busy = pf->run.id || pf->queued;
	started = pf->started;
	spin_unlock(&pf->stat_lock);
	if (busy)
		return 0;
	err = vfprov_txn_dry(pf, req, c, reset, res);
	if (!err)
		return 0;
	spin_lock(&pf->stat_lock);
	busy = pf->run.id || pf->queued || pf->started != started;
	spin_unlock(&pf->stat_lock);
	return busy ? 0 : err;
}

/* Refused before queueing: kept and told like every other outcome. */
static int vfprov_txn_refused(struct vfprov_pf *pf,
			      const struct vfprov_request *req,
			      struct vfprov_outcome *res)
{
	spin_lock(&pf->stat_lock);
	res->generation = pf->generation;
	vfprov_outcome_keep(pf, res);
	spin_unlock(&pf->stat_lock);
	vfprov_txn_event(pf, req, res);
	return res->err;
}

/*
 * Count a vf-action in pf->queued unless a transaction runs or waits:
 * test and count under one stat_lock, so that two requests cannot both
 * pass (the apply queue does not refuse, a vf-action does).
 */
static bool vfprov_txn_reserve(struct vfprov_pf *pf)
{
	bool busy;

	spin_lock(&pf->stat_lock);
	busy = pf->run.id || pf->queued;
	if (!busy) {
		pf->queued++;
		vfprov_pf_state_settle(pf);
	}
	spin_unlock(&pf->stat_lock);
	return !busy;
}

static void vfprov_txn_unreserve(struct vfprov_pf *pf)
{
	spin_lock(&pf->stat_lock);
	pf->queued--;
	vfprov_pf_state_settle(pf);
	spin_unlock(&pf->stat_lock);
}

/*
 * Start a job for @res (its .txn_id and .op set) and, @wait, wait for it.
 * Only a fatal signal ends the wait early (-EINTR to the requester); the
 * transaction runs on regardless. @reserved: the caller counted the job in
 * pf->queued already (given back here if it cannot start).
 */
static int vfprov_job_start(struct vfprov_pf *pf,
			    const struct vfprov_request *req,
			    const struct vfprov_pf_cfg *c, bool reset,
			    bool reserved, bool wait,
			    struct vfprov_outcome *res)
{
	struct vfprov_job *job;
	int err;

	job = vfprov_job_new(pf, req, c, reset, res);
	if (!job) {
		if (reserved)
			vfprov_txn_unreserve(pf);
		vfprov_fail(res, -ENOMEM, VFPROV_RESULT_REJECTED,
			    "request not started", "not started: out of memory");
		return vfprov_txn_refused(pf, req, res);
	}
	if (!vfprov_job_queue(job, reserved)) {	/* count given back */
		vfprov_fail(res, -ESHUTDOWN, VFPROV_RESULT_REJECTED,
			    "request not started",
			    "not started: vfprov is unloading");
		vfprov_job_put(job);
		return vfprov_txn_refused(pf, req, res);
	}
	if (!wait) {
		vfprov_job_put(job);
		return 0;
	}
	err = wait_for_completion_killable(&job->done);
	if (err) {
		vfprov_fail(res, -EINTR, VFPROV_RESULT_NONE,
			    "requester left; the transaction goes on",
			    "transaction %llu goes on without its requester; its outcome will be on the PF",
			    res->txn_id);
	} else {
		memcpy(res, &job->res, sizeof(*res));
	}
	vfprov_job_put(job);
	return res->err;
}

/* Check, then start the transaction (vfprov_job_start). */
static int vfprov_txn_submit(struct vfprov_pf *pf,
			     const struct vfprov_request *req,
			     const struct vfprov_pf_cfg *c, bool reset,
			     bool wait, struct vfprov_outcome *res)
{
	u64 id = atomic64_inc_return(&vfprov_txn_ids);
	u32 op = reset ? VFPROV_TXN_OP_RESET : VFPROV_TXN_OP_APPLY;
	int err;

	err = vfprov_txn_precheck(pf, req, c, reset, res);
	res->txn_id = id;
	res->op = op;
	if (err)
		return vfprov_txn_refused(pf, req, res);
	memset(res, 0, sizeof(*res));
	res->txn_id = id;
	res->op = op;
	return vfprov_job_start(pf, req, c, reset, false, wait, res);
}

int vfprov_txn_init(void)
{
	vfprov_txn_wq = alloc_workqueue("vfprov_txn", WQ_UNBOUND, 0);
	return vfprov_txn_wq ? 0 : -ENOMEM;
}

/* Refuse new transactions, then wait for the queued and running ones. */
void vfprov_txn_exit(void)
{
	spin_lock(&vfprov_txn_qlock);
	vfprov_txn_closing = true;
	spin_unlock(&vfprov_txn_qlock);
	destroy_workqueue(vfprov_txn_wq);
}

int vfprov_txn_apply(struct vfprov_pf *pf, const struct vfprov_request *req,
		     bool wait, struct vfprov_outcome *res)
{
	memset(res, 0, sizeof(*res));
	if (!req->cfg) {
		vfprov_fail(res, -EINVAL, VFPROV_RESULT_REJECTED,
			    "request not started",
			    "not started: no configuration");
		return res->err;
	}
	return vfprov_txn_submit(pf, req, req->cfg, false, wait, res);
}

/* Reset: no VFs, every quota and VF setting released. */
int vfprov_txn_reset(struct vfprov_pf *pf, const struct vfprov_request *req,
		     bool wait, struct vfprov_outcome *res)
{
	struct vfprov_pf_cfg *c;
	int err;

	memset(res, 0, sizeof(*res));
	c = vfprov_fault_alloc() ? NULL : kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c) {
		vfprov_fail(res, -ENOMEM, VFPROV_RESULT_REJECTED,
			    "request not started", "not started: out of memory");
		return res->err;
	}
	c->set = VFPROV_SET_NUM_VFS;
	err = vfprov_txn_submit(pf, req, c, true, wait, res);
	kfree(c);
	return err;
}

/* Queue one VF action (checked by vf_action.c first); see vfprov.h. */
int vfprov_txn_vf_action(struct vfprov_pf *pf,
			 const struct vfprov_request *req, bool wait,
			 struct vfprov_outcome *res)
{
	u64 id = atomic64_inc_return(&vfprov_txn_ids);
	int err;

	memset(res, 0, sizeof(*res));
	res->txn_id = id;
	res->op = VFPROV_TXN_OP_VF_ACTION;
	res->vf = req->vf;
	if (!vfprov_txn_reserve(pf)) {
		res->step = VFPROV_STEP_VALIDATE;
		vfprov_fail(res, -EBUSY, VFPROV_RESULT_REJECTED,
			    "another transaction runs or waits on the PF",
			    "VF %u %s: another transaction runs or waits on the PF",
			    req->vf, "action");
		return vfprov_txn_refused(pf, req, res);
	}
	err = vfprov_vf_action_check(pf, req, res);
	if (err) {
		vfprov_txn_unreserve(pf);
		res->txn_id = id;
		res->op = VFPROV_TXN_OP_VF_ACTION;
		return vfprov_txn_refused(pf, req, res);
	}
	return vfprov_job_start(pf, req, NULL, false, true, wait, res);
}

int vfprov_txn_plan(struct vfprov_pf *pf, const struct vfprov_request *req,
		    struct vfprov_outcome *res)
{
	if (!req->cfg) {
		memset(res, 0, sizeof(*res));
		vfprov_fail(res, -EINVAL, VFPROV_RESULT_REJECTED,
			    "no configuration", "no configuration");
		return res->err;
	}
	return vfprov_txn_dry(pf, req, req->cfg, false, res);
}
