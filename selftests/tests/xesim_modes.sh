#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xe's provisioning modes and life cycle (XE_SRIOV_ABI.md "Modes and life
# cycle"): AUTO fair values per formula and platform, release at disable
# in AUTO, any debugfs write switches to CUSTOM (kept at disable, no check
# at enable), restore_auto_provisioning, the 6.19/7.0 EUCLEAN and the 7.1
# VRAM rule, lockdown_vfs_enabling, sriov_numvfs ERANGE/EBUSY.
. "${0%/*}/../lib/xesim.sh"

# quotas of VF $1 on debugfs: ggtt vram gt0 ctxs dbs gt1 ctxs dbs
q() {
	_v=$SR/vf$1/tile0
	echo $(cat $_v/ggtt_quota) $(cat $_v/vram_quota 2>/dev/null) \
		$(cat $_v/gt0/contexts_quota $_v/gt0/doorbells_quota) \
		$(cat $_v/gt1/contexts_quota $_v/gt1/doorbells_quota 2>/dev/null)
}

xesim_up
echo 2 > $PF/sriov_numvfs
# n=2: GGTT pow2(0xE0000000/2)=1G; VRAM pow2(align1G(23.5G-128M)/3)=4G;
# contexts pow2(65535/2)=16K; doorbells pow2(256/3)=64; on both GTs
t_eq "bmg AUTO 2 VFs: fair VF1" "1073741824 4294967296 16384 64 16384 64" "$(q 1)"
t_eq "bmg AUTO 2 VFs: fair VF2 = VF1" "$(q 1)" "$(q 2)"
t_eq "bmg AUTO: VF3 untouched" "0 0 0 0 0 0" "$(q 3)"
echo 40 > $ADMIN/vf1/profile/exec_quantum_ms
t_err "sriov_numvfs: nonzero -> other nonzero EBUSY" EBUSY $PF/sriov_numvfs 3
t_err "restore_auto_provisioning with VFs EBUSY" EBUSY $SR/restore_auto_provisioning 1
echo 0 > $PF/sriov_numvfs
t_eq "AUTO disable released VF1" "0 0 0 0 0 0" "$(q 1)"
t_eq "AUTO disable released VF1's EQ" 0 "$(cat $ADMIN/vf1/profile/exec_quantum_ms)"
t_err "sriov_numvfs above TotalVFs ERANGE" ERANGE $PF/sriov_numvfs 25
t_eq "mode still AUTO after sysfs writes" auto "$(cat $KNOB/mode)"

xw $SR/vf1/tile0/gt1/doorbells_quota 4
t_eq "a debugfs config write switches to CUSTOM" custom "$(cat $KNOB/mode)"
xw $SR/restore_auto_provisioning 1
t_eq "restore_auto_provisioning releases" "0 0 0 0 0 0" "$(q 1)"
t_eq "restore_auto_provisioning: AUTO" auto "$(cat $KNOB/mode)"
for f in pf/tile0/ggtt_spare pf/tile0/gt0/contexts_spare pf/tile0/gt1/sched_if_idle \
	vf2/tile0/gt0/threshold_page_fault_count pf/tile0/gt0/exec_quantum_ms; do
	cur=$(cat $SR/$f)
	xw $SR/$f "$cur"
	t_eq "writing $f switches to CUSTOM" custom "$(cat $KNOB/mode)"
	echo 1 > $SR/restore_auto_provisioning
done

xw $SR/vf1/tile0/ggtt_quota 0x10000000
echo 2 > $PF/sriov_numvfs
t_eq "CUSTOM: incomplete VFs enabled (no check)" 2 "$(cat $PF/sriov_numvfs)"
t_eq "CUSTOM: nothing fair-provisioned" "268435456 0 0 0 0 0" "$(q 1)"
t_eq "CUSTOM: empty VF2 came up empty" "0 0 0 0 0 0" "$(q 2)"
echo 0 > $PF/sriov_numvfs
t_eq "CUSTOM: kept at disable" "268435456 0 0 0 0 0" "$(q 1)"
echo 1 > $SR/restore_auto_provisioning

