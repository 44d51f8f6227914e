#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Undo over VFs that i915 auto-provisioned and that keep running (their
# quotas unchanged, only scheduling changes), with the last store failing:
#  - a change of PF values alone never writes auto_provisioning, so the
#    rollback restores everything exactly (it used to write 0, and the undo
#    of that got ESTALE: DEGRADED);
#  - a change of VF values switches auto_provisioning off (i915 does it at
#    the first non-zero VF value anyway); the undo cannot turn it back on
#    over running VFs, and says so: ROLLED_BACK, every VF value as before;
#  - an undo that disabled and re-enabled auto-provisioned VFs (i915 gives
#    them a fresh fair share) is judged by equivalence: ROLLED_BACK.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov

# Two VFs auto-provisioned by the driver, as `echo 2 > sriov_numvfs` does.
# i915's contexts fair share leaves nothing for the PF's contexts spare,
# which the planner keeps: the spare is raised while i915 fair-shares and
# lowered after (a PF value: auto_provisioning stays on), so that an apply
# naming the live quotas fits and keeps the VFs running.
SP=contexts_spare
auto_setup() {
	vfnl reset "$SIM_PF" >/dev/null
	echo 0 > "$DBG/fail_write_nth"
	# a reset keeps the PF's own scheduling
	echo 0 > "$IOV/pf/gt/exec_quantum_ms"
	echo 0 > "$IOV/pf/gt/preempt_timeout_us"
	for f in $SP; do eval "old_$f=\$(cat "\$IOV/pf/gt/$f")"; done
	echo 4096 > "$IOV/pf/gt/contexts_spare"
	sysw "$DEV/$SIM_PF/sriov_numvfs" 2
	for f in $SP; do eval "echo \$old_$f > \$IOV/pf/gt/$f"; done
}
# the live quotas of VFs 1 and 2, as vfnl keys
live_quotas() {
	for k in 1 2; do
		printf ' vf%s.ggtt=%s vf%s.lmem=%s vf%s.ctx=%s vf%s.db=%s' \
			$k "$(vfq $k ggtt_quota)" $k "$(vfq $k lmem_quota)" \
			$k "$(vfq $k contexts_quota)" $k "$(vfq $k doorbells_quota)"
	done
}
# stores ARGS: how many prelim_iov stores the apply makes
stores() {
	auto_setup
	read -r _a < "$DBG/writes"
	# shellcheck disable=SC2086
	vfnl apply "$SIM_PF" "$@" >/dev/null
	read -r _b < "$DBG/writes"
	echo $((_b - _a))
}
# same DESC A B: t_eq for two states, showing only what differs
same() {
	if [ "$2" = "$3" ]; then
		t_pass "$1"
	else
		echo "$2" > /tmp/undo-auto.a
		echo "$3" > /tmp/undo-auto.b
		t_fail "$1" "$(diff /tmp/undo-auto.a /tmp/undo-auto.b | grep '^[-+][a-z]' | tr '\n' ' ')"
	fi
}
# fail_last ARGS: the same apply with its last store failing (EIO)
fail_last() {
	_n=$(stores "$@")
	t_diag "the apply makes $_n stores" >&2
	auto_setup
	echo 5 > "$DBG/fail_write_errno"
	echo "$_n" > "$DBG/fail_write_nth"
	vfnl apply "$SIM_PF" "$@"
}

auto_setup
t_eq "setup: auto_provisioning on" 1 "$(cat "$IOV/pf/auto_provisioning")"
s0=$(sim_state "$SIM_PF")
t_eq "setup: 2 VFs" 2 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
q=$(live_quotas)
# shellcheck disable=SC2086
out=$(vfnl plan "$SIM_PF" num=2 drv=none eq=5 $q)
t_eq "setup: the live quotas fit the planner" 0 \
	"$(echo "$out" | tr ' ' '\n' | sed -n 's/^ack=//p')"

# shellcheck disable=SC2086
out=$(fail_last num=2 drv=none eq=5 pt=5000 $q)
t_eq "PF scheduling fails at its last store: rolled back" rolled_back \
	"$(echo "$out" | kv result)"
same "state exactly as before (auto_provisioning still on)" "$s0" \
	"$(sim_state "$SIM_PF")"
t_eq "PF not degraded" idle "$(vfnl pf-get "$SIM_PF" | kv state)"

# shellcheck disable=SC2086
out=$(fail_last num=2 drv=none vf1.eq=10 vf2.eq=10 $q)
t_eq "VF scheduling fails at its last store: rolled back" rolled_back \
	"$(echo "$out" | kv result)"
case $out in
*"auto_provisioning stays off"*)
	t_pass "the reason says auto_provisioning stays off" ;;
*)	t_fail "the reason says auto_provisioning stays off" "$out" ;;
esac
same "every VF and PF value as before, only auto_provisioning off" \
	"$(echo "$s0" | grep -v '^pf/auto_provisioning:')" \
	"$(sim_state "$SIM_PF" | grep -v '^pf/auto_provisioning:')"
t_eq "PF not degraded" idle "$(vfnl pf-get "$SIM_PF" | kv state)"

# a new VF count disables the auto-provisioned VFs; the undo re-enables
# them and i915 fair-shares again, over a PF whose own LMEM use drifts
# (atsm_sim drift_seed): a share that differs from the one before is as good
if [ -e "$DBG/drift_seed" ]; then
	t_pass "atsm_sim models PF usage drift"
else
	t_fail "atsm_sim models PF usage drift" "no $DBG/drift_seed"
fi
lm0="$(vfq 1 lmem_quota) $(vfq 2 lmem_quota)"
echo 12345 > "$DBG/drift_seed" 2>/dev/null
out=$(fail_last num=3 drv=none vf1.lmem=1073741824 vf2.lmem=1073741824 vf3.lmem=1073741824)
echo 0 > "$DBG/drift_seed" 2>/dev/null
t_diag "LMEM of VF 1 and 2 before: $lm0, after the undo: $(vfq 1 lmem_quota) $(vfq 2 lmem_quota)"
t_eq "apply over auto VFs fails at its last store: rolled back" rolled_back \
	"$(echo "$out" | kv result)"
t_eq "2 VFs again" 2 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_eq "auto_provisioning on again" 1 "$(cat "$IOV/pf/auto_provisioning")"
t_ok "VF 1 and 2 hold LMEM again" test "$(vfq 1 lmem_quota)" -gt 0 -a \
	"$(vfq 2 lmem_quota)" -gt 0
t_eq "PF not degraded" idle "$(vfnl pf-get "$SIM_PF" | kv state)"

echo 0 > "$DBG/fail_write_nth"
t_ok "an apply afterwards commits" vfnl apply "$SIM_PF" num=2 drv=none
t_ok "reset" vfnl reset "$SIM_PF"
t_done
