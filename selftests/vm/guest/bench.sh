#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of `make bench`: apply latency of vfprov (through vfctl)
# against the floor (bench/floor.c) and the hand procedure (bench/hand.sh),
# rollback, `vfctl show --json` (idle and during a slow apply), growth with
# the VF count, module memory.
# See docs/benchmarks.md. All runs: same boot, same PF (atsm_sim on
# $SIM_PF), methods alternating inside every repetition, each repetition
# from a reset PF (reset not timed). Times: CLOCK_MONOTONIC around
# fork/exec/wait of the command (bench/tns).
#
# Never judges speed by failing: targets print PASS/MISS. It fails
# ("# bench: FAILED", the host's make fails) only when a measurement fails:
# an apply or reset error, an end state that differs between the methods,
# a rollback that did not restore the PF.
#
# Kernel command line: vfprov.reps=R (default 5), vfprov.bench_vfs="1 8 31",
# vfprov.rt_vfs="8" (the counts measured again with realistic timing).

. /selftests/lib/core.sh

B=/selftests/bench
W=/tmp/bench
mkdir -p $W
export PATH=$B:$PATH
REPS=5
VFS="1 8 31"
RT_VFS="8"
for arg in $(cat /proc/cmdline); do
	case $arg in
	vfprov.rt_vfs=*) RT_VFS=$(echo "${arg#*=}" | tr , ' ') ;;
	vfprov.reps=*) REPS=${arg#*=} ;;
	vfprov.bench_vfs=*) VFS=$(echo "${arg#*=}" | tr , ' ') ;;
	vfprov.hw_reps=*) HW_REPS=${arg#*=} ;;
	vfprov.bench_only=*) ONLY=${arg#*=} ;;
	esac
done
HW_REPS=${HW_REPS:-$REPS}

failed=0
fail() {
	echo "bench: MEASUREMENT FAILED: $*"
	failed=1
}
die() {
	fail "$@"
	echo "# bench: FAILED"
	exit 1
}

# ---- the configuration per VF count -----------------------------------
# Flex 170 rows of XPU Manager's vgpu.conf for 1 and 8 VFs; 31 VFs has no
# row: the smallest VF of vfprov's own fair share for 31 VFs (vfnl plan,
# read at start), written as explicit quotas for every VF, contexts 1024 as
# in the profiles. Scheduling: Flexible_30fps (XPU
# Manager's default): PF EQ 20 ms / PT 20000 us, VF EQ max(32/N,1),
# VF PT 128000 for N=1 else max(64000/N, 16000).
conf() { # N -> sets LMEM GGTT CTX DB EQ PT
	case $1 in
	1) LMEM=16777216000 GGTT=4026531840 DB=240 ;;
	2) LMEM=8388608000 GGTT=2013265920 DB=120 ;;
	4) LMEM=4194304000 GGTT=1006632960 DB=60 ;;
	8) LMEM=2097152000 GGTT=503316480 DB=30 ;;
	16) LMEM=1048576000 GGTT=251658240 DB=15 ;;
	31) LMEM=$FAIR_LMEM GGTT=$FAIR_GGTT DB=$FAIR_DB ;;
	*) die "no configuration for $1 VFs" ;;
	esac
	CTX=1024
	EQ=$((32 / $1))
	[ $EQ -ge 1 ] || EQ=1
	if [ "$1" = 1 ]; then
		PT=128000
	else
		PT=$((64000 / $1))
		[ $PT -ge 16000 ] || PT=16000
	fi
}
PF_EQ=20
PF_PT=20000

# ---- the three ways to the same end state ------------------------------
run_apply() { # N
	tns -q vfctl apply "$SIM_PF" --vfs "$1" --lmem $LMEM --ggtt $GGTT \
		--contexts $CTX --doorbells $DB --exec-quantum $EQ \
		--preempt-timeout $PT --set pf.exec_quantum_ms=$PF_EQ \
		--set pf.preempt_timeout_us=$PF_PT --driver vfio-pci
}
run_floor() {
	tns floor "$IOV" "$SIM_PF" "$1" $LMEM $GGTT $CTX $DB $EQ $PT \
		$PF_EQ $PF_PT
}
run_hand() {
	tns sh $B/hand.sh "$SIM_PF" "$1" $LMEM $GGTT $CTX $DB $EQ $PT \
		$PF_EQ $PF_PT
}
run_show() {
	tns -q vfctl show --json "$SIM_PF"
}

