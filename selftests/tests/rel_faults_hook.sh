#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: vfprov's own write fault hook (kmod/fault.c, fault_inject=1)
# at every write of an apply, which includes what atsm_sim does not see
# (sriov_numvfs, sriov_drivers_autoprobe, VF driver unbind/override/probe):
# on the i915-prelim backend (atsm_sim) and on the generic pci backend
# (nvme PF). Same checks as rel_faults_sim.
# timeout: 420
. "${0%/*}/../lib/rel.sh"

rel_faults_start
fi_set match ""
sweep hook "$SIM_PF" sim_st "A -> B" "$CFG_A" "$CFG_B"
sweep hook "$PCI_PF" pci_st "pci: 3 VFs vfio -> 2 VFs none" "num=3 drv=vfio" "num=2 drv=none"
sweep hook "$PCI_PF" pci_st "pci: 2 VFs -> 4 VFs vfio" "num=2 drv=none" "num=4 drv=vfio" 2
t_eq "a rolled_back event per injected fault" "$injected" \
	"$(grep -c "^event=rolled_back" "$EV")"
rel_faults_end
t_done
