#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: the whole lifecycle of a PF directory on the simulated Flex
# (i915-prelim backend) and on the plain NVMe PF (pci backend): mkdir,
# staging, plan, commit, check the live prelim_iov files, change, reset,
# rmdir (drops the staging, leaves the hardware), mkdir again.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim bound, vfprov loaded, $C exists" cfs_setup

t_eq "mkdir $SIM_PF" "" "$(mkdir_err "$P")"
missing=
for a in num_vfs vf_driver lmem_spare ggtt_spare contexts_spare \
	doorbells_spare exec_quantum_ms preempt_timeout_us sched_if_idle \
	force expected_generation commit reset plan status last_error \
	applied generation; do
	[ -e "$P/$a" ] || missing="$missing $a"
done
t_eq "PF directory has every attribute" "" "$missing"

# Unset values: "" for keep-current, "auto" for planner-filled.
t_eq "num_vfs starts unset" "" "$(cat "$P/num_vfs")"
t_eq "lmem_spare starts unset" "" "$(cat "$P/lmem_spare")"
t_eq "vf_driver starts unset" "" "$(cat "$P/vf_driver")"
t_eq "force starts 0" 0 "$(cat "$P/force")"
t_eq "last_error starts empty" "" "$(cat "$P/last_error")"
t_ok "status names the backend" grep -q '^backend: i915-prelim' "$P/status"
t_ok "status says idle" grep -q '^state: idle' "$P/status"
gen0=$(cat "$P/generation")
t_ok "generation is a number" test "$gen0" -ge 0

t_ok "num_vfs 4" sysw "$P/num_vfs" 4
for i in 1 2 3 4; do
	t_eq "mkdir vf$i" "" "$(mkdir_err "$P/vf$i")"
done
missing=
for a in lmem_quota ggtt_quota contexts_quota doorbells_quota \
	exec_quantum_ms preempt_timeout_us weight; do
	[ -e "$P/vf1/$a" ] || missing="$missing $a"
done
t_eq "VF directory has every attribute" "" "$missing"
t_eq "vf3 lmem_quota starts auto" auto "$(cat "$P/vf3/lmem_quota")"
t_eq "vf3 exec_quantum_ms starts unset" "" "$(cat "$P/vf3/exec_quantum_ms")"

t_ok "vf1 lmem_quota 1G" sysw "$P/vf1/lmem_quota" 1G
t_eq "1G reads back in bytes" 1073741824 "$(cat "$P/vf1/lmem_quota")"
t_ok "vf2 ggtt_quota 512M" sysw "$P/vf2/ggtt_quota" 512M
t_ok "vf1 exec_quantum_ms 20" sysw "$P/vf1/exec_quantum_ms" 20
t_ok "vf1 preempt_timeout_us 0x9c40 (base 0)" sysw "$P/vf1/preempt_timeout_us" 0x9c40
t_eq "hex reads back in decimal" 40000 "$(cat "$P/vf1/preempt_timeout_us")"
t_ok "PF exec_quantum_ms 20" sysw "$P/exec_quantum_ms" 20
t_ok "PF preempt_timeout_us 20000" sysw "$P/preempt_timeout_us" 20000
t_ok "vf4 weight 2" sysw "$P/vf4/weight" 2
t_ok "vf4 weight auto again" sysw "$P/vf4/weight" auto
t_eq "weight reads auto" auto "$(cat "$P/vf4/weight")"

# The plan is a dry run: it names every VF and changes nothing.
w0=$(cat "$DBG/writes")
cat "$P/plan" > /tmp/cfs_plan
sed 's/^/#   plan: /' /tmp/cfs_plan
t_ok "plan has num_vfs 4" grep -qx 'num_vfs 4' /tmp/cfs_plan
t_ok "plan fills vf3 (auto) with an lmem quota" \
	grep -q '^vf3 .*lmem_quota=[1-9]' /tmp/cfs_plan