# Elapsed ns of a tns line; empty when the command failed (rc != 0, or
# rc != $2 when given).
ns_of() { # OUTPUT [EXPECTED_RC]
	echo "$1" | awk -v want="${2:-0}" '
		$1 == "tns" { split($2, a, "="); split($3, b, "=")
			if (b[2] == want) print a[2]; else print "rc=" b[2] }'
}

# Record one figure: method N ns
rec() {
	echo "$3" >> "$W/$1.$2"
}

# Reset (not timed) and make sure the PF is really back at the start.
reset_pf() {
	out=$(vfctl reset "$SIM_PF" 2>&1) || die "vfctl reset: $out"
	# A reset releases the VFs but keeps the PF's scheduling: start every
	# run with PF EQ/PT 0 too, so each method has to write them.
	echo 0 > "$IOV/pf/gt/exec_quantum_ms"
	echo 0 > "$IOV/pf/gt/preempt_timeout_us"
	st=$(sim_state "$SIM_PF")
	if [ -n "$BASE" ] && [ "$st" != "$BASE" ]; then
		echo "$BASE" > $W/base.state
		echo "$st" > $W/now.state
		diff $W/base.state $W/now.state | head -n 20 | sed 's/^/#   /'
		die "reset did not bring the PF back to its start state"
	fi
}

writes() { cat "$DBG/writes"; }

# One timed method run from a reset PF; checks the end state against the
# first method's end state for this N (they must all build the same PF).
measure() { # method N
	reset_pf
	w0=$(writes)
	out=$(run_$1 "$2" 2>&1)
	ns=$(ns_of "$out")
	case $ns in
	'' | rc=*) die "$1 of $2 VFs failed ($ns): $(echo "$out" | head -n 5)" ;;
	esac
	w1=$(writes)
	rec "$1" "$2" "$ns"
	echo "$((w1 - w0))" > "$W/$1.$2.writes"
	st=$(sim_state "$SIM_PF")
	if [ ! -f "$W/end.$2" ]; then
		echo "$st" > "$W/end.$2"
	elif [ "$st" != "$(cat "$W/end.$2")" ]; then
		echo "$st" > $W/now.state
		diff "$W/end.$2" $W/now.state | head -n 20 | sed 's/^/#   /'
		die "$1 of $2 VFs ended in a different state than the others"
	fi
	if [ "$1" = apply ]; then
		out=$(run_show 2>&1)
		ns=$(ns_of "$out")
		case $ns in
		'' | rc=*) die "vfctl show --json failed ($ns): $out" ;;
		esac
		rec show "$2" "$ns"
		# the fixed cost of any vfctl call: exec, libnl, family lookup,
		# one PF dump
		out=$(tns -q vfctl list 2>&1)
		ns=$(ns_of "$out")
		case $ns in
		'' | rc=*) die "vfctl list failed ($ns): $out" ;;
		esac
		rec list "$2" "$ns"
	fi
}

