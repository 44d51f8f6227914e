#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The xe backend under parallel appliers and readers (xe_sim bmg: two GTs,
# VRAM), with the engine of rel_concurrency (selftests/lib/conc.sh).
#
# Rounds (3 + 1; 1 + 1 on the debug kernel): in each, 4 appliers with 4
# different complete CUSTOM configs (every VF has GGTT, VRAM, contexts,
# doorbells, EQ and PT) and one reset start at once (in the last round
# the reset a second late, so that it likely wins), while readers loop
# all the time (PF_GET dumps, VF_GET dumps of the xe PF, configfs
# status/applied).
# Every transaction runs under a 60 s timeout (a hang is a deadlock).
# After each round the state read from sriov_admin and the debugfs sriov/
# tree (every VF of TotalVFs, contexts/doorbells/EQ/PT on gt0 AND gt1,
# which must agree) equals exactly one requested config or the reset
# state in full (never a mix, never one GT of one and the other of
# another), and it is the one whose reply carried the highest generation;
# xe_sim's mode is CUSTOM after a config and AUTO after a reset. The
# generations and committed events are checked as in rel_concurrency.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"
. "${0%/*}/../lib/conc.sh"

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" load_vfprov
T0=$(uptime_s)
conc_init /tmp/xec
ROUNDS=3
is_debug && ROUNDS=1
TOTAL=$(cat "$PF/sriov_totalvfs")

G=268435456 M=1073741824
# Complete configs: no two share a value of any field.
X1="num=2 drv=none"
for k in 1 2; do
	X1="$X1 vf$k.ggtt=$G vf$k.lmem=$M vf$k.ctx=1024 vf$k.db=8 vf$k.eq=11 vf$k.pt=11000"
done
X2="num=3 drv=none"
for k in 1 2 3; do
	X2="$X2 vf$k.ggtt=$((G / 2)) vf$k.lmem=$((M / 2)) vf$k.ctx=512 vf$k.db=4 vf$k.eq=22 vf$k.pt=22000"
done
X3="num=4 drv=vfio"
for k in 1 2 3 4; do
	X3="$X3 vf$k.ggtt=$((G / 4)) vf$k.lmem=$((M / 4)) vf$k.ctx=256 vf$k.db=2 vf$k.eq=33 vf$k.pt=33000"
done
X4="num=2 drv=vfio vf1.ggtt=$((2 * G)) vf1.lmem=$((2 * M)) vf1.ctx=2048 vf1.db=16 vf1.eq=44 vf1.pt=44000"
X4="$X4 vf2.ggtt=$((3 * G)) vf2.lmem=$((3 * M)) vf2.ctx=128 vf2.db=1 vf2.eq=45 vf2.pt=45000"
R=reset
# The last round's reset starts a second after the configs: likely queued
# last, so that the reset state and AUTO are seen to win too.
RL="after=1 reset"

# xe_read PF: the VF count and drivers, every VF's EQ/PT in sriov_admin,
# and every VF's quotas and per-GT EQ/PT in debugfs (the compat links not
# followed: each value is read once). One grep per tree: forks are slow.
xe_read() {
	echo "numvfs=$(cat "$PF/sriov_numvfs")"
	echo "drivers:$(vf_drivers "$1")"
	(cd "$ADMIN" && grep -rs '' vf*/profile) |
		grep -E '/(exec_quantum_ms|preempt_timeout_us|vram_quota):'
	(cd "$SR" && grep -rs '' vf*/tile0) |
		grep -E '/(ggtt_quota|vram_quota|contexts_quota|doorbells_quota|exec_quantum_ms|preempt_timeout_us):'
}