exec 3< $SR/lockdown_vfs_enabling
t_err "lockdown_vfs_enabling held: enable EBUSY" EBUSY $PF/sriov_numvfs 1
exec 3<&-
xw $PF/sriov_numvfs 1
t_eq "lockdown_vfs_enabling closed: enable works" 1 "$(cat $PF/sriov_numvfs)"
t_eq "lockdown_vfs_enabling with VFs: EBUSY" EBUSY "$(xr $SR/lockdown_vfs_enabling)"
echo 0 > $PF/sriov_numvfs

# a failed AUTO enable leaves nothing behind
echo 3 > $KNOB/guc_fail_nth
t_err "GuC failure during fair provisioning fails the enable" EIO $PF/sriov_numvfs 2
t_eq "failed enable released VF1" "0 0 0 0 0 0" "$(q 1)"
t_eq "no VFs after the failed enable" 0 "$(cat $PF/sriov_numvfs)"

# 7.1: a VF with VRAM skips VRAM fair provisioning, no EUCLEAN
echo 0x40000000 > $ADMIN/vf1/profile/vram_quota
echo 2 > $PF/sriov_numvfs
t_eq "7.1: enable with a non-empty VF works" 2 "$(cat $PF/sriov_numvfs)"
t_eq "7.1: VF1 keeps its VRAM" 1073741824 "$(cat $SR/vf1/tile0/vram_quota)"
t_eq "7.1: VF2 gets no fair VRAM" 0 "$(cat $SR/vf2/tile0/vram_quota)"
t_eq "7.1: GGTT still fair" 1073741824 "$(cat $SR/vf2/tile0/ggtt_quota)"
echo 0 > $PF/sriov_numvfs

for k in 6.19 7.0; do
	xesim_up kver=$k
	echo 40 > $ADMIN/vf1/profile/exec_quantum_ms
	t_err "$k: AUTO enable with a non-empty VF config EUCLEAN" EUCLEAN $PF/sriov_numvfs 1
	echo 0 > $ADMIN/vf1/profile/exec_quantum_ms
	t_ok "$k: empty again, the enable works" sysw $PF/sriov_numvfs 1
	echo 0 > $PF/sriov_numvfs
done

xesim_up kver=7.2
echo 40 > $ADMIN/pf/profile/exec_quantum_ms
echo 40 > $ADMIN/vf1/profile/exec_quantum_ms
echo 1 > $PF/sriov_numvfs
t_eq "7.2: AUTO enable resets the VF's EQ" 0 "$(cat $ADMIN/vf1/profile/exec_quantum_ms)"
t_eq "7.2: AUTO enable resets the PF's EQ" 0 "$(cat $ADMIN/pf/profile/exec_quantum_ms)"
echo 0 > $PF/sriov_numvfs

xesim_up platform=atsm
echo 4 > $PF/sriov_numvfs
# n=4: GGTT pow2(3.5G/4)=512M (64K aligned); VRAM pow2(15G/5)=2G;
# contexts pow2(65535/4)=8K; doorbells pow2(256/5)=32
t_eq "atsm AUTO 4 VFs: fair VF4" "536870912 2147483648 8192 32" "$(q 4)"
echo 0 > $PF/sriov_numvfs
xesim_up platform=adl
echo 7 > $PF/sriov_numvfs
# n=7: GGTT pow2(3.5G/7)=512M; contexts pow2(65535/7)=8K; doorbells 256/8=32
t_eq "adl AUTO 7 VFs: fair VF7 (no VRAM)" "536870912 8192 32" "$(q 7)"
t_eq "adl: VFs ready" 7 "$(cat $PF/sriov_numvfs)"
echo 0 > $PF/sriov_numvfs
xesim_down
t_done