# An apply that fails late: the enable (atsm_sim's fail_enable_errno), the
# last prelim_iov store (fail_write_nth = the stores of a good apply), or
# the very last step, the Nth VF's drivers_probe (vfprov's write hook), which
# undoes N-1 binds and the enable too.
# vfctl must exit 6 (rolled back) and the PF must be back at the start.
FI=/sys/kernel/debug/vfprov
rollback() { # kind N
	reset_pf
	case $1 in
	rb_enable) echo 5 > "$DBG/fail_enable_errno" ;;
	rb_write) cat "$W/apply.$2.writes" > "$DBG/fail_write_nth" ;;
	rb_bind) echo drivers_probe > $FI/match; echo "$2" > $FI/nth ;;
	esac
	out=$(run_apply "$2" 2>&1)
	echo 0 > "$DBG/fail_enable_errno"
	echo 0 > "$DBG/fail_write_nth"
	echo 0 > $FI/nth
	echo > $FI/match
	ns=$(ns_of "$out" 6)
	case $ns in
	'' | rc=*) die "$1 of $2 VFs: expected a rollback (exit 6), got $ns: $(echo "$out" | head -n 5)" ;;
	esac
	rec "$1" "$2" "$ns"
	st=$(sim_state "$SIM_PF")
	if [ "$st" != "$BASE" ]; then
		echo "$BASE" > $W/base.state
		echo "$st" > $W/now.state
		diff $W/base.state $W/now.state | head -n 20 | sed 's/^/#   /'
		die "$1 of $2 VFs: the rollback did not restore the PF"
	fi
}

# The floor of a rollback (bench/floor.c -r): the work of the apply that
# fails at its last bind, then the undo's disable, unbinds and writes back,
# by a plain program. "rollback (last bind) / undo floor" compares vfprov's
# whole failed-and-undone apply with it.
run_rbfloor() {
	tns floor -r "$IOV" "$SIM_PF" "$1" $LMEM $GGTT $CTX $DB $EQ $PT \
		$PF_EQ $PF_PT
}
undo_floor() { # N
	reset_pf
	out=$(run_rbfloor "$1" 2>&1)
	ns=$(ns_of "$out")
	case $ns in
	'' | rc=*) die "undo floor of $1 VFs failed ($ns): $(echo "$out" | head -n 5)" ;;
	esac
	rec rbfloor "$1" "$ns"
	st=$(sim_state "$SIM_PF")
	if [ "$st" != "$BASE" ]; then
		echo "$BASE" > $W/base.state
		echo "$st" > $W/now.state
		diff $W/base.state $W/now.state | head -n 20 | sed 's/^/#   /'
		die "undo floor of $1 VFs did not restore the PF"
	fi
}

# Apply, rollback and their floors once more with atsm_sim's realistic
# timing (time_scale 1000: LMEM clears by size, drains on free/max reads, an
# FLR per VF disabled, GGTT per 4 KiB), for the VF counts in $RT_VFS.
realistic() {
	[ -w "$DBG/time_scale" ] || { echo "  (atsm_sim has no time_scale: skipped)"; return; }
	old=$(cat "$DBG/time_scale")
	echo 1000 > "$DBG/time_scale"
	for n in $RT_VFS; do
		conf "$n"
		rm -f "$W/end.$n"
		for f in apply floor rb_bind rbfloor; do
			mv -f "$W/$f.$n" "$W/$f.$n.scaled" 2>/dev/null
		done
		measure floor "$n"
		measure apply "$n"
		rollback rb_bind "$n"
		undo_floor "$n"
		for f in apply floor rb_bind rbfloor; do
			mv -f "$W/$f.$n" "$W/rt_$f.$n"
			mv -f "$W/$f.$n.scaled" "$W/$f.$n" 2>/dev/null
		done
		echo "  $n VFs: apply $(med rt_apply "$n") floor $(med rt_floor "$n")" \
			"rollback(last bind) $(med rt_rb_bind "$n")" \
			"undo floor $(med rt_rbfloor "$n") ms"
		echo "  rollback / undo floor  $(ratio "$(med rt_rb_bind "$n")" "$(med rt_rbfloor "$n")") ($n VFs, realistic timing)"
		echo "  apply / floor  $(ratio "$(med rt_apply "$n")" "$(med rt_floor "$n")") ($n VFs, realistic timing)"
	done
	echo "$old" > "$DBG/time_scale"
}

# ---- statistics -----------------------------------------------------------
# median and min of a file of ns, in ms with 1 decimal: "MEDIAN MIN COUNT"
stats() {
	[ -s "$1" ] || { echo "- - 0"; return; }
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%.1f %.1f %d\n", m / 1e6, v[1] / 1e6, NR }'
}
med() { stats "$W/$1.$2" | cut -d' ' -f1; }

