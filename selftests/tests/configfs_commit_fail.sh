#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: a commit that fails in the middle (atsm_sim fault injection)
# leaves the hardware exactly as it was (every prelim_iov file and
# sriov_numvfs compared), leaves the staged tree as the admin wrote it, and
# says what failed in last_error. The same staged tree then commits fine.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim bound, vfprov loaded" cfs_setup

# A committed baseline: 2 VFs, vf1 with 1G of LMEM.
mkdir "$P" "$P/vf1" "$P/vf2"
echo 2 > "$P/num_vfs"
echo 1G > "$P/vf1/lmem_quota"
cfs_do "baseline commit" "$P" commit
t_eq "baseline: 2 VFs" 2 "$(cat "$PF/sriov_numvfs")"

# The staged change: 4 VFs with explicit quotas.
echo 4 > "$P/num_vfs"
mkdir "$P/vf3" "$P/vf4"
for i in 1 2 3 4; do
	echo 512M > "$P/vf$i/lmem_quota"
	echo 256M > "$P/vf$i/ggtt_quota"
	echo 10 > "$P/vf$i/exec_quantum_ms"
done
stage() {
	for a in num_vfs vf_driver lmem_spare exec_quantum_ms; do
		echo "$a=$(cat "$P/$a")"
	done
	for i in 1 2 3 4; do
		for a in lmem_quota ggtt_quota contexts_quota exec_quantum_ms \
			preempt_timeout_us weight; do
			echo "vf$i/$a=$(cat "$P/vf$i/$a")"
		done
	done
}
stage > /tmp/cfs_stage0

# t_same DESC A B [NOTE]: files A and B are the same (NOTE in the passing
# line); a failure shows the start of their diff.
t_same() {
	if cmp -s "$2" "$3"; then
		t_pass "$1${4:+ ($4)}"
	else
		t_fail "$1"
		diff "$2" "$3" | head -n 20 | sed 's/^/#   /'
	fi
}

# fail_round ERRNO_NAME DESCRIPTION: inject, commit, compare everything.
fail_round() {
	_name=$1
	hw_dump > /tmp/cfs_hw0
	gen=$(cat "$P/generation")
	t_err "commit with $2 fails with $_name" "$_name" "$P/commit" 1
	hw_dump > /tmp/cfs_hw1
	t_same "hardware state identical after the failed commit" \
		/tmp/cfs_hw0 /tmp/cfs_hw1 "$(wc -l < /tmp/cfs_hw0) values"
	stage > /tmp/cfs_stage1
	t_same "staged tree intact after the failed commit" \
		/tmp/cfs_stage0 /tmp/cfs_stage1
	t_eq "generation unchanged" "$gen" "$(cat "$P/generation")"
	t_diag "last_error: $(cat "$P/last_error")"
	t_ok "last_error says rolled back" grep -q "^commit: rolled back" "$P/last_error"
	t_ok "last_error names -$_name" grep -q -- "-$_name" "$P/last_error"
	t_ok "last_error names the step" grep -q " step [a-z]" "$P/last_error"
	t_ok "status: last_result rolled back" \
		grep -q '^last_result: rolled back' "$P/status"
	t_ok "status: state idle (undo verified)" grep -q '^state: idle' "$P/status"
}

# 1. The 5th prelim_iov store from now fails with EDQUOT (a quota write).
sim_fault fail_write_errno 122
sim_fault fail_write_nth 5
fail_round EDQUOT "the 5th prelim_iov write failing (EDQUOT)"
t_ok "last_error names a VF and an attribute" \
	grep -q " vf[0-9]* [a-z_]*: -EDQUOT" "$P/last_error"
sim_fault fail_write_nth 0

# 2. VF enable fails with ENOKEY (i915: a VF partially provisioned).
sim_fault fail_enable_errno 126
fail_round ENOKEY "VF enable failing (ENOKEY)"
sim_fault fail_enable_errno 0

# 3. A late write fails: the undo has to restore many values.
w0=$(cat "$DBG/writes")
sim_fault fail_write_errno 28
sim_fault fail_write_nth 12
fail_round ENOSPC "the 12th prelim_iov write failing (ENOSPC)"
sim_fault fail_write_nth 0
t_ok "that commit did write before failing" test "$(cat "$DBG/writes")" -gt $((w0 + 11))

# The untouched staged tree commits fine once the fault is gone.
gen=$(cat "$P/generation")
cfs_do "same staged tree commits without faults" "$P" commit
t_eq "last_error cleared by the successful commit" "" "$(cat "$P/last_error")"
t_eq "generation +1" $((gen + 1)) "$(cat "$P/generation")"
t_eq "4 VFs live" 4 "$(cat "$PF/sriov_numvfs")"
for i in 1 2 3 4; do
	t_eq "live vf$i lmem_quota 512M" 536870912 "$(iov_vf $i lmem_quota)"
done

# A failing reset leaves the VFs as they are, too.
hw_dump > /tmp/cfs_hw0
sim_fault fail_disable_errno 1
if sysw "$P/reset" 1 >/dev/null; then
	t_fail "reset with VF disable failing (EPERM) fails"
else
	t_pass "reset with VF disable failing (EPERM) fails"
fi
sim_fault fail_disable_errno 0
hw_dump > /tmp/cfs_hw1
t_same "hardware state identical after the failed reset" \
	/tmp/cfs_hw0 /tmp/cfs_hw1
t_ok "last_error starts with reset:" grep -q "^reset: " "$P/last_error"
cfs_do "reset works without the fault" "$P" reset
t_eq "0 VFs" 0 "$(cat "$PF/sriov_numvfs")"

cfs_teardown
t_done
