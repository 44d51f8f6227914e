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
# sees them strictly increasing per PF.
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
T0=$(uptime_s)
W=/tmp/relc
rm -rf $W
mkdir -p $W
ROUNDS=4
PCI_ROUNDS=2
is_debug && ROUNDS=2 PCI_ROUNDS=1

vfnl monitor 100000 3000 > $W/events &
monpid=$!
sleep 1
C=/sys/kernel/config/vfprov
mkdir "$C/$SIM_PF" 2>/dev/null

# The configs, each fully checkable: every VF gets lmem and eq.
K1="num=2 drv=none vf1.lmem=1073741824 vf2.lmem=1073741824 vf1.eq=11 vf2.eq=11"
K2="num=3 drv=none vf1.lmem=536870912 vf2.lmem=536870912 vf3.lmem=536870912 vf1.eq=22 vf2.eq=22 vf3.eq=22"
K3="num=4 drv=vfio vf1.lmem=268435456 vf2.lmem=268435456 vf3.lmem=268435456 vf4.lmem=268435456 vf1.eq=33 vf2.eq=33 vf3.eq=33 vf4.eq=33"
K4="num=2 drv=vfio vf1.lmem=2147483648 vf2.lmem=536870912 vf1.eq=44 vf2.eq=45"
P1="num=1 drv=none"
P2="num=3 drv=vfio"

# expect CONFIG: the lines the sim state must contain for CONFIG.
expect() {
	for w in $1; do
		case $w in
		num=*) echo "numvfs=${w#num=}" ;;
		vf*.lmem=*) _k=${w%%.*}; echo "$_k/gt/lmem_quota:${w#*=}" ;;
		vf*.eq=*) _k=${w%%.*}; echo "$_k/gt/exec_quantum_ms:${w#*=}" ;;
		esac
	done
}

# sim_matches CONFIG: the live sim state has every line of CONFIG, and its
# VF drivers are as asked.
sim_matches() {
	_n=$(cat "$DEV/$SIM_PF/sriov_numvfs")
	_s=$(sim_state "$SIM_PF" | tr ' ' '\n')
	for _l in $(expect "$1"); do
		echo "$_s" | grep -qxF "$_l" || return 1
	done
	_want=none
	case $1 in *drv=vfio*) _want=vfio-pci ;; esac
	for _d in $(vf_drivers "$SIM_PF"); do
		[ "$_want" = vfio-pci ] && [ "$_d" != vfio-pci ] && return 1
		[ "$_want" = none ] && [ "$_d" != - ] && return 1
	done
	return 0
}

pci_matches() {
	_n=${1#num=}
	_n=${_n%% *}
	[ "$(cat "$DEV/$PCI_PF/sriov_numvfs")" = "$_n" ] || return 1
	_want=-
	case $1 in *drv=vfio*) _want=vfio-pci ;; esac
	for _d in $(vf_drivers "$PCI_PF"); do
		[ "$_d" = "$_want" ] || return 1
	done
	return 0
}

# Readers: loop until $W/stop exists; count ok and failed reads.
reader() { # NAME CMD...
	_name=$1
	shift
	_ok=0 _bad=0
	while [ ! -e $W/stop ]; do
		if "$@" >/dev/null 2>&1; then
			_ok=$((_ok + 1))
		else
			_bad=$((_bad + 1))
			"$@" > $W/$_name.lastfail 2>&1
		fi
	done
	echo "$_ok $_bad" > $W/$_name.count
}
cfs_read() {
	cat "$C/$SIM_PF/status" "$C/$SIM_PF/applied" >/dev/null
}
reader pfdump vfnl pf-get &
reader vfdump vfnl vf-get "$SIM_PF" &
reader pcivf vfnl vf-get "$PCI_PF" &
reader cfs cfs_read &

vfnl reset "$SIM_PF" >/dev/null
vfnl reset "$PCI_PF" >/dev/null
gen_sim0=$(vfnl pf-get "$SIM_PF" | kv gen)
gen_pci0=$(vfnl pf-get "$PCI_PF" | kv gen)

# round PF CONFIGVAR...: one applier per config, all at once; waits for
# all; appends "gen config-var" to $W/round.PF for each committed reply,
# and a line to $W/applies, $W/hung (hit the timeout) or $W/failed (not
# committed). Files, because phase 2 runs rounds in subshells.
: > $W/applies
: > $W/hung
: > $W/failed
round() {
	_pf=$1
	shift
	_pids=
	for _v in "$@"; do
		eval "_c=\$$_v"
		# shellcheck disable=SC2086
		( timeout -s KILL 60 vfnl apply "$_pf" $_c > $W/out.$_v 2>&1
		  echo $? > $W/rc.$_v ) &
		_pids="$_pids $!"
	done
	# shellcheck disable=SC2086
	wait $_pids
	for _v in "$@"; do
		echo "$_v" >> $W/applies
		_rc=$(cat $W/rc.$_v)
		if [ "$_rc" = 137 ]; then
			echo "$_v" >> $W/hung
			t_diag "apply $_v on $_pf hung (killed after 60 s)"
			continue
		fi
		_o=$(head -n 1 $W/out.$_v)
		if [ "$(echo "$_o" | kv result)" != committed ]; then
			echo "$_v" >> $W/failed
			t_diag "apply $_v on $_pf: $_o $(tail -n 1 $W/out.$_v)"
			continue
		fi
		echo "$(echo "$_o" | kv gen) $_v" >> $W/round.$_pf
	done
}

