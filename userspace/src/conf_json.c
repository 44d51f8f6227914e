// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON form of a config file (what `vfctl export --format json` prints):
 *
 *   { "schema_version": 1,
 *     "pfs": [ { "address": "0000:4d:00.0", "vfs": 2, "driver": "vfio-pci",
 *                "spare": { "lmem": 536870912 }, "pf": { "exec_quantum_ms": 0 },
 *                "all": { "contexts": 1024 },
 *                "vf": [ { "id": 1, "lmem": "4G",
 *                          "gt": [ { "id": 1, "contexts": 512 } ] } ] } ] }
 *
 * "gt" entries (in a VF or in "all") are the gtN.KEY keys.
 *
 * Every value goes through req_set_key() as the text form would, so both
 * forms accept and refuse the same things. Pure, unit tested.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conffile.h"

/* A scalar as the text a config file would hold; -1 for objects/arrays. */
static int scalar_text(struct json_object *v, char *buf, size_t len)
{
	switch (json_object_get_type(v)) {
	case json_type_int:
		if (json_object_get_int64(v) < 0)
			snprintf(buf, len, "%" PRId64, json_object_get_int64(v));
		else
			snprintf(buf, len, "%" PRIu64, json_object_get_uint64(v));
		return 0;
	case json_type_boolean:
		snprintf(buf, len, "%s", json_object_get_boolean(v) ? "yes" : "no");
		return 0;
	case json_type_string:
		snprintf(buf, len, "%s", json_object_get_string(v));
		return 0;
	default:
		return -1;
	}
}

static int set_one(struct conf_pf *pf, const char *where, const char *key,
		   struct json_object *v, char *err, size_t errlen)
{
	char val[128], e[256];

	if (scalar_text(v, val, sizeof(val))) {
		snprintf(err, errlen, "%s: %s: expected a number or a string", where, key);
		return -1;
	}
	if (!*val) {
		snprintf(err, errlen, "%s: %s: empty value", where, key);
		return -1;
	}
	if (!strcmp(key, "force")) {
		if (strcmp(val, "yes") && strcmp(val, "no")) {
			snprintf(err, errlen, "%s: force: expected true or false", where);
			return -1;
		}
		pf->force = val[0] == 'y';
		return 0;
	}
	if (!strcmp(key, "sched_if_idle") && json_object_is_type(v, json_type_boolean))
		snprintf(val, sizeof(val), "%d", json_object_get_boolean(v));
	if (req_set_key(&pf->req, key, val, e, sizeof(e))) {
		snprintf(err, errlen, "%s: %s", where, e);
		return -1;
	}
	return 0;
}

/* The integer "id" (@lo..@hi) of an entry object @o at @at */
static int entry_id(struct json_object *o, const char *at, int lo, int hi,
		    int64_t *k, char *err, size_t errlen)
{
	struct json_object *id;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "id", &id) ||
	    !json_object_is_type(id, json_type_int)) {
		snprintf(err, errlen, "%s: expected an object with an integer \"id\"", at);
		return -1;
	}
	*k = json_object_get_int64(id);
	if (*k < lo || *k > hi) {
		snprintf(err, errlen, "%s: id %" PRId64 " is not %d..%d", at, *k,
			 lo, hi);
		return -1;
	}
	return 0;
}

/* "gt": [ { "id": N, KEY: ... } ] -> PREFIXgtN.KEY */
static int set_gts(struct conf_pf *pf, const char *where, const char *prefix,
		   struct json_object *arr, char *err, size_t errlen)
{
	size_t i, n;

	if (!json_object_is_type(arr, json_type_array)) {
		snprintf(err, errlen, "%s.gt: expected an array", where);
		return -1;
	}
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		char at[480], full[96];
		int64_t k;

		snprintf(at, sizeof(at), "%s.gt[%zu]", where, i);
		if (entry_id(o, at, 0, VFPROV_MAX_GT, &k, err, errlen))
			return -1;
		json_object_object_foreach(o, key, v) {
			if (!strcmp(key, "id"))
				continue;
			snprintf(full, sizeof(full), "%sgt%" PRId64 ".%s", prefix, k, key);
			if (set_one(pf, at, full, v, err, errlen))
				return -1;
		}
	}
	return 0;
}

/* "spare": {...} -> spare.KEY, "pf": {...} -> pf.KEY, "all": {...} -> KEY */
static int set_group(struct conf_pf *pf, const char *where, const char *prefix,
		     struct json_object *obj, char *err, size_t errlen)
{
	char key[96];

	if (!json_object_is_type(obj, json_type_object)) {
		snprintf(err, errlen, "%s: expected an object", where);
		return -1;
	}
	json_object_object_foreach(obj, k, v) {
		int rc;

		snprintf(key, sizeof(key), "%s%s", prefix, k);
		if (!*prefix && !strcmp(k, "gt")) {
			char at[320];

			snprintf(at, sizeof(at), "%s.all", where);
			rc = set_gts(pf, at, "", v, err, errlen);
		} else {
			rc = set_one(pf, where, key, v, err, errlen);
		}
		if (rc)
			return -1;
	}
	return 0;
}

