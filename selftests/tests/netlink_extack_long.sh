#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A refusal whose reason is longer than the 80 bytes of a formatted extack
# (NL_SET_ERR_MSG_FMT cut it and logged "truncated extack" for each one):
# the ack carries a short static extack message and the offending
# attribute, the reply's VFPROV_A_MESSAGE the whole reason, and the kernel
# logs nothing (the runner's log scan matches "truncated extack" too).
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF" sim_up
t_start "vfprov loaded" load_vfprov
vfnl reset "$SIM_PF" >/dev/null
dmesg -c >/dev/null

# reply_msg OUT: the reply's message (msg="..." of the result line)
reply_msg() {
	echo "$1" | sed -n 's/^result=.* msg="\(.*\)"$/\1/p'
}

# Two VFs of 8 GiB each do not fit a Flex 170's 16 GiB with its spare:
# the planner's reason names the VF, the page tables and what is left.
for cmd in plan apply; do
	out=$(vfnl "$cmd" "$SIM_PF" num=2 vf1.lmem=0x200000000 vf2.lmem=0x200000000)
	msg=$(reply_msg "$out")
	ext=$(echo "$out" | sed -n 's/^ack=.* extack="\(.*\)" bad_off=.*/\1/p')
	t_eq "$cmd: refused with EDQUOT" EDQUOT "$(echo "$out" | kv ack)"
	t_ok "$cmd: the reply's reason is longer than 80 bytes (${#msg})" \
		test "${#msg}" -gt 80
	t_ok "$cmd: ...and whole (ends with what is left)" \
		sh -c "echo '$msg' | grep -q 'left'"
	t_eq "$cmd: the extack is the short static message" \
		"request does not fit the PF" "$ext"
	t_ok "$cmd: the extack names an attribute" \
		test "$(echo "$out" | kv bad_off)" -gt 0
done
t_eq "no \"truncated extack\" in the kernel log" 0 \
	"$(dmesg | grep -c 'truncated extack')"
vfnl reset "$SIM_PF" >/dev/null
t_done
