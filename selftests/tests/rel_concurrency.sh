#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: parallel appliers and readers.
#
# Rounds (4 + 2; 2 + 1 on the debug kernel): in each, 4 appliers with 4 different configs start at once on
# the atsm_sim PF (phase 1), then 2+2 on the sim PF and the pci PF (phase
# 2), while readers loop all the time (PF_GET dumps, VF_GET dumps, configfs
# status/applied reads). Every apply runs under a 60 s timeout (a hang is a
# deadlock). After each round, with all appliers done, the state read from
# the prelim_iov files must match exactly one requested config in full
# (never a mix), and that config must be the one whose reply carried the
# highest generation. Committed generations are distinct, increase from
# round to round, equal the number of commits, and the events listener
# sees them strictly increasing per PF. The engine: selftests/lib/conc.sh.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/conc.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
T0=$(uptime_s)
conc_init /tmp/relc
ROUNDS=4
PCI_ROUNDS=2
is_debug && ROUNDS=2 PCI_ROUNDS=1

conc_monitor_start
C=/sys/kernel/config/vfprov
mkdir "$C/$SIM_PF" 2>/dev/null

# The configs, each fully checkable: every VF gets lmem and eq.
K1="num=2 drv=none vf1.lmem=1073741824 vf2.lmem=1073741824 vf1.eq=11 vf2.eq=11"
K2="num=3 drv=none vf1.lmem=536870912 vf2.lmem=536870912 vf3.lmem=536870912 vf1.eq=22 vf2.eq=22 vf3.eq=22"
K3="num=4 drv=vfio vf1.lmem=268435456 vf2.lmem=268435456 vf3.lmem=268435456 vf4.lmem=268435456 vf1.eq=33 vf2.eq=33 vf3.eq=33 vf4.eq=33"
K4="num=2 drv=vfio vf1.lmem=2147483648 vf2.lmem=536870912 vf1.eq=44 vf2.eq=45"
P1="num=1 drv=none"
P2="num=3 drv=vfio"

# vf_drivers_want CONFIG: the VF drivers line of CONFIG (one per VF).
vf_drivers_want() {
	_n=${1#num=}
	_n=${_n%% *}
	_d=-
	case $1 in *drv=vfio*) _d=vfio-pci ;; esac
	_out=
	while [ "$_n" -gt 0 ]; do
		_out="$_out $_d"
		_n=$((_n - 1))
	done
	echo "drivers:${_out# }"
}

# sim_want CONFIG: the lines the sim state must contain for CONFIG.
sim_want() {
	for w in $1; do
		case $w in
		num=*) echo "numvfs=${w#num=}" ;;
		vf*.lmem=*) _k=${w%%.*}; echo "$_k/gt/lmem_quota:${w#*=}" ;;
		vf*.eq=*) _k=${w%%.*}; echo "$_k/gt/exec_quantum_ms:${w#*=}" ;;
		esac
	done
	vf_drivers_want "$1"
}
# sim_read PF: every prelim_iov file, the VF count and the VF drivers.
sim_read() {
	sim_state "$1" | tr ' ' '\n'
	echo "drivers:$(vf_drivers "$1")"
}

pci_want() {
	_n=${1#num=}
	echo "numvfs=${_n%% *}"
	vf_drivers_want "$1"
}
pci_read() {
	echo "numvfs=$(cat "$DEV/$1/sriov_numvfs")"
	echo "drivers:$(vf_drivers "$1")"
}

cfs_read() {
	cat "$C/$SIM_PF/status" "$C/$SIM_PF/applied" >/dev/null
}
conc_reader pfdump vfnl pf-get &
conc_reader vfdump vfnl vf-get "$SIM_PF" &
conc_reader pcivf vfnl vf-get "$PCI_PF" &
conc_reader cfs cfs_read &

vfnl reset "$SIM_PF" >/dev/null
vfnl reset "$PCI_PF" >/dev/null
gen_sim0=$(vfnl pf-get "$SIM_PF" | kv gen)
gen_pci0=$(vfnl pf-get "$PCI_PF" | kv gen)
conc_gen0 sim "$gen_sim0"
conc_gen0 pci "$gen_pci0"

r=1
while [ $r -le $ROUNDS ]; do
	conc_round "$SIM_PF" K1 K2 K3 K4
	conc_check_round "$SIM_PF" sim_read sim_want sim K1 K2 K3 K4
	r=$((r + 1))
done
t_diag "phase 1: $ROUNDS rounds of 4 parallel appliers on $SIM_PF, $(since "$T0")s"
r=1
while [ $r -le $PCI_ROUNDS ]; do
	conc_round "$SIM_PF" K2 K4 &
	rp=$!
	conc_round "$PCI_PF" P1 P2
	wait $rp
	conc_check_round "$SIM_PF" sim_read sim_want sim K2 K4
	conc_check_round "$PCI_PF" pci_read pci_want pci P1 P2
	r=$((r + 1))
done
t_diag "phase 2: $PCI_ROUNDS rounds of 2+2 appliers on both PFs, $(since "$T0")s"
conc_readers_stop pfdump vfdump pcivf cfs
conc_monitor_stop

applies=$(wc -l < $W/applies)
conc_verdicts
gen_sim=$(vfnl pf-get "$SIM_PF" | kv gen)
gen_pci=$(vfnl pf-get "$PCI_PF" | kv gen)
t_eq "sim PF generation grew by its number of commits" \
	$((gen_sim0 + commits_sim)) "$gen_sim"
t_eq "pci PF generation grew by its number of commits" \
	$((gen_pci0 + commits_pci)) "$gen_pci"
# events: committed gens strictly increasing per PF; +1: the reset before
# the rounds
conc_events "$SIM_PF" $((commits_sim + 1))
conc_events "$PCI_PF" $((commits_pci + 1))
conc_reader_verdicts pfdump vfdump pcivf cfs
t_diag "$applies applies ($commits_sim commits on the sim PF, $commits_pci on the pci PF), $conc_reads reads, in $(since "$T0")s"
rmdir "$C/$SIM_PF" 2>/dev/null
vfnl reset "$SIM_PF" >/dev/null
vfnl reset "$PCI_PF" >/dev/null
t_ok "rmmod vfprov" rmmod vfprov
t_done
