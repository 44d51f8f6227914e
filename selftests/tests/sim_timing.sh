#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Slow writes (I915_PRELIM_ABI.md "Corrections and additions"), one scale
# knob (time_scale, per mille of realistic figures; default 10 keeps the
# suite fast): an LMEM write costs in proportion to its size (50 us/MiB),
# a VF disable an FLR per VF (100 ms), a GuC request 100 us.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
sim_start
t_eq "default time_scale 10" 10 "$(cat $DBG/time_scale)"

echo 2000 > $DBG/time_scale
t0=$(ms); w $(vf 1)/lmem_quota $((8192 * MiB)); t1=$(ms)
t_ok "scale 2000: an 8 GiB LMEM write takes >= 700 ms ($((t1 - t0)) ms)" test $((t1 - t0)) -ge 700
t0=$(ms); w $(vf 1)/lmem_quota $((512 * MiB)); t1=$(ms)
t_ok "scale 2000: 512 MiB takes far less ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 400
w $(vf 1)/lmem_quota 0
w $IOV/pf/auto_provisioning 1

# the FLR cost on top of what the PCI core itself takes to remove VFs
echo 10 > $DBG/time_scale
t_ok "enable 2 VFs" sysw $PF/sriov_numvfs 2
t0=$(ms); sysw $PF/sriov_numvfs 0; t1=$(ms)
fast=$((t1 - t0))
t_ok "enable 2 VFs" sysw $PF/sriov_numvfs 2
echo 10000 > $DBG/time_scale
t0=$(ms); sysw $PF/sriov_numvfs 0; t1=$(ms)
slow=$((t1 - t0))
t_ok "scale 10000: disabling 2 VFs costs 2 FLRs of 1 s more ($slow ms vs $fast ms)" \
	test $((slow - fast)) -ge 1500
echo 10 > $DBG/time_scale
t_err "time_scale above 1000000 refused" EINVAL $DBG/time_scale 1000001
sim_down
t_done
