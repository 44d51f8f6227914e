# SPDX-License-Identifier: GPL-2.0
# Minimal TAP producer for the VM shell tests (sourced, busybox sh).
#
#   . "${0%/*}/../lib/tap.sh"
#   t_ok "desc" cmd args...          passes when cmd exits 0
#   t_err "desc" ENAME file value     write must fail with errno ENAME
#   t_eq "desc" expected actual
#   t_pass "desc" / t_fail "desc" "why"
#   t_skip "desc" "why"
#   t_done                           prints the plan, exits 1 on any failure
#
# sysw (selftests/tools/sysw.c) performs one write(2) and prints the errno
# name on failure, which the shell itself cannot report.

_t_n=0
_t_failed=0

t_pass() {
	_t_n=$((_t_n + 1))
	echo "ok $_t_n $1"
}

t_fail() {
	_t_n=$((_t_n + 1))
	_t_failed=$((_t_failed + 1))
	echo "not ok $_t_n $1"
	[ -n "$2" ] && echo "#   $2"
	return 0
}

t_skip() {
	_t_n=$((_t_n + 1))
	echo "ok $_t_n $1 # SKIP $2"
}

t_diag() {
	echo "# $*"
}

t_ok() {
	_d=$1
	shift
	if _out=$("$@" 2>&1); then
		t_pass "$_d"
	else
		t_fail "$_d" "command failed: $* -> $_out"
	fi
}

t_eq() {
	if [ "$2" = "$3" ]; then
		t_pass "$1"
	else
		t_fail "$1" "expected '$2', got '$3'"
	fi
}

# t_err DESC ENAME FILE VALUE: the write must be refused with errno ENAME.
t_err() {
	_got=$(sysw "$3" "$4")
	if [ "$_got" = "$2" ]; then
		t_pass "$1"
	else
		t_fail "$1" "write '$4' > $3: expected $2, got '${_got:-success}'"
	fi
}

t_done() {
	echo "1..$_t_n"
	[ "$_t_failed" -eq 0 ]
	exit $?
}
