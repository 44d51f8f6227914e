#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# variant=flex140 (I915_PRELIM_ABI.md "Corrections and additions"): a Flex
# 140 card is two PFs, each its own PCI function and card with a single
# gt/ and 6 GiB LMEM, 31 VFs each. Here SIM_PF and SIM_PF2 are the two GPUs
# of one card, provisioned independently. variant=max keeps the two-GT
# layout (gt0/, gt1/, verification and auto-provisioning per GT).
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
PF2=/sys/bus/pci/devices/$SIM_PF2
sim_start variant=flex140
t_ok "GPU0: one gt/, no gt0/" test -d $G -a ! -e $IOV/pf/gt0
t_eq "GPU0: 6 GiB - 128 MiB - 64 KiB LMTT root" $(((6144 - 128) * MiB - 65536)) "$(cat $A/lmem_free)"
t_eq "GPU0: 31 VFs" 31 "$(cat $PF/sriov_totalvfs)"

echo atsm_sim > $PF2/driver_override
echo 0 > $PF2/sriov_drivers_autoprobe
echo "$SIM_PF2" > /sys/bus/pci/drivers_probe
CARD2=$(ls -d $PF2/drm/card* 2>/dev/null | head -n 1)
IOV2=$CARD2/prelim_iov
t_eq "GPU1 bound to atsm_sim" atsm_sim "$(basename "$(readlink $PF2/driver)")"
t_ok "GPU1 is another card" test -n "$CARD2" -a "${CARD2##*/}" != "${CARD##*/}"
t_ok "GPU1: one gt/" test -d $IOV2/pf/gt -a ! -e $IOV2/pf/gt0
t_eq "GPU1: its own 6 GiB" "$(cat $A/lmem_free)" "$(cat $IOV2/pf/gt/available/lmem_free)"
t_eq "GPU1: 31 VFs" 31 "$(cat $PF2/sriov_totalvfs)"

# one config for the card: 3 VFs per GPU (XPU Manager's Flex 140 row)
for P in $IOV $IOV2; do
	for k in 1 2 3; do
		w $P/vf$k/gt/lmem_quota 2013265920
		w $P/vf$k/gt/ggtt_quota 1342177280
		w $P/vf$k/gt/contexts_quota 1024
		w $P/vf$k/gt/doorbells_quota 80
	done
done
t_ok "GPU0: enable 3 VFs" sysw $PF/sriov_numvfs 3
t_ok "GPU1: enable 3 VFs" sysw $PF2/sriov_numvfs 3
t_eq "GPU1's pool paid for its 3 VFs and their LMTTs" \
	$(( (6144 - 128) * MiB - 65536 - 3 * (2013265920 + 262144) )) \
	"$(cat $IOV2/pf/gt/available/lmem_free)"
t_ok "GPU0: disable" sysw $PF/sriov_numvfs 0
t_eq "GPU1 untouched by GPU0's disable" 3 "$(cat $PF2/sriov_numvfs)"
t_ok "GPU1: disable" sysw $PF2/sriov_numvfs 0
echo "$SIM_PF2" > $PF2/driver/unbind
echo flex140-gpu1 > $PF2/driver_override

# the two-GT layout
sim_start variant=max
t_ok "max: pf has gt0 and gt1, no gt" test -d $IOV/pf/gt0 -a -d $IOV/pf/gt1 -a ! -e $IOV/pf/gt
t_ok "max: vf1 has gt0 and gt1" test -d $IOV/vf1/gt0 -a -d $IOV/vf1/gt1
t_eq "max: each GT has its own GGTT" "$(cat $IOV/pf/gt0/available/ggtt_free)" \
	"$(cat $IOV/pf/gt1/available/ggtt_free)"
w $IOV/vf1/gt0/lmem_quota $((512 * MiB))
t_eq "max: two-level LMTT: 64 KiB L2 + 64 KiB leaf on every GT" \
	$(( (6144 - 128) * MiB - 65536 - 131072 )) "$(cat $IOV/pf/gt1/available/lmem_free)"
w $IOV/vf1/gt0/lmem_quota 0
w $IOV/pf/auto_provisioning 1
lm=$(cat $IOV/pf/gt1/available/lmem_max_quota)
t_ok "max: enable 3 VFs (auto)" sysw $PF/sriov_numvfs 3
f=$(( lm / 3 / (2 * MiB) * (2 * MiB) ))
f=$(( (f - 131072 - (f + 2 * (2 * MiB - 1)) / (2 * MiB) * 4096) / (2 * MiB) * (2 * MiB) ))
t_eq "max: gt1 fair LMEM share (less the LMTT and PPGTT estimates)" $f "$(cat $IOV/vf3/gt1/lmem_quota)"
t_eq "max: gt0 got a share too" "$(cat $IOV/vf3/gt1/lmem_quota)" "$(cat $IOV/vf3/gt0/lmem_quota)"
t_ok "max: disable" sysw $PF/sriov_numvfs 0
t_eq "max: released on both GTs" "0 0" "$(echo $(cat $IOV/vf3/gt0/lmem_quota $IOV/vf3/gt1/lmem_quota))"
w $IOV/vf1/gt1/lmem_quota $((512 * MiB))
t_err "max: ESTALE looks at every GT" ESTALE $IOV/pf/auto_provisioning 1
w $IOV/vf1/gt1/ggtt_quota $((256 * MiB))
t_err "max: ENOKEY: VF1 partial on gt1" ENOKEY $PF/sriov_numvfs 1
w $IOV/vf1/gt1/contexts_quota 1024
w $IOV/vf1/gt0/ggtt_quota $((256 * MiB))
t_err "max: ENOKEY: VF1 partial on gt0" ENOKEY $PF/sriov_numvfs 1
w $IOV/vf1/gt0/ggtt_quota 0
t_ok "max: valid on gt1 and empty on gt0 is accepted (per-GT check)" sysw $PF/sriov_numvfs 1
t_ok "max: disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
