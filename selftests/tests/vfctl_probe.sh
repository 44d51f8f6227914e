#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl probe against the simulated Flex: it refuses with VFs enabled,
# records what the "driver" did (rounding, EDQUOT, the 256 KiB LMTT per VF
# atsm_sim charges like i915), and leaves the PF exactly as it found it.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-probe
mkdir -p "$T"

if ! sim_up; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
PF=$DEV/$SIM_PF
echo 0 > "$PF/sriov_numvfs"

echo 1 > "$PF/sriov_numvfs"
vfctl probe "$SIM_PF" -o "$T/busy.txt" >"$T/out" 2>&1
t_eq "VFs enabled: refused (exit 5)" 5 $?
t_ok "refused: says why" grep -q "0 VFs only" "$T/out"
echo 0 > "$PF/sriov_numvfs"

before=$(sim_state "$SIM_PF")
vfctl probe "$SIM_PF" -o "$T/probe.txt" >"$T/out" 2>&1
rc=$?
t_eq "probe with 0 VFs exits 0" 0 $rc
[ $rc = 0 ] || t_diag "$(head -c 600 "$T/out")"
t_eq "the PF reads exactly as before" "$before" "$(sim_state "$SIM_PF")"
t_ok "state restored: yes" grep -q "^state restored: yes" "$T/probe.txt"
t_ok "ggtt_spare rounding recorded (64 KiB)" \
	grep -q "^rounding ggtt_spare: [0-9]* -> [0-9]*$" "$T/probe.txt"
t_ok "lmem_quota rounded up to 2 MiB" \
	grep -q "^rounding lmem_quota: 2097153 -> 4194304$" "$T/probe.txt"
t_ok "EDQUOT above lmem_max_quota recorded" \
	grep -q "^write vf1/gt/lmem_quota = [0-9]*: EDQUOT" "$T/probe.txt"
t_ok "the LMTT per VF measured: 262144 bytes" \
	grep -q "^lmem overhead vf2 (1073741824): 262144 bytes$" "$T/probe.txt"
t_ok "timings recorded" grep -q "^read pf/gt/available/lmem_free: [0-9]* (ok, [0-9]* us)$" \
	"$T/probe.txt"
t_done
