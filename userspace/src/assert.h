/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_ASSERT_H
#define VFCTL_ASSERT_H

#include <stddef.h>

#include "vfctl.h"

struct diff {
	char pf[VFPROV_ADDR_LEN];
	uint32_t vf;			/* 0: a PF field */
	char field[32];
	char want[32];
	char have[32];			/* "-": not reported */
};

struct diffs {
	int n, cap;
	struct diff *d;
};

/*
 * Append to @out every field @want sets that @have (the live state, see
 * export_live_req()) does not match. @want is a resolved request (profile
 * and "every VF" keys expanded). Planner weights are not state: skipped.
 * Returns the number of differences added, -1 on allocation failure.
 */
int assert_compare(const char *pf, const struct vf_req *want,
		   const struct vf_req *have, struct diffs *out);
/* A PF the file names that the host does not have. */
int assert_missing(const char *pf, struct diffs *out);
void diffs_free(struct diffs *d);

#endif
