/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfctl top: one snapshot of every VF (collected by cmd_top.c) and its two
 * renderings, a table and one JSON object. Pure, unit tested on canned
 * snapshots.
 */
#ifndef VFCTL_TOP_H
#define VFCTL_TOP_H

#include <stdio.h>

#include <json-c/json.h>

#include "holder.h"
#include "vfctl.h"

struct top_row {
	char pf[VFPROV_ADDR_LEN];
	struct vf_state vf;
	struct holder holder;
};

struct top_snap {
	long long time;			/* seconds since the epoch */
	int n;
	struct top_row *rows;		/* by PF address, then VF id */
};

/* The adverse counters as "page-fault=3,cat-error=1", "-" for none. */
const char *top_adverse_text(const struct vf_state *vs, char *buf, size_t len);
/* The header line and one line per VF, each cut to @width (0: no limit). */
void top_table(FILE *f, const struct top_snap *s, int width);
/* {"schema_version":1,"time":T,"vfs":[{...}, ...]} */
struct json_object *top_json(const struct top_snap *s);

#endif
