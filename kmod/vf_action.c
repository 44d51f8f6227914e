// SPDX-License-Identifier: GPL-2.0
/*
 * VF actions (op vf-action): stop, pause, resume and clear through i915's
 * prelim_iov/vfK/control, and a function-level reset of the VF through
 * the PCI core on every backend. Each is a transaction of its own in the
 * transaction worker (txn.c queues it, refusing it with -EBUSY while
 * another transaction runs or waits on the PF), logged with who asked,
 * kept in the PF's outcome ring, told by txn-ntf and, once the VF's state
 * changed, by vf-ntf (change action). docs/core.md, "VF actions", says
 * what each does to the VF.
 *
 * What i915 does with a control word (i915_sriov_sysfs.c,
 * control_sriov_ext_attr_store()): stop, pause and resume are one GuC
 * VF_CONTROL request per GT (intel_iov_state_{stop,pause,resume}_vf());
 * i915 keeps no state of its own and returns the GuC's answer (EIO for a
 * failure response, ENODEV while the CT channel is down, ETIMEDOUT, and
 * EINTR/ERESTARTSYS when the writer has a signal pending: the send mutex
 * and the wait for CT space are interruptible; our worker never has
 * one). clear is intel_iov_provisioning_clear() per GT: the VF's quotas,
 * scheduling values and thresholds go back to none. Any other word:
 * EINVAL. The control file cannot be read, so vfprov records the state the
 * last action left (pf->vf_run); a VF device added or removed (enable,
 * disable) and an FLR reset it to running.
 *
 * Locking: the worker holds pf->txn_lock around the action; the control
 * store takes the PF's device lock inside i915, pci_reset_function() the
 * VF's (pci_dev_lock()) - both below txn_lock, the documented order.
 * pf->vf_run is under pf->stat_lock (a leaf).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/pci.h>

#include "events.h"
#include "vf_action.h"

static const char *const vfprov_action_words[] = {
	[VFPROV_VF_ACTION_STOP]		= "stop",
	[VFPROV_VF_ACTION_PAUSE]	= "pause",
	[VFPROV_VF_ACTION_RESUME]	= "resume",
	[VFPROV_VF_ACTION_CLEAR]	= "clear",
	[VFPROV_VF_ACTION_FLR]		= "flr",
};

static const char *vfprov_action_word(u32 action)
{
	return action < ARRAY_SIZE(vfprov_action_words) ?
	       vfprov_action_words[action] : "?";
}

/* The run state an action that succeeded leaves; UNKNOWN: unchanged. */
static u32 vfprov_action_leaves(u32 action)
{
	switch (action) {
	case VFPROV_VF_ACTION_STOP:
		return VFPROV_VF_RUN_STATE_STOPPED;
	case VFPROV_VF_ACTION_PAUSE:
		return VFPROV_VF_RUN_STATE_PAUSED;
	case VFPROV_VF_ACTION_RESUME:
	case VFPROV_VF_ACTION_FLR:
		return VFPROV_VF_RUN_STATE_RUNNING;
	}
	return VFPROV_VF_RUN_STATE_UNKNOWN;
}

u32 vfprov_vf_run_get(struct vfprov_pf *pf, u32 vf)
{
	u32 state;

	if (!vf || vf > VFPROV_MAX_VFS)
		return VFPROV_VF_RUN_STATE_UNKNOWN;
	spin_lock(&pf->stat_lock);
	state = pf->vf_run[vf - 1];
	spin_unlock(&pf->stat_lock);
	return state;
}

static void vfprov_vf_run_set(struct vfprov_pf *pf, u32 vf, u32 state)
{
	if (!vf || vf > VFPROV_MAX_VFS)
		return;
	spin_lock(&pf->stat_lock);
	pf->vf_run[vf - 1] = state;
	spin_unlock(&pf->stat_lock);
}

/*
 * From the bus notifier (process context, no vfprov lock held): a VF
 * enabled or disabled starts afresh, whoever wrote sriov_numvfs.
 */
void vfprov_vf_run_device(struct pci_dev *vdev)
{
	struct vfprov_pf *pf;
	int id;

	if (!vdev->is_virtfn || !vdev->physfn)
		return;
	id = pci_iov_vf_id(vdev);
	pf = vfprov_pf_find(pci_name(vdev->physfn));
	if (!pf)
		return;
	if (id >= 0)
		vfprov_vf_run_set(pf, id + 1, VFPROV_VF_RUN_STATE_RUNNING);
	vfprov_pf_put(pf);
}

