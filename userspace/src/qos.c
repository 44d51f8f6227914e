// SPDX-License-Identifier: GPL-2.0
/* Scheduling sanity of a request (see qos.h). Pure: no netlink, no host. */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "qos.h"

int qos_unlimited_vfs(const struct vf_req *r, char *list, size_t len)
{
	uint32_t i, n = r->num_vfs < VFPROV_MAX_VFS ? r->num_vfs : VFPROV_MAX_VFS;
	int hits = 0;

	list[0] = 0;
	for (i = 0; i < n; i++) {
		const struct vf_cfg *v = &r->vf[i];

		if (!(v->set & VF_SET_EQ) || v->eq)
			continue;
		str_append(list, len, "%s%u", hits ? ", " : "", i + 1);
		hits++;
	}
	return hits;
}

bool qos_eq0_warning(const char *addr, const struct vf_req *r, char *buf,
		     size_t len)
{
	char list[4 * VFPROV_MAX_VFS];
	int n = qos_unlimited_vfs(r, list, sizeof(list));

	buf[0] = 0;
	if (n < 2)
		return false;
	snprintf(buf, len,
		 "vfctl: %s: warning: %d VFs (%s) get unlimited time slices (exec quantum 0): "
		 "a busy one keeps the GPU until it yields and starves the others; "
		 "fix: give each VF an exec quantum (--sched flexible_30fps, see `vfctl profiles`, "
		 "or exec_quantum_ms = N > 0)",
		 addr, n, list);
	return true;
}

void qos_warn(const char *addr, const struct vf_req *r)
{
	char msg[1024];

	if (qos_eq0_warning(addr, r, msg, sizeof(msg)))
		fprintf(stderr, "%s\n", msg);
}
