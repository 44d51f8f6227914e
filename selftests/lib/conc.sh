# SPDX-License-Identifier: GPL-2.0
# The engine of the concurrency tests (rel_concurrency, xe_concurrency;
# sourced after rel.sh, busybox sh): appliers started at once, readers
# looping meanwhile, and what a round must leave behind. A test brings two
# functions per PF: one that reads the state, one that says what the
# state must hold for a config.
#
#   conc_init DIR           work dir $W (emptied), counters at zero
#   conc_monitor_start      an events listener into $W/events
#   conc_monitor_stop
#   conc_reader NAME CMD... (start it with &) CMD in a loop until
#                           conc_readers_stop; counts good and failed runs
#   conc_readers_stop NAME... stop them, wait (bounded) for their counts
#   conc_gen0 TAG GEN       the generation of PF TAG before the rounds
#   conc_round PF VAR...    one applier per config VAR, all at once, each
#                           under a 60 s timeout (a hang is a deadlock);
#                           VAR holds vfnl apply words, or "reset"; a
#                           first word "after=SECS" delays that applier
#   conc_check_round PF STATEFN EXPECTFN TAG VAR...
#                           after a round: STATEFN PF prints the live
#                           state, one item a line; EXPECTFN CONFIG prints
#                           the lines it must contain for CONFIG. Exactly
#                           one config must match (never a mix), the one
#                           whose reply carried the highest generation;
#                           generations distinct and above the last
#                           round's. Sets CONC_WIN (the winner's VAR,
#                           empty when nothing committed), commits_TAG
#   conc_verdicts           the TAP cases of every round
#   conc_events PF N        TAP: PF's committed events strictly increasing,
#                           N of them
#   conc_reader_verdicts NAME...  TAP: no reader saw a failed read; sets
#                           conc_reads (the total)

conc_init() {
	W=$1
	rm -rf "$W"
	mkdir -p "$W"
	: > "$W/applies"
	: > "$W/hung"
	: > "$W/failed"
	mixed=0 wrongwinner=0 gendup=0 genback=0
}

conc_monitor_start() { events_start "$W/events"; }
conc_monitor_stop() { events_stop; }

conc_reader() { # NAME CMD...
	_name=$1
	shift
	_ok=0 _bad=0
	while [ ! -e "$W/stop" ]; do
		if "$@" >/dev/null 2>&1; then
			_ok=$((_ok + 1))
		else
			_bad=$((_bad + 1))
			"$@" > "$W/$_name.lastfail" 2>&1
		fi
	done
	echo "$_ok $_bad" > "$W/$_name.count"
}

_conc_counted() {
	for _r in "$@"; do
		[ -e "$W/$_r.count" ] || return 1
	done
}

conc_readers_stop() {
	touch "$W/stop"
	_i=0
	while ! _conc_counted "$@" && [ $_i -lt 100 ]; do
		sleep 0.2
		_i=$((_i + 1))
	done
}

conc_gen0() { # TAG GEN
	eval "last_gen_$1=\$2 commits_$1=0"
}

# Appends "gen VAR" to $W/round.PF for each committed reply, and a line to
# $W/applies, $W/hung (hit the timeout) or $W/failed (not committed).
# Files, because rounds on two PFs may run in subshells at once.
conc_round() {
	_pf=$1
	shift
	_pids=
	for _v in "$@"; do
		eval "_c=\$$_v"
		_after=0
		case $_c in
		after=*) _after=${_c%% *} _after=${_after#after=} _c=${_c#* } ;;
		esac
		if [ "$_c" = reset ]; then
			( sleep "$_after"
			  timeout -s KILL 60 vfnl reset "$_pf" > "$W/out.$_v" 2>&1
			  echo $? > "$W/rc.$_v" ) &
		else
			# shellcheck disable=SC2086
			( sleep "$_after"
			  timeout -s KILL 60 vfnl apply "$_pf" $_c > "$W/out.$_v" 2>&1
			  echo $? > "$W/rc.$_v" ) &
		fi
		_pids="$_pids $!"
	done
	# shellcheck disable=SC2086
	wait $_pids
	for _v in "$@"; do
		echo "$_v" >> "$W/applies"
		_rc=$(cat "$W/rc.$_v")
		if [ "$_rc" = 137 ]; then
			echo "$_v" >> "$W/hung"
			t_diag "apply $_v on $_pf hung (killed after 60 s)"
			continue
		fi
		_o=$(head -n 1 "$W/out.$_v")
		if [ "$(echo "$_o" | kv result)" != committed ]; then
			echo "$_v" >> "$W/failed"
			t_diag "apply $_v on $_pf: $_o $(tail -n 1 "$W/out.$_v")"
			continue
		fi
		echo "$(echo "$_o" | kv gen) $_v" >> "$W/round.$_pf"
	done
}

