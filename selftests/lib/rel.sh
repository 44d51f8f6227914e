# SPDX-License-Identifier: GPL-2.0
# Helpers for the rel_* reliability VM tests and the fault sweeps that
# core_fault shares (sourced first, busybox sh; brings core.sh).
#
#   FI                  vfprov's fault injection debugfs dir (fault.c)
#   fi_set K V          write vfprov fault knob K
#   sim_set K V         write atsm_sim debugfs knob K
#   full_state          every prelim_iov file of $SIM_PF (PF and all VFs),
#                       sriov_numvfs, autoprobe, VF drivers, and the same
#                       PCI state of $PCI_PF
#   is_debug            true on the debug kernel (kmemleak present): tests
#                       scale their counts down there
#   since T0            seconds since T0 (an uptime reading)
#   events_start FILE   a vfnl monitor (every notification) into FILE,
#                       listening once this returns; events_stop ends it
#                       after the last notifications came in

. "${VFPROV_LIB:-${0%/*}/../lib}/core.sh"
FI=/sys/kernel/debug/vfprov

fi_set() {
	echo "$2" > "$FI/$1"
}

sim_set() {
	echo "$2" > "$DBG/$1"
}

full_state() {
	sim_state "$SIM_PF"
	echo "pci: $(pci_state "$PCI_PF")"
}

is_debug() {
	[ -e /sys/kernel/debug/kmemleak ]
}

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

since() {
	awk -v t0="$1" '{ printf "%.1f", $1 - t0 }' /proc/uptime
}

# Show how two states differ, as TAP diagnostics.
state_diff() {
	echo "$1" > /tmp/rel.a
	echo "$2" > /tmp/rel.b
	diff /tmp/rel.a /tmp/rel.b | head -n 20 | sed 's/^/#   /'
}

# ---- fault sweeps (rel_faults_*) --------------------------------------------
# Errnos injected in turn.
REL_ERRNOS="5 122 28 12"
injected=0
_rel_fresh=0

# setup PF FROM...: reset, then apply FROM ("pristine": nothing). Prints
# the generation after it.
setup() {
	_pf=$1
	shift
	_o=$(vfnl reset "$_pf") || return 1
	if [ "$1" != pristine ]; then
		_o=$(vfnl apply "$_pf" "$@") || return 1
	fi
	echo "$_o" | kv gen
}

# errno_at N: the errno of the Nth injection.
errno_at() {
	# shellcheck disable=SC2086
	set -- $REL_ERRNOS
	shift $((N % $#))
	echo "$1"
}

_rel_writes() {
	case $1 in
	sim) cat "$DBG/writes" ;;
	*) cat "$FI/writes" ;;
	esac
}

# count KIND PF "FROM" "TO": writes of a clean FROM -> TO apply. Run twice:
# the first may also set PF values (spares, scheduling) that reset keeps.
count() {
	for _i in 1 2; do
		# shellcheck disable=SC2086
		setup "$2" $3 >/dev/null || { echo 0; return; }
		_w0=$(_rel_writes "$1")
		# shellcheck disable=SC2086
		vfnl apply "$2" $4 >/dev/null || { echo 0; return; }
		_c=$(($(_rel_writes "$1") - _w0))
	done
	echo "$_c"
}

arm() { # KIND N ERRNO
	case $1 in
	sim) sim_set fail_write_errno "$3"; sim_set fail_write_nth "$2" ;;
	hook) fi_set errno "$3"; fi_set times 1; fi_set nth "$2" ;;
	esac
}

disarm() {
	sim_set fail_write_nth 0
	# vfprov's hook exists only with fault_inject=1 (core_fault has none)
	[ ! -e "$FI/nth" ] || fi_set nth 0
}

# one_fault PF STATEFN "FROM" "TO" ARMCMD...: the fault armed by ARMCMD
# hits FROM -> TO; the apply must roll back to the exact state and keep
# the generation. Sets _out, _why (empty: all good). The PF is set up to
# FROM only when the last run left it elsewhere (a rollback that works
# leaves it at FROM: that is what is checked).
one_fault() {
	_pf=$1 _st=$2 _from=$3 _to=$4
	shift 4
	_why=
	if [ "$_rel_fresh" != "$_pf $_from" ]; then
		# shellcheck disable=SC2086
		_g0=$(setup "$_pf" $_from) || { _why="setup failed"; return 1; }
		_before=$($_st)
		_rel_fresh="$_pf $_from"
	fi
	"$@"
	# shellcheck disable=SC2086
	_out=$(vfnl apply "$_pf" $_to)
	disarm
	injected=$((injected + 1))
	_res=$(echo "$_out" | kv result)
	_after=$($_st)
	if [ "$_res" != rolled_back ]; then
		# the kernel names the undo step that failed
		_why="result $_res: $(echo "$_out" | head -n 1); kernel: $(dmesg |
			grep -E 'vfprov|atsm_sim' | tail -n 4 | tr '\n' '|')"
	elif [ "$_before" != "$_after" ]; then
		_why="state differs after rollback: $(echo "$_out" | head -n 1)"
		state_diff "$_before" "$_after"
	elif [ "$(echo "$_out" | kv gen)" != "$_g0" ]; then
		_why="generation moved: $_g0 -> $(echo "$_out" | kv gen)"
	fi
	[ -n "$_why" ] && _rel_fresh=0
	[ -z "$_why" ]
}

