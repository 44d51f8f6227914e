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
	echo "# END $name rc=$?"
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
report='BUG:|WARNING:|Oops|general protection|kmemleak: [0-9]+ new suspected|possible circular locking|sleeping function called|UBSAN|KASAN|list_(add|del) corruption|refcount_t:'
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
	dmesg | grep -m1 -A40 -E "$report" | sed 's/^/#   /'
fi
if [ -w /sys/kernel/debug/kmemleak ]; then
	if [ -z "$leaks" ]; then
		echo "ok 2 kmemleak reports no unreferenced object"
	else
		echo "not ok 2 kmemleak reports no unreferenced object"
		echo "$leaks" | head -n 60 | sed 's/^/#   /'
	fi
	echo "1..2"
else
	echo "1..1"
fi
echo "# END kernel_log rc=0"
