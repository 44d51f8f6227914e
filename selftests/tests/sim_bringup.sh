#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bring-up as on hardware (I915_PRELIM_ABI.md "Corrections and additions"):
# i915.max_vfs defaults to 0 (no prelim_iov, sriov_totalvfs 0); during the
# probe prelim_iov/pf exists before pf/gt/; VF enable returns EBUSY while
# PF init is unfinished; an enable with a mix of provisioned and empty VFs
# is accepted (the empty VFs come up with nothing).
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
# max_vfs left at its default: the card runs native
sim_down
dev_total=$(cat $PF/sriov_totalvfs)
insmod "$VFPROV_MODDIR/atsm_sim.ko"
echo atsm_sim > $PF/driver_override
echo "$SIM_PF" > /sys/bus/pci/drivers_probe
CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
t_eq "default max_vfs: bound" atsm_sim "$(basename "$(readlink $PF/driver)")"
t_ok "default max_vfs: the card exists" test -d "$CARD"
t_ok "default max_vfs: no prelim_iov, no iov link" test ! -e "$CARD/prelim_iov" -a ! -e "$CARD/iov"
t_eq "default max_vfs: sriov_totalvfs reads 0" 0 "$(cat $PF/sriov_totalvfs)"
t_err "default max_vfs: enabling VFs is ERANGE (PCI core)" ERANGE $PF/sriov_numvfs 1
echo "$SIM_PF" > $PF/driver/unbind
t_eq "unbind restores the device's TotalVFs" $dev_total "$(cat $PF/sriov_totalvfs)"
rmmod atsm_sim

sim_start max_vfs=4
t_eq "max_vfs=4: sriov_totalvfs 4" 4 "$(cat $PF/sriov_totalvfs)"
t_ok "max_vfs=4: vf4 exists, vf5 does not" test -d $IOV/vf4 -a ! -e $IOV/vf5
t_eq "PF ready after probe" 1 "$(cat $DBG/pf_ready)"

# the probe window, held open
sim_down
insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 probe_hold_ms=60000
echo atsm_sim > $PF/driver_override
echo "$SIM_PF" > /sys/bus/pci/drivers_probe
CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
IOV=$CARD/prelim_iov
DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
t_ok "probe window: prelim_iov/pf exists" test -d $IOV/pf -a -d $IOV/vf1
t_ok "probe window: pf/gt does not yet" test ! -e $IOV/pf/gt -a ! -e $IOV/vf1/gt
t_eq "probe window: PF not ready" 0 "$(cat $DBG/pf_ready)"
t_err "probe window: VF enable is EBUSY" EBUSY $PF/sriov_numvfs 1
w $DBG/pf_ready 1
t_ok "after the window: pf/gt and vf1/gt exist" test -d $IOV/pf/gt -a -d $IOV/vf1/gt
t_ok "after the window: enable works" sysw $PF/sriov_numvfs 1
t_ok "disable" sysw $PF/sriov_numvfs 0

# PF init unfinished (or EU debugger on) after the probe
w $DBG/pf_ready 0
t_err "PF init unfinished: VF enable is EBUSY" EBUSY $PF/sriov_numvfs 2
t_eq "...nothing was auto-provisioned" 0 "$(cat $IOV/vf1/gt/lmem_quota)"
w $DBG/pf_ready 1

# a mix of provisioned and empty VFs
G=$IOV/pf/gt
w $IOV/vf2/gt/ggtt_quota $((256 * MiB))
w $IOV/vf2/gt/lmem_quota $((512 * MiB))
w $IOV/vf2/gt/contexts_quota 1024
t_ok "enable 3 VFs: VF2 provisioned, VF1 and VF3 empty" sysw $PF/sriov_numvfs 3
t_eq "VF1 came up with nothing" "0 0 0" \
	"$(echo $(cat $IOV/vf1/gt/ggtt_quota $IOV/vf1/gt/lmem_quota $IOV/vf1/gt/contexts_quota))"
t_eq "VF2 kept its config" $((512 * MiB)) "$(cat $IOV/vf2/gt/lmem_quota)"
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