static int set_vfs(struct conf_pf *pf, const char *where,
		   struct json_object *arr, char *err, size_t errlen)
{
	size_t i, n;

	if (!json_object_is_type(arr, json_type_array)) {
		snprintf(err, errlen, "%s.vf: expected an array", where);
		return -1;
	}
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		char at[400], prefix[32];
		int64_t k;

		snprintf(at, sizeof(at), "%s.vf[%zu]", where, i);
		if (entry_id(o, at, 1, VFPROV_MAX_VFS, &k, err, errlen))
			return -1;
		snprintf(prefix, sizeof(prefix), "vf.%" PRId64 ".", k);
		json_object_object_foreach(o, key, v) {
			char full[96];
			int rc;

			if (!strcmp(key, "id"))
				continue;
			snprintf(full, sizeof(full), "%s%s", prefix, key);
			if (!strcmp(key, "gt"))
				rc = set_gts(pf, at, prefix, v, err, errlen);
			else
				rc = set_one(pf, at, full, v, err, errlen);
			if (rc)
				return -1;
		}
	}
	return 0;
}

static int parse_pf(struct conf_pf *pf, const char *where,
		    struct json_object *o, char *err, size_t errlen)
{
	struct json_object *addr;
	char e[256];

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "address", &addr) ||
	    !json_object_is_type(addr, json_type_string)) {
		snprintf(err, errlen, "%s: expected an object with an \"address\"", where);
		return -1;
	}
	if (conf_check_pf(json_object_get_string(addr), pf->spec, sizeof(pf->spec),
			  e, sizeof(e))) {
		snprintf(err, errlen, "%s: %s", where, e);
		return -1;
	}
	json_object_object_foreach(o, key, v) {
		int rc;

		if (!strcmp(key, "address"))
			continue;
		if (!strcmp(key, "vf"))
			rc = set_vfs(pf, where, v, err, errlen);
		else if (!strcmp(key, "spare"))
			rc = set_group(pf, where, "spare.", v, err, errlen);
		else if (!strcmp(key, "pf"))
			rc = set_group(pf, where, "pf.", v, err, errlen);
		else if (!strcmp(key, "all"))
			rc = set_group(pf, where, "", v, err, errlen);
		else
			rc = set_one(pf, where, key, v, err, errlen);
		if (rc)
			return -1;
	}
	return 0;
}

static int parse_top(const char *name, struct json_object *top, struct conf *c,
		     char *err, size_t errlen)
{
	struct json_object *ver, *pfs;
	size_t i, n;
	int first = c->n;

	if (!json_object_is_type(top, json_type_object) ||
	    !json_object_object_get_ex(top, "pfs", &pfs) ||
	    !json_object_is_type(pfs, json_type_array)) {
		snprintf(err, errlen, "%s: expected {\"schema_version\": 1, \"pfs\": [...]}", name);
		return -1;
	}
	if (json_object_object_get_ex(top, "schema_version", &ver) &&
	    json_object_get_int(ver) != 1) {
		snprintf(err, errlen, "%s: schema_version %s is not 1", name,
			 json_object_get_string(ver));
		return -1;
	}
	n = json_object_array_length(pfs);
	for (i = 0; i < n; i++) {
		struct conf_pf *v = realloc(c->pf, (size_t)(c->n + 1) * sizeof(*v));
		char where[300];
		int k;

		if (!v) {
			snprintf(err, errlen, "%s: out of memory", name);
			return -1;
		}
		c->pf = v;
		v = &c->pf[c->n];
		memset(v, 0, sizeof(*v));
		snprintf(where, sizeof(where), "%s: pfs[%zu]", name, i);
		if (parse_pf(v, where, json_object_array_get_idx(pfs, i), err, errlen))
			return -1;
		for (k = first; k < c->n; k++)
			if (!strcmp(c->pf[k].spec, v->spec)) {
				snprintf(err, errlen, "%s: PF %s repeated (pfs[%d])", where,
					 v->spec, k - first);
				return -1;
			}
		v->line = (int)i + 1;
		c->n++;
	}
	return 0;
}

int conf_parse_json(const char *name, const char *text, struct conf *c,
		    char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *top;
	int first = c->n, rc;

	if (!tok) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	top = json_tokener_parse_ex(tok, text, (int)strlen(text));
	if (!top || text[tok->char_offset + (int)strspn(text + tok->char_offset, " \t\r\n")]) {
		enum json_tokener_error je = json_tokener_get_error(tok);

		snprintf(err, errlen, "%s: not valid JSON at offset %d: %s", name,
			 tok->char_offset,
			 je == json_tokener_success ? "trailing text" :
			 json_tokener_error_desc(je));
		json_object_put(top);
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	rc = parse_top(name, top, c, err, errlen);
	if (rc)
		c->n = first;
	json_object_put(top);
	return rc;
}
