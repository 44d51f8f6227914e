#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xe_sim lays out sriov_admin and debugfs as xe does (XE_SRIOV_ABI.md
# "Stable ABI" and "Not ABI: debugfs"), per platform and kernel, and
# lockdown / debugfs=off take the debugfs side away.
. "${0%/*}/../lib/xesim.sh"

xesim_up
t_ok "bmg (7.1) binds" xesim_bound
t_eq "bmg: TotalVFs 24" 24 "$(cat $PF/sriov_totalvfs)"
for f in exec_quantum_ms preempt_timeout_us sched_priority vram_quota; do
	t_ok ".bulk_profile/$f exists" test -f "$ADMIN/.bulk_profile/$f"
done
t_eq "pf/device is the PF" "$XE_PF" "$(basename "$(readlink $ADMIN/pf/device)")"
t_ok "pf/profile/sched_priority is RW" test -w "$ADMIN/pf/profile/sched_priority"
t_ok "vf24/profile/vram_quota (7.1 dGPU)" test -f "$ADMIN/vf24/profile/vram_quota"
t_ok "vf24/stop" test -f "$ADMIN/vf24/stop"
t_ok "no vf25" test ! -e "$ADMIN/vf25"
t_ok "no vf1/device while disabled" test ! -L "$ADMIN/vf1/device"
echo 1 > $PF/sriov_numvfs
t_eq "vf1/device is VF1 while enabled" "$(basename "$(readlink $PF/virtfn0)")" \
	"$(basename "$(readlink $ADMIN/vf1/device)")"
echo 0 > $PF/sriov_numvfs
t_ok "vf1/device gone after disable" test ! -L "$ADMIN/vf1/device"

for f in restore_auto_provisioning lockdown_vfs_enabling \
	pf/tile0/ggtt_spare pf/tile0/vram_spare pf/tile0/ggtt_available \
	pf/tile0/ggtt_provisioned pf/tile0/vram_provisioned \
	pf/tile0/gt1/contexts_spare pf/tile0/gt1/doorbells_spare \
	pf/tile0/gt0/sched_if_idle pf/tile0/gt0/reset_engine \
	vf1/tile0/ggtt_quota vf1/tile0/vram_quota \
	vf24/tile0/gt1/contexts_quota vf24/tile0/gt1/doorbells_quota \
	vf1/tile0/gt0/threshold_cat_error_count vf1/tile0/gt0/control \
	vf1/pause vf1/resume vf1/stop vf1/reset; do
	t_ok "debugfs sriov/$f" test -e "$SR/$f"
done
t_ok "no debugfs vf25" test ! -e "$SR/vf25"
t_ok "gt2 absent on a 2-GT card" test ! -e "$SR/pf/tile0/gt2"
t_ok "vram_mm TTM dump" grep -q visible_avail "$DRI/tile0/vram_mm"
echo 0x200000 > $SR/vf3/tile0/ggtt_quota
t_eq "compat dri/<BDF>/gt0/vf3/ggtt_quota" 2097152 "$(cat $DRI/gt0/vf3/ggtt_quota)"
t_eq "compat link target" "../../sriov/vf3/tile0/gt0" "$(readlink $DRI/tile0/gt0/vf3)"
t_eq "compat gt1 -> tile0/gt1" "tile0/gt1" "$(readlink $DRI/gt1)"
echo 0x400000 > $DRI/gt0/vf3/lmem_quota
t_eq "compat lmem_quota is vram_quota" 4194304 "$(cat $SR/vf3/tile0/vram_quota)"
echo 7 > $DRI/gt0/vf3/contexts_quota
t_eq "compat contexts_quota is gt0's" 7 "$(cat $SR/vf3/tile0/gt0/contexts_quota)"

# lockdown=integrity: debugfs files with a mode above 0444 do not open
echo 1 > /sys/module/xe_sim/parameters/lockdown
t_eq "lockdown: RW quota does not open for reading" EPERM "$(xr $SR/vf3/tile0/ggtt_quota)"
t_err "lockdown: RW quota does not open for writing" EPERM $SR/vf3/tile0/ggtt_quota 0
t_err "lockdown: restore_auto_provisioning" EPERM $SR/restore_auto_provisioning 1
t_eq "lockdown: lockdown_vfs_enabling" EPERM "$(xr $SR/lockdown_vfs_enabling)"
t_ok "lockdown: 0444 ggtt_available still reads" sh -c "sysr $SR/pf/tile0/ggtt_available | grep -q total"
xw $ADMIN/vf3/profile/exec_quantum_ms 20
t_eq "lockdown: sriov_admin still works" 20 "$(cat $ADMIN/vf3/profile/exec_quantum_ms)"
echo 0 > /sys/module/xe_sim/parameters/lockdown
t_eq "lockdown off: quota reads again" 2097152 "$(xr $SR/vf3/tile0/ggtt_quota)"

xesim_up debugfs_off=1
t_ok "debugfs_off binds" xesim_bound
t_ok "debugfs=off: no dri/<BDF>" test ! -e "$DRI"
t_ok "debugfs=off: sriov_admin is there" test -f "$ADMIN/vf1/profile/exec_quantum_ms"

xesim_up kver=7.0
t_ok "kver=7.0 binds" xesim_bound
t_ok "7.0: no vram_quota in sriov_admin" test ! -e "$ADMIN/vf1/profile/vram_quota"
t_ok "7.0: no .bulk_profile/vram_quota" test ! -e "$ADMIN/.bulk_profile/vram_quota"
t_ok "7.0: debugfs vram_quota there" test -f "$SR/vf1/tile0/vram_quota"

xesim_up platform=atsm
t_ok "atsm binds" xesim_bound
t_eq "atsm: TotalVFs 31" 31 "$(cat $PF/sriov_totalvfs)"
t_ok "atsm: one GT" test ! -e "$SR/pf/tile0/gt1"
xesim_up platform=ptl
t_ok "ptl binds" xesim_bound
t_eq "ptl: TotalVFs 7" 7 "$(cat $PF/sriov_totalvfs)"
t_ok "ptl: two GTs" test -d "$SR/vf7/tile0/gt1"
t_ok "ptl (iGPU): no vram_quota in sriov_admin" test ! -e "$ADMIN/vf1/profile/vram_quota"
t_ok "ptl (iGPU): no debugfs vram files" sh -c "! ls $SR/vf1/tile0/vram_quota $SR/pf/tile0/vram_spare $DRI/tile0/vram_mm 2>/dev/null"
xesim_up platform=adl
t_ok "adl binds" xesim_bound
t_eq "adl: TotalVFs 7" 7 "$(cat $PF/sriov_totalvfs)"
t_ok "adl: one GT" test ! -e "$SR/vf1/tile0/gt1"
xesim_up max_vfs=4
t_ok "max_vfs=4 binds" xesim_bound
t_eq "max_vfs=4: TotalVFs 4" 4 "$(cat $PF/sriov_totalvfs)"
t_ok "max_vfs=4: no vf5" test ! -e "$ADMIN/vf5"
xesim_down
t_ok "kver=6.18 layout refused" sh -c "! insmod $VFPROV_MODDIR/xe_sim.ko kver=6.18 2>/dev/null"
t_ok "unknown platform refused" sh -c "! insmod $VFPROV_MODDIR/xe_sim.ko platform=dg2 2>/dev/null"
t_done
