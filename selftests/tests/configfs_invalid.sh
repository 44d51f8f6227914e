#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: every invalid directory name and attribute write is refused
# with the documented errno, leaves the staged value as it was and says why
# in last_error.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim bound, vfprov loaded" cfs_setup

# --- PF directory names ---------------------------------------------------
t_eq "mkdir host bridge 0000:00:00.0 (no SR-IOV): ENODEV" ENODEV \
	"$(mkdir_err "$C/0000:00:00.0")"
t_eq "mkdir absent device 0000:7f:1f.7: ENODEV" ENODEV \
	"$(mkdir_err "$C/0000:7f:1f.7")"
for bad in foo 0000:01:00 0000:01:00.8 0000:01:20.0 0000:0g:00.0 \
	0000:01:00.0x 000:01:00.0 0000:01:00:0 0000:0A:00.0 \
	"0000:01:00.0 " vf1; do
	t_eq "mkdir malformed '$bad': EINVAL" EINVAL "$(mkdir_err "$C/$bad")"
done
t_eq "mkdir $SIM_PF" "" "$(mkdir_err "$P")"
t_eq "mkdir $SIM_PF twice: EEXIST" EEXIST "$(mkdir_err "$P")"

# A VF is no PF: enable one on the nvme PF and try its address.
QPF=/sys/bus/pci/devices/$PCI_PF
echo 1 > "$QPF/sriov_numvfs"
vfaddr=$(basename "$(readlink "$QPF/virtfn0")")
if [ -n "$vfaddr" ]; then
	t_eq "mkdir VF address $vfaddr: ENODEV" ENODEV "$(mkdir_err "$C/$vfaddr")"
else
	t_fail "mkdir VF address: ENODEV" "could not enable a VF on $PCI_PF"
fi
echo 0 > "$QPF/sriov_numvfs"

# --- VF directory names ---------------------------------------------------
for bad in vf0 vf64 vf99 vfx vf01 vf VF1 vf1a vf-1 "vf+1" "vf 1" vf100 \
	vf1000000000000; do
	t_eq "mkdir '$bad': EINVAL" EINVAL "$(mkdir_err "$P/$bad")"
done
t_ok "last_error explains VF names" grep -q 'vf1..vf63' "$P/last_error"
t_eq "mkdir vf63 (highest)" "" "$(mkdir_err "$P/vf63")"
t_eq "rmdir vf63" "" "$(rmdir_err "$P/vf63")"
t_eq "mkdir vf1" "" "$(mkdir_err "$P/vf1")"

# --- attribute values -----------------------------------------------------
# inv ERRNO FILE VALUE WORD: refused with ERRNO, value unchanged, last_error
# names the attribute (WORD).
inv() {
	_before=$(cat "$2")
	t_err "$(basename "$(dirname "$2")")/$(basename "$2") '$3': $1" "$1" "$2" "$3"
	_after=$(cat "$2")
	if [ "$_before" != "$_after" ]; then
		t_fail "  ... staged value unchanged" "'$_before' -> '$_after'"
	fi
	if ! grep -q "$4" "$P/last_error"; then
		t_fail "  ... last_error names $4" "last_error: $(cat "$P/last_error")"
	fi
}

t_ok "vf1 lmem_quota 1G (good value to keep)" sysw "$P/vf1/lmem_quota" 1G
V=$P/vf1
for v in abc 12Q 1KK 1.5G -1 G 0x 08 "1 2" "1G B" "++1" auto1 4GB 1kb 2TB 4iB GiB \
	"0123456789012345678901234567890123456789"; do
	inv EINVAL "$V/lmem_quota" "$v" "vf1/lmem_quota"
done
t_err "lmem_quota 12Q once more" EINVAL "$V/lmem_quota" 12Q
t_eq "last_error in words" \
	"vf1/lmem_quota: '12Q' is not a size, K/M/G/T or KiB/MiB/GiB/TiB (GB is ambiguous: write G or GiB), or auto" \
	"$(cat "$P/last_error")"
for v in 18446744073709551616 99999999999999999999 17179869184G \
	16777216T 18014398509481984K; do
	inv ERANGE "$V/lmem_quota" "$v" "vf1/lmem_quota"
done
t_ok "last_error says out of range" grep -q "out of range" "$P/last_error"
t_eq "vf1 lmem_quota still 1G" 1073741824 "$(cat "$V/lmem_quota")"
t_ok "ggtt_quota 0x10M (hex with suffix)" sysw "$V/ggtt_quota" 0x10M
t_eq "0x10M is 16 MiB" 16777216 "$(cat "$V/ggtt_quota")"
t_ok "ggtt_quota 1t (lower-case suffix)" sysw "$V/ggtt_quota" 1t
t_eq "1t is 1 TiB" 1099511627776 "$(cat "$V/ggtt_quota")"
t_ok "ggtt_quota 4GiB (binary unit spelled out)" sysw "$V/ggtt_quota" 4GiB
t_eq "4GiB is 4 GiB" 4294967296 "$(cat "$V/ggtt_quota")"
t_ok "ggtt_quota 2mib (either case)" sysw "$V/ggtt_quota" 2mib
t_eq "2mib is 2 MiB" 2097152 "$(cat "$V/ggtt_quota")"
t_err "ggtt_quota 4GB: decimal units refused" EINVAL "$V/ggtt_quota" 4GB
t_ok "last_error hints at G or GiB" grep -q "GB is ambiguous: write G or GiB" "$P/last_error"
t_ok "ggtt_quota 010 (octal)" sysw "$V/ggtt_quota" 010
t_eq "010 is 8" 8 "$(cat "$V/ggtt_quota")"
t_ok "ggtt_quota 16777215T (largest T)" sysw "$V/ggtt_quota" 16777215T
t_ok "ggtt_quota auto" sysw "$V/ggtt_quota" auto
t_eq "ggtt_quota reads auto" auto "$(cat "$V/ggtt_quota")"

