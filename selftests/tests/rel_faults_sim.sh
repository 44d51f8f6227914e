#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: atsm_sim store faults at every step of an apply.
#
# For each transition a clean run counts the prelim_iov stores of the full
# apply (atsm_sim's "writes"); then for N = 1..count the Nth store fails
# (errnos rotate: EIO, EDQUOT, ENOSPC, ENOMEM). Each time the reply must be
# rolled_back with the injected errno, the generation must stay, and the
# full state read back (every prelim_iov file of the PF and all 31 VFs,
# sriov_numvfs, autoprobe, VF drivers, and the pci PF's) must equal the
# state before. Armed past the last store, the apply commits. A -> B
# (disable, release, spares, quotas, scheduling, thresholds, policies,
# enable, bind) fails at every store; the other transitions at every
# 2nd/3rd store and the last (each VF disable costs the PCI core's 1 s
# wait).
# timeout: 420
. "${0%/*}/../lib/rel.sh"

rel_faults_start
sweep sim "$SIM_PF" sim_st "A -> B" "$CFG_A" "$CFG_B"
sweep sim "$SIM_PF" sim_st "pristine -> B" pristine "$CFG_B" 2
sweep sim "$SIM_PF" sim_st "B -> C" "$CFG_B" "$CFG_C" 3
t_eq "a rolled_back event per injected fault" "$injected" \
	"$(grep -c "^event=rolled_back pf=$SIM_PF" "$EV")"
rel_faults_end
t_done
