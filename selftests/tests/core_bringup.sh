#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bring-up errors as a new user meets them: i915 loaded with its default
# max_vfs=0 (no prelim_iov, sriov_totalvfs 0) must be answered "set
# i915.max_vfs=N", not ERANGE; the probe window (prelim_iov/pf/ before
# pf/gt/) "i915 is still probing, retry", not "multi-tile"; once the probe
# is done the same apply commits.
. "${0%/*}/../lib/core.sh"

T=/tmp/bringup
mkdir -p "$T"
PF=$DEV/$SIM_PF
load_vfprov

# sim_reload ARGS: atsm_sim loaded again with ARGS (and bound to $SIM_PF)
sim_reload() {
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	sim_up "$@"
}

# --- i915.max_vfs=0: the default of i915 and of the simulator
sim_reload max_vfs=0
t_eq "max_vfs=0: no prelim_iov" "" "$(ls -d "$PF"/drm/card*/prelim_iov 2>/dev/null)"
t_eq "max_vfs=0: sriov_totalvfs 0" 0 "$(cat "$PF/sriov_totalvfs")"
vfnl apply "$SIM_PF" num=2 >"$T/nl" 2>&1
t_ok "apply: EOPNOTSUPP, not ERANGE" grep -q "errno=-95" "$T/nl"
t_ok "apply: the reason says to set i915.max_vfs" \
	grep -q "set i915.max_vfs=N (module parameter, load time)" "$T/nl"
vfctl apply "$SIM_PF" --vfs 2 >"$T/out" 2>&1
t_eq "vfctl apply: rejected (5)" 5 $?
t_ok "vfctl names i915.max_vfs" grep -q "i915.max_vfs=N" "$T/out"
t_eq "nothing written: 0 VFs" 0 "$(cat "$PF/sriov_numvfs")"
t_ok "reset (0 VFs) is still allowed" vfnl reset "$SIM_PF"

# --- the probe window
sim_reload probe_hold_ms=60000
t_ok "window: prelim_iov/pf exists" test -d "$IOV/pf"
t_ok "window: pf/gt/ does not yet" test ! -e "$IOV/pf/gt"
vfnl apply "$SIM_PF" num=1 >"$T/nl" 2>&1
t_ok "apply in the window: EAGAIN" grep -q "errno=-11" "$T/nl"
t_ok "apply in the window: 'still probing, retry'" \
	grep -q "i915 is still probing" "$T/nl"
t_ok "apply in the window: not 'multi-tile'" sh -c "! grep -q multi-tile $T/nl"
vfctl apply "$SIM_PF" --vfs 1 >"$T/out" 2>&1
t_ok "vfctl: retry hint" grep -q "retry" "$T/out"
echo 1 > "$DBG/pf_ready"
t_ok "probe finished: pf/gt/ there" test -d "$IOV/pf/gt"
vfnl apply "$SIM_PF" num=1 >"$T/nl" 2>&1
t_ok "the same apply now commits" grep -q "result=committed" "$T/nl"
vfnl reset "$SIM_PF" > /dev/null

sim_reload
t_eq "reloaded with max_vfs=31: 31 VFs" 31 "$(cat "$PF/sriov_totalvfs")"
t_done
