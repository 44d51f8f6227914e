/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words of the apply steps (enum vfprov_step of the uapi), in one
 * table for the module (outcome messages, configfs' last_error) and vfctl
 * (which prints the steps of outcomes with the same words, as ABI v1 sent
 * them as strings). Include it after the uapi header.
 */
#ifndef _VFPROV_STEP_NAMES_H
#define _VFPROV_STEP_NAMES_H

#define VFPROV_STEP_WORDS {					\
	[VFPROV_STEP_NONE]		= "",			\
	[VFPROV_STEP_VALIDATE]		= "validate",		\
	[VFPROV_STEP_AUTOPROBE]		= "autoprobe",		\
	[VFPROV_STEP_UNBIND]		= "unbind",		\
	[VFPROV_STEP_DISABLE]		= "disable",		\
	[VFPROV_STEP_AUTO_PROV_OFF]	= "auto_provisioning_off", \
	[VFPROV_STEP_RELEASE]		= "release",		\
	[VFPROV_STEP_SPARES]		= "spares",		\
	[VFPROV_STEP_QUOTAS]		= "quotas",		\
	[VFPROV_STEP_SCHED]		= "scheduling",		\
	[VFPROV_STEP_AUTO_PROV_ON]	= "auto_provisioning_on", \
	[VFPROV_STEP_ENABLE]		= "enable",		\
	[VFPROV_STEP_BIND]		= "bind",		\
	[VFPROV_STEP_VERIFY]		= "verify",		\
	[VFPROV_STEP_UNDO]		= "undo",		\
	[VFPROV_STEP_THRESHOLDS]	= "thresholds",		\
	[VFPROV_STEP_POLICIES]		= "policies",		\
	[VFPROV_STEP_ACTION]		= "action",		\
}

#endif /* _VFPROV_STEP_NAMES_H */