# check_round PF MATCHFN: the winner (highest gen) is the only config that
# matches; gens distinct and above the previous round's.
mixed=0 wrongwinner=0 gendup=0 genback=0 commits_sim=0 commits_pci=0
last_gen_sim=$gen_sim0 last_gen_pci=$gen_pci0
check_round() {
	_pf=$1 _m=$2 _tag=$3
	shift 3
	[ -s $W/round.$_pf ] || return
	sort -n $W/round.$_pf > $W/sorted
	_n=$(wc -l < $W/sorted)
	[ "$_n" = "$(cut -d' ' -f1 $W/sorted | sort -u | wc -l)" ] ||
		{ gendup=$((gendup + 1)); t_diag "$_pf: duplicate generations: $(cat $W/sorted | tr '\n' ' ')"; }
	eval "_last=\$last_gen_$_tag"
	_lo=$(head -n 1 $W/sorted | cut -d' ' -f1)
	_hi=$(tail -n 1 $W/sorted | cut -d' ' -f1)
	[ "$_lo" -gt "$_last" ] ||
		{ genback=$((genback + 1)); t_diag "$_pf: generation $_lo not above $_last"; }
	eval "last_gen_$_tag=$_hi"
	eval "commits_$_tag=\$((commits_$_tag + _n))"
	_win=$(tail -n 1 $W/sorted | cut -d' ' -f2)
	_matching=
	for _v in "$@"; do
		eval "_c=\$$_v"
		$_m "$_c" && _matching="$_matching $_v"
	done
	if [ "$_matching" != " $_win" ]; then
		[ -z "$_matching" ] && mixed=$((mixed + 1))
		[ -n "$_matching" ] && wrongwinner=$((wrongwinner + 1))
		t_diag "$_pf: state matches [${_matching# }], last committed was $_win"
		sim_state "$_pf" 2>/dev/null | grep -E 'numvfs|lmem_quota|exec_quantum' |
			head -n 12 | sed 's/^/#   /'
	fi
	rm -f $W/round.$_pf
}

r=1
while [ $r -le $ROUNDS ]; do
	round "$SIM_PF" K1 K2 K3 K4
	check_round "$SIM_PF" sim_matches sim K1 K2 K3 K4
	r=$((r + 1))
done
t_diag "phase 1: $ROUNDS rounds of 4 parallel appliers on $SIM_PF, $(since "$T0")s"
r=1
while [ $r -le $PCI_ROUNDS ]; do
	round "$SIM_PF" K2 K4 &
	rp=$!
	round "$PCI_PF" P1 P2
	wait $rp
	check_round "$SIM_PF" sim_matches sim K2 K4
	check_round "$PCI_PF" pci_matches pci P1 P2
	r=$((r + 1))
done
t_diag "phase 2: $PCI_ROUNDS rounds of 2+2 appliers on both PFs, $(since "$T0")s"
touch $W/stop
wait_readers() {
	for _r in pfdump vfdump pcivf cfs; do
		[ -e $W/$_r.count ] || return 1
	done
}
wait_for_file=0
while ! wait_readers && [ $wait_for_file -lt 100 ]; do
	sleep 0.2
	wait_for_file=$((wait_for_file + 1))
done
sleep 1
kill $monpid 2>/dev/null
wait $monpid 2>/dev/null

applies=$(wc -l < $W/applies)
t_eq "no applier hung (deadlock)" 0 "$(wc -l < $W/hung)"
t_eq "every apply committed" 0 "$(wc -l < $W/failed)"
t_eq "no mixed state: the state always equals one requested config" 0 "$mixed"
t_eq "the state is the config with the highest committed generation" 0 "$wrongwinner"
t_eq "generations within a round are distinct" 0 "$gendup"
t_eq "generations grow from round to round" 0 "$genback"
gen_sim=$(vfnl pf-get "$SIM_PF" | kv gen)
gen_pci=$(vfnl pf-get "$PCI_PF" | kv gen)
t_eq "sim PF generation grew by its number of commits" \
	$((gen_sim0 + commits_sim)) "$gen_sim"
t_eq "pci PF generation grew by its number of commits" \
	$((gen_pci0 + commits_pci)) "$gen_pci"
# events: committed gens strictly increasing per PF
for pf in "$SIM_PF" "$PCI_PF"; do
	grep "^event=committed pf=$pf " $W/events | tr ' ' '\n' |
		sed -n 's/^gen=//p' > $W/evgens
	n=$(wc -l < $W/evgens)
	inc=$(awk 'NR > 1 && $1 <= p { bad++ } { p = $1 } END { print bad + 0 }' $W/evgens)
	t_eq "$pf: committed events strictly increasing ($n events)" 0 "$inc"
	# +1: the reset before the rounds
	t_eq "$pf: one committed event per commit" \
		"$(($([ "$pf" = "$SIM_PF" ] && echo $commits_sim || echo $commits_pci) + 1))" "$n"
done
reads=0
for rd in pfdump vfdump pcivf cfs; do
	set -- $(cat $W/$rd.count 2>/dev/null || echo "0 -1")
	reads=$((reads + $1))
	t_eq "reader $rd: no failed read ($1 reads)" 0 "$2"
	[ "$2" != 0 ] && [ -e $W/$rd.lastfail ] && sed 's/^/#   /' $W/$rd.lastfail | head -n 5
done
t_diag "$applies applies ($commits_sim commits on the sim PF, $commits_pci on the pci PF), $reads reads, in $(since "$T0")s"
rmdir "$C/$SIM_PF" 2>/dev/null
vfnl reset "$SIM_PF" >/dev/null
vfnl reset "$PCI_PF" >/dev/null
t_ok "rmmod vfprov" rmmod vfprov
t_done
