/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel GPU generations by PCI device id, and which virtualisation modes
 * each has with which driver on a given kernel (`vfctl check`). The ids are
 * the public lists of the kernel's include/drm/intel/{i915_,xe_,}pciids.h;
 * the SR-IOV facts are those of docs/host.md ("Where check's tables come
 * from").
 */
#ifndef VFCTL_GPU_GEN_H
#define VFCTL_GPU_GEN_H

#include <stdbool.h>
#include <stddef.h>

enum gpu_family {
	FAM_UNKNOWN,
	FAM_GVT,	/* gen8/gen9 iGPU: GVT-g (i915.enable_gvt) */
	FAM_LEGACY,	/* other i915 GPUs: passthrough only */
	FAM_XE_FORCE,	/* TGL, ADL, RPL: xe PF 6.18+, needs xe.force_probe */
	FAM_ATSM,	/* Flex: i915 backports prelim_iov; xe PF 6.18+ with force_probe */
	FAM_BMG,	/* Battlemage: xe PF 6.17+ (Pro B50/B60 firmware only) */
	FAM_PTL,	/* Panther Lake, Wildcat Lake: xe PF 6.17+ */
	FAM_XE_NOVF,	/* LNL: xe, no SR-IOV */
};

struct gpu_gen {
	const char *name;	/* "gen12 Alder Lake-P" */
	enum gpu_family family;
	const char *native;	/* the driver that takes it by default */
};

/* The generation of Intel device @device, or NULL. */
const struct gpu_gen *gpu_gen_find(unsigned int device);

/* "Arc Pro B60" for the cards check names by product, else NULL. */
const char *gpu_gen_product(unsigned int device);

/* Whether this Battlemage id is a Pro card with SR-IOV firmware. */
bool gpu_gen_bmg_sriov(unsigned int device);

/* "6.18.0-1-amd64" -> 618; 0 when unparsable. */
unsigned int gpu_kver(const char *release);

/*
 * The modes of @g (NULL: unknown) with @device on kernel @kver (gpu_kver()),
 * one sentence into @buf: passthrough, SR-IOV (which driver, since when),
 * GVT-g.
 */
void gpu_gen_modes(const struct gpu_gen *g, unsigned int device,
		   unsigned int kver, char *buf, size_t len);

/* Whether xe needs xe.force_probe=<id> for it (TGL/ADL/RPL/ATS-M). */
bool gpu_gen_needs_force_probe(const struct gpu_gen *g);

/* Whether xe is a PF driver for it on any kernel (the xe SR-IOV table). */
bool gpu_gen_xe_sriov(const struct gpu_gen *g, unsigned int device);

/*
 * `kernel-args --driver xe`: the device ids (DDDD, comma separated,
 * de-duplicated) of the host's SR-IOV GPUs that xe takes only with
 * xe.force_probe, into @buf ("" none).
 */
void gpu_xe_force_ids(char *buf, size_t len);

#endif
