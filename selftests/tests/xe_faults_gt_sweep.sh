#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability of per-GT values on the xe backend (xe_sim bmg, two GTs):
# every vfprov write of an apply that sets a VF's contexts, doorbells and
# EQ apart on gt1 (each GT's quota written with its own old value, the
# EQ GT by GT in debugfs) fails once in turn, and so does every write of
# the apply that makes gt1 equal to gt0 again; each failure rolls back to
# the exact state of both GTs. (xe_faults_sweep has the other sweeps; one
# test would not fit the runner's time limit.)
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

G=268435456 M=1073741824
XE_A="num=2 drv=vfio vf1.ggtt=$G vf1.lmem=$M vf1.ctx=1024 vf1.eq=10 vf2.ggtt=$G vf2.lmem=$M vf2.ctx=512 vf2.db=8"
XE_G="$XE_A vf1.gt1.ctx=256 vf1.gt1.eq=20 vf2.gt1.db=4"

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
T0=$(uptime_s)

sweep hook "$XE_PF" xe_st "xe A -> G (gt1 values)" "$XE_A" "$XE_G"
# A's values are every GT's: gt1's own go
sweep hook "$XE_PF" xe_st "xe G -> A (gt1 as gt0 again)" "$XE_G" "$XE_A" 2

t_diag "$injected faults injected in $(since "$T0")s"
vfnl reset "$XE_PF" >/dev/null
t_eq "reset: AUTO again" auto "$(cat "$KNOB/mode")"
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
