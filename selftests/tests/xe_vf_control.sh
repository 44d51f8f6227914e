#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VF actions on an xe PF (xe_sim bmg, two GTs): pause and resume through
# debugfs sriov/vfN/{pause,resume}, stop through sriov_admin/vfN/stop.
# xe's state machine answers for itself, every GT tried and EUCLEAN once
# one failed: on two GTs a pause of a paused VF, a resume of a running
# one and a stop of a stopped one are EUCLEAN (each GT's ESTALE/EPERM), a
# GuC refusal on gt1 only is its EIO and leaves gt0 paused (each GT has
# its own state machine, as in xe): vf-get then says unknown, and the
# next actions meet each GT's state; an action is no config write (xe
# stays in AUTO mode); xe has no clear; under debugfs lockdown stop and
# flr still work and pause is refused naming debugfs.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

res() { echo "$1" | head -n 1 | kv "$2"; }
act() { vfnl vf-action "$XE_PF" "$@"; }
state() { vfnl vf-get "$XE_PF" "$1" | kv state; }
lockdown() { echo "$1" > /sys/module/xe_sim/parameters/lockdown; }

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" reload_vfprov
xw "$PF/sriov_numvfs" 2
t_eq "2 VFs enabled by hand: AUTO, VF 1 running" "auto running" \
	"$(cat "$KNOB/mode") $(state 1)"

out=$(act 1 pause)
t_eq "pause VF 1: committed" "committed 0" \
	"$(res "$out" result) $(echo "$out" | kv ack)"
t_eq "  ...xe_sim runs VF 2 only (vfs_running bit 2)" 4 "$(cat "$KNOB/vfs_running")"
t_eq "  ...vf-get: VF 1 paused, VF 2 running" "paused running" \
	"$(state 1) $(state 2)"
t_eq "  ...xe still in AUTO mode: an action is no config write" auto \
	"$(cat "$KNOB/mode")"
out=$(act 1 pause)
t_eq "pause of a paused VF: EUCLEAN (ESTALE on both GTs), at step action" \
	"EUCLEAN action" \
	"$(echo "$out" | kv ack) $(res "$out" step)"
t_eq "resume VF 1: committed, running" "0 running" \
	"$(act 1 resume | kv ack) $(state 1)"
t_eq "resume of a running VF: EUCLEAN (EPERM on both GTs)" EUCLEAN \
	"$(act 1 resume | kv ack)"

vfs() { grep "^VF$1:" "$KNOB/vf_states"; }
echo 5 > "$KNOB/guc_fail_errno"
echo 2 > "$KNOB/guc_fail_gt_mask"
echo 1 > "$KNOB/guc_fail_nth"
t_eq "gt1's GuC refuses the pause of VF 2: EIO" EIO "$(act 2 pause | kv ack)"
t_eq "  ...gt0 took it: VF 2 paused on gt0, running on gt1" \
	"VF2: gt0 paused gt1 running" "$(vfs 2)"
t_eq "  ...vf-get says unknown, not running" unknown "$(state 2)"
t_eq "resume VF 2: gt1 was not paused, EPERM" EPERM "$(act 2 resume | kv ack)"
t_eq "  ...gt0 resumed: VF 2 running on both GTs, vfprov still unknown" \
	"VF2: gt0 running gt1 running unknown" "$(vfs 2) $(state 2)"
echo 1 > "$KNOB/guc_fail_gt_mask"
echo 1 > "$KNOB/guc_fail_nth"
t_eq "gt0's GuC refuses the pause: EUCLEAN (gt1 was tried too, and took it)" \
	"EUCLEAN VF2: gt0 running gt1 paused" "$(act 2 pause | kv ack) $(vfs 2)"
echo 0 > "$KNOB/guc_fail_nth"
echo 0 > "$KNOB/guc_fail_gt_mask"
t_eq "resume: EUCLEAN (gt0's EPERM first), gt1 resumed" \
	"EUCLEAN VF2: gt0 running gt1 running" "$(act 2 resume | kv ack) $(vfs 2)"

out=$(act 1 clear)
t_eq "clear: refused (EOPNOTSUPP, field action), xe has none" \
	"EOPNOTSUPP action 1" \
	"$(echo "$out" | kv ack) $(res "$out" field) $(echo "$out" | grep -c 'xe has no clear')"

t_eq "stop VF 2 (sriov_admin): committed, stopped" "0 stopped" \
	"$(act 2 stop | kv ack) $(state 2)"
t_eq "  ...xe_sim runs VF 1 only (vfs_running bit 1)" 2 "$(cat "$KNOB/vfs_running")"
t_eq "stop of a stopped VF: EUCLEAN (ESTALE on both GTs)" EUCLEAN \
	"$(act 2 stop | kv ack)"

lockdown 1
out=$(act 1 pause)
t_eq "lockdown: pause refused (EOPNOTSUPP), the reason names debugfs" \
	"EOPNOTSUPP action 1" \
	"$(echo "$out" | kv ack) $(res "$out" field) $(echo "$out" | grep -c 'debugfs')"
t_eq "lockdown: stop VF 1 through sriov_admin: committed, stopped" \
	"0 stopped" "$(act 1 stop | kv ack) $(state 1)"
t_eq "lockdown: flr VF 1 (the PCI core): committed, running" "0 running" \
	"$(act 1 flr | kv ack) $(state 1)"
lockdown 0
xw "$PF/sriov_numvfs" 0
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
