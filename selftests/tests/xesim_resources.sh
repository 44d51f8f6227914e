#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xe's resource rules on debugfs (XE_SRIOV_ABI.md "Resources"): per-GT
# contexts and doorbells with EDQUOT/EINVAL/EOVERFLOW, GGTT spare minimum
# and ENOSPC, VRAM rounding, and a resize that frees first: a failed
# resize leaves 0.
. "${0%/*}/../lib/xesim.sh"

xesim_up
V=$SR/vf1/tile0
W=$SR/vf2/tile0
xw $V/gt1/contexts_quota 1000
t_eq "contexts are per GT: gt0 untouched" 0 "$(cat $V/gt0/contexts_quota)"
t_eq "contexts highest IDs first" "VF1:	64535-65534	(1000)" "$(cat $SR/pf/tile0/gt1/contexts_provisioned)"
t_err "contexts above 65535 EINVAL" EINVAL $V/gt0/contexts_quota 65536
t_err "contexts too large for the field EOVERFLOW" EOVERFLOW $V/gt0/contexts_quota 0x100000000
t_err "contexts used+n+spare > total EDQUOT" EDQUOT $W/gt1/contexts_quota 64280
xw $W/gt1/contexts_quota 64279
t_err "doorbells above 256 EINVAL" EINVAL $V/gt0/doorbells_quota 257
xw $V/gt0/doorbells_quota 200
t_err "doorbells EDQUOT" EDQUOT $W/gt0/doorbells_quota 57
xw $W/gt0/doorbells_quota 56
t_eq "doorbells independent on gt1" 0 "$(cat $V/gt1/doorbells_quota)"
t_err "contexts_spare below 256 EINVAL" EINVAL $SR/pf/tile0/gt0/contexts_spare 255
t_err "ggtt_spare below 64 MiB EINVAL" EINVAL $SR/pf/tile0/ggtt_spare 0x100000
xw $SR/pf/tile0/ggtt_spare 0
t_eq "ggtt_spare 0 means the minimum" 67108864 "$(cat $SR/pf/tile0/ggtt_spare)"
xw $V/ggtt_quota 0xC0000000
t_err "GGTT without a hole ENOSPC" ENOSPC $W/ggtt_quota 0x48000000
xw $V/ggtt_quota 0x1001
t_eq "GGTT rounded up to 4 KiB on bmg" 8192 "$(cat $V/ggtt_quota)"
xw $V/vram_quota 0x200001
t_eq "debugfs VRAM rounded up to 2 MiB" 4194304 "$(cat $V/vram_quota)"
t_err "VRAM above what is free ENOSPC" ENOSPC $W/vram_quota 0x800000000

# resize: push 0, free, reserve, push; the second push fails
xw $W/gt1/contexts_quota 0
echo 2 > $KNOB/guc_fail_nth
t_err "resize whose new push fails" EIO $V/gt1/contexts_quota 2000
t_eq "a failed resize leaves 0" 0 "$(cat $V/gt1/contexts_quota)"
echo 1 > $KNOB/guc_fail_nth
t_err "resize whose 0 push fails" EIO $V/gt0/doorbells_quota 10
t_eq "a refused first push keeps the old value" 200 "$(cat $V/gt0/doorbells_quota)"
xw $V/gt1/contexts_quota 64000
t_eq "freed IDs reusable after release" 64000 "$(cat $V/gt1/contexts_quota)"
echo 1 > $KNOB/guc_fail_nth
t_err "GGTT resize failure" EIO $V/ggtt_quota 0x2000
xw $V/ggtt_quota 0x1000

xesim_up platform=atsm
xw $SR/vf1/tile0/ggtt_quota 1
t_eq "GGTT rounded up to 64 KiB on atsm" 65536 "$(cat $SR/vf1/tile0/ggtt_quota)"
xesim_down
t_done
