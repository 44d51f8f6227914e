#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# i915 stores ggtt_spare rounded up to 64 KiB, so an unaligned spare reads
# back differently from what was written: the verify failed and every such
# apply rolled back. The planner plans the rounded value.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov

want=$((64 * 1048576 + 65536))
vfnl apply "$SIM_PF" num=2 ggtt_spare=$((64 * 1048576 + 4096)) > /tmp/spare.out 2>&1
t_ok "apply with ggtt_spare 64 MiB + 4 KiB commits" grep -q "result=committed" /tmp/spare.out
t_eq "ggtt_spare reads 64 MiB + 64 KiB" $want "$(cat "$IOV/pf/gt/ggtt_spare")"
vfnl apply "$SIM_PF" num=2 ggtt_spare=$((64 * 1048576 + 1)) > /tmp/spare.out 2>&1
t_ok "64 MiB + 1 over it: unchanged or committed, not rolled back" \
	grep -Eq "result=(committed|unchanged)" /tmp/spare.out
t_eq "still 64 MiB + 64 KiB" $want "$(cat "$IOV/pf/gt/ggtt_spare")"
vfnl reset "$SIM_PF" > /dev/null
echo 0 > "$IOV/pf/gt/ggtt_spare"
t_done
