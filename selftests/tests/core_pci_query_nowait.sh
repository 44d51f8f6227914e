#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Queries never wait for a transaction, not even for the PCI core's enable
# inside one (sriov_numvfs_store holds the PF's device lock throughout, and
# the sriov_numvfs and driver_override shows take it). While a 31-VF apply
# sits in the simulated PF's sriov_configure for $HOLD s, `vfctl list`,
# `vfctl show` and configfs status answer within $BOUND s (idle: well under
# one; the bound is generous for TCG under load).
# timeout: 300
. "${0%/*}/../lib/core.sh"
. "${0%/*}/../lib/rel.sh"

HOLD=10
BOUND=4

# took CMD...: seconds CMD took (one decimal), its output discarded
took() {
	_t0=$(uptime_s)
	"$@" >/dev/null 2>&1
	since "$_t0"
}

# below A B: A < B, as decimals
below() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'
}

load_vfprov
if ! sim_up max_vfs=31; then
	t_fail "atsm_sim bound to $SIM_PF" "sim_up failed"
	t_done
fi
vfnl reset "$SIM_PF" >/dev/null
CF=/sys/kernel/config/vfprov/$SIM_PF
mkdir -p "$CF"
t_diag "idle: list $(took vfctl list)s, show $(took vfctl show "$SIM_PF")s"

sim_set configure_delay_ms $((HOLD * 1000))
T0=$(uptime_s)
vfnl apply "$SIM_PF" num=31 > /tmp/core_pci_query_nowait.out 2>&1 &
apid=$!
# The enable is the apply's first sriov_configure and comes after a few
# quick writes: 3 s in, it is inside (a query here would wait until it ends).
sleep 3
l=$(took vfctl list)
s=$(took vfctl show "$SIM_PF")
c=$(took cat "$CF/status")
v=$(took vfnl vf-get "$SIM_PF")
t_diag "during the apply: list ${l}s, show ${s}s, status ${c}s, vf dump ${v}s"
t_ok "vfctl list during the apply took ${l}s < ${BOUND}s" below "$l" $BOUND
t_ok "vfctl show during the apply took ${s}s < ${BOUND}s" below "$s" $BOUND
t_ok "VF dump during the apply took ${v}s < ${BOUND}s" below "$v" $BOUND
t_ok "configfs status during the apply took ${c}s < ${BOUND}s" below "$c" $BOUND
t_eq "  ...and PF_GET says applying" applying "$(vfnl pf-get "$SIM_PF" | kv state)"
t_ok "the apply was still running when they answered" kill -0 $apid

wait $apid
t_diag "apply took $(since "$T0")s"
t_ok "the apply committed" grep -q "result=committed" /tmp/core_pci_query_nowait.out
sim_set configure_delay_ms 0
t_ok "reset" vfnl reset "$SIM_PF"
rmdir "$CF"
t_ok "rmmod vfprov" rmmod vfprov
t_done
