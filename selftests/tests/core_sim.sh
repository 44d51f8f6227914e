#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The i915-prelim backend against atsm_sim: apply, change, explicit quotas,
# scheduling, plan, rejections without side effects, in-use protection,
# reset back to auto-provisioning, an apply over hand-written quotas.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
PF=$DEV/$SIM_PF

line=$(vfnl pf-get "$SIM_PF")
t_eq "backend i915-prelim" i915-prelim "$(echo "$line" | kv backend)"
t_eq "driver atsm_sim" atsm_sim "$(echo "$line" | kv driver)"
t_eq "total_vfs 31" 31 "$(echo "$line" | kv total)"
t_ok "resources reported (lmem.free)" test -n "$(echo "$line" | kv lmem.free)"

t_ok "apply num=4 drv=vfio" vfnl apply "$SIM_PF" num=4 drv=vfio
t_eq "sriov_numvfs 4" 4 "$(cat $PF/sriov_numvfs)"
t_eq "VFs on vfio-pci" "vfio-pci vfio-pci vfio-pci vfio-pci" "$(vf_drivers $SIM_PF)"
t_eq "auto_provisioning switched off, explicitly" 0 "$(cat $IOV/pf/auto_provisioning)"
ok=1
for k in 1 2 3 4; do
	for a in ggtt_quota lmem_quota contexts_quota; do
		[ "$(vfq $k $a)" -gt 0 ] || ok=0
	done
done
t_eq "every VF has ggtt, lmem, contexts" 1 $ok
t_eq "fair share: VF1 and VF4 lmem equal" "$(vfq 1 lmem_quota)" "$(vfq 4 lmem_quota)"
t_eq "VF_GET reports VF 2's lmem" "$(vfq 2 lmem_quota)" \
	"$(vfnl vf-get "$SIM_PF" 2 | kv lmem)"

t_ok "apply num=2 vf1.lmem=1G eq/pt" vfnl apply "$SIM_PF" num=2 \
	vf1.lmem=1073741824 eq=20 pt=20000 vf1.eq=10 vf2.pt=40000
t_eq "VF1 lmem exactly 1 GiB" 1073741824 "$(vfq 1 lmem_quota)"
t_ok "VF2 got more than VF1" test "$(vfq 2 lmem_quota)" -gt 1073741824
t_eq "VF3 released" "0 0" "$(vfq 3 lmem_quota) $(vfq 3 ggtt_quota)"
t_eq "PF exec_quantum_ms" 20 "$(cat $IOV/pf/gt/exec_quantum_ms)"
t_eq "VF1 exec_quantum_ms" 10 "$(vfq 1 exec_quantum_ms)"
t_eq "VF2 preempt_timeout_us" 40000 "$(vfq 2 preempt_timeout_us)"
t_eq "2 VFs still on vfio-pci" "vfio-pci vfio-pci" "$(vf_drivers $SIM_PF)"

# IF_CHANGED: the same request again writes nothing; a value changed
# behind vfprov's back makes it apply again.
same="num=2 vf1.lmem=1073741824 eq=20 pt=20000 vf1.eq=10 vf2.pt=40000"
gen=$(vfnl pf-get "$SIM_PF" | kv gen)
w0=$(cat "$DBG/writes")
out=$(vfnl apply "$SIM_PF" --if-changed $same)
t_eq "if-changed, same request: unchanged" "0 unchanged" \
	"$(echo "$out" | kv ack) $(echo "$out" | kv result)"
t_eq "  ...no prelim_iov store" "$w0" "$(cat "$DBG/writes")"
t_eq "  ...generation kept" "$gen" "$(vfnl pf-get "$SIM_PF" | kv gen)"
echo 7 > "$IOV/vf1/gt/exec_quantum_ms"
out=$(vfnl apply "$SIM_PF" --if-changed $same)
t_eq "if-changed after a change behind vfprov: committed" "0 committed" \
	"$(echo "$out" | kv ack) $(echo "$out" | kv result)"
