# SPDX-License-Identifier: GPL-2.0
# Sourced by bench.sh (after conf() and FAIR_* are set): the host-wide
# apply of issue 20. Four simulated Flex 170 PFs (atsm_sim on SIM_PF,
# SIM_PF2 and the two 31-VF NVMe PFs run.sh adds in bench mode), 31 VFs
# each, one file. Three methods from reset PFs (reset not timed), order
# rotated per repetition:
#   host-wide   vfctl apply -f host.conf              (all four at once)
#   one by one  vfctl apply -f host.conf --sequential (PF after PF)
#   single      vfctl apply -f pfK.conf, each PF alone; the slowest of
#               the four is the reference a parallel apply cannot beat
# Every method must end in the same state on all four PFs.

# The 31-VF PFs of the guest: SIM_PF, SIM_PF2, then the other PFs with 31
# VFs (the bench-only NVMe PFs; hw_bind takes them from nvme).
hw_pfs() {
	echo "$SIM_PF $SIM_PF2"
	for d in /sys/bus/pci/devices/*; do
		a=${d##*/}
		[ "$(cat "$d/sriov_totalvfs" 2>/dev/null)" = 31 ] || continue
		case " $SIM_PF $SIM_PF2 " in *" $a "*) continue ;; esac
		echo "$a"
	done
}

hw_bind() { # PF
	d=/sys/bus/pci/devices/$1
	[ "$(basename "$(readlink "$d/driver" 2>/dev/null)")" = atsm_sim ] && return 0
	[ -e "$d/driver" ] && echo "$1" > "$d/driver/unbind"
	echo atsm_sim > "$d/driver_override"
	echo 0 > "$d/sriov_drivers_autoprobe"
	echo "$1" > /sys/bus/pci/drivers_probe
	[ "$(basename "$(readlink "$d/driver" 2>/dev/null)")" = atsm_sim ]
}

hw_section() { # PF
	cat <<EOF
[pf $1]
vfs = 31
lmem = $LMEM
ggtt = $GGTT
contexts = $CTX
doorbells = $DB
exec_quantum_ms = $EQ
preempt_timeout_us = $PT
pf.exec_quantum_ms = $PF_EQ
pf.preempt_timeout_us = $PF_PT
driver = vfio-pci

EOF
}

hw_reset() {
	for p in $HW_PFS; do
		out=$(vfctl reset "$p" --force 2>&1) || die "vfctl reset $p: $out"
		iov=$(echo /sys/bus/pci/devices/$p/drm/card*/prelim_iov)
		echo 0 > "$iov/pf/gt/exec_quantum_ms"
		echo 0 > "$iov/pf/gt/preempt_timeout_us"
	done
}

hw_state() {
	for p in $HW_PFS; do
		sim_state "$p"
	done
}

hw_time() { # NAME CMD...: one timed run from reset PFs, recorded as NAME
	_name=$1
	shift
	hw_reset
	out=$(tns -q "$@" 2>&1)
	ns=$(ns_of "$out")
	case $ns in
	'' | rc=*) die "host-wide bench: $* failed ($ns): $(echo "$out" | head -n 8)" ;;
	esac
	rec "$_name" hw "$ns"
	st=$(hw_state)
	if [ ! -f "$W/hw.end" ]; then
		echo "$st" > "$W/hw.end"
	elif [ "$st" != "$(cat "$W/hw.end")" ]; then
		echo "$st" > $W/now.state
		diff "$W/hw.end" $W/now.state | head -n 20 | sed 's/^/#   /'
		die "host-wide bench: $* ended in a different state"
	fi
}

hw_single() { # one rep of "each PF alone": records the slowest
	worst=0
	k=1
	for p in $HW_PFS; do
		hw_reset
		out=$(tns -q vfctl apply -f "$W/hw.pf$k.conf" 2>&1)
		ns=$(ns_of "$out")
		case $ns in
		'' | rc=*) die "host-wide bench: PF $p alone failed ($ns): $(echo "$out" | head -n 5)" ;;
		esac
		rec single_pf$k hw "$ns"
		[ "$ns" -gt "$worst" ] && worst=$ns
		k=$((k + 1))
	done
	rec single hw "$worst"
}

