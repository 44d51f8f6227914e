#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fault injection through /sys/kernel/debug/atsm_sim/<pf>/ (docs/atsm_sim.md):
# write counter, Nth-write failure, enable/disable failure, write latency.
. "${0%/*}/../lib/tap.sh"

# --- common to the sim_*.sh tests (kept inline: each test stands alone) ---
PF=/sys/bus/pci/devices/$SIM_PF
sim_down() {
	if [ "$(basename "$(readlink $PF/driver 2>/dev/null)")" = atsm_sim ]; then
		echo 0 > $PF/sriov_numvfs 2>/dev/null
		echo "$SIM_PF" > $PF/driver/unbind
	fi
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	return 0
}
# sim_up [module params]: fresh module, PF bound, path variables set
sim_up() {
	sim_down
	insmod "$VFPROV_MODDIR/atsm_sim.ko" "$@" || return 1
	echo atsm_sim > $PF/driver_override
	echo 0 > $PF/sriov_drivers_autoprobe
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
	IOV=$CARD/prelim_iov
	G=$IOV/pf/gt
	A=$G/available
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
	[ -d "$IOV" ]
}
# not through t_ok, which runs its command in a subshell
sim_start() {
	if sim_up "$@"; then
		t_pass "setup: atsm_sim $* bound to $SIM_PF"
	else
		t_fail "setup: atsm_sim $* bound to $SIM_PF"
		sim_down
		t_done
	fi
}
vf() { echo "$IOV/vf$1/gt"; }
# w FILE VALUE: a write that must succeed
w() { t_ok "write $2 > ${1#$IOV/}" sysw "$1" "$2"; }
numvfs() { cat $PF/sriov_numvfs; }
# --- end of common part ---

sim_start

V=$(vf 1)
t_eq "writes starts at 0" 0 "$(cat $DBG/writes)"
cat $V/ggtt_quota $A/ggtt_free >/dev/null
t_eq "reads are not counted" 0 "$(cat $DBG/writes)"
sysw $V/exec_quantum_ms 1 >/dev/null
sysw $V/exec_quantum_ms bogus >/dev/null
sysw $V/lmem_quota 0xffffffffffffffff >/dev/null
t_eq "every store is counted, refused ones too" 3 "$(cat $DBG/writes)"

t_eq "fail_write_errno defaults to EIO (5)" 5 "$(cat $DBG/fail_write_errno)"
t_ok "arm: the 3rd write from now fails" sysw $DBG/fail_write_nth 3
t_ok "with ENOSPC (28)" sysw $DBG/fail_write_errno 28
w $V/exec_quantum_ms 11
w $V/exec_quantum_ms 12
t_err "3rd write fails with the chosen errno" ENOSPC $V/exec_quantum_ms 13
t_eq "the failed write changed nothing" 12 "$(cat $V/exec_quantum_ms)"
t_eq "fail_write_nth is one-shot" 0 "$(cat $DBG/fail_write_nth)"
w $V/exec_quantum_ms 14
t_ok "arm next write, default errno" sysw $DBG/fail_write_errno 5
t_ok "arm" sysw $DBG/fail_write_nth 1
t_eq "(the VF exec_quantum write switched auto off)" 0 "$(cat $IOV/pf/auto_provisioning)"
t_err "any prelim_iov store counts (auto_provisioning)" EIO $IOV/pf/auto_provisioning 1
t_eq "auto_provisioning unchanged" 0 "$(cat $IOV/pf/auto_provisioning)"
t_ok "arm" sysw $DBG/fail_write_nth 1
t_err "control store fails too" EIO $IOV/vf1/control clear
t_eq "writes counted all of them (3 + 4 + 2)" 9 "$(cat $DBG/writes)"
t_err "fail_write_errno 0 refused" EINVAL $DBG/fail_write_errno 0
t_err "fail_write_errno above MAX_ERRNO refused" EINVAL $DBG/fail_write_errno 4096

t_ok "fail the next enable with ENOMEM (12)" sysw $DBG/fail_enable_errno 12
t_err "enable fails with ENOMEM" ENOMEM $PF/sriov_numvfs 2
t_eq "no VFs" 0 "$(numvfs)"
t_eq "no auto configs left behind" 0 "$(cat $(vf 1)/ggtt_quota)"
t_eq "fail_enable_errno is one-shot" 0 "$(cat $DBG/fail_enable_errno)"
t_ok "next enable works" sysw $PF/sriov_numvfs 2
t_ok "fail the next disable with EBUSY (16)" sysw $DBG/fail_disable_errno 16
t_err "disable fails with EBUSY" EBUSY $PF/sriov_numvfs 0
t_eq "VFs still enabled" 2 "$(numvfs)"
t_ok "next disable works" sysw $PF/sriov_numvfs 0

t_ok "1500 ms latency on every write" sysw $DBG/write_delay_ms 1500
t0=$(cut -d' ' -f1 /proc/uptime | tr -d .)
sysw $V/exec_quantum_ms 3 >/dev/null
t1=$(cut -d' ' -f1 /proc/uptime | tr -d .)
t_ok "a write took >= 1.5 s ($((t1 - t0))0 ms)" test $((t1 - t0)) -ge 150
t_eq "and was applied" 3 "$(cat $V/exec_quantum_ms)"
t_err "latency above 10 s refused" EINVAL $DBG/write_delay_ms 10001
t_ok "latency off" sysw $DBG/write_delay_ms 0
t_ok "state dump readable" sh -c "grep -q '^gt0: auto_mode=' $DBG/state"

sim_down
t_done