ratio() { # a b -> a/b with 2 decimals
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

target() { # name value op limit
	v=$2
	ok=$(awk -v v="$v" -v l="$4" -v op="$3" 'BEGIN {
		if (v == "-") { print "MISS"; exit }
		if (op == "<=") print (v <= l) ? "PASS" : "MISS"
		else if (op == ">=") print (v >= l) ? "PASS" : "MISS"
		else print (v > l) ? "PASS" : "MISS" }')
	printf "%-4s %-42s %8s  (target %s %s)\n" "$ok" "$1" "$v" "$3" "$4"
}

meminfo() { # KEY -> kB
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}
settle() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
	echo 3 > /proc/sys/vm/drop_caches
}
memline() { # key label
	settle
	printf "  %-34s Slab %6s kB  SUnreclaim %6s kB  VmallocUsed %6s kB\n" \
		"$2" "$(meminfo Slab)" "$(meminfo SUnreclaim)" "$(meminfo VmallocUsed)"
	echo "$1 $(meminfo SUnreclaim)" >> $W/mem
}
sunr() { awk -v l="$1" '$1 == l { print $2 }' $W/mem; }

# ---- profile: where the time of one 31-VF apply goes (function_graph) ----
TR=/sys/kernel/tracing
[ -d $TR/events ] || TR=/sys/kernel/debug/tracing
PROF_FUNCS="vfprov_nl_plan_doit vfprov_nl_apply_doit vfprov_nl_pf_get_doit
vfprov_nl_vf_dumpit vfprov_nl_pf_dumpit vfprov_txn_run vfprov_i915_snapshot
vfprov_i915_build vfprov_plan vfprov_sysfs_read vfprov_sysfs_write
vfprov_sysfs_exists vfprov_sysfs_find vfprov_vf_bind vfprov_vf_driver_now
vfprov_pci_snapshot vfprov_pf_query vfprov_vf_query pci_enable_sriov
pci_disable_sriov vfio_pci_probe"

profile() { # method N
	[ -w $TR/current_tracer ] || { echo "  (no ftrace: profile skipped)"; return; }
	reset_pf
	echo nop > $TR/current_tracer
	echo > $TR/set_ftrace_filter
	for f in $PROF_FUNCS; do
		echo "$f" >> $TR/set_ftrace_filter 2>/dev/null
	done
	echo 1 > $TR/options/funcgraph-tail 2>/dev/null
	echo 0 > $TR/options/funcgraph-irqs 2>/dev/null
	echo 32768 > $TR/buffer_size_kb
	echo > $TR/trace
	echo function_graph > $TR/current_tracer
	echo 1 > $TR/tracing_on
	w0=$(writes)
	out=$(run_$1 "$2" 2>&1)
	w1=$(writes)
	# stop first: switching the tracer would empty the buffer
	echo 0 > $TR/tracing_on
	ns=$(ns_of "$out")
	case $ns in
	'' | rc=*) die "profiled $1 of $2 VFs failed: $out" ;;
	esac
	echo "  $1 of $2 VFs under function_graph: $(awk -v n="$ns" 'BEGIN { printf "%.1f", n / 1e6 }') ms" \
		"(tracing inflates it), prelim_iov stores $((w1 - w0))"
	# Per function: calls, total and mean duration (inclusive), from the
	# lines that carry a duration: "name();" (leaf) or "} /* name */".
	awk '
	/ us +\|/ {
		d = ""; name = ""
		for (i = 1; i <= NF; i++) if ($i == "us") { d = $(i - 1); break }
		# "} /* name [mod] */" or "name [mod]();"
		if (match($0, /\/\* [a-z_0-9.]+/))
			name = substr($0, RSTART + 3, RLENGTH - 3)
		else if (match($0, /[a-z_0-9.]+( \[[a-z_0-9]+\])?\(\);/)) {
			name = substr($0, RSTART, RLENGTH)
			sub(/[ (].*/, "", name)
		}
		if (name == "" || d == "") next
		n[name]++; t[name] += d
	}
	END {
		for (f in n)
			printf "    %-26s calls %5d  total %10.1f ms  mean %9.1f us\n",
				f, n[f], t[f] / 1000, t[f] / n[f]
	}' $TR/trace | sort -k5 -n -r
	cp $TR/trace $W/trace.$1 2>/dev/null
	[ -s $W/trace.$1 ] && ! grep -q ' us ' $W/trace.$1 &&
		echo "  (trace had no durations)" && head -n 20 $W/trace.$1
	echo nop > $TR/current_tracer
	echo 1 > $TR/tracing_on
	echo > $TR/trace
	echo > $TR/set_ftrace_filter
}