# The PCI core's share: `echo 31 > sriov_numvfs` (atsm_sim's own enable,
# auto-provisioned, no binding) on all four PFs at once against one PF
# alone. 6.1's sriov_numvfs_store() holds the global
# pci_rescan_remove_lock around sriov_configure: the enables serialise.
hw_enable_floor() {
	hw_reset
	for p in $HW_PFS; do
		[ -e "/sys/bus/pci/devices/$p/sriov_numvfs" ] || die "no sriov_numvfs on $p"
	done
	one=$1
	out=$(tns -q sh -c "echo 31 > /sys/bus/pci/devices/$one/sriov_numvfs" 2>&1)
	ns=$(ns_of "$out")
	case $ns in '' | rc=*) die "enable of $one failed: $out" ;; esac
	rec enable1 hw "$ns"
	echo 0 > "/sys/bus/pci/devices/$one/sriov_numvfs"
	cmd=
	for p in $HW_PFS; do
		cmd="$cmd echo 31 > /sys/bus/pci/devices/$p/sriov_numvfs &"
	done
	out=$(tns -q sh -c "$cmd wait" 2>&1)
	ns=$(ns_of "$out")
	case $ns in '' | rc=*) die "enable of all four failed: $out" ;; esac
	rec enable4 hw "$ns"
	for p in $HW_PFS; do
		[ "$(cat "/sys/bus/pci/devices/$p/sriov_numvfs")" = 31 ] ||
			die "enable of all four: $p has $(cat "/sys/bus/pci/devices/$p/sriov_numvfs") VFs"
		echo 0 > "/sys/bus/pci/devices/$p/sriov_numvfs"
	done
}

hostwide_bench() {
	HW_PFS=$(hw_pfs | tr '\n' ' ' | awk '{ print $1, $2, $3, $4 }')
	set -- $HW_PFS
	if [ $# -lt 4 ]; then
		fail "host-wide bench: 4 PFs with 31 VFs needed, found: $HW_PFS"
		return
	fi
	for p in $HW_PFS; do
		hw_bind "$p" || { fail "host-wide bench: atsm_sim did not bind $p"; return; }
	done
	conf 31
	: > "$W/hw.conf"
	k=1
	for p in $HW_PFS; do
		hw_section "$p" >> "$W/hw.conf"
		hw_section "$p" > "$W/hw.pf$k.conf"
		k=$((k + 1))
	done
	echo "-- 4 PFs x 31 VFs ($HW_PFS): lmem $LMEM ggtt $GGTT contexts $CTX" \
		"doorbells $DB EQ $EQ PT $PT, vfio-pci; $HW_REPS repetitions"
	rm -f "$W/hw.end"
	# warm-up, not recorded
	hw_reset
	vfctl apply -f "$W/hw.conf" >/dev/null 2>&1 || die "host-wide warm-up failed"
	rep=1
	while [ $rep -le "$HW_REPS" ]; do
		case $((rep % 3)) in
		1) order="hostwide seq single" ;;
		2) order="seq single hostwide" ;;
		0) order="single hostwide seq" ;;
		esac
		for m in $order; do
			case $m in
			hostwide) hw_time hostwide vfctl apply -f "$W/hw.conf" ;;
			seq) hw_time seq vfctl apply -f "$W/hw.conf" --sequential ;;
			single) hw_single ;;
			esac
		done
		hw_enable_floor $HW_PFS
		echo "   rep $rep: host-wide $(tail -n 1 $W/hostwide.hw | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"one by one $(tail -n 1 $W/seq.hw | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"slowest PF alone $(tail -n 1 $W/single.hw | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"enable 1 PF / 4 PFs $(tail -n 1 $W/enable1.hw | awk '{ printf "%.1f", $1 / 1e6 }')/$(tail -n 1 $W/enable4.hw | awk '{ printf "%.1f", $1 / 1e6 }')" \
			"(each: $(for k in 1 2 3 4; do tail -n 1 $W/single_pf$k.hw | awk '{ printf "%.1f ", $1 / 1e6 }'; done))"
		rep=$((rep + 1))
	done
	hw_reset
	echo "  median ms (min): host-wide $(stats $W/hostwide.hw | awk '{ print $1, "(" $2 ")" }')," \
		"one by one $(stats $W/seq.hw | awk '{ print $1, "(" $2 ")" }')," \
		"slowest PF alone $(stats $W/single.hw | awk '{ print $1, "(" $2 ")" }')"
	echo "  PCI core alone (echo 31 > sriov_numvfs, median ms): one PF $(med enable1 hw)," \
		"four PFs at once $(med enable4 hw)"
	echo "enable of 4 PFs at once / one PF  $(ratio "$(med enable4 hw)" "$(med enable1 hw)")"
	r1=$(ratio "$(med hostwide hw)" "$(med single hw)")
	r2=$(ratio "$(med hostwide hw)" "$(med seq hw)")
	echo "host-wide apply / slowest PF  $r1"
	echo "host-wide apply / one by one  $r2"
	target "host-wide apply / slowest PF" "$r1" "<=" 1.3
}