sim_st() { sim_state "$SIM_PF"; echo "pci: $(pci_state "$PCI_PF")"; }
pci_st() { pci_state "$PCI_PF"; }

# sweep KIND PF STATEFN NAME "FROM" "TO" [STRIDE]: every write of FROM -> TO
# fails once, in turn (KIND sim: atsm_sim's prelim_iov stores; hook: every
# vfprov sysfs write, through kmod/fault.c). With STRIDE s only writes
# 1, 1+s, 1+2s, ... and the last one; the debug kernel (~5x slower) takes
# every third of those.
sweep() {
	_k=$1 _p=$2 _s=$3 _n=$4 _f=$5 _t=$6 _stride=${7:-1}
	is_debug && _stride=$((_stride * 3))
	_t0=$(uptime_s)
	_total=$(count "$_k" "$_p" "$_f" "$_t")
	_rel_fresh=0
	if [ "$_total" -lt 1 ]; then
		t_fail "$_n ($_k): a clean apply commits and writes" "$_total writes"
		return
	fi
	_bad=0 _wrongerr=0 _runs=0
	N=1
	while [ "$N" -le "$_total" ]; do
		_runs=$((_runs + 1))
		_e=$(errno_at)
		if ! one_fault "$_p" "$_s" "$_f" "$_t" arm "$_k" "$N" "$_e"; then
			_bad=$((_bad + 1))
			t_diag "$_n ($_k): write $N/$_total failing ($_e): $_why"
		elif [ "$(echo "$_out" | kv errno)" != "-$_e" ]; then
			_wrongerr=$((_wrongerr + 1))
			t_diag "$_n ($_k): write $N: reported $(echo "$_out" | kv errno), injected -$_e"
		fi
		if [ "$N" -lt "$_total" ] && [ $((N + _stride)) -gt "$_total" ]; then
			N=$_total
		else
			N=$((N + _stride))
		fi
	done
	if [ "$_stride" = 1 ]; then
		t_diag "$_n ($_k): $_total writes, each failed once, in $(since "$_t0")s"
	else
		t_diag "$_n ($_k): $_total writes, $_runs of them failed once (stride $_stride, and the last), in $(since "$_t0")s"
	fi
	t_eq "$_n ($_k): all $_runs faults rolled back to the exact previous state" 0 "$_bad"
	t_eq "$_n ($_k): each reply names the injected errno" 0 "$_wrongerr"
	# N = total + 1: the fault is never reached, the apply commits.
	# shellcheck disable=SC2086
	setup "$_p" $_f >/dev/null
	arm "$_k" $((_total + 1)) 5
	# shellcheck disable=SC2086
	_r=$(vfnl apply "$_p" $_t | kv result)
	disarm
	_rel_fresh=0
	t_eq "$_n ($_k): fault armed past the last write: committed" committed "$_r"
}

# The configurations the fault tests move between (atsm_sim PF).
CFG_A="num=2 drv=vfio vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
CFG_B="num=3 drv=vfio lmem_spare=268435456 vf2.lmem=2147483648 vf3.ggtt=268435456 vf3.db=16 eq=20 pt=20000 idle=1 vf1.eq=5 vf1.thr_cat=3 vf3.thr_h2g=500 er=1 sp=10"
CFG_C="num=2 drv=none vf1.lmem=536870912 vf2.ctx=2048 eq=30"

# rel_faults_start: atsm_sim + vfprov with fault injection, and an event
# listener into $EV; rel_faults_end stops it and unloads.
events_start() {
	vfnl monitor 100000 3000 > "$1" &
	_events_pid=$!
	sleep 1
}

events_stop() {
	sleep 1
	kill "$_events_pid" 2>/dev/null
	wait "$_events_pid" 2>/dev/null
}

rel_faults_start() {
	t_start "atsm_sim bound to $SIM_PF" sim_up
	t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
	t_start "vfprov fault injection in $FI" test -d "$FI"
	T0=$(uptime_s)
	EV=/tmp/rel.events
	events_start "$EV"
}

rel_faults_end() {
	events_stop
	t_diag "$injected faults injected in $(since "$T0")s; events:" \
		"$(grep -c '^event=rolled_back' "$EV") rolled_back," \
		"$(grep -c '^event=degraded' "$EV") degraded," \
		"$(grep -c '^event=committed' "$EV") committed"
	vfnl reset "$SIM_PF" >/dev/null
	vfnl reset "$PCI_PF" >/dev/null
	t_ok "rmmod vfprov" rmmod vfprov
}
