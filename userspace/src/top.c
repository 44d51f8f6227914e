// SPDX-License-Identifier: GPL-2.0
/* vfctl top's table and JSON from one snapshot. Pure. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "size.h"
#include "top.h"

#define TOP_FMT "%-12s  %-3s  %-12s  %-28s  %-8s  %-10s  %-10s  %-24s  %s"

const char *top_adverse_text(const struct vf_state *vs, char *buf, size_t len)
{
	int i;

	buf[0] = 0;
	for (i = 0; i < VFCTL_NTHR; i++)
		if ((vs->adverse_set & (1u << i)) && vs->adverse[i])
			str_append(buf, len, "%s%s=%" PRIu64, buf[0] ? "," : "",
				    adverse_name((uint32_t)i), vs->adverse[i]);
	if (!buf[0])
		snprintf(buf, len, "-");
	return buf;
}

static void put_line(FILE *f, const char *line, int width)
{
	if (width > 0 && (int)strlen(line) > width)
		fprintf(f, "%.*s\n", width, line);
	else
		fprintf(f, "%s\n", line);
}

static void row_line(const struct top_row *r, char *line, size_t len)
{
	const struct vf_state *v = &r->vf;
	const struct vf_cfg *c = &v->cfg;
	char id[16], owner[128], quota[32], alloc[32], adv[128], sched[48];

	snprintf(id, sizeof(id), "%u", v->id);
	holder_text(&r->holder, owner, sizeof(owner));
	if (c->set & VF_SET_LMEM)
		size_format(c->lmem, quota, sizeof(quota));
	else
		snprintf(quota, sizeof(quota), "-");
	if (v->have_lmem_alloc)
		size_format(v->lmem_alloc, alloc, sizeof(alloc));
	else
		snprintf(alloc, sizeof(alloc), "-");
	top_adverse_text(v, adv, sizeof(adv));
	snprintf(sched, sizeof(sched), "-/-");
	if (c->set & (VF_SET_EQ | VF_SET_PT)) {
		char e[16] = "-", p[16] = "-";

		if (c->set & VF_SET_EQ)
			snprintf(e, sizeof(e), "%u", c->eq);
		if (c->set & VF_SET_PT)
			snprintf(p, sizeof(p), "%u", c->pt);
		snprintf(sched, sizeof(sched), "%s/%s", e, p);
	}
	snprintf(line, len, TOP_FMT, r->pf, id, v->pci_addr[0] ? v->pci_addr : "-",
		 owner, v->have_state ? vf_run_state_name(v->run_state) : "-",
		 quota, alloc, adv, sched);
}

void top_table(FILE *f, const struct top_snap *s, int width)
{
	char line[512];
	int i;

	snprintf(line, sizeof(line), TOP_FMT, "PF", "VF", "PCI", "OWNER", "STATE",
		 "LMEM", "LMEM_ALLOC", "ADVERSE", "EQ_MS/PT_US");
	put_line(f, line, width);
	for (i = 0; i < s->n; i++) {
		row_line(&s->rows[i], line, sizeof(line));
		put_line(f, line, width);
	}
	if (!s->n)
		put_line(f, "(no enabled VFs)", width);
}

static struct json_object *owner_json(const struct holder *h)
{
	struct json_object *o;

	if (h->kind == HOLDER_NONE)
		return NULL;
	o = json_object_new_object();
	if (h->kind == HOLDER_UNKNOWN) {
		json_object_object_add(o, "known", json_object_new_boolean(false));
		json_object_object_add(o, "reason", json_object_new_string("not permitted"));
		return o;
	}
	json_object_object_add(o, "known", json_object_new_boolean(true));
	json_object_object_add(o, "pid", json_object_new_int(h->pid));
	json_object_object_add(o, "comm", json_object_new_string(h->comm));
	json_object_object_add(o, "guest", h->guest[0] ?
			       json_object_new_string(h->guest) : NULL);
	return o;
}

static void add_opt_u64(struct json_object *o, const char *k, bool set,
			uint64_t v)
{
	json_object_object_add(o, k, set ? json_object_new_uint64(v) : NULL);
}

static struct json_object *row_json(const struct top_row *r)
{
	const struct vf_state *v = &r->vf;
	const struct vf_cfg *c = &v->cfg;
	struct json_object *o = json_object_new_object();
	struct json_object *adv = json_object_new_object();
	struct json_object *thr = json_object_new_object();
	int i;

	json_object_object_add(o, "pf", json_object_new_string(r->pf));
	json_object_object_add(o, "vf", json_object_new_int((int)v->id));
	json_object_object_add(o, "pci_address", json_object_new_string(v->pci_addr));
	json_object_object_add(o, "in_use", json_object_new_boolean(v->in_use));
	json_object_object_add(o, "owner", owner_json(&r->holder));
	json_object_object_add(o, "state", v->have_state ?
			       json_object_new_string(vf_run_state_name(v->run_state)) : NULL);
	add_opt_u64(o, "lmem_quota", c->set & VF_SET_LMEM, c->lmem);
	add_opt_u64(o, "lmem_alloc", v->have_lmem_alloc, v->lmem_alloc);
	for (i = 0; i < VFCTL_NTHR; i++) {
		if (v->adverse_set & (1u << i))
			json_object_object_add(adv, adverse_name((uint32_t)i),
					       json_object_new_uint64(v->adverse[i]));
		if (c->set & VF_SET_THR(i))
			json_object_object_add(thr, threshold_key((uint32_t)i),
					       json_object_new_uint64(c->thr[i]));
	}
	json_object_object_add(o, "adverse", adv);
	json_object_object_add(o, "thresholds", thr);
	add_opt_u64(o, "exec_quantum_ms", c->set & VF_SET_EQ, c->eq);
	add_opt_u64(o, "preempt_timeout_us", c->set & VF_SET_PT, c->pt);
	return o;
}

struct json_object *top_json(const struct top_snap *s)
{
	struct json_object *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	int i;

	json_object_object_add(o, "schema_version", json_object_new_int(1));
	json_object_object_add(o, "time", json_object_new_int64(s->time));
	for (i = 0; i < s->n; i++)
		json_object_array_add(a, row_json(&s->rows[i]));
	json_object_object_add(o, "vfs", a);
	return o;
}
