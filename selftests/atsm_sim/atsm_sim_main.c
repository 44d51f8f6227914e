// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim - a simulated Intel Data Center GPU Flex (ATS-M) SR-IOV PF.
 *
 * Binds only through driver_override (empty ID table) to any SR-IOV
 * capable PCI function - in the tests QEMU's NVMe controller - and
 * exposes i915's prelim_iov provisioning ABI for it.  VFs are real: the
 * PF's sriov_configure calls pci_enable_sriov()/pci_disable_sriov().
 * See docs/atsm_sim.md.
 */
#include <linux/delay.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "atsm_sim.h"

static char *variant = "flex170";
module_param(variant, charp, 0444);
MODULE_PARM_DESC(variant, "Card to model: flex170 (1 GT, 16 GiB), flex140 (one of its two GPUs: 1 GT, 6 GiB) or max (2 GTs, 6 GiB each, two-level LMTT)");

static unsigned int max_vfs;
module_param(max_vfs, uint, 0444);
MODULE_PARM_DESC(max_vfs, "Limit of VFs, like i915.max_vfs: 0 = no VFs, native device [default]; capped by 31 and sriov_totalvfs");

static unsigned int probe_hold_ms;
module_param(probe_hold_ms, uint, 0444);
MODULE_PARM_DESC(probe_hold_ms, "Keep the probe window (prelim_iov/pf without gt/, VF enable EBUSY) open this long; debugfs pf_ready=1 ends it");

static bool lmem_overhead = true;
module_param(lmem_overhead, bool, 0444);
MODULE_PARM_DESC(lmem_overhead, "Charge each VF's LMTT to LMEM and take i915's LMTT/PPGTT estimates off the auto share (default: on, as i915)");

static unsigned int time_scale = 10;
module_param(time_scale, uint, 0444);
MODULE_PARM_DESC(time_scale, "Initial time scale per mille of realistic i915 timings (default 10; 1000 = bench)");

static char *abi = "lts";
module_param(abi, charp, 0444);
MODULE_PARM_DESC(abi, "i915 personality: lts (23.10, default: no sched_priority, no telemetry) or 25.1");

static bool ecc;
module_param(ecc, bool, 0444);
MODULE_PARM_DESC(ecc, "Card booted with ECC on: 1/8 of LMEM holds the ECC codes (default off)");

static unsigned int sim_num_gts;
static u64 sim_lmem_per_gt;
static unsigned int sim_lmtt_levels;
static DEFINE_IDA(sim_card_ida);

/* card numbers start high so that they never collide with a real card0 */
#define SIM_CARD_BASE 100

/*
 * VF K's routing ID from the SR-IOV capability (what pci_iov_virtfn_bus()
 * and _devfn() compute; neither is exported on every kernel we build for).
 */
struct pci_dev *sim_get_vf(struct atsm_sim *sim, unsigned int vfid)
{
	struct pci_dev *pdev = sim->pdev;
	int pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_SRIOV);
	struct pci_dev *vf;
	u16 offset, stride;
	u32 rid;

	if (!pos || !vfid)
		return NULL;
	pci_read_config_word(pdev, pos + PCI_SRIOV_VF_OFFSET, &offset);
	pci_read_config_word(pdev, pos + PCI_SRIOV_VF_STRIDE, &stride);
	rid = (pdev->bus->number << 8) + pdev->devfn + offset +
	      stride * (vfid - 1);
	vf = pci_get_domain_bus_and_slot(pci_domain_nr(pdev->bus), rid >> 8,
					 rid & 0xff);
	if (vf && (!vf->is_virtfn || vf->physfn != pdev)) {
		pci_dev_put(vf);
		vf = NULL;
	}
	return vf;
}

static int sim_take_fault(u32 *errnop)
{
	int err = -(int)*errnop;

	*errnop = 0;
	return err;
}

/* intel_iov_provisioning_auto(0) on every GT */
static void sim_auto_unprovision_all(struct atsm_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++)
		sim_auto_unprovision(&sim->gt[i]);
}

