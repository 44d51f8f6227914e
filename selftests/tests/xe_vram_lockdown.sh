#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VRAM on a Secure Boot host: under debugfs lockdown the xe backend sets a
# VF's VRAM through sriov_admin's vram_quota (xe 7.1, dGPU), which leaves
# xe in AUTO mode, so xe's enable fair-provisions GGTT and contexts itself
# and skips VRAM. Every VF gets a quota or none (a VF left at 0 next to
# others would come up without VRAM), no spare can be set, a GuC refusal
# of one VF's VRAM rolls back to the VRAM before, and no quota at all
# gives xe's own fair VRAM. xe of 7.0 has no vram_quota: refused by name.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

G=1073741824
res() { echo "$1" | head -n 1 | kv "$2"; }
has() { echo "$out" | grep -q "$1"; }
vq() { echo $(cat "$ADMIN/vf1/profile/vram_quota" "$ADMIN/vf2/profile/vram_quota"); }
lockdown() { echo "$1" > /sys/module/xe_sim/parameters/lockdown; }
# A VF's debugfs file, read with the lockdown lifted for the read only.
peek() {
	lockdown 0
	cat "$SR/vf$1/tile0/$2"
	lockdown 1
}

t_start "xe_sim (bmg, 7.1) bound to $XE_PF" xesim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
lockdown 1

out=$(vfnl apply "$XE_PF" num=2 vf1.lmem=$G vf2.lmem=$((2 * G)))
t_eq "lockdown: VRAM of 2 VFs: committed, 2 VFs" "committed 2" \
	"$(res "$out" result) $(cat "$PF/sriov_numvfs")"
t_eq "  ...through sriov_admin: vf1 1 GiB, vf2 2 GiB" "$G $((2 * G))" "$(vq)"
t_eq "  ...xe still in AUTO mode (vram_quota does not switch it)" auto \
	"$(cat "$KNOB/mode")"
g=$(peek 2 ggtt_quota)
c=$(peek 2 gt1/contexts_quota)
t_ok "  ...xe's enable fair-provisioned vf2's GGTT ($g) and gt1 contexts ($c)" \
	test "$g" -gt 0 -a "$c" -gt 0
t_eq "  ...vf-get reads vf2's VRAM back through sriov_admin" $((2 * G)) \
	"$(vfnl vf-get "$XE_PF" 2 | kv lmem)"
out=$(vfnl apply "$XE_PF" --if-changed num=2 vf1.lmem=$G vf2.lmem=$((2 * G)))
t_eq "the same again (--if-changed): unchanged" unchanged "$(res "$out" result)"

before=$(xe_st)
out=$(vfnl apply "$XE_PF" num=3 vf1.lmem=$G vf3.lmem=$G)
t_eq "vf2 without VRAM next to VFs with it: rejected (EINVAL, lmem of VF 2)" \
	"rejected -22 lmem 2" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field) $(res "$out" vf)"
t_ok "  ...the reason says every VF needs one or none" has 'give every VF one, or none'
out=$(vfnl apply "$XE_PF" num=2 lmem_spare=268435456)
t_eq "a VRAM spare: rejected (EINVAL)" "rejected -22" \
	"$(res "$out" result) $(res "$out" errno)"
t_ok "  ...the reason says only VF quotas can be set" has 'cannot be set on this PF'
out=$(vfnl apply "$XE_PF" num=2 vf1.ctx=64)
t_eq "contexts: still rejected (EOPNOTSUPP)" "rejected -95 contexts" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field)"
t_ok "  ...the reason names VRAM as what can be set" has 'and VRAM from Linux 7.1'
t_eq "  ...nothing changed by the three" "$before" "$(xe_st)"

# The VFs go off (VRAM of a running VF is refused), vf1 takes 3 GiB, and
# the GuC refuses vf2's: 1st push vf1, 2nd vf2.
echo 5 > "$KNOB/guc_fail_errno"
echo 2 > "$KNOB/guc_fail_nth"
out=$(vfnl apply "$XE_PF" num=2 vf1.lmem=$((3 * G)) vf2.lmem=$((3 * G)))
echo 0 > "$KNOB/guc_fail_nth"
t_eq "the GuC refuses vf2's VRAM: rolled back (EIO) at vram_quota of VF 2" \
	"rolled_back -5 2" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" vf)"
t_eq "  ...VRAM as before, 2 VFs, AUTO" "$G $((2 * G)) 2 auto" \
	"$(vq) $(cat "$PF/sriov_numvfs") $(cat "$KNOB/mode")"

out=$(vfnl apply "$XE_PF" --rebalance num=2)
t_eq "no VRAM asked (rebalance): committed" committed "$(res "$out" result)"
set -- $(vq)
t_ok "  ...xe's own fair VRAM on both VFs ($1, $2)" \
	test "$1" -gt 0 -a "$1" = "$2" -a "$1" != "$G"
out=$(vfnl apply "$XE_PF" num=3)
t_eq "3 VFs, no VRAM asked: committed, vf3 has xe's VRAM too" "committed yes" \
	"$(res "$out" result) $([ "$(cat "$ADMIN/vf3/profile/vram_quota")" -gt 0 ] && echo yes)"
out=$(vfnl reset "$XE_PF")
t_eq "reset: committed, VFs off" "committed 0" \
	"$(res "$out" result) $(cat "$PF/sriov_numvfs")"
lockdown 0

t_start "xe_sim (bmg, 7.0) bound to $XE_PF" xesim_up kver=7.0
lockdown 1
out=$(vfnl apply "$XE_PF" num=1 vf1.lmem=$G)
t_eq "7.0 under lockdown: VRAM rejected (EOPNOTSUPP, lmem)" "rejected -95 lmem" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field)"
t_ok "  ...the reason says debugfs is locked down" has 'locked down'
lockdown 0
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
