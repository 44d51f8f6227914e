/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_EXPORT_H
#define VFCTL_EXPORT_H

#include <stdio.h>

#include <json-c/json.h>

#include "vfctl.h"

/*
 * The input of every exporter: the PF state `vfctl show` reads (netlink)
 * plus the PCI IDs only sysfs has. Unit tests fill it by hand.
 */
struct exp_pf {
	const struct pf_state *st;
	uint16_t vendor, device;		/* the PF's IDs, 0 = unknown */
	uint16_t vf_vendor, vf_device;		/* its VFs' IDs (sriov_vf_device) */
	uint16_t vf_sub_vendor, vf_sub_device;	/* subsystem IDs of the VFs */
};

struct exp_opts {
	const char *node;	/* Proxmox node name (hostname) */
	const char *name;	/* mapping / alias / resource name, NULL = derived */
	uint32_t only_vf;	/* 0 = every VF, else VF K only (libvirt) */
};

/*
 * The live configuration of @pf as a request: what apply -f needs to
 * reproduce it (VF count, driver, spares, PF scheduling, every VF's
 * quotas and scheduling). Planner weights are not state and never appear.
 */
void export_live_req(const struct pf_state *pf, struct vf_req *out);

/* Config file text (conffile.c reads it back). */
void export_conf(FILE *f, const struct exp_pf *pfs, int n);
/* The JSON form (conf_json.c reads it back). */
struct json_object *export_json(const struct exp_pf *pfs, int n);

/* export_orch.c: the orchestrators' formats. 0, or -1 with @err. */
int export_libvirt(FILE *f, const struct exp_pf *pfs, int n,
		   const struct exp_opts *o, bool domain, char *err, size_t errlen);
int export_kubevirt(FILE *f, const struct exp_pf *pfs, int n,
		    const struct exp_opts *o, char *err, size_t errlen);
int export_proxmox(FILE *f, const struct exp_pf *pfs, int n,
		   const struct exp_opts *o, char *err, size_t errlen);
int export_nova(FILE *f, const struct exp_pf *pfs, int n,
		const struct exp_opts *o, char *err, size_t errlen);

#endif
