#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Granularity (I915_PRELIM_ABI.md "Granularity and limits"): GGTT 64 KiB,
# LMEM 2 MiB (round up), contexts blocks of 128, doorbells exact; the
# accounting in available/ follows the rounded sizes.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

V=$(vf 1)
g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free)
c0=$(cat $A/contexts_free); d0=$(cat $A/doorbells_free)

w $V/ggtt_quota 1
t_eq "GGTT 1 -> 64 KiB" 65536 "$(cat $V/ggtt_quota)"
w $V/ggtt_quota 65537
t_eq "GGTT 64 KiB + 1 -> 128 KiB" 131072 "$(cat $V/ggtt_quota)"
t_eq "ggtt_free dropped by the rounded size" $((g0 - 131072)) "$(cat $A/ggtt_free)"

w $V/lmem_quota 1
t_eq "LMEM 1 -> 2 MiB" 2097152 "$(cat $V/lmem_quota)"
w $V/lmem_quota 2097153
t_eq "LMEM 2 MiB + 1 -> 4 MiB" 4194304 "$(cat $V/lmem_quota)"
t_eq "lmem_free dropped by the rounded size and the LMTT" $((l0 - 4194304 - 262144)) "$(cat $A/lmem_free)"

w $V/contexts_quota 1
t_eq "contexts 1 -> 128" 128 "$(cat $V/contexts_quota)"
w $V/contexts_quota 129
t_eq "contexts 129 -> 256" 256 "$(cat $V/contexts_quota)"
t_eq "contexts_free dropped by 256" $((c0 - 256)) "$(cat $A/contexts_free)"

w $V/doorbells_quota 3
t_eq "doorbells are not rounded" 3 "$(cat $V/doorbells_quota)"
t_eq "doorbells_free dropped by 3" $((d0 - 3)) "$(cat $A/doorbells_free)"

w $G/ggtt_spare $((64 * 1048576 + 1))
t_eq "ggtt_spare rounds up to 64 KiB" $((64 * 1048576 + 65536)) "$(cat $G/ggtt_spare)"
w $G/lmem_spare $((128 * 1048576 + 1))
t_eq "lmem_spare is not rounded (as in i915)" $((128 * 1048576 + 1)) "$(cat $G/lmem_spare)"
t_eq "lmem_max_quota rounds down to 2 MiB" \
	$(( ((l0 - 4194304 - 262144 - 128 * 1048576 - 1) / 2097152) * 2097152 )) "$(cat $A/lmem_max_quota)"
w $G/lmem_spare 0
w $G/ggtt_spare 0
t_eq "spare 0 reads back as the minimum" "67108864 134217728" \
	"$(echo $(cat $G/ggtt_spare $G/lmem_spare))"

# EOVERFLOW is detected before the old allocation is released
t_err "GGTT 2^64-1 overflows rounding" EOVERFLOW $V/ggtt_quota 0xffffffffffffffff
t_eq "GGTT kept after EOVERFLOW" 131072 "$(cat $V/ggtt_quota)"
t_err "LMEM 2^64-1 overflows rounding" EOVERFLOW $V/lmem_quota 0xffffffffffffffff
t_eq "LMEM kept after EOVERFLOW" 4194304 "$(cat $V/lmem_quota)"
w $G/ggtt_spare 0xffffffffffffffff
t_eq "ggtt_spare saturates on overflow (i915: U64_MAX)" 18446744073709551615 "$(cat $G/ggtt_spare)"
t_eq "no GGTT available with that spare" "0 0" "$(echo $(cat $A/ggtt_free $A/ggtt_max_quota))"
w $G/ggtt_spare 0

w $V/ggtt_quota 0
w $V/lmem_quota 0
w $V/contexts_quota 0
w $V/doorbells_quota 0
t_eq "everything back after releasing" "$g0 $l0 $c0 $d0" \
	"$(echo $(cat $A/ggtt_free $A/lmem_free $A/contexts_free $A/doorbells_free))"

sim_down
t_done
