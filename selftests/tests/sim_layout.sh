#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# atsm_sim (flex170): binding through driver_override, the prelim_iov tree
# of I915_PRELIM_ABI.md "Layout", the initial pool sizes, and a clean unbind
# and unload.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

# not through t_ok: that runs its command in a subshell and sim_up sets
# the path variables
if sim_up; then
	t_pass "atsm_sim loads and binds $SIM_PF via driver_override"
else
	t_fail "atsm_sim loads and binds $SIM_PF via driver_override"
fi
t_eq "driver is atsm_sim" atsm_sim "$(basename "$(readlink $PF/driver)")"
t_ok "empty PCI ID table: the module carries no pci: alias" \
	sh -c "! grep -a -q 'alias=pci:' $VFPROV_MODDIR/atsm_sim.ko"
n=${CARD##*card}
t_ok "card index >= 100 (card$n)" test "$n" -ge 100
t_ok "no /sys/class/drm/card$n (drm class belongs to drm.ko)" \
	test ! -e /sys/class/drm/card$n
t_eq "iov -> prelim_iov symlink" prelim_iov "$(readlink $CARD/iov)"
t_eq "mode" "SR-IOV PF" "$(cat $IOV/mode)"
t_eq "pf/device is the PF" "$SIM_PF" "$(basename "$(readlink -f $IOV/pf/device)")"
t_eq "iov/pf/device/sriov_totalvfs is 31" 31 "$(cat $CARD/iov/pf/device/sriov_totalvfs)"
t_eq "pf/auto_provisioning starts at 1" 1 "$(cat $IOV/pf/auto_provisioning)"
t_ok "single GT card has gt/, not gt0/" test -d $G -a ! -e $IOV/pf/gt0

missing=
for f in exec_quantum_ms preempt_timeout_us ggtt_spare \
	lmem_spare contexts_spare doorbells_spare \
	available/ggtt_free available/lmem_free available/contexts_free \
	available/doorbells_free available/ggtt_max_quota \
	available/lmem_max_quota available/contexts_max_quota \
	available/doorbells_max_quota policies/sched_if_idle \
	policies/engine_reset policies/sample_period_ms; do
	[ -f $G/$f ] || missing="$missing $f"
done
t_eq "pf/gt has every attribute of the ABI" "" "$missing"

missing=
for k in 1 16 31; do
	V=$IOV/vf$k
	for f in id control gt/ggtt_quota gt/lmem_quota gt/contexts_quota \
		gt/doorbells_quota gt/exec_quantum_ms gt/preempt_timeout_us \
		gt/threshold/cat_error_count gt/threshold/engine_reset_count \
		gt/threshold/page_fault_count gt/threshold/h2g_time_us \
		gt/threshold/irq_time_us gt/threshold/doorbell_time_us; do
		[ -e $V/$f ] || missing="$missing vf$k/$f"
	done
done
t_eq "vf1, vf16, vf31 have every attribute of the ABI" "" "$missing"
t_ok "no vf32 (totalvfs 31)" test ! -e $IOV/vf32
t_eq "vf7/id" 7 "$(cat $IOV/vf7/id)"
t_ok "vfK/device absent while VFs are disabled" test ! -e $IOV/vf1/device
t_ok "LTS: no sched_priority on PF or VF" test ! -e $G/sched_priority -a ! -e $IOV/vf1/gt/sched_priority
t_eq "control is write-only" "--w-------" "$(ls -l $IOV/vf1/control | cut -c1-10)"
t_eq "available/* is read-only" "-r--r--r--" "$(ls -l $G/available/ggtt_free | cut -c1-10)"

# Flex 170 pools (docs/atsm_sim.md): GGTT below GUC_GGTT_TOP minus 16 MiB
# used by the PF, 16 GiB LMEM minus 128 MiB used by the PF, 65535 GuC
# context IDs of which the PF keeps 2047, 256 doorbells.
t_eq "ggtt_spare defaults to the 64 MiB minimum" 67108864 "$(cat $G/ggtt_spare)"
t_eq "lmem_spare defaults to the 128 MiB minimum" 134217728 "$(cat $G/lmem_spare)"
t_eq "contexts_spare defaults to the 256 minimum" 256 "$(cat $G/contexts_spare)"
t_eq "doorbells_spare defaults to 0" 0 "$(cat $G/doorbells_spare)"
t_eq "ggtt_free = 4062 MiB - spare" $(((4062 - 64) << 20)) "$(cat $G/available/ggtt_free)"
t_eq "ggtt_max_quota = ggtt_free (one hole)" $(((4062 - 64) << 20)) "$(cat $G/available/ggtt_max_quota)"
t_eq "lmem_free = 16 GiB - 128 MiB - 64 KiB LMTT root (spare not subtracted)" \
	$(( ((16384 - 128) << 20) - 65536 )) "$(cat $G/available/lmem_free)"
t_eq "lmem_max_quota = lmem_free - spare, rounded down to 2 MiB" $(((16384 - 258) << 20)) "$(cat $G/available/lmem_max_quota)"
t_eq "contexts_free" 63488 "$(cat $G/available/contexts_free)"
t_eq "contexts_max_quota" 63488 "$(cat $G/available/contexts_max_quota)"
t_eq "doorbells_free" 256 "$(cat $G/available/doorbells_free)"
t_eq "doorbells_max_quota" 256 "$(cat $G/available/doorbells_max_quota)"
t_eq "PF contexts_quota (deprecated alias) = PF share" 2047 "$(cat $G/contexts_quota)"
t_eq "VF quotas start at 0" "0 0 0 0" \
	"$(cat $IOV/vf3/gt/ggtt_quota $IOV/vf3/gt/lmem_quota $IOV/vf3/gt/contexts_quota $IOV/vf3/gt/doorbells_quota | tr '\n' ' ' | sed 's/ $//')"
t_ok "debugfs directory exists" test -f $DBG/state -a -f $DBG/writes

t_ok "unbind" sh -c "echo $SIM_PF > $PF/driver/unbind"
t_ok "drm/ directory gone after unbind" test ! -e $PF/drm
t_ok "debugfs directory gone after unbind" test ! -e $DBG
t_eq "sriov_totalvfs restored after unbind" 31 "$(cat $PF/sriov_totalvfs)"
t_ok "rebind" sh -c "echo $SIM_PF > /sys/bus/pci/drivers_probe && test -d $PF/drm"
t_ok "second insmod refused while loaded (EEXIST)" sh -c "! insmod $VFPROV_MODDIR/atsm_sim.ko 2>/dev/null"
t_ok "rmmod with the PF bound" rmmod atsm_sim
t_ok "drm/ directory gone after rmmod" test ! -e $PF/drm
t_ok "debugfs root gone after rmmod" test ! -e /sys/kernel/debug/atsm_sim
t_ok "unknown variant refused" sh -c "! insmod $VFPROV_MODDIR/atsm_sim.ko variant=flex999 2>/dev/null"
sim_down
t_done
