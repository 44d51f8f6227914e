# SPDX-License-Identifier: GPL-2.0
# Turn framed TAP ("# BEGIN name" ... "# END name rc=N") into one status line
# per program and a closing "N passed, N failed" line.
#
# A skipped case ("ok N ... # SKIP") is a failed one: the test VM and the
# hosts are fixed, so a test that cannot run its check is broken.
# A program fails as a whole (counted once more) when it exits non-zero
# without reporting a failing case, when its plan does not match what it
# printed, when it printed no test at all, when it never ended (hang,
# panic), or when the runner said "# RUNNER-FAIL why" inside its frame (a
# kernel report during the test, a baseline it broke). With
# -v require_done=1 the input must carry "# VM-DONE".
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
	if (why == "" && runner != "")
		why = runner
	if (why != "") {
		extra++
		printf "FAIL %-28s %s\n", name, why
	} else if (failed) {
		printf "FAIL %-28s %d of %d failed\n", name, failed, ran
	} else {
		printf "PASS %-28s %d tests\n", name, ran
	}
	total_pass += ran - failed
	total_fail += failed
	inprog = 0
}

BEGIN { inprog = 0; done = 0 }
{ sub(/\r$/, "") }
/^# BEGIN / {
	if (inprog)
		finish(cur, "")
	cur = $3; inprog = 1; ran = 0; failed = 0; plan = -1; runner = ""
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
	if ($0 ~ /# *[Ss][Kk][Ii][Pp]/) {
		failed++
		print "  " $0 " (a skip is a failure)"
	}
	next
}
inprog && /^# RUNNER-FAIL / {
	if (runner == "") {
		runner = substr($0, 15)
		if (length(runner) > 150)
			runner = substr(runner, 1, 150) "..."
	}
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
inprog && /^#   / && (failed || runner != "") { print "  " $0 }
END {
	if (inprog)
		finish(cur, "")
	if (require_done && !done) {
		extra++
		print "FAIL guest                         did not reach the end of its run"
	}
	total_fail += extra
	printf "%d passed, %d failed\n", total_pass, total_fail
	exit total_fail ? 1 : 0
}
