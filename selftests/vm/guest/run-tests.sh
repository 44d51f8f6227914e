#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-tests.sh [FILTER]: run every guest test whose name contains FILTER.
# Each test is a TAP producer; it is framed for the host parser and killed
# after VFPROV_TEST_TIMEOUT seconds (a hang is a failure, not a skip).

filter=$1
timeout=${VFPROV_TEST_TIMEOUT:-180}

for t in /selftests/tests/*; do
	[ -x "$t" ] || [ "${t%.sh}" != "$t" ] || continue
	name=${t##*/}
	name=${name%.sh}
	case $name in
	*"$filter"*) ;;
	*) continue ;;
	esac
	echo "# BEGIN $name"
	case $t in
	*.sh) timeout -s KILL "$timeout" sh "$t" ;;
	*) timeout -s KILL "$timeout" "$t" ;;
	esac
	echo "# END $name rc=$?"
done

# The kernel's own verdict on everything above.
echo "# BEGIN kernel_log"
bad=$(dmesg | grep -E 'BUG:|WARNING:|Oops|general protection|kmemleak|possible circular locking|sleeping function called|UBSAN|KASAN|list_(add|del) corruption|refcount_t:')
if [ -z "$bad" ]; then
	echo "ok 1 kernel log has no BUG, WARNING, lockdep, KASAN or leak report"
else
	echo "not ok 1 kernel log has no BUG, WARNING, lockdep, KASAN or leak report"
	echo "$bad" | sed 's/^/#   /'
fi
echo "1..1"
echo "# END kernel_log rc=0"
