/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection for the reliability tests: make the Nth sysfs write of
 * vfprov fail. Off unless the module is loaded with fault_inject=1.
 */
#ifndef _VFPROV_FAULT_H
#define _VFPROV_FAULT_H

#include <linux/types.h>

void vfprov_fault_init(void);
void vfprov_fault_exit(void);
/* 0, or the injected negative errno for this write of @path. */
int vfprov_fault_write(const char *path);
/* 0, or -ENOENT for a read of @path that read_match names. */
int vfprov_fault_read(const char *path);
/* true: fail this allocation that starts a transaction (alloc_fail). */
bool vfprov_fault_alloc(void);

#endif /* _VFPROV_FAULT_H */
