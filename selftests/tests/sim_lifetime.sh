#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Object lifetime (the Debian kernels have no kmemleak or lockdep): every
# kobject the simulator creates is released on unbind, counted through
# /sys/kernel/debug/atsm_sim/live_kobjects; rmmod would log "BUG: ... not
# released" otherwise. Flex 170: drm + cardN + prelim_iov + 32 x (node + gt)
# = 67 kobjects; two-GT variant=max: 3 + 32 x 3 = 99.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

L=/sys/kernel/debug/atsm_sim/live_kobjects
t_eq "67 kobjects while bound" 67 "$(cat $L)"
t_ok "enable 31" sysw $PF/sriov_numvfs 31
t_eq "enabling VFs creates no kobjects" 67 "$(cat $L)"
t_ok "unbind with VFs enabled" sh -c "echo $SIM_PF > $PF/driver/unbind"
t_eq "all released after unbind" 0 "$(cat $L)"
ok=1
i=0
while [ $i -lt 10 ]; do
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	[ "$(cat $L)" = 67 ] || ok=0
	sysw $PF/sriov_numvfs 4 >/dev/null || ok=0
	sysw $(vf 1)/lmem_quota 0x40000000 >/dev/null
	cat $DBG/state >/dev/null
	sysw $PF/sriov_numvfs 0 >/dev/null || ok=0
	echo "$SIM_PF" > $PF/driver/unbind
	[ "$(cat $L)" = 0 ] || ok=0
	i=$((i + 1))
done
t_eq "10 bind/enable/disable/unbind cycles: 67 up, 0 down" 1 $ok
t_ok "rmmod" rmmod atsm_sim
t_ok "no unreleased kobjects reported" sh -c "! dmesg | grep -q 'kobjects not released'"

sim_up variant=max >/dev/null 2>&1
t_eq "max (two GTs): 99 kobjects" 99 "$(cat $L)"
sim_down
t_ok "no unreleased kobjects reported after max" sh -c "! dmesg | grep -q 'kobjects not released'"
t_done
