#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Per-GT VF values on a two-GT xe PF (xe_sim bmg): pf-get says 2 GTs and
# the per-gt cap; a VF's contexts and EQ set apart on gt1 land on gt1
# only (EQ GT by GT in debugfs, where sriov_admin then reads EUCLEAN), the
# other VF's fair share on gt1 takes what gt1's own value leaves, and
# vf-get reads each GT back; the same request again is unchanged; a GuC
# failure on gt1's own value rolls back to the exact state; making the
# GTs equal again drops gt1's own values; a GT value under lockdown is
# refused by name (sysfs-only), a GT beyond the uapi's (gt2) by the
# netlink policy; configfs stages vfN/gt1_contexts_quota and commits it,
# and refuses a value out of range with a last_error naming the file.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

G=268435456 M=1073741824
res() { echo "$1" | head -n 1 | kv "$2"; }
has() { echo "$out" | grep -q "$1"; }
gts() { echo $(cat "$SR/vf$1/tile0/gt0/$2" "$SR/vf$1/tile0/gt1/$2"); }

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1

pf=$(vfnl pf-get "$XE_PF")
t_eq "pf-get: 2 GTs" 2 "$(echo "$pf" | kv gts)"
t_eq "  ...and the per-gt cap (128)" 128 $(($(echo "$pf" | kv caps) & 128))

A="num=2 drv=vfio vf1.ggtt=$G vf1.lmem=$M vf1.ctx=1024 vf1.eq=10 vf1.gt1.ctx=256 vf1.gt1.eq=20 vf2.ggtt=$G vf2.lmem=$M vf2.gt1.db=4"
out=$(vfnl apply "$XE_PF" $A)
t_eq "apply with gt1 values: committed" committed "$(res "$out" result)"
t_eq "  ...vf1 contexts: 1024 on gt0, 256 on gt1" "1024 256" \
	"$(gts 1 contexts_quota)"
t_eq "  ...vf1 EQ: 10 on gt0, 20 on gt1 (debugfs, GT by GT)" "10 20" \
	"$(gts 1 exec_quantum_ms)"
t_eq "  ...sriov_admin's vf1 EQ reads EUCLEAN (GTs disagree)" EUCLEAN \
	"$(xr "$ADMIN/vf1/profile/exec_quantum_ms")"
t_eq "  ...vf2 doorbells: a fair 128 on gt0, 4 on gt1" "128 4" \
	"$(gts 2 doorbells_quota)"
t_eq "  ...vf1's fair doorbells on gt1 take what vf2's 4 leave" "128 252" \
	"$(gts 1 doorbells_quota)"
c20=$(cat "$SR/vf2/tile0/gt0/contexts_quota")
c21=$(cat "$SR/vf2/tile0/gt1/contexts_quota")
t_eq "  ...vf2's fair contexts on gt1 take what vf1's 256 leave (768 more than on gt0)" \
	768 $((c21 - c20))
vf=$(vfnl vf-get "$XE_PF" 1)
t_eq "vf-get: vf1's own values and gt1's apart" "1024 10 256 20" \
	"$(echo "$vf" | kv ctx) $(echo "$vf" | kv eq) $(echo "$vf" | kv gt1.ctx) $(echo "$vf" | kv gt1.eq)"
t_eq "  ...vf2: gt1's doorbells and contexts" "4 $c21" \
	"$(vfnl vf-get "$XE_PF" 2 | kv gt1.db) $(vfnl vf-get "$XE_PF" 2 | kv gt1.ctx)"

out=$(vfnl apply "$XE_PF" --if-changed $A)
t_eq "the same request again (if-changed): unchanged" unchanged "$(res "$out" result)"

before=$(xe_st)
echo 2 > "$KNOB/guc_fail_gt_mask"
echo 5 > "$KNOB/guc_fail_errno"
echo 1 > "$KNOB/guc_fail_nth"
out=$(vfnl apply "$XE_PF" num=2 vf1.gt1.eq=30)
echo 0 > "$KNOB/guc_fail_nth"
echo 0 > "$KNOB/guc_fail_gt_mask"
t_eq "gt1's GuC refuses vf1's gt1 EQ: rolled back (EIO) at it" \
	"rolled_back -5 exec_quantum_ms 1" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field) $(res "$out" vf)"
t_eq "  ...every file as before" "$before" "$(xe_st)"

out=$(vfnl apply "$XE_PF" num=2 vf1.gt1.ctx=1024 vf1.gt1.eq=10)
t_eq "gt1 made equal to gt0: committed" committed "$(res "$out" result)"
t_eq "  ...vf1 contexts and EQ equal on both GTs" "1024 1024 10 10" \
	"$(gts 1 contexts_quota) $(gts 1 exec_quantum_ms)"
t_eq "  ...sriov_admin reads the EQ again" 10 \
	"$(xr "$ADMIN/vf1/profile/exec_quantum_ms")"
t_eq "  ...vf-get: vf1's gt1 holds only its own (fair) doorbells now" \
	"gt1.db=252" \
	"$(vfnl vf-get "$XE_PF" 1 | tr ' ' '\n' | grep '^gt1\.')"

echo 1 > /sys/module/xe_sim/parameters/lockdown
out=$(vfnl apply "$XE_PF" num=2 vf1.gt1.ctx=512)
echo 0 > /sys/module/xe_sim/parameters/lockdown
t_eq "lockdown: a gt1 value is refused (EOPNOTSUPP) naming contexts" \
	"rejected -95 contexts 1" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field) $(res "$out" vf)"
t_ok "  ...the reason says debugfs is locked down" has 'locked down'

out=$(vfnl apply "$XE_PF" num=2 vf1.gt2.ctx=512)
t_eq "gt2: refused by the netlink policy (ERANGE), nothing queued" ERANGE \
	"$(echo "$out" | tail -n 1 | kv ack)"
t_eq "  ...vf1 gt1 contexts as before" "1024 1024" "$(gts 1 contexts_quota)"

C=/sys/kernel/config/vfprov P=/sys/kernel/config/vfprov/$XE_PF
mkdir "$P" "$P/vf1" "$P/vf2"
for v in 1 2; do
	sysw "$P/vf$v/ggtt_quota" $G
	sysw "$P/vf$v/lmem_quota" $M
done
sysw "$P/num_vfs" 2
sysw "$P/vf1/contexts_quota" 1024
t_ok "configfs: vf1/gt1_contexts_quota 300 staged" \
	sysw "$P/vf1/gt1_contexts_quota" 300
t_eq "  ...reads back" 300 "$(cat "$P/vf1/gt1_contexts_quota")"
t_eq "  ...gt1_doorbells_quota unset reads empty" "" \
	"$(cat "$P/vf1/gt1_doorbells_quota")"
t_eq "configfs commit: no error" "" "$(sysw "$P/commit" 1)"
t_eq "  ...vf1 contexts 1024 on gt0, 300 on gt1" "1024 300" \
	"$(gts 1 contexts_quota)"
t_ok "  ...applied shows vf1's gt1 value" \
	grep -q '^vf1 .* gt1.contexts_quota=300' "$P/applied"
sysw "$P/vf1/gt1_contexts_quota" 70000
t_ok "  ...a gt1 value beyond 65535 is refused, last_error names it" \
	grep -q 'vf1/gt1_contexts_quota' "$P/last_error"
rmdir "$P/vf1" "$P/vf2" "$P"

vfnl reset "$XE_PF" >/dev/null
t_eq "reset: AUTO again" auto "$(cat "$KNOB/mode")"
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