# ---- run ------------------------------------------------------------------
echo "== vfprov bench: Debian $(uname -r), QEMU TCG, $(nproc) CPUs," \
	"simulated Flex 170 (atsm_sim) on $SIM_PF"
echo "   $REPS repetitions per figure, VF counts: $VFS; times in ms"

sim_up || die "atsm_sim did not bind $SIM_PF"
memline nomod "atsm_sim bound, no vfprov"
# fault_inject=1: the "last bind fails" rollback needs vfprov's write hook.
# Unarmed it costs every vfprov write one mutex and one strstr().
load_vfprov fault_inject=1 || die "vfprov.ko did not load"
[ -w /sys/kernel/debug/vfprov/nth ] || die "vfprov's fault hook is missing"
memline loaded "vfprov loaded"
vfctl list >/dev/null 2>&1 || die "vfctl list fails"
BASE=
reset_pf
BASE=$(sim_state "$SIM_PF")

# ---- planner in the VM: vfprov's fair share against what the PF offers --
# available: what the PF says VFs can get in total at reset (i915 / atsm_sim:
# ggtt_free and contexts_free already exclude the PF spare, lmem_max_quota
# = lmem_free - spare, doorbells_free - doorbells_spare). i915 auto: the
# PF's own fair share (auto_provisioning on, sriov_numvfs N), per VF.
avail() { cat "$IOV/pf/gt/available/$1"; }
planner_vm() {
	a_ggtt=$(avail ggtt_free)
	a_lmem=$(avail lmem_max_quota)
	a_ctx=$(avail contexts_free)
	a_db=$(( $(avail doorbells_free) - $(cat "$IOV/pf/gt/doorbells_spare") ))
	echo "  available at reset: ggtt $a_ggtt lmem $a_lmem contexts $a_ctx doorbells $a_db"
	# lmem%: of lmem_max_quota; real%: of what really remains for the
	# VFs' quotas once i915 has taken each VF's 256 KiB LMTT from it
	printf "  %4s %9s %9s %9s %9s %9s   %s\n" VFs ggtt% lmem% real% ctx% db% \
		"smallest VF: vfprov plan ggtt/lmem vs i915 auto ggtt/lmem (MiB)"
	for n in 1 2 4 8 16 31; do
		pl=$(vfnl plan "$SIM_PF" num=$n) || die "vfnl plan num=$n: $pl"
		echo "$pl" | grep -q '^plan.vf=' || die "vfnl plan num=$n: no plan: $pl"
		# i915's own auto fair share for n VFs (not timed)
		echo "$n" > "$DEV/$SIM_PF/sriov_numvfs" || die "auto enable of $n VFs"
		ag=$(vfq 1 ggtt_quota); al=$(vfq 1 lmem_quota)
		echo 0 > "$DEV/$SIM_PF/sriov_numvfs"
		echo "$pl" | grep '^plan.vf=' | tr ' ' '\n' | awk -F= \
			-v n=$n -v ag=$a_ggtt -v al=$a_lmem -v ac=$a_ctx -v ad=$a_db \
			-v ig=$ag -v il=$al -v planfile=$W/plan.$n '
			$1 == "ggtt" { g += $2; if (!g1 || $2 < g1) g1 = $2 }
			$1 == "lmem" { l += $2; if (!l1 || $2 < l1) l1 = $2 }
			$1 == "ctx" { c += $2 }
			$1 == "db" { d += $2; if (!d1 || $2 < d1) d1 = $2 }
			END {
				real = al - n * 262144
				printf "  %4d %8.3f%% %8.3f%% %8.3f%% %8.3f%% %8.3f%%   %.2f/%.2f vs %.2f/%.2f\n",
					n, 100 * g / ag, 100 * l / al, 100 * l / real,
					100 * c / ac, 100 * d / ad,
					g1 / 1048576, l1 / 1048576, ig / 1048576, il / 1048576
				printf "%d %d %d\n", g1, l1, d1 > planfile
				printf "%f %f\n", 100 * g / ag, 100 * l / real >> "/tmp/bench/util"
				if (l1 > il && n > 1) printf "%d\n", n >> "/tmp/bench/above_auto"
			}'
		reset_pf
	done
	read FAIR_GGTT FAIR_LMEM FAIR_DB < $W/plan.31
	awk '{ if (!g || $1 < g) g = $1; if (!l || $2 < l) l = $2 }
	     END { printf "%.3f\n", g > "/tmp/bench/util.min"
		   printf "%.3f\n", l > "/tmp/bench/util.lmem" }' $W/util
	echo "  lowest utilisation of vfprov's fair share: ggtt $(cat $W/util.min)%," \
		"lmem $(cat $W/util.lmem)% of what really remains"
	[ -s $W/above_auto ] && fail "vfprov's plan above i915's auto share for: $(cat $W/above_auto | tr '\n' ' ')"
}
echo
echo "== planner in the VM (fair share, no explicit quotas)"
planner_vm
echo

