#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Least disruption, tried as a new user would: the guide's steps by hand
# (1 VF, vfio-pci, EQ 20 / PT 40000 written through sysfs), then
# `vfctl apply` with the same VF count, driver, LMEM, GGTT and scheduling.
# The running VF must not be disabled: its PCI device (kernfs node) is the
# same one after the apply. plan / --dry-run list the VFs an apply would
# disable, and --rebalance asks for a fresh fair share.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-ld
mkdir -p "$T"

if ! sim_up; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
load_vfprov
modprobe vfio-pci 2>/dev/null
PF=$DEV/$SIM_PF

# --- the guide, by hand
echo 0 > "$PF/sriov_numvfs"
echo 1 > "$PF/sriov_numvfs"
VF=$(basename "$(readlink "$PF/virtfn0")")
echo vfio-pci > "$DEV/$VF/driver_override"
echo "$VF" > /sys/bus/pci/drivers_probe
for d in pf vf1; do
	echo 20 > "$IOV/$d/gt/exec_quantum_ms"
	echo 40000 > "$IOV/$d/gt/preempt_timeout_us"
done
t_eq "by hand: VF 1 on vfio-pci" vfio-pci "$(vf_drivers "$SIM_PF")"
t_eq "by hand: VF 1 EQ 20 / PT 40000" "20 40000" \
	"$(vfq 1 exec_quantum_ms) $(vfq 1 preempt_timeout_us)"
lmem=$(vfq 1 lmem_quota)
ggtt=$(vfq 1 ggtt_quota)
ctxs=$(vfq 1 contexts_quota)
ino=$(stat -c %i "$DEV/$VF")
same="$SIM_PF --vfs 1 --driver vfio-pci --lmem $lmem --ggtt $ggtt --sched guide"

# --- plan and dry run say nobody is disrupted
vfctl plan $same >"$T/plan" 2>&1
rc=$?
t_eq "plan of the same state exits 0" 0 $rc
[ $rc = 0 ] || t_diag "$(cat "$T/plan")"
t_ok "plan: no running VF is disabled" \
	grep -q "no running VF is disabled or rebound" "$T/plan"
vfctl plan $SIM_PF --vfs 2 >"$T/plan2" 2>&1
t_ok "plan of 2 VFs: VF 1 disabled, held by vfio-pci" \
	grep -q "VF 1 disabled: vfio-pci, not in use" "$T/plan2"
vfctl apply --dry-run --rebalance $SIM_PF --vfs 1 --driver vfio-pci \
	--sched guide >"$T/rebal" 2>&1
t_ok "apply --dry-run --rebalance: the fresh LMEM share disables VF 1" \
	grep -q "VF 1 disabled: vfio-pci" "$T/rebal"

# --- the apply
vfctl apply $same >"$T/apply" 2>&1
rc=$?
t_eq "apply of the same state exits 0" 0 $rc
[ $rc = 0 ] || t_diag "$(cat "$T/apply")"
t_eq "the VF's pci device survived (same kernfs node)" "$ino" \
	"$(stat -c %i "$DEV/$VF" 2>/dev/null)"
t_eq "VF 1 still on vfio-pci" vfio-pci "$(vf_drivers "$SIM_PF")"
t_eq "VF 1 keeps its quotas (contexts not re-planned)" \
	"$lmem $ggtt $ctxs" \
	"$(vfq 1 lmem_quota) $(vfq 1 ggtt_quota) $(vfq 1 contexts_quota)"
t_eq "VF 1 keeps EQ 20 / PT 40000" "20 40000" \
	"$(vfq 1 exec_quantum_ms) $(vfq 1 preempt_timeout_us)"

# --- no quota given at all: the same
vfctl apply $SIM_PF --vfs 1 --driver vfio-pci --sched guide >"$T/apply2" 2>&1
t_eq "apply without quotas exits 0" 0 $?
t_eq "still the same pci device" "$ino" "$(stat -c %i "$DEV/$VF" 2>/dev/null)"
t_ok "unchanged: nothing to write" grep -q "unchanged" "$T/apply2"

# --- --rebalance really re-plans (and so re-creates the VF)
vfctl apply --rebalance $SIM_PF --vfs 1 --driver vfio-pci --sched guide \
	>"$T/apply3" 2>&1
t_eq "apply --rebalance exits 0" 0 $?
t_ok "--rebalance: a fresh fair LMEM share" \
	test "$(vfq 1 lmem_quota)" != "$lmem"
t_ok "--rebalance: the VF was re-created" \
	test "$(stat -c %i "$DEV/$VF" 2>/dev/null)" != "$ino"

# --- VFs i915 auto-provisioned at enable, nothing written by hand
vfctl reset "$SIM_PF" >/dev/null 2>&1
echo 1 > "$IOV/pf/auto_provisioning"
echo 2 > "$PF/sriov_numvfs"
VF2=$(basename "$(readlink "$PF/virtfn1")")
ino2=$(stat -c %i "$DEV/$VF2")
auto2="$(vfq 2 lmem_quota) $(vfq 2 contexts_quota) $(vfq 2 doorbells_quota)"
vfctl apply "$SIM_PF" --vfs 2 >"$T/auto" 2>&1
t_eq "apply over 2 auto-provisioned VFs exits 0" 0 $?
t_eq "auto-provisioned VF 2 not re-created" "$ino2" \
	"$(stat -c %i "$DEV/$VF2" 2>/dev/null)"
t_eq "auto-provisioned VF 2 keeps i915's quotas" "$auto2" \
	"$(vfq 2 lmem_quota) $(vfq 2 contexts_quota) $(vfq 2 doorbells_quota)"

vfctl reset "$SIM_PF" >/dev/null 2>&1
t_eq "reset: 0 VFs" 0 "$(cat "$PF/sriov_numvfs")"
t_done