/* prelim_iov/vf<vf>/<rel> exists (i915 backend). */
static bool vfprov_i915_vf_has(struct vfprov_be *be, u32 vf, const char *rel)
{
	char path[VFPROV_PATH_LEN];

	if (snprintf(path, sizeof(path), "%s/vf%u/%s", be->iov, vf, rel) >=
	    sizeof(path))
		return false;
	return vfprov_sysfs_exists_in(&be->dir, path);
}

u32 vfprov_i915_action_caps(struct vfprov_be *be, const struct vfprov_snap *s)
{
	struct vfprov_adverse_counts *cnt;
	u32 caps = VFPROV_CAPS_VF_FLR;

	if (!s->total_vfs)
		return caps;
	if (vfprov_i915_vf_has(be, 1, "control"))
		caps |= VFPROV_CAPS_VF_CONTROL;
	if (vfprov_i915_vf_has(be, 1, "telemetry/lmem_alloc_size"))
		caps |= VFPROV_CAPS_TELEMETRY;
	cnt = kzalloc(sizeof(*cnt), GFP_KERNEL);
	if (cnt && !vfprov_health_read(be, cnt))
		caps |= VFPROV_CAPS_ADVERSE_EVENTS;
	kfree(cnt);
	return caps;
}

static void vfprov_act_refuse(struct vfprov_outcome *res, int err, u32 vf,
			      u32 field, const char *emsg, const char *detail)
{
	res->result = VFPROV_RESULT_REJECTED;
	res->err = err;
	res->emsg = emsg;
	res->vf = vf;
	res->field = field;
	res->step = VFPROV_STEP_VALIDATE;
	snprintf(res->msg, sizeof(res->msg), "VF %u: %s", vf, detail);
}

/*
 * Whether @req can run on @pf as @be sees it: the same checks before
 * queueing (as a query) and in the worker under txn_lock.
 */
static int vfprov_act_check(struct vfprov_pf *pf, struct vfprov_be *be,
			    const struct vfprov_request *req,
			    struct vfprov_outcome *res)
{
	struct vfprov_vf_state st;
	u32 vf = req->vf;

	if (req->action > VFPROV_VF_ACTION_FLR) {
		vfprov_act_refuse(res, -EINVAL, vf, VFPROV_FIELD_ACTION,
				  "unknown VF action", "unknown action");
		return -EINVAL;
	}
	if (!be->driver[0]) {
		vfprov_act_refuse(res, -ENOENT, vf, VFPROV_FIELD_NONE,
				  "PF has no driver", "no driver bound to the PF");
		return -ENOENT;
	}
	if (req->action != VFPROV_VF_ACTION_FLR) {
		const char *why = "only flr on this backend";
		int err = -EOPNOTSUPP;

		if (be->ops && be->ops->vf_control)
			err = be->ops->vf_control(be, vf, req->action, &why);
		if (err) {
			vfprov_act_refuse(res, err, vf, VFPROV_FIELD_ACTION,
					  "the PF's driver has no such VF action",
					  why);
			return err;
		}
	}
	vfprov_pci_vf_state(pf, vf, be->query, &st);
	if (!st.present) {
		vfprov_act_refuse(res, -ENODEV, vf, VFPROV_FIELD_VF_ID,
				  "VF is not enabled", "not enabled");
		return -ENODEV;
	}
	if (st.in_use && !(req->flags & VFPROV_FLAGS_FORCE)) {
		vfprov_act_refuse(res, -EBUSY, vf, VFPROV_FIELD_FLAGS,
				  "VF in use by a guest",
				  "in use by a guest (vfio open); use force");
		return -EBUSY;
	}
	return 0;
}

int vfprov_vf_action_check(struct vfprov_pf *pf,
			   const struct vfprov_request *req,
			   struct vfprov_outcome *res)
{
	struct vfprov_be be;
	int err;

	err = vfprov_backend_select_query(pf, &be);
	if (err) {
		vfprov_act_refuse(res, err, req->vf, VFPROV_FIELD_NONE,
				  "PF is gone", "PF removed");
		return err;
	}
	return vfprov_act_check(pf, &be, req, res);
}