/* pf_update_guc_clients(0) and the auto release (disable, failed enable) */
static void sim_enable_undo(struct atsm_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++)
		sim_push_no_configs(&sim->gt[i]);
	sim_auto_unprovision_all(sim);
}

/*
 * i915_sriov_pf_enable_vfs() up to pci_enable_sriov(): verify every GT,
 * auto-provision the empty ones, then push every config to the GuC.  A
 * failure releases the auto share only (fail_prepare).
 */
static int sim_enable_prepare(struct atsm_sim *sim, unsigned int num_vfs)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < sim->num_gts && !err; i++) {
		err = sim_verify(&sim->gt[i], num_vfs);
		if (err == -ENODATA)	/* all empty: auto, or late provisioning */
			err = sim->auto_off ? 0 :
			      sim_auto_provision(&sim->gt[i], num_vfs);
	}
	for (i = 0; i < sim->num_gts && !err; i++)
		err = sim_push_configs(&sim->gt[i], num_vfs);
	if (err)
		sim_auto_unprovision_all(sim);
	return err;
}

/*
 * i915_sriov_pf_enable_vfs().  As in i915, the model lock is not held
 * across pci_enable_sriov(): creating the VFs runs bus notifiers, and one
 * that reads prelim_iov (vfprov's registry does) must not deadlock.  The
 * PCI core serialises sriov_configure calls with the PF's device_lock.
 */
static int sim_enable_vfs(struct atsm_sim *sim, unsigned int num_vfs)
{
	int err;

	mutex_lock(&sim->lock);
	/* i915_sriov_pf_status(): EBUSY until the PF init is confirmed */
	err = sim->pf_status;
	if (!err)
		err = sim_take_fault(&sim->fault.fail_enable_errno);
	if (!err)
		err = sim_enable_prepare(sim, num_vfs);
	mutex_unlock(&sim->lock);
	if (!err) {
		err = pci_enable_sriov(sim->pdev, num_vfs);
		mutex_lock(&sim->lock);
		if (err) {
			sim_enable_undo(sim);
		} else {
			memset(sim->vf_state, SIM_VF_RUNNING,
			       sizeof(sim->vf_state));
			sim_adverse_reset_all(sim);
			/* a missing link is not worth failing the enable */
			if (sim_sysfs_add_vf_links(sim, num_vfs))
				pci_warn(sim->pdev, "no VF device links\n");
		}
		mutex_unlock(&sim->lock);
	}
	if (err) {
		pci_err(sim->pdev, "Failed to enable %u VFs (%pe)\n", num_vfs,
			ERR_PTR(err));
		return err;
	}
	pci_info(sim->pdev, "Enabled %u VFs\n", num_vfs);
	return num_vfs;
}

/* the PF is going away: its VFs must go first, assigned or not */
static void sim_unassign_all(struct atsm_sim *sim)
{
	struct pci_dev *vf;
	unsigned int n;

	for (n = 1; n <= pci_num_vf(sim->pdev); n++) {
		vf = sim_get_vf(sim, n);
		if (vf)
			vf->dev_flags &= ~PCI_DEV_FLAGS_ASSIGNED;
		pci_dev_put(vf);
	}
}

/* links go and EPERM is decided under the lock; the PCI work is not */
static int sim_disable_begin(struct atsm_sim *sim, bool force)
{
	struct pci_dev *pdev = sim->pdev;
	int err = 0, assigned;

	if (force)
		sim_unassign_all(sim);
	else
		err = sim_take_fault(&sim->fault.fail_disable_errno);
	assigned = pci_vfs_assigned(pdev);
	if (!err && assigned) {
		pci_warn(pdev, "Can't disable %u VFs, %d are still assigned\n",
			 pci_num_vf(pdev), assigned);
		err = -EPERM;
	}
	if (!err)
		sim_sysfs_remove_vf_links(sim);
	return err;
}