t_ok "plan keeps vf1's explicit 1G" \
	grep -q '^vf1 .*lmem_quota=1073741824' /tmp/cfs_plan
t_eq "reading plan wrote nothing to the device" "$w0" "$(cat "$DBG/writes")"
t_eq "reading plan enabled no VF" 0 "$(cat "$PF/sriov_numvfs")"

cfs_do "commit" "$P" commit
t_eq "last_error empty after commit" "" "$(cat "$P/last_error")"
t_eq "generation +1" $((gen0 + 1)) "$(cat "$P/generation")"
t_eq "sriov_numvfs 4" 4 "$(cat "$PF/sriov_numvfs")"
t_eq "live vf1 lmem_quota" 1073741824 "$(iov_vf 1 lmem_quota)"
t_eq "live vf2 ggtt_quota" 536870912 "$(iov_vf 2 ggtt_quota)"
t_eq "live vf1 exec_quantum_ms" 20 "$(iov_vf 1 exec_quantum_ms)"
t_eq "live vf1 preempt_timeout_us" 40000 "$(iov_vf 1 preempt_timeout_us)"
t_eq "live PF exec_quantum_ms" 20 "$(cat "$IOV/pf/gt/exec_quantum_ms")"
t_ok "live vf3 lmem_quota auto-provisioned (> 0)" test "$(iov_vf 3 lmem_quota)" -gt 0
t_ok "live vf4 ggtt_quota auto-provisioned (> 0)" test "$(iov_vf 4 ggtt_quota)" -gt 0
t_ok "status: last_result committed" grep -q '^last_result: committed' "$P/status"
t_ok "applied: num_vfs 4" grep -qx 'num_vfs 4' "$P/applied"
t_ok "applied: vf1 line with the live quota" \
	grep -q '^vf1 .*lmem_quota=1073741824' "$P/applied"
t_eq "applied: one line per VF" 4 "$(grep -c '^vf[0-9]' "$P/applied")"
t_eq "staged value kept after commit" 1073741824 "$(cat "$P/vf1/lmem_quota")"

# Change one quota and commit again.
t_ok "vf1 lmem_quota 2G" sysw "$P/vf1/lmem_quota" 2G
cfs_do "commit the change" "$P" commit
t_eq "live vf1 lmem_quota 2G" 2147483648 "$(iov_vf 1 lmem_quota)"
t_eq "generation +2" $((gen0 + 2)) "$(cat "$P/generation")"

# Fewer VFs while vf3/vf4 are still staged: refused before anything runs.
t_ok "num_vfs 2" sysw "$P/num_vfs" 2
t_err "commit with vf3 staged beyond num_vfs" EINVAL "$P/commit" 1
t_ok "last_error names vf3" grep -q 'vf3 is staged but num_vfs is 2' "$P/last_error"
t_ok "plan says the same" grep -q '^error: vf3 is staged but num_vfs is 2' "$P/plan"
t_eq "still 4 VFs live" 4 "$(cat "$PF/sriov_numvfs")"
t_eq "rmdir vf3" "" "$(rmdir_err "$P/vf3")"
t_eq "rmdir vf4" "" "$(rmdir_err "$P/vf4")"
# vf2 keeps its explicit 512M GGTT while vf1's fair share grows: its old
# block sits in the middle of the GGTT, so this only fits because the
# engine releases every GGTT quota before placing the new ones.
cfs_do "commit 2 VFs" "$P" commit
t_eq "sriov_numvfs 2" 2 "$(cat "$PF/sriov_numvfs")"
t_eq "live vf2 ggtt_quota still 512M" 536870912 "$(iov_vf 2 ggtt_quota)"
t_eq "live vf1 lmem_quota still 2G" 2147483648 "$(iov_vf 1 lmem_quota)"