# vfprov.bench_only=hostwide: only the host-wide section (issue 20)
. /selftests/bench_hostwide.sh
if [ "${ONLY:-}" = hostwide ]; then
	echo "== host-wide apply: 4 PFs x 31 VFs in one file"
	hostwide_bench
	rmmod vfprov 2>/dev/null
	echo "== bench finished"
	[ $failed = 0 ] && echo "# bench: ok" || echo "# bench: FAILED"
	exit 0
fi

# Warm-up, not recorded: first exec of every binary, first probe paths.
conf 1
for m in apply floor hand; do
	reset_pf
	run_$m 1 >/dev/null 2>&1 || die "warm-up $m failed"
done
rm -f $W/end.1

for n in $VFS; do
	conf "$n"
	echo "-- $n VFs: lmem $LMEM ggtt $GGTT contexts $CTX doorbells $DB" \
		"EQ $EQ PT $PT (PF $PF_EQ/$PF_PT), vfio-pci"
	rep=1
	while [ $rep -le "$REPS" ]; do
		# alternate the order too, so no method always runs first
		case $((rep % 3)) in
		1) order="apply floor hand" ;;
		2) order="floor hand apply" ;;
		0) order="hand apply floor" ;;
		esac
		for m in $order; do
			measure "$m" "$n"
		done
		rollback rb_enable "$n"
		rollback rb_write "$n"
		rollback rb_bind "$n"
		undo_floor "$n"
		echo "   rep $rep: apply $(tail -n 1 $W/apply.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"floor $(tail -n 1 $W/floor.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"hand $(tail -n 1 $W/hand.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"rollback(enable) $(tail -n 1 $W/rb_enable.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"rollback(last write) $(tail -n 1 $W/rb_write.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"rollback(last bind) $(tail -n 1 $W/rb_bind.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"undo floor $(tail -n 1 $W/rbfloor.$n | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"show $(tail -n 1 $W/show.$n | awk '{ printf "%.1f", $1 / 1e6 }')"
		rep=$((rep + 1))
	done
done

# ---- queries during a slow apply ------------------------------------------
# `vfctl show` while a 31-VF apply sits in sriov_configure for 3 s with the
# PF's device lock held (atsm_sim configure_delay_ms; i915 holds it that
# long). Queries never wait for a transaction: shows are taken back to back
# for the whole apply, and the slowest counts.
show_during_apply() {
	conf 31
	reset_pf
	echo 3000 > "$DBG/configure_delay_ms"
	run_apply 31 > $W/slow_apply.out 2>&1 &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		out=$(run_show 2>&1)
		ns=$(ns_of "$out")
		case $ns in
		'' | rc=*) die "vfctl show during an apply failed ($ns): $out" ;;
		esac
		rec show_busy all "$ns"
	done
	wait $pid
	echo 0 > "$DBG/configure_delay_ms"
	ns=$(ns_of "$(cat $W/slow_apply.out)")
	case $ns in
	'' | rc=*) die "the slow apply failed: $(head -n 5 $W/slow_apply.out)" ;;
	esac
	sort -n $W/show_busy.all | tail -n 1 > $W/show_busy.max
	echo "  vfctl show during a slow 31-VF apply: $(wc -l < $W/show_busy.all) shows," \
		"slowest $(awk '{ printf "%.1f", $1 / 1e6 }' $W/show_busy.max) ms," \
		"idle median $(med show 31) ms"
}
echo
echo "== queries during a slow apply"
show_during_apply

echo
echo "== results (median / min of $REPS, ms; stores = prelim_iov writes seen by atsm_sim)"
printf "%-22s" "method"
for n in $VFS; do printf "%22s" "$n VFs"; done
echo
for m in apply floor hand rb_enable rb_write rb_bind rbfloor show list; do
	case $m in
	apply) label="vfctl apply" ;;
	floor) label="floor (C, writes only)" ;;
	hand) label="hand script (sh)" ;;
	rb_enable) label="rollback: enable fails" ;;
	rb_write) label="rollback: last write" ;;
	rb_bind) label="rollback: last bind" ;;
	rbfloor) label="undo floor (C, -r)" ;;
	show) label="vfctl show --json" ;;
	list) label="vfctl list (fixed)" ;;
	esac
	printf "%-22s" "$label"
	for n in $VFS; do
		s=$(stats $W/$m.$n)
		printf "%22s" "$(echo "$s" | awk '{ printf "%s / %s", $1, $2 }')"
	done
	echo