t_eq "  ...VF1 exec_quantum_ms back to 10" 10 "$(vfq 1 exec_quantum_ms)"
t_eq "  ...generation bumped once" $((gen + 1)) \
	"$(vfnl pf-get "$SIM_PF" | kv gen)"

before=$(sim_state $SIM_PF)
gen=$(vfnl pf-get "$SIM_PF" | kv gen)
out=$(vfnl plan "$SIM_PF" num=8)
t_eq "plan answers 8 VFs" 8 "$(echo "$out" | grep -c '^plan.vf=')"
t_eq "plan: VF8 gets lmem" 1 "$(echo "$out" | grep '^plan.vf=8 ' | grep -c lmem=)"
out=$(vfnl apply "$SIM_PF" num=2 vf1.lmem=0x7fffffffffff)
t_eq "lmem above the pool: EDQUOT" EDQUOT "$(echo "$out" | kv ack)"
t_eq "  ...names VF 1" 1 "$(echo "$out" | kv vf)"
out=$(vfnl apply "$SIM_PF" num=2 lmem_spare=4096)
t_eq "spare below minimum: EINVAL" EINVAL "$(echo "$out" | kv ack)"
out=$(vfnl apply "$SIM_PF" num=2 vf3.lmem=4194304)
t_eq "VF beyond num_vfs: EINVAL" EINVAL "$(echo "$out" | kv ack)"
t_eq "plan and rejections changed nothing" "$before" "$(sim_state $SIM_PF)"
t_eq "generation unchanged" "$gen" "$(vfnl pf-get "$SIM_PF" | kv gen)"

echo 1 > "$DBG/vf_assign"
out=$(vfnl apply "$SIM_PF" num=3)
t_eq "VF assigned to a guest: EBUSY" EBUSY "$(echo "$out" | kv ack)"
t_eq "  ...names VF 1" 1 "$(echo "$out" | kv vf)"
# Same quotas (absent ones are re-planned to the same fair share).
out=$(vfnl apply "$SIM_PF" num=2 vf1.lmem=1073741824 vf1.eq=5)
t_eq "scheduling change of a VF in use is allowed" 0 "$(echo "$out" | kv ack)"
t_eq "  ...applied live" "5 2" "$(vfq 1 exec_quantum_ms) $(cat $PF/sriov_numvfs)"
before=$(sim_state $SIM_PF)
out=$(vfnl apply "$SIM_PF" --force num=3)
t_eq "forced: the PF refuses the disable, rolled back" \
	"EPERM rolled_back" "$(echo "$out" | kv ack) $(echo "$out" | kv result)"
t_eq "forced failure restored everything" "$before" "$(sim_state $SIM_PF)"
echo 1 > "$DBG/vf_unassign"

t_ok "reset" vfnl reset "$SIM_PF"
t_eq "no VFs" 0 "$(cat $PF/sriov_numvfs)"
t_eq "auto_provisioning back on" 1 "$(cat $IOV/pf/auto_provisioning)"
t_eq "VF1 quotas released" "0 0 0" \
	"$(vfq 1 ggtt_quota) $(vfq 1 lmem_quota) $(vfq 1 contexts_quota)"
# Quotas written by hand while VFs are off: the journal takes VF1's old
# lmem from the snapshot, and a resource that changes on one VF is
# released on all, so VF1's unchanged 1 GiB must be written back too.
echo 1073741824 > "$IOV/vf1/gt/lmem_quota"
out=$(vfnl apply "$SIM_PF" num=2 vf1.lmem=1073741824 vf2.lmem=2147483648)
t_eq "over hand-written quotas: committed" "0 committed" \
	"$(echo "$out" | kv ack) $(echo "$out" | kv result)"
t_eq "  ...VF1 lmem kept, VF2 lmem set" "1073741824 2147483648" \
	"$(vfq 1 lmem_quota) $(vfq 2 lmem_quota)"
t_ok "reset again" vfnl reset "$SIM_PF"

t_ok "rmmod vfprov" rmmod vfprov
t_done
