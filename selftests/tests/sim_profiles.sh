#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The XPU Manager reference profiles (I915_PRELIM_ABI.md, vgpu.conf),
# written one file after another the way XPU Manager does, must fit the
# simulated cards: every write succeeds and the VFs enable. For Flex 140
# the values are written on both GTs.
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

apply() { # gts vfs lmem ggtt doorbells
	gts=$1; n=$2; ok=1
	for k in $(seq 1 $n); do
		for g in $gts; do
			V=$IOV/vf$k/$g
			sysw $V/lmem_quota $3 >/dev/null || ok=0
			sysw $V/ggtt_quota $4 >/dev/null || ok=0
			sysw $V/contexts_quota 1024 >/dev/null || ok=0
			sysw $V/doorbells_quota $5 >/dev/null || ok=0
		done
	done
	sysw $PF/sriov_numvfs $n >/dev/null || ok=0
	[ "$(numvfs)" = "$n" ] || ok=0
	sysw $PF/sriov_numvfs 0 >/dev/null || ok=0
	for k in $(seq 1 $n); do echo clear > $IOV/vf$k/control; done
	echo $ok
}

for p in "1 16777216000 4026531840 240" "2 8388608000 2013265920 120" \
	"4 4194304000 1006632960 60" "5 3355443200 805306368 48" \
	"8 2097152000 503316480 30" "16 1048576000 251658240 15"; do
	set -- $p
	t_eq "Flex 170 profile: $1 VFs" 1 "$(apply gt $p)"
done

sim_up variant=flex140 >/dev/null 2>&1
for p in "1 6039797760 4026531840 240" "3 2013265920 1342177280 80" \
	"6 1006632960 671088640 40" "12 503316480 335544320 20"; do
	set -- $p
	t_eq "Flex 140 profile: $1 VFs" 1 "$(apply "gt0 gt1" $p)"
done

sim_down
t_done
