// SPDX-License-Identifier: GPL-2.0
/*
 * Before plan/apply sends thresholds, policies or a priority: does the PF's
 * driver have them (pf-get caps)? The kernel refuses them too (EOPNOTSUPP
 * naming the field); asking first lets vfctl name every key at fault.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

int caps_refusal(struct vfnl *nl, const char *addr, const struct vf_req *req,
		 struct vf_result *res)
{
	struct pf_state *pf;
	struct vf_result r = { 0 };
	char err[VFPROV_MSG_LEN];
	int rc = 0;

	/* nothing caps-dependent asked: no pf-get */
	if (!req_caps_check(req, 0, err, sizeof(err)))
		return 0;
	pf = calloc(1, sizeof(*pf));
	/* an old kernel without caps: it refuses what it does not know */
	if (!pf || vfnl_pf_get(nl, addr, pf, &r) || !pf->have_caps)
		goto out;
	if (req_caps_check(req, pf->caps, err, sizeof(err))) {
		res->nl_err = -EOPNOTSUPP;
		snprintf(res->message, sizeof(res->message), "%s", err);
		rc = -EOPNOTSUPP;
	}
out:
	free(pf);
	return rc;
}
