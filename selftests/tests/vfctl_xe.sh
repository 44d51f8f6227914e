#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl drives an xe PF (xe_sim, bmg: two GTs, VRAM): list names backend
# xe; show and show --json (parsed by jsoncheck, json-c) report the live VF
# count and each VF's quotas as xe_sim holds them; plan of a complete config
# changes nothing; apply of it commits and xe_sim's sriov_admin and debugfs
# files read exactly the values asked, contexts and doorbells on both GTs;
# an apply that does not fit is rejected (5), says why, changes nothing
# (contexts out of range: usage, 2, before any request);
# per-GT values (--vf 1:gt1.contexts=...) land on gt1 only, show lists
# them on an indented gt1 line and show --json in the VF's "gt" array,
# with the PF's 2 GTs; a GT the uapi lacks is a usage error (2);
# reset leaves no VFs; check --mode sriov runs on the host.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/cmd.sh"
. "${0%/*}/../lib/load.sh"
. "${0%/*}/../lib/xesim.sh"

T=/tmp/vfctl-xe
mkdir -p "$T"
G=268435456 M=1073741824

t_json() {
	_d=$1 _f=$2
	shift 2
	if _o=$(jsoncheck "$_f" "$@" 2>&1); then
		t_pass "$_d"
	else
		t_fail "$_d" "$_o; json: $(head -c 600 "$_f")"
	fi
}
gts() { echo $(cat "$SR/vf$1/tile0/gt0/$2" "$SR/vf$1/tile0/gt1/$2"); }

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" load_vfprov

run vfctl list
t_rc "list exits 0" 0
t_eq "list: the xe PF has backend xe" xe \
	"$(awk -v pf="$XE_PF" '$2 == pf { print $4 }' "$T/out")"
run vfctl list --json
t_rc "list --json exits 0" 0

CONF="--vfs 2 --driver none --vf 1:lmem=1G,ggtt=256M,contexts=1024,doorbells=8,exec_quantum_ms=10 --vf 2:lmem=1G,ggtt=256M,contexts=512,doorbells=4,preempt_timeout_us=30000"
before=$(xe_st)
# shellcheck disable=SC2086
run vfctl plan "$XE_PF" $CONF --json
t_rc "plan of a complete config exits 0" 0
cp "$T/out" "$T/plan.json"
t_json "plan --json: 2 VFs with the asked quotas" "$T/plan.json" plan.num_vfs=2 \
	"plan.vfs[0].lmem=$M" "plan.vfs[0].ggtt=$G" 'plan.vfs[1].contexts=512'
t_eq "plan changed nothing on xe_sim" "$before" "$(xe_st)"

# shellcheck disable=SC2086
run vfctl apply "$XE_PF" $CONF
t_rc "apply of a complete config exits 0" 0
t_grep "apply reports committed" committed "$T/out"
t_eq "  ...2 VFs enabled" 2 "$(cat "$PF/sriov_numvfs")"
t_eq "  ...vf1/vf2 GGTT and VRAM in debugfs" "$G $M $G $M" \
	"$(cat "$SR/vf1/tile0/ggtt_quota" "$SR/vf1/tile0/vram_quota" "$SR/vf2/tile0/ggtt_quota" "$SR/vf2/tile0/vram_quota" | tr '\n' ' ' | sed 's/ $//')"
t_eq "  ...vf1 contexts on gt0 and gt1" "1024 1024" "$(gts 1 contexts_quota)"
t_eq "  ...vf2 contexts on gt0 and gt1" "512 512" "$(gts 2 contexts_quota)"
t_eq "  ...vf1 doorbells on gt0 and gt1" "8 8" "$(gts 1 doorbells_quota)"
t_eq "  ...vf2 doorbells on gt0 and gt1" "4 4" "$(gts 2 doorbells_quota)"
t_eq "  ...vf1 EQ and vf2 PT in sriov_admin" "10 30000" \
	"$(cat "$ADMIN/vf1/profile/exec_quantum_ms") $(cat "$ADMIN/vf2/profile/preempt_timeout_us")"

