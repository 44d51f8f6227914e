/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_JSON_OUT_H
#define VFCTL_JSON_OUT_H

#include <json-c/json.h>

#include "vfctl.h"

/* The stable schema is documented in vfctl(8), section JSON OUTPUT. */
#define VFCTL_JSON_SCHEMA 1

struct json_object *json_config(const struct vf_req *r);
struct json_object *json_vf(const struct vf_state *vs);
/* @index < 0: omitted. @with_vfs: include "vfs". */
struct json_object *json_pf(const struct pf_state *pf, int index,
			    bool with_vfs);
struct json_object *json_list(const struct pf_state *pfs, int n);
struct json_object *json_show(const struct pf_state *pf);
struct json_object *json_plan(const char *addr, const struct vf_req *plan);
/* @status: "committed", "unchanged", "rejected", ...; @exit_code too. */
struct json_object *json_result(const char *addr, const char *status,
				int exit_code, const struct vf_result *r);
/* The names of the VFPROV_CAPS_* bits in @caps, as an array. */
struct json_object *json_caps(uint32_t caps);
struct json_object *json_event(const struct vf_result *ev, long long ts);

/* Print @o (pretty unless @oneline) with a newline, then drop it. */
void json_print(struct json_object *o, bool oneline);

#endif