/* i915_sriov_pf_disable_vfs(): only auto configs are released */
static int sim_disable_vfs(struct atsm_sim *sim, bool force)
{
	unsigned int num_vfs = pci_num_vf(sim->pdev);
	int err;

	mutex_lock(&sim->lock);
	err = sim_disable_begin(sim, force);
	mutex_unlock(&sim->lock);
	if (err || !num_vfs)
		return err;
	pci_disable_sriov(sim->pdev);
	mutex_lock(&sim->lock);
	sim_cost_flr(sim, num_vfs);
	sim_adverse_reset_all(sim);	/* the VF FLRs clear the counters */
	sim_enable_undo(sim);
	mutex_unlock(&sim->lock);
	pci_info(sim->pdev, "Disabled %u VFs\n", num_vfs);
	return 0;
}

static int sim_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct atsm_sim *sim = pci_get_drvdata(pdev);
	u32 delay;

	/*
	 * The PCI core holds the PF's device lock across this call; i915
	 * holds it for seconds (GuC provisioning, VF teardown waits).
	 */
	mutex_lock(&sim->lock);
	delay = sim->fault.configure_delay_ms;
	mutex_unlock(&sim->lock);
	if (delay)
		msleep(delay);
	if (num_vfs)
		return sim_enable_vfs(sim, num_vfs);
	return sim_disable_vfs(sim, false);
}

static int sim_model_init(struct atsm_sim *sim)
{
	unsigned int i;
	int err;

	for (i = 0; i < sim->num_gts; i++) {
		/* inline ECC: the codes take 1/8 of the memory */
		err = sim_gt_init(&sim->gt[i], sim, i,
				  sim->ecc ? sim_lmem_per_gt / 8 * 7 :
					     sim_lmem_per_gt);
		if (err)
			return err;
	}
	return 0;
}

static void sim_free(struct atsm_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++)
		sim_gt_fini(&sim->gt[i]);
	if (sim->card >= 0)
		ida_free(&sim_card_ida, sim->card);
	mutex_destroy(&sim->lock);
	kfree(sim);
}

static unsigned int sim_totalvfs(struct pci_dev *pdev)
{
	return min3(max_vfs, (unsigned int)SIM_MAX_VFS,
		    (unsigned int)pci_sriov_get_totalvfs(pdev));
}

/*
 * The rest of i915's probe after i915_sriov_sysfs_setup(): the GT sysfs
 * (intel_gt_driver_register) and i915_sriov_pf_confirm().
 */
static void sim_probe_finish(struct atsm_sim *sim)
{
	int err = sim_sysfs_add_gts(sim);

	mutex_lock(&sim->lock);
	sim->pf_status = err;
	mutex_unlock(&sim->lock);
	if (err)
		pci_err(sim->pdev, "PF aborted (%pe)\n", ERR_PTR(err));
}

static void sim_probe_work(struct work_struct *work)
{
	sim_probe_finish(container_of(work, struct atsm_sim, probe_work.work));
}

/* debugfs pf_ready=1 during the probe window: finish it at once */
void sim_probe_finish_now(struct atsm_sim *sim)
{
	/* false: never queued, already done, or just finished running */
	if (cancel_delayed_work_sync(&sim->probe_work))
		sim_probe_finish(sim);
}