# _conc_missing CONFIG EXPECTFN: the lines EXPECTFN wants for CONFIG that
# the state read into $W/state lacks (nothing: CONFIG matches).
_conc_missing() {
	$2 "$1" > "$W/want"
	grep -vxF -f "$W/state" "$W/want"
}

conc_check_round() {
	_pf=$1 _st=$2 _ex=$3 _tag=$4
	shift 4
	CONC_WIN=
	[ -s "$W/round.$_pf" ] || return 0
	sort -n "$W/round.$_pf" > "$W/sorted"
	_n=$(wc -l < "$W/sorted")
	[ "$_n" = "$(cut -d' ' -f1 "$W/sorted" | sort -u | wc -l)" ] ||
		{ gendup=$((gendup + 1)); t_diag "$_pf: duplicate generations: $(tr '\n' ' ' < "$W/sorted")"; }
	eval "_last=\$last_gen_$_tag"
	_lo=$(head -n 1 "$W/sorted" | cut -d' ' -f1)
	_hi=$(tail -n 1 "$W/sorted" | cut -d' ' -f1)
	[ "$_lo" -gt "$_last" ] ||
		{ genback=$((genback + 1)); t_diag "$_pf: generation $_lo not above $_last"; }
	eval "last_gen_$_tag=$_hi"
	eval "commits_$_tag=\$((commits_$_tag + _n))"
	CONC_WIN=$(tail -n 1 "$W/sorted" | cut -d' ' -f2)
	$_st "$_pf" > "$W/state"
	_matching=
	for _v in "$@"; do
		eval "_c=\$$_v"
		[ -z "$(_conc_missing "$_c" "$_ex")" ] && _matching="$_matching $_v"
	done
	if [ "$_matching" != " $CONC_WIN" ]; then
		[ -z "$_matching" ] && mixed=$((mixed + 1))
		[ -n "$_matching" ] && wrongwinner=$((wrongwinner + 1))
		t_diag "$_pf: state matches [${_matching# }], last committed was $CONC_WIN"
		eval "_c=\$$CONC_WIN"
		t_diag "  what $CONC_WIN wants and the state lacks:"
		_conc_missing "$_c" "$_ex" | head -n 12 | sed 's/^/#   /'
	fi
	rm -f "$W/round.$_pf"
}

conc_verdicts() {
	t_eq "no applier hung (deadlock)" 0 "$(wc -l < "$W/hung")"
	t_eq "every apply committed" 0 "$(wc -l < "$W/failed")"
	t_eq "no mixed state: the state always equals one requested config" 0 "$mixed"
	t_eq "the state is the config with the highest committed generation" 0 "$wrongwinner"
	t_eq "generations within a round are distinct" 0 "$gendup"
	t_eq "generations grow from round to round" 0 "$genback"
}

conc_events() { # PF N
	grep "^event=committed pf=$1 " "$W/events" | tr ' ' '\n' |
		sed -n 's/^gen=//p' > "$W/evgens"
	_n=$(wc -l < "$W/evgens")
	_inc=$(awk 'NR > 1 && $1 <= p { bad++ } { p = $1 } END { print bad + 0 }' "$W/evgens")
	t_eq "$1: committed events strictly increasing ($_n events)" 0 "$_inc"
	t_eq "$1: one committed event per commit" "$2" "$_n"
}

conc_reader_verdicts() {
	conc_reads=0
	for _rd in "$@"; do
		# shellcheck disable=SC2046
		set -- $(cat "$W/$_rd.count" 2>/dev/null || echo "0 -1")
		conc_reads=$((conc_reads + $1))
		t_eq "reader $_rd: no failed read ($1 reads)" 0 "$2"
		[ "$2" != 0 ] && [ -e "$W/$_rd.lastfail" ] &&
			sed 's/^/#   /' "$W/$_rd.lastfail" | head -n 5
	done
}