done
printf "%-22s" "stores apply/fl/hand"
for n in $VFS; do
	printf "%22s" "$(cat $W/apply.$n.writes)/$(cat $W/floor.$n.writes)/$(cat $W/hand.$n.writes)"
done
echo

echo
echo "== growth with the VF count (median ms per VF, between the first and last count)"
first=$(echo $VFS | awk '{ print $1 }')
last=$(echo $VFS | awk '{ print $NF }')
for m in apply floor hand rb_enable rb_bind show; do
	a=$(med $m $first); b=$(med $m $last)
	printf "  %-10s %s\n" "$m" "$(awk -v a="$a" -v b="$b" -v f="$first" -v l="$last" \
		'BEGIN { if (l > f) printf "%.2f ms per added VF (%s -> %s ms)", (b - a) / (l - f), a, b }')"
done

echo
echo "== targets ($last VFs)"
r1=$(ratio "$(med apply $last)" "$(med floor $last)")
r2=$(ratio "$(med hand $last)" "$(med apply $last)")
r3=$(ratio "$(med rb_enable $last)" "$(med apply $last)")
r3w=$(ratio "$(med rb_write $last)" "$(med apply $last)")
r3b=$(ratio "$(med rb_bind $last)" "$(med apply $last)")
r4=$(ratio "$(med rb_bind $last)" "$(med rbfloor $last)")
target "apply / floor" "$r1" "<=" 1.2
target "hand script / apply" "$r2" ">=" 3
target "rollback (enable fails) / apply" "$r3" "<=" 2
target "rollback (last write fails) / apply" "$r3w" "<=" 2
target "rollback (last bind fails) / apply" "$r3b" "<=" 2
target "show during apply / idle" \
	"$(ratio "$(awk '{ printf "%.1f", $1 / 1e6 }' $W/show_busy.max)" "$(med show 31)")" "<=" 2
