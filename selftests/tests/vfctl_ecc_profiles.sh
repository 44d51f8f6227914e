#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Profiles on a card booted with ECC on (atsm_sim ecc=1: 1/8 of LMEM holds
# the codes): vfctl picks XPU Manager's VF_LMEM_ECC row by itself (the
# non-ECC row does not fit), the apply commits; --ecc off forces the other
# row (rejected: it does not fit); 3 VFs use XPU Manager's fallback.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-ecc
mkdir -p "$T"
load_vfprov
grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
if ! sim_up ecc=1; then
	t_fail "atsm_sim ecc=1 bound to $SIM_PF"
	t_done
fi
t_eq "ECC on in the simulator" "1 1" "$(cat "$DBG/ecc_state")"

vfctl apply "$SIM_PF" --profile flex170 --vfs 1 --driver none >"$T/out" 2>&1
rc=$?
t_eq "flex170 1 VF with ECC on: committed" 0 $rc
[ $rc = 0 ] || t_diag "$(head -c 600 "$T/out")"
t_ok "vfctl says it took the ECC row" grep -q "ECC is on" "$T/out"
t_eq "VF 1 LMEM is VF_LMEM_ECC (14199816192)" 14199816192 "$(vfq 1 lmem_quota)"

vfctl apply "$SIM_PF" --profile flex170 --vfs 1 --ecc off --dry-run >"$T/off" 2>&1
t_eq "--ecc off: the non-ECC row is rejected (does not fit)" 5 $?

# the simulated PF is a QEMU NVMe function, not 8086:56c0
vfctl plan "$SIM_PF" --profile card --vfs 3 >"$T/card" 2>&1
t_eq "--profile card on a non-Flex PCI ID: usage error" 2 $?
t_ok "--profile card says which cards have rows" grep -q "Flex 170/170V/140" "$T/card"

vfctl apply "$SIM_PF" --profile flex170 --vfs 3 --ecc on --driver none >"$T/card" 2>&1
rc=$?
t_eq "flex170, 3 VFs (no row: fallback), ECC on: committed" 0 $rc
[ $rc = 0 ] || t_diag "$(head -c 600 "$T/card")"
t_eq "VF 3 LMEM: fallback ECC LMEM / 3, rounded up to 2 MiB" \
	$(( (14199816192 / 3 + 2097151) / 2097152 * 2097152 )) "$(vfq 3 lmem_quota)"

vfctl reset "$SIM_PF" >/dev/null 2>&1
rmmod atsm_sim
t_ok "atsm_sim back without ECC" sim_up
t_done
