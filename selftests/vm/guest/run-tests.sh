#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-tests.sh [FILTER]: run every guest test whose name contains FILTER, or
# one of FILTER's comma-separated words ("core_sim,netlink").
# Each test is a TAP producer; it is framed for the host parser and killed
# after VFPROV_TEST_TIMEOUT seconds (a hang is a failure, not a skip).

filter=$1
# VFPROV_SLOW (kernel command line vfprov.slow=N) multiplies every test's
# time limit on a kernel that runs N times slower (the debug kernel).
slow=${VFPROV_SLOW:-1}
timeout=$((${VFPROV_TEST_TIMEOUT:-180} * slow))

# selected NAME: whether FILTER (empty: every test) picks the test NAME
selected() {
	[ -n "$filter" ] || return 0
	_words=$(echo "$filter" | tr ',' ' ')
	for _w in $_words; do
		case $1 in
		*"$_w"*) return 0 ;;
		esac
	done
	return 1
}

. /selftests/lib/klog.sh
. /selftests/lib/baseline.sh
K=/tmp/klog
mkdir -p "$K"

# kmemleak (debug kernel): forget what boot left behind, so the scan at the
# end reports only what the tests leaked.
[ -w /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak

# The PCI devices seen by /proc/bus/pci and by sysfs, one address a line,
# each marked with where it is missing. The two must agree after any test:
# a device removed while half added leaves a stale /proc entry behind, and
# the next device at that address then fails to register its own.
pci_mismatch() {
	for p in /proc/bus/pci/*/*; do
		[ -f "$p" ] || continue
		b=${p%/*}
		b=${b##*/}
		case $b in *:*) ;; *) b=0000:$b ;; esac
		[ -e "/sys/bus/pci/devices/$b:${p##*/}" ] || echo "no-sysfs $b:${p##*/}"
	done
	for d in /sys/bus/pci/devices/*; do
		a=${d##*/}
		dir=${a%:*}
		dir=${dir#0000:}
		[ -e "/proc/bus/pci/$dir/${a##*:}" ] || echo "no-proc $a"
	done
}

# runner_fail WHY: the test now framed fails for WHY, whatever its own
# TAP said (tap-summary.awk counts it once).
runner_fail() {
	echo "# RUNNER-FAIL $*"
}

# after_test NAME: the checks that follow every test, inside its frame.
# The kernel log is read and cleared, so a report names the test that
# caused it; then the baseline is restored, and must be.
after_test() {
	dmesg -c > "$K/$1" 2>/dev/null
	if bad=$(klog_scan "$K/$1"); then :; else
		runner_fail "kernel log during $1: $(echo "$bad" | head -n 1)"
		echo "$bad" | head -n 20 | sed 's/^/#   /'
		echo "#   -- the first report whole:"
		klog_show "$K/$1"
	fi
	m=$(pci_mismatch)
	if [ -n "$m" ]; then
		runner_fail "after $1, /proc/bus/pci and sysfs differ:" $m
	fi
	baseline_restore > "$K/$1.restore" 2>&1
	sed 's/^\([^#]\)/# baseline: \1/' "$K/$1.restore"
	d=$(baseline_diff)
	if [ -n "$d" ]; then
		runner_fail "baseline not restored after $1:" $d
	fi
	# what the restore itself made the kernel say counts for this test too
	dmesg -c > "$K/$1.baseline" 2>/dev/null
	if bad=$(klog_scan "$K/$1.baseline"); then :; else
		runner_fail "kernel log while restoring the baseline after $1: $(echo "$bad" | head -n 1)"
		klog_show "$K/$1.baseline"
	fi
}

# The boot log is judged with the rest (kernel_log at the end); then every
# test starts from an empty log and the boot state of every PCI device.
dmesg -c > "$K/boot" 2>/dev/null
baseline_save

for t in /selftests/tests/*; do
	[ -x "$t" ] || [ "${t%.sh}" != "$t" ] || continue
	name=${t##*/}
	name=${name%.sh}
	selected "$name" || continue
	echo "# BEGIN $name"
	# so that a console report can be traced to the test that caused it
	echo "vfprov-selftest: begin $name" >/dev/kmsg 2>/dev/null
	# A shell test may ask for more time with a "# timeout: SECONDS" line.
	t_max=$(sed -n 's/^# timeout: *\([0-9][0-9]*\)$/\1/p' "$t" 2>/dev/null | head -n 1)
	[ -n "$t_max" ] && t_max=$((t_max * slow))
	case $t in
	*.sh) timeout -s KILL "${t_max:-$timeout}" sh "$t" ;;
	*) timeout -s KILL "$timeout" "$t" ;;
	esac
	rc=$?
	# guest time, to match a console report's timestamp to a test
	echo "# $name ended at $(cut -d' ' -f1 /proc/uptime)s uptime"
	after_test "$name"
	echo "# END $name rc=$rc"
done

# The kernel's own verdict on everything above. On a kmemleak kernel, scan
# twice (objects freed late are only reported once they stay unreferenced).
echo "# BEGIN kernel_log"
leaks=
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 5
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
fi
dmesg -c > "$K/end" 2>/dev/null
cat "$K/boot" "$K/end" > "$K/rest"
if bad=$(klog_scan "$K/rest"); then
	echo "ok 1 kernel log of boot and after the last test has no report"
else
	echo "not ok 1 kernel log of boot and after the last test has no report"
	echo "$bad" | head -n 20 | sed 's/^/#   /'
	klog_show "$K/rest"
fi
if [ -z "$(pci_mismatch)" ]; then
	echo "ok 2 /proc/bus/pci and sysfs list the same PCI devices at the end"
else
	echo "not ok 2 /proc/bus/pci and sysfs list the same PCI devices at the end"
	echo "#   $(pci_mismatch)"
fi
if [ -w /sys/kernel/debug/kmemleak ]; then
	if [ -z "$leaks" ]; then
		echo "ok 3 kmemleak reports no unreferenced object"
	else
		echo "not ok 3 kmemleak reports no unreferenced object"
		echo "$leaks" | head -n 60 | sed 's/^/#   /'
	fi
	echo "1..3"
else
	echo "1..2"
fi
echo "# END kernel_log rc=0"
