# SPDX-License-Identifier: GPL-2.0
# Turn framed TAP ("# BEGIN name" ... "# END name rc=N") into one status line
# per program and a closing "N passed, N failed[, N skipped]" line.
#
# A program fails as a whole (counted once more) when it exits non-zero
# without reporting a failing case, when its plan does not match what it
# printed, when it printed no test at all, or when it never ended (hang,
# panic). With -v require_done=1 the input must carry "# VM-DONE".
#
# Exit status: 0 when nothing failed.

function finish(name, rc,    why) {
	why = ""
	if (rc == "")
		why = "did not finish (hang, timeout or guest crash)"
	else if (ran == 0)
		why = "ran no test (rc=" rc ")"
	else if (plan != ran)
		why = "plan 1.." plan " but " ran " results (rc=" rc ")"
	else if (rc != 0 && failed == 0)
		why = "exited with rc=" rc " without a failing case"
	if (why != "") {
		extra++
		printf "FAIL %-28s %s\n", name, why
	} else if (failed) {
		printf "FAIL %-28s %d of %d failed\n", name, failed, ran
	} else {
		printf "PASS %-28s %d tests%s\n", name, ran,
			skipped ? " (" skipped " skipped)" : ""
	}
	total_pass += ran - failed - skipped
	total_fail += failed
	total_skip += skipped
	inprog = 0
}

BEGIN { inprog = 0; done = 0 }
{ sub(/\r$/, "") }
/^# BEGIN / {
	if (inprog)
		finish(cur, "")
	cur = $3; inprog = 1; ran = 0; failed = 0; skipped = 0; plan = -1
	next
}
/^# END / {
	rc = $0
	sub(/.*rc=/, "", rc)
	if (inprog)
		finish(cur, rc + 0)
	next
}
/^# VM-DONE/ { done = 1; next }
inprog && /^ok [0-9]+/ {
	ran++
	if ($0 ~ /# *[Ss][Kk][Ii][Pp]/)
		skipped++
	next
}
inprog && /^not ok [0-9]+/ {
	ran++
	if ($0 ~ /# *TODO/)
		next
	failed++
	print "  " $0
	next
}
inprog && /^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; next }
inprog && /^#   / && failed { print "  " $0 }
END {
	if (inprog)
		finish(cur, "")
	if (require_done && !done) {
		extra++
		print "FAIL guest                         did not reach the end of its run"
	}
	total_fail += extra
	printf "%d passed, %d failed", total_pass, total_fail
	if (total_skip)
		printf ", %d skipped", total_skip
	printf "\n"
	exit total_fail ? 1 : 0
}
