#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-tests.sh [FILTER]: run every guest test whose name contains FILTER.
# Each test is a TAP producer; it is framed for the host parser and killed
# after VFPROV_TEST_TIMEOUT seconds (a hang is a failure, not a skip).

filter=$1
# VFPROV_SLOW (kernel command line vfprov.slow=N) multiplies every test's
# time limit on a kernel that runs N times slower (the debug kernel).
slow=${VFPROV_SLOW:-1}
timeout=$((${VFPROV_TEST_TIMEOUT:-180} * slow))

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
pci_bad=

for t in /selftests/tests/*; do
	[ -x "$t" ] || [ "${t%.sh}" != "$t" ] || continue
	name=${t##*/}
	name=${name%.sh}
	case $name in
	*"$filter"*) ;;
	*) continue ;;
	esac
	echo "# BEGIN $name"
	# so that a kernel report can be traced to the test that caused it
	echo "vfprov-selftest: begin $name" >/dev/kmsg 2>/dev/null
	# A shell test may ask for more time with a "# timeout: SECONDS" line.
	t_max=$(sed -n 's/^# timeout: *\([0-9][0-9]*\)$/\1/p' "$t" 2>/dev/null | head -n 1)
	[ -n "$t_max" ] && t_max=$((t_max * slow))
	case $t in
	*.sh) timeout -s KILL "${t_max:-$timeout}" sh "$t" ;;
	*) timeout -s KILL "$timeout" "$t" ;;
	esac
	rc=$?
	# guest time, to match a kernel report's timestamp to a test
	echo "# $name ended at $(cut -d' ' -f1 /proc/uptime)s uptime"
	m=$(pci_mismatch)
	if [ -n "$m" ]; then
		echo "# after $name, /proc/bus/pci and sysfs differ:" $m
		pci_bad="$pci_bad $name"
	fi
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
report='BUG:|WARNING:|cannot create duplicate filename|Oops|general protection|kmemleak: [0-9]+ new suspected|possible circular locking|sleeping function called|UBSAN|KASAN|list_(add|del) corruption|refcount_t:'
bad=$(dmesg | grep -E "$report")
if [ -z "$bad" ]; then
	echo "ok 1 kernel log has no BUG, WARNING, lockdep, KASAN or leak report"
else
	echo "not ok 1 kernel log has no BUG, WARNING, lockdep, KASAN or leak report"
	echo "$bad" | sed 's/^/#   /'
	# the first report whole, and the test that was running
	echo "#   -- first report, with the test running then:"
	dmesg | grep -E "vfprov-selftest: begin|$report" | grep -m1 -B1 -E "$report" |
		head -n 1 | sed 's/^/#   /'
	# a WARN() prints its message on the lines before "WARNING:"
	dmesg | grep -m1 -B3 -A40 -E "$report" | sed 's/^/#   /'
fi
if [ -z "$pci_bad" ]; then
	echo "ok 2 /proc/bus/pci and sysfs list the same PCI devices after every test"
else
	echo "not ok 2 /proc/bus/pci and sysfs list the same PCI devices after every test"
	echo "#   they differed after:$pci_bad"
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
