/* SPDX-License-Identifier: GPL-2.0 */
/* Inside `vfctl check`: shared by check.c and check_xe.c. */
#ifndef VFCTL_CHECK_INT_H
#define VFCTL_CHECK_INT_H

#include <stdbool.h>

#include "check.h"

/* Add an item; @fix may be NULL. detail is printf-formatted. */
void check_add(struct check_report *rep, const char *name, enum check_status st,
	       const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void check_gpu_gens(struct check_report *rep);
void check_xe(struct check_report *rep);
bool xe_force_probe_allows(const char *list, unsigned int device);

#endif