static int sim_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct atsm_sim *sim;
	int err;

	if (!pdev->is_physfn || !pci_sriov_get_totalvfs(pdev) ||
	    pci_num_vf(pdev))
		return -ENODEV;
	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return -ENOMEM;
	mutex_init(&sim->lock);
	sim->pdev = pdev;
	sim->num_gts = sim_num_gts;
	sim->device_vfs = pci_sriov_get_totalvfs(pdev);
	sim->totalvfs = sim_totalvfs(pdev);
	sim->pf_status = -EBUSY;
	INIT_DELAYED_WORK(&sim->probe_work, sim_probe_work);
	sim->fault.fail_write_errno = EIO;
	sim->guc.fail_errno = EIO;
	sim->lmem_overhead = lmem_overhead;
	sim->lmtt_levels = sim_lmtt_levels;
	sim->abi_251 = sysfs_streq(abi, "25.1");
	sim->ecc = ecc;
	sim->timing.scale = min_t(u32, time_scale, SIM_MAX_TIME_SCALE);
	sim->card = ida_alloc_min(&sim_card_ida, SIM_CARD_BASE, GFP_KERNEL);
	err = sim->card < 0 ? sim->card : sim_model_init(sim);
	if (!err)
		err = pci_sriov_set_totalvfs(pdev, sim->totalvfs);
	if (!err)
		err = sim_sysfs_init(sim);
	if (err) {
		/* the PCI core restores TotalVFs on unbind, not on probe failure */
		pci_sriov_set_totalvfs(pdev, sim->device_vfs);
		sim_free(sim);
		return err;
	}
	pci_set_drvdata(pdev, sim);
	sim_debugfs_init(sim);
	if (!sim->totalvfs)
		pci_info(pdev, "max_vfs=0: continuing as native, no VFs\n");
	else if (probe_hold_ms)
		schedule_delayed_work(&sim->probe_work,
				      msecs_to_jiffies(probe_hold_ms));
	else
		sim_probe_finish(sim);
	pci_info(pdev, "simulated %s PF card%d, %u VFs, %u GT(s)\n",
		 variant, sim->card, sim->totalvfs, sim->num_gts);
	return 0;
}

static void sim_remove(struct pci_dev *pdev)
{
	struct atsm_sim *sim = pci_get_drvdata(pdev);

	sim_disable_vfs(sim, true);
	/* both removals wait for running handlers, which take sim->lock */
	sim_debugfs_fini(sim);
	/* after debugfs: pf_ready can no longer queue the work again */
	cancel_delayed_work_sync(&sim->probe_work);
	sim_sysfs_fini(sim);
	pci_set_drvdata(pdev, NULL);
	sim_free(sim);
}

/* empty: the simulator must never grab a device by itself */
static const struct pci_device_id sim_pci_ids[] = {
	{ }
};

static struct pci_driver sim_pci_driver = {
	.name = "atsm_sim",
	.id_table = sim_pci_ids,
	.probe = sim_probe,
	.remove = sim_remove,
	.sriov_configure = sim_sriov_configure,
};

static int __init sim_init(void)
{
	int err;

	sim_lmtt_levels = 1;
	if (sysfs_streq(variant, "flex170")) {
		sim_num_gts = 1;
		sim_lmem_per_gt = 16ULL << 30;
	} else if (sysfs_streq(variant, "flex140")) {
		/* each of the card's two GPUs is its own PF (ats_m_info) */
		sim_num_gts = 1;
		sim_lmem_per_gt = 6ULL << 30;
	} else if (sysfs_streq(variant, "max")) {
		/* HAS_EXTRA_GT_LIST: gt0/, gt1/; HAS_LMTT_LVL2: pvc_lmtt.c */
		sim_num_gts = 2;
		sim_lmem_per_gt = 6ULL << 30;
		sim_lmtt_levels = 2;
	} else {
		pr_err("atsm_sim: unknown variant '%s'\n", variant);
		return -EINVAL;
	}
	if (!sysfs_streq(abi, "lts") && !sysfs_streq(abi, "25.1")) {
		pr_err("atsm_sim: unknown abi '%s'\n", abi);
		return -EINVAL;
	}
	sim_debugfs_module_init();
	err = pci_register_driver(&sim_pci_driver);
	if (err)
		sim_debugfs_module_exit();
	return err;
}

static void __exit sim_exit(void)
{
	pci_unregister_driver(&sim_pci_driver);
	sim_debugfs_module_exit();
	/* releases are synchronous unless CONFIG_DEBUG_KOBJECT_RELEASE */
	if (sim_sysfs_live_kobjs() &&
	    !IS_ENABLED(CONFIG_DEBUG_KOBJECT_RELEASE))
		pr_err("atsm_sim: BUG: %d kobjects not released\n",
		       sim_sysfs_live_kobjs());
	ida_destroy(&sim_card_ida);
}

module_init(sim_init);
module_exit(sim_exit);

MODULE_DESCRIPTION("Simulated Intel Data Center GPU Flex SR-IOV PF (i915 prelim_iov ABI)");
MODULE_LICENSE("GPL");
