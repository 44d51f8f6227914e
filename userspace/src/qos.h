/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scheduling sanity of a request: exec quantum 0 is "unlimited" to the GuC
 * (its default too): a VF with it keeps the engines until it yields, so two
 * or more such VFs let one busy guest starve the others.
 */
#ifndef VFCTL_QOS_H
#define VFCTL_QOS_H

#include <stddef.h>

#include "vfctl.h"

/*
 * The VFs 1..num_vfs of @r whose exec quantum is set to 0, as "1, 2, 4"
 * into @list. Their count. Unset quanta are not counted: a request that
 * leaves one unset keeps the VF's live value.
 */
int qos_unlimited_vfs(const struct vf_req *r, char *list, size_t len);

/*
 * The warning (with its fix) for PF @addr when more than one VF of @r gets
 * unlimited time slices, into @buf ("" otherwise). Whether it warns.
 */
bool qos_eq0_warning(const char *addr, const struct vf_req *r, char *buf,
		     size_t len);

/* qos_eq0_warning() to stderr; the exit code is the caller's business. */
void qos_warn(const char *addr, const struct vf_req *r);

#endif