# xe_want CONFIG: every line xe_read prints, as CONFIG (or a reset) must
# leave it: VFs beyond num_vfs hold nothing; contexts, doorbells, EQ and
# PT read the same on both GTs.
xe_want() {
	_num=0 _d=-
	for _w in $1; do
		case $_w in
		num=*) _num=${_w#num=} ;;
		drv=vfio) _d=vfio-pci ;;
		vf*.*=*) _k=${_w%%=*}; eval "_x_${_k%%.*}_${_k#*.}=\${_w#*=}" ;;
		esac
	done
	echo "numvfs=$_num"
	_drv=
	_k=1
	while [ "$_k" -le "$TOTAL" ]; do
		_g=0 _l=0 _c=0 _b=0 _e=0 _p=0
		if [ "$_k" -le "$_num" ]; then
			_drv="$_drv $_d"
			eval "_g=\$_x_vf${_k}_ggtt _l=\$_x_vf${_k}_lmem _c=\$_x_vf${_k}_ctx"
			eval "_b=\$_x_vf${_k}_db _e=\$_x_vf${_k}_eq _p=\$_x_vf${_k}_pt"
		fi
		echo "vf$_k/profile/exec_quantum_ms:$_e"
		echo "vf$_k/profile/preempt_timeout_us:$_p"
		echo "vf$_k/profile/vram_quota:$_l"
		echo "vf$_k/tile0/ggtt_quota:$_g"
		echo "vf$_k/tile0/vram_quota:$_l"
		for _gt in gt0 gt1; do
			echo "vf$_k/tile0/$_gt/contexts_quota:$_c"
			echo "vf$_k/tile0/$_gt/doorbells_quota:$_b"
			echo "vf$_k/tile0/$_gt/exec_quantum_ms:$_e"
			echo "vf$_k/tile0/$_gt/preempt_timeout_us:$_p"
		done
		_k=$((_k + 1))
	done
	echo "drivers:${_drv# }"
	for _w in $1; do
		case $_w in
		vf*.*=*) _k=${_w%%=*}; unset "_x_${_k%%.*}_${_k#*.}" ;;
		esac
	done
}

C=/sys/kernel/config/vfprov
mkdir "$C/$XE_PF" 2>/dev/null
cfs_read() {
	cat "$C/$XE_PF/status" "$C/$XE_PF/applied" >/dev/null
}
conc_monitor_start
conc_reader pfdump vfnl pf-get &
conc_reader vfdump vfnl vf-get "$XE_PF" &
conc_reader cfs cfs_read &

vfnl reset "$XE_PF" >/dev/null
gen0=$(vfnl pf-get "$XE_PF" | kv gen)
conc_gen0 xe "$gen0"

# check_mode ROUND: xe_sim's mode is the one the winner $CONC_WIN leaves.
modebad=0 resetwins=0
check_mode() {
	mode=$(cat "$KNOB/mode")
	want=custom
	case $CONC_WIN in R*) want=auto resetwins=$((resetwins + 1)) ;; esac
	if [ -n "$CONC_WIN" ] && [ "$mode" != "$want" ]; then
		modebad=$((modebad + 1))
		t_diag "round $1: $CONC_WIN won, xe_sim is in mode $mode, not $want"
	fi
	t_diag "round $1: $CONC_WIN won, mode $mode, $(since "$T0")s"
}

# A reset is also a candidate: its state is every VF empty. The start order turns from round to round: whoever is queued last wins,
# and the last started is the likeliest.
set -- X1 X2 X3 X4 R
r=1
while [ $r -le $ROUNDS ]; do
	conc_round "$XE_PF" "$@"
	conc_check_round "$XE_PF" xe_read xe_want xe X1 X2 X3 X4 R
	check_mode "$r ($* started)"
	_first=$1
	shift
	set -- "$@" "$_first"
	r=$((r + 1))
done
conc_round "$XE_PF" X1 X2 X3 X4 RL
conc_check_round "$XE_PF" xe_read xe_want xe X1 X2 X3 X4 RL
check_mode "$r (reset a second late)"
conc_readers_stop pfdump vfdump cfs
conc_monitor_stop

applies=$(wc -l < "$W/applies")
conc_verdicts
t_eq "xe_sim's mode follows the winner: CUSTOM after a config, AUTO after a reset" 0 "$modebad"
t_eq "xe PF generation grew by its number of commits" \
	$((gen0 + commits_xe)) "$(vfnl pf-get "$XE_PF" | kv gen)"
# +1: the reset before the rounds
conc_events "$XE_PF" $((commits_xe + 1))
conc_reader_verdicts pfdump vfdump cfs
t_diag "$applies transactions ($commits_xe commits, the reset won $resetwins of $((ROUNDS + 1)) rounds), $conc_reads reads, in $(since "$T0")s"
rmdir "$C/$XE_PF" 2>/dev/null
out=$(vfnl reset "$XE_PF")
t_eq "a last reset commits and gives the PF back to AUTO" "committed auto" \
	"$(echo "$out" | kv result) $(cat "$KNOB/mode")"
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