inv EINVAL "$V/contexts_quota" 1K "vf1/contexts_quota"
inv ERANGE "$V/contexts_quota" 65536 "vf1/contexts_quota"
t_ok "contexts_quota 65535" sysw "$V/contexts_quota" 65535
inv ERANGE "$V/doorbells_quota" 257 "vf1/doorbells_quota"
t_ok "doorbells_quota 256" sysw "$V/doorbells_quota" 256
inv ERANGE "$V/exec_quantum_ms" 4294967296 "vf1/exec_quantum_ms"
inv EINVAL "$V/exec_quantum_ms" 20ms "vf1/exec_quantum_ms"
inv EINVAL "$V/preempt_timeout_us" -5 "vf1/preempt_timeout_us"
inv ERANGE "$V/weight" 0 "vf1/weight"
inv ERANGE "$V/weight" 1001 "vf1/weight"
t_ok "weight 1000" sysw "$V/weight" 1000

inv ERANGE "$P/num_vfs" 64 "num_vfs"
inv ERANGE "$P/num_vfs" 32 "num_vfs"
t_ok "last_error names total_vfs" grep -q "total_vfs 31" "$P/last_error"
inv EINVAL "$P/num_vfs" four "num_vfs"
t_ok "num_vfs 31 (the sim's total)" sysw "$P/num_vfs" 31
inv EINVAL "$P/vf_driver" i915 "vf_driver"
inv EINVAL "$P/vf_driver" VFIO-PCI "vf_driver"
inv ERANGE "$P/sched_if_idle" 2 "sched_if_idle"
inv EINVAL "$P/lmem_spare" 1X "lmem_spare"
inv ERANGE "$P/contexts_spare" 70000 "contexts_spare"
inv ERANGE "$P/doorbells_spare" 300 "doorbells_spare"
inv ERANGE "$P/preempt_timeout_us" 0x100000000 "preempt_timeout_us"
inv EINVAL "$P/force" maybe "force"
inv EINVAL "$P/expected_generation" x12 "expected_generation"
t_err "commit '2': EINVAL" EINVAL "$P/commit" 2
t_ok "last_error says how to commit" grep -q "write 1 to apply" "$P/last_error"
t_err "commit 'dry-run': EINVAL (use plan)" EINVAL "$P/commit" dry-run
t_err "reset 'yes': EINVAL" EINVAL "$P/reset" yes

# read-only views refuse writes; write-only ones refuse reads
for ro in status last_error applied generation plan; do
	t_err "write to read-only $ro: EACCES" EACCES "$P/$ro" 1
done
if cat "$P/commit" >/dev/null 2>&1; then
	t_fail "commit is write-only"
else
	t_pass "commit is write-only"
fi

# A commit without num_vfs: refused, nothing touched.
t_ok "num_vfs unset (empty write)" sysw "$P/num_vfs" "
"
t_eq "num_vfs reads empty" "" "$(cat "$P/num_vfs")"
w0=$(cat "$DBG/writes")
t_err "commit without num_vfs: EINVAL" EINVAL "$P/commit" 1
t_ok "last_error: num_vfs is not set" grep -q "num_vfs is not set" "$P/last_error"
t_eq "nothing written to the device" "$w0" "$(cat "$DBG/writes")"
t_ok "plan says num_vfs is not set" grep -q "num_vfs is not set" "$P/plan"

# Planner rejects what cannot fit: nothing written, reason in last_error.
t_ok "num_vfs 2" sysw "$P/num_vfs" 2
t_ok "vf1 lmem_quota 1T (more than the card has)" sysw "$V/lmem_quota" 1T
for a in ggtt_quota contexts_quota doorbells_quota weight; do
	t_ok "vf1 $a auto" sysw "$V/$a" auto
done
w0=$(cat "$DBG/writes")
if sysw "$P/commit" 1 >/dev/null; then
	t_fail "commit of an impossible quota is refused"
else
	t_pass "commit of an impossible quota is refused"
fi
t_diag "last_error: $(cat "$P/last_error")"
t_ok "last_error: rejected" grep -q "rejected" "$P/last_error"
t_ok "last_error names vf1" grep -q "vf1" "$P/last_error"
t_eq "validation wrote nothing to the device" "$w0" "$(cat "$DBG/writes")"
t_eq "no VF enabled" 0 "$(cat "$PF/sriov_numvfs")"
t_ok "plan shows the error too" grep -q "^error" "$P/plan"

cfs_teardown
t_done