/*
 * A function-level reset through the PCI core: pci_reset_function() saves
 * the VF's config space, takes its device lock, resets it (FLR for a VF)
 * and restores the config space. A guest holding the VF through VFIO sees
 * its device reset under it without notice (in-flight work lost, its
 * driver has to recover), which is why force is needed for one. i915 gets
 * the FLR from the GuC and clears the VF's LMEM, GGTT and adverse-event
 * counters (intel_iov_state.c, pf_process_vf_flr_finish()).
 */
static int vfprov_act_flr(struct vfprov_pf *pf, u32 vf)
{
	struct pci_dev *vdev = vfprov_vf_get(pf, vf);
	int err;

	if (!vdev)
		return -ENODEV;
	err = pci_reset_function(vdev);
	pci_dev_put(vdev);
	return err;
}

static int vfprov_act_do(struct vfprov_pf *pf, struct vfprov_be *be,
			 const struct vfprov_request *req)
{
	if (req->action == VFPROV_VF_ACTION_FLR)
		return vfprov_act_flr(pf, req->vf);
	return be->ops->vf_act(be, req->vf, req->action,
			       vfprov_action_word(req->action));
}

static void vfprov_act_failed(struct vfprov_outcome *res, u32 vf, u32 action,
			      int err)
{
	res->result = VFPROV_RESULT_REJECTED;
	res->err = err;
	res->vf = vf;
	res->step = VFPROV_STEP_ACTION;
	res->field = VFPROV_FIELD_ACTION;
	res->emsg = "the driver refused the VF action";
	snprintf(res->msg, sizeof(res->msg),
		 "VF %u %s failed (%d)%s", vf, vfprov_action_word(action), err,
		 action == VFPROV_VF_ACTION_FLR && err == -ENOTTY ?
		 ": the VF has no reset method" : ": refused by the driver or the GuC");
}

static void vfprov_act_event(struct vfprov_pf *pf, u32 vf, u32 action)
{
	struct vfprov_event ev = {
		.kind = VFPROV_EV_VF, .pf = pf, .vf = vf,
		.change = VFPROV_VF_CHANGE_ACTION, .action = action,
	};

	vfprov_event_emit(&ev);
}

void vfprov_vf_action_exec(struct vfprov_pf *pf,
			   const struct vfprov_request *req,
			   struct vfprov_outcome *res)
{
	const struct vfprov_who *who = &req->who;
	struct vfprov_be be;
	bool changed = false;
	u32 leaves;
	int err;

	if (vfprov_txn_begin(pf, res, VFPROV_STEP_VALIDATE, req->vf))
		return;
	err = vfprov_backend_select(pf, &be);
	if (err)
		vfprov_act_refuse(res, err, req->vf, VFPROV_FIELD_NONE,
				  "PF is gone", "PF removed");
	else
		err = vfprov_act_check(pf, &be, req, res);
	if (!err) {
		spin_lock(&pf->stat_lock);
		pf->run.step = VFPROV_STEP_ACTION;
		spin_unlock(&pf->stat_lock);
		dev_info(&pf->pdev->dev, "VF %u: %s%s (%s pid %u uid %u)\n",
			 req->vf, vfprov_action_word(req->action),
			 req->flags & VFPROV_FLAGS_FORCE ? " (forced)" : "",
			 who->comm, who->pid, who->uid);
		/* clear releases the VF's provisioning: a config change */
		changed = req->action == VFPROV_VF_ACTION_CLEAR;
		err = vfprov_act_do(pf, &be, req);
		if (err)
			vfprov_act_failed(res, req->vf, req->action, err);
		/*
		 * xe tries every GT and keeps what those that took it did:
		 * after a failure on several GTs the state is not known.
		 */
		if (err && be.gts > 1 && req->action != VFPROV_VF_ACTION_FLR)
			vfprov_vf_run_set(pf, req->vf,
					  VFPROV_VF_RUN_STATE_UNKNOWN);
	}
	if (!err) {
		res->result = VFPROV_RESULT_COMMITTED;
		res->vf = req->vf;
		leaves = vfprov_action_leaves(req->action);
		if (leaves != VFPROV_VF_RUN_STATE_UNKNOWN)
			vfprov_vf_run_set(pf, req->vf, leaves);
	}
	vfprov_backend_release(&be);
	vfprov_txn_end(pf, res, changed);
	/* txn_lock is released; the txn-ntf follows from the worker */
	if (!err)
		vfprov_act_event(pf, req->vf, req->action);
}