target "rollback / undo floor" "$r4" "<=" 1.2
echo "rollback / undo floor  $r4"
echo
echo "== realistic timing (atsm_sim time_scale 1000; VF counts: $RT_VFS)"
realistic
target "planner utilisation % in the VM (ggtt)" "$(cat $W/util.min)" ">" 99
# lmem: the fair share leaves 128 MiB headroom and i915's PPGTT estimate
target "planner lmem % of what really remains" "$(cat $W/util.lmem)" ">" 98.5
if [ -f $B/planner.txt ]; then
	u=$(sed -n 's/^min utilisation \([0-9.]*\)%.*/\1/p' $B/planner.txt)
	target "planner utilisation % (host planner bench)" "${u:--}" ">" 99
else
	echo "MISS planner utilisation: no planner bench output shipped"
fi

echo
echo "== host-wide apply: 4 PFs x 31 VFs in one file (issue 20)"
hostwide_bench
BASE=
reset_pf
BASE=$(sim_state "$SIM_PF")

# Extra runs below record into the same files: the figures above are printed.
echo
echo "== memory"
conf 31
reset_pf
memline reset0 "vfprov loaded, PF reset"
measure apply 31
memline apply31 "after vfctl apply 31 VFs"
reset_pf
memline reset1 "after reset"
measure floor 31
memline floor31 "after floor 31 VFs"
reset_pf
memline reset2 "after reset (2)"
echo "  /proc/modules size: $(awk '$1 == "vfprov" || $1 == "atsm_sim" { printf "%s %s B  ", $1, $2 }' /proc/modules)"
a=$(sunr apply31); f=$(sunr floor31)
echo "  retained by vfprov with 31 VFs applied (SUnreclaim apply - floor): $((a - f)) kB"
echo "  vfprov.ko load (SUnreclaim): $(( $(sunr loaded) - $(sunr nomod) )) kB"

# vfprov's own heap during one 31-VF apply: kmem events in vfctl's
# context whose call site is in vfprov (or kvmalloc, which vfprov's
# transaction uses for its op list); peak = most bytes held at once,
# left = allocated and not freed when the apply returned.
heap_trace() {
	[ -d $TR/events/kmem ] || { echo "  (no kmem events: heap trace skipped)"; return; }
	reset_pf
	echo nop > $TR/current_tracer
	echo 32768 > $TR/buffer_size_kb
	echo > $TR/trace
	for e in kmalloc kmalloc_node kfree; do
		[ -d $TR/events/kmem/$e ] && echo 1 > $TR/events/kmem/$e/enable
	done
	out=$(run_apply 31 2>&1)
	for e in kmalloc kmalloc_node kfree; do
		[ -d $TR/events/kmem/$e ] && echo 0 > $TR/events/kmem/$e/enable
	done
	ns=$(ns_of "$out")
	case $ns in
	'' | rc=*) die "heap-traced apply failed: $out" ;;
	esac
	awk '
	/ kmalloc(_node)?: / && /call_site=(vfprov|kvmalloc|__kvmalloc)/ && $1 ~ /^vfctl-/ {
		p = ""; b = 0
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^ptr=/) p = substr($i, 5)
			if ($i ~ /^bytes_alloc=/) b = substr($i, 13)
		}
		if (p == "") next
		sz[p] = b; cur += b; n++; tot += b
		if (cur > peak) peak = cur
		next
	}
	/ kfree: / {
		for (i = 1; i <= NF; i++) if ($i ~ /^ptr=/) p = substr($i, 5)
		if (p in sz) { cur -= sz[p]; delete sz[p]; nf++ }
	}
	END {
		left = 0; nl = 0
		for (p in sz) { left += sz[p]; nl++ }
		printf "  vfprov heap in one 31-VF apply: %d allocations, %d bytes in total, peak %d bytes held, %d allocations (%d bytes) not freed when it returned\n", n, tot, peak, nl, left
	}' $TR/trace
	echo > $TR/trace
}
heap_trace

echo
echo "== profile (one run each, 31 VFs)"
profile apply 31
profile floor 31
reset_pf

rmmod vfprov 2>/dev/null
echo
echo "== bench finished"
if [ $failed = 0 ]; then
	echo "# bench: ok"
else
	echo "# bench: FAILED"
fi