# expected_generation: a stale one is refused, the right one is used up.
gen=$(cat "$P/generation")
t_ok "expected_generation stale" sysw "$P/expected_generation" $((gen - 1))
t_ok "vf2 exec_quantum_ms 10" sysw "$P/vf2/exec_quantum_ms" 10
if sysw "$P/commit" 1 >/dev/null; then
	t_fail "commit with a stale expected_generation is refused"
else
	t_pass "commit with a stale expected_generation is refused"
fi
t_eq "generation unchanged" "$gen" "$(cat "$P/generation")"
t_ok "expected_generation current" sysw "$P/expected_generation" "$gen"
cfs_do "commit with the current generation" "$P" commit
t_eq "expected_generation used up" "" "$(cat "$P/expected_generation")"
t_eq "live vf2 exec_quantum_ms 10" 10 "$(iov_vf 2 exec_quantum_ms)"

# reset: hardware back to 0 VFs, staging untouched.
gen=$(cat "$P/generation")
cfs_do "reset" "$P" reset
t_eq "sriov_numvfs 0 after reset" 0 "$(cat "$PF/sriov_numvfs")"
t_eq "staged num_vfs kept after reset" 2 "$(cat "$P/num_vfs")"
t_eq "staged vf1 kept after reset" 2147483648 "$(cat "$P/vf1/lmem_quota")"
t_ok "applied: num_vfs 0" grep -qx 'num_vfs 0' "$P/applied"

# rmdir drops the staging only; the hardware keeps what was committed.
cfs_do "commit again" "$P" commit
t_eq "rmdir PF with VF dirs: ENOTEMPTY" ENOTEMPTY "$(rmdir_err "$P")"
t_eq "rmdir vf1" "" "$(rmdir_err "$P/vf1")"
t_eq "rmdir vf2" "" "$(rmdir_err "$P/vf2")"
t_eq "rmdir PF" "" "$(rmdir_err "$P")"
t_eq "VFs stay provisioned after rmdir" 2 "$(cat "$PF/sriov_numvfs")"
t_eq "live vf1 quota stays after rmdir" 2147483648 "$(iov_vf 1 lmem_quota)"
t_eq "mkdir PF again" "" "$(mkdir_err "$P")"
t_eq "fresh staging: num_vfs unset" "" "$(cat "$P/num_vfs")"
t_ok "applied shows the live 2 VFs" grep -qx 'num_vfs 2' "$P/applied"
cfs_do "reset from the fresh directory" "$P" reset
t_eq "sriov_numvfs 0" 0 "$(cat "$PF/sriov_numvfs")"
t_eq "rmdir PF" "" "$(rmdir_err "$P")"

# The pci backend: VF count and VF driver only.
Q=$C/$PCI_PF
QPF=/sys/bus/pci/devices/$PCI_PF
t_eq "mkdir $PCI_PF (nvme, pci backend)" "" "$(mkdir_err "$Q")"
t_ok "status names the pci backend" grep -q '^backend: pci' "$Q/status"
t_ok "num_vfs 2" sysw "$Q/num_vfs" 2
t_ok "vf_driver vfio-pci" sysw "$Q/vf_driver" vfio-pci
t_eq "vf_driver reads back" vfio-pci "$(cat "$Q/vf_driver")"
cfs_do "commit on the pci backend" "$Q" commit
t_eq "nvme PF sriov_numvfs 2" 2 "$(cat "$QPF/sriov_numvfs")"
t_eq "VF 1 bound to vfio-pci" vfio-pci \
	"$(basename "$(readlink "$QPF/virtfn0/driver" 2>/dev/null)")"
cfs_do "reset the pci PF" "$Q" reset
t_eq "nvme PF sriov_numvfs 0" 0 "$(cat "$QPF/sriov_numvfs")"
t_eq "rmdir $PCI_PF" "" "$(rmdir_err "$Q")"

cfs_teardown
t_ok "vfprov unloaded at the end" sh -c "! grep -q '^vfprov ' /proc/modules"
t_done
