# SPDX-License-Identifier: GPL-2.0
# Running a command and checking what it said (sourced after tap.sh, busybox
# sh), for the vfctl tests. The test sets $T, a scratch directory.
#
#   run CMD...            stdout in $T/out, stderr in $T/err, exit code in $rc
#   t_rc DESC WANT        the last run exited WANT; a failure shows the start
#                         of its out and err, and the end of the files
#                         $T_RC_LOG names (a glob; unset: none)
#   t_grep DESC PATTERN FILE  FILE holds PATTERN (grep -q, fixed to --)

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# The end of the logs in $T_RC_LOG, as "; log: ...", or nothing.
_t_rc_log() {
	[ -n "${T_RC_LOG:-}" ] || return 0
	# shellcheck disable=SC2086 # $T_RC_LOG is a glob
	echo "; log: $(tail -c 600 $T_RC_LOG 2>/dev/null)"
}

t_rc() {
	if [ "$rc" = "$2" ]; then
		t_pass "$1"
	else
		t_fail "$1" "exit $rc, want $2; out: $(head -c 400 "$T/out"); err: $(head -c 600 "$T/err")$(_t_rc_log)"
	fi
}

t_grep() {
	if grep -q -- "$2" "$3"; then
		t_pass "$1"
	else
		t_fail "$1" "no '$2' in $(head -c 600 "$3")"
	fi
}
