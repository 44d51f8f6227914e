#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VF enable/disable (I915_PRELIM_ABI.md "Enable flow"): fair share when all
# configs are empty and auto is on, auto configs released at disable while
# manual ones persist, ENOKEY for partial configs, vfK/device links.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

MiB=1048576
AP=$IOV/pf/auto_provisioning
g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free)
c0=$(cat $A/contexts_free); d0=$(cat $A/doorbells_free)
gfair=$(( $(cat $A/ggtt_max_quota) / 4 / 65536 * 65536 ))
lfair=$(( $(cat $A/lmem_max_quota) / 4 / (2 * MiB) * (2 * MiB) ))
# i915 takes the LMTT (256 KiB) and PPGTT estimates off each LMEM share
lfair=$(( (lfair - 262144 - (lfair + 2 * (2 * MiB - 1)) / (2 * MiB) * 4096) / (2 * MiB) * (2 * MiB) ))
cfair=$(( c0 / 4 / 128 * 128 ))

t_ok "enable 4 VFs with empty configs, auto on" sysw $PF/sriov_numvfs 4
t_eq "4 VFs" 4 "$(numvfs)"
ok=1
for k in 1 2 3 4; do
	got=$(echo $(cat $(vf $k)/ggtt_quota $(vf $k)/lmem_quota $(vf $k)/contexts_quota $(vf $k)/doorbells_quota))
	[ "$got" = "$gfair $lfair $cfair 64" ] || { ok=0; t_diag "vf$k: $got"; }
done
t_eq "fair share: (max_quota or free) / 4 (LMEM less the estimates), aligned, 64 doorbells" 1 $ok
t_eq "vf5 stays empty" "0 0" "$(echo $(cat $(vf 5)/ggtt_quota $(vf 5)/lmem_quota))"
t_eq "auto_provisioning still on" 1 "$(cat $AP)"
t_eq "vf1/device -> virtfn0" "$(readlink -f $PF/virtfn0)" "$(readlink -f $IOV/vf1/device)"
t_eq "vf4/device -> virtfn3" "$(readlink -f $PF/virtfn3)" "$(readlink -f $IOV/vf4/device)"
t_ok "no vf5/device" test ! -e $IOV/vf5/device
t_eq "VF is a real PCI function of the PF" "$SIM_PF" \
	"$(basename "$(readlink -f $IOV/vf2/device/physfn)")"
t_ok "VFs not probed (sriov_drivers_autoprobe 0)" test ! -e $PF/virtfn0/driver
t_err "EBUSY: 4 -> 2" EBUSY $PF/sriov_numvfs 2

w $(vf 2)/exec_quantum_ms 16
t_eq "live write accepted on a running VF" 16 "$(cat $(vf 2)/exec_quantum_ms)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_ok "vfK/device links gone" test ! -e $IOV/vf1/device -a ! -e $IOV/vf4/device
t_eq "auto configs released (quotas 0)" "0 0 0 0" \
	"$(echo $(cat $(vf 1)/ggtt_quota $(vf 1)/lmem_quota $(vf 1)/contexts_quota $(vf 1)/doorbells_quota))"
t_eq "i915: the auto set is released whole, scheduling included" 0 "$(cat $(vf 2)/exec_quantum_ms)"
t_eq "pools back to their initial values" "$g0 $l0 $c0 $d0" \
	"$(echo $(cat $A/ggtt_free $A/lmem_free $A/contexts_free $A/doorbells_free))"

# manual configs persist across disable
w $AP 0
for k in 1 2; do
	w $(vf $k)/ggtt_quota $((256 * MiB))
	w $(vf $k)/lmem_quota $((1024 * MiB))
	w $(vf $k)/contexts_quota 1024
done
t_ok "enable 2 manually provisioned VFs (no doorbells: optional)" sysw $PF/sriov_numvfs 2
t_eq "manual quotas untouched by enable" "$((256 * MiB)) $((1024 * MiB)) 1024 0" \
	"$(echo $(cat $(vf 2)/ggtt_quota $(vf 2)/lmem_quota $(vf 2)/contexts_quota $(vf 2)/doorbells_quota))"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "manual quotas persist after disable" "$((256 * MiB)) $((1024 * MiB)) 1024" \
	"$(echo $(cat $(vf 1)/ggtt_quota $(vf 1)/lmem_quota $(vf 1)/contexts_quota))"
t_ok "enable 3: two valid and one empty config are fine" sysw $PF/sriov_numvfs 3
t_ok "disable" sysw $PF/sriov_numvfs 0

# ENOKEY: a partially provisioned VF among those being enabled
w $(vf 3)/ggtt_quota $((256 * MiB))
t_err "ENOKEY: VF3 has GGTT only" ENOKEY $PF/sriov_numvfs 3
t_eq "no VFs after ENOKEY" 0 "$(numvfs)"
t_eq "the partial config is left as it was" $((256 * MiB)) "$(cat $(vf 3)/ggtt_quota)"
w $(vf 3)/contexts_quota 512
t_err "ENOKEY: VF3 still lacks LMEM" ENOKEY $PF/sriov_numvfs 3
t_ok "VF3 outside the range: enabling 2 is fine" sysw $PF/sriov_numvfs 2
t_ok "disable" sysw $PF/sriov_numvfs 0
w $(vf 4)/doorbells_quota 8
w $(vf 3)/lmem_quota $((512 * MiB))
t_err "ENOKEY: VF4 has doorbells only" ENOKEY $PF/sriov_numvfs 4
w $(vf 4)/doorbells_quota 0

# late provisioning: auto off, all configs empty
for k in 1 2 3; do w $IOV/vf$k/control clear; done
t_ok "auto off and all empty: enable anyway" sysw $PF/sriov_numvfs 3
t_eq "VFs have nothing" "0 0" "$(echo $(cat $(vf 1)/ggtt_quota $(vf 1)/lmem_quota))"
w $(vf 1)/lmem_quota $((512 * MiB))
t_eq "provisioning a running VF works" $((512 * MiB)) "$(cat $(vf 1)/lmem_quota)"
t_ok "disable" sysw $PF/sriov_numvfs 0
w $IOV/vf1/control clear

# a failed auto-provisioning releases what it had already taken
w $AP 1
w $G/lmem_spare $(cat $A/lmem_free)
t_err "ENOSPC: no LMEM left for a fair share" ENOSPC $PF/sriov_numvfs 2
t_eq "GGTT handed out before the failure was released" "0 0" \
	"$(echo $(cat $(vf 1)/ggtt_quota $(vf 2)/ggtt_quota))"
t_eq "contexts too" $c0 "$(cat $A/contexts_free)"
t_eq "auto_provisioning unchanged" 1 "$(cat $AP)"
w $G/lmem_spare 0

# i915 sharp edge: after an auto enable, a manual edit turns auto off but
# the disable still releases the whole auto set
t_ok "enable 2 (auto)" sysw $PF/sriov_numvfs 2
w $(vf 1)/lmem_quota $((1024 * MiB))
t_eq "manual edit switched auto off" 0 "$(cat $AP)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "edited VF released with the auto set" 0 "$(cat $(vf 1)/lmem_quota)"

sim_down
t_done