run vfctl show "$XE_PF"
t_rc "show exits 0" 0
t_grep "show: backend xe" "backend xe" "$T/out"
t_grep "show: 2 VFs enabled" "VFs 2 of 24 enabled" "$T/out"
run vfctl show "$XE_PF" --json
cp "$T/out" "$T/show.json"
t_json "show --json: backend xe, 2 VFs" "$T/show.json" "pf.address=$XE_PF" \
	pf.backend=xe pf.num_vfs=2 pf.total_vfs=24
t_json "show --json: per-VF values as xe_sim holds them" "$T/show.json" \
	'pf.vfs[0].id=1' 'pf.vfs[0].enabled=true' \
	"pf.vfs[0].lmem=$(cat "$SR/vf1/tile0/vram_quota")" \
	"pf.vfs[0].ggtt=$(cat "$SR/vf1/tile0/ggtt_quota")" \
	"pf.vfs[0].contexts=$(cat "$SR/vf1/tile0/gt0/contexts_quota")" \
	"pf.vfs[1].doorbells=$(cat "$SR/vf2/tile0/gt0/doorbells_quota")" \
	"pf.vfs[0].exec_quantum_ms=$(cat "$ADMIN/vf1/profile/exec_quantum_ms")" \
	"pf.vfs[1].preempt_timeout_us=$(cat "$ADMIN/vf2/profile/preempt_timeout_us")"

# shellcheck disable=SC2086
run vfctl apply "$XE_PF" $CONF --vf 1:gt1.contexts=300,gt1.exec_quantum_ms=20
t_rc "apply with gt1 values exits 0" 0
t_eq "  ...vf1 contexts 1024 on gt0, 300 on gt1" "1024 300" \
	"$(gts 1 contexts_quota)"
t_eq "  ...vf1 EQ 10 on gt0, 20 on gt1" "10 20" "$(gts 1 exec_quantum_ms)"
run vfctl show "$XE_PF"
t_grep "show: the PF's 2 GTs" "GTs 2" "$T/out"
t_grep "show: vf1's gt1 line" "gt1: contexts 300, exec_quantum_ms 20" "$T/out"
run vfctl show "$XE_PF" --json
cp "$T/out" "$T/show-gt.json"
t_json "show --json: gts 2, vf1's gt1 values" "$T/show-gt.json" pf.gts=2 \
	'pf.vfs[0].contexts=1024' 'pf.vfs[0].gt[0].id=1' \
	'pf.vfs[0].gt[0].contexts=300' 'pf.vfs[0].gt[0].exec_quantum_ms=20'
run vfctl apply "$XE_PF" --vfs 2 --vf 1:gt2.contexts=8
t_rc "apply with a gt2 value: usage (2)" 2
t_grep "  ...names the GTs there are" "0..1" "$T/err"
# shellcheck disable=SC2086
run vfctl apply "$XE_PF" $CONF
t_rc "apply without gt1 values: the VF's are every GT's again (0)" 0
t_eq "  ...vf1 contexts 1024 on both GTs" "1024 1024" "$(gts 1 contexts_quota)"

before=$(xe_st)
run vfctl apply "$XE_PF" --vfs 2 --driver none --vf 1:lmem=900T
t_rc "apply of VRAM that does not fit: rejected (5)" 5
t_grep "  ...says nothing was changed" "nothing was changed" "$T/err"
t_grep "  ...names the field" "lmem" "$T/err"
t_eq "  ...xe_sim unchanged" "$before" "$(xe_st)"
run vfctl apply "$XE_PF" --vfs 2 --driver none --vf 1:contexts=70000
t_rc "apply of contexts above 65535: usage (2), refused before sending" 2
t_grep "  ...says it is out of range" "out of range (0..65535)" "$T/err"
t_eq "  ...xe_sim unchanged" "$before" "$(xe_st)"

run vfctl reset "$XE_PF"
t_rc "reset exits 0" 0
t_eq "  ...no VFs, AUTO again" "0 auto" "$(cat "$PF/sriov_numvfs") $(cat "$KNOB/mode")"
run vfctl show "$XE_PF" --json
t_json "  ...show --json: 0 VFs" "$T/out" pf.num_vfs=0

run vfctl check --mode sriov --json
cp "$T/out" "$T/check.json"
t_ok "check --mode sriov runs (0 or 8)" test "$rc" = 0 -o "$rc" = 8
t_json "check --json: mode sriov, a verdict" "$T/check.json" mode=sriov ready:bool checks:array
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
