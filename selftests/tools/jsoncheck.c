// SPDX-License-Identifier: GPL-2.0
/*
 * jsoncheck FILE|- CHECK... - parse JSON with json-c and assert key paths,
 * for the VM tests (the guest has no python).
 *
 *   PATH            exists (and is not null)      pf.vfs[0].lmem
 *   PATH=VALUE      its value, as text, is VALUE  pf.num_vfs=4, status=committed
 *   PATH:TYPE       object array string int bool null
 *   #PATH=N         array length is N             #pf.vfs=4
 *   PATH?           exists, null allowed
 *   PATH!           absent
 *
 * Prints "jsoncheck: FAIL CHECK (got ...)" for each check that does not hold.
 * Exit: 0 all hold, 1 a check failed, 2 not JSON / usage.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

static int lookup(json_object *o, const char *path, json_object **out)
{
	char buf[512], *p, *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	p = buf[0] == '.' ? buf + 1 : buf;
	for (tok = strtok_r(p, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
		char *br = strchr(tok, '[');

		if (br)
			*br = 0;
		if (*tok) {
			if (!json_object_is_type(o, json_type_object) ||
			    !json_object_object_get_ex(o, tok, &o))
				return -1;
		}
		while (br) {
			char *end;
			long idx = strtol(br + 1, &end, 10);

			if (*end != ']' || idx < 0 || !json_object_is_type(o, json_type_array) ||
			    (size_t)idx >= json_object_array_length(o))
				return -1;
			o = json_object_array_get_idx(o, (size_t)idx);
			br = end[1] == '[' ? end + 1 : NULL;
		}
	}
	*out = o;
	return 0;
}

static const char *type_name(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return "null";
	case json_type_boolean: return "bool";
	case json_type_double: return "double";
	case json_type_int: return "int";
	case json_type_object: return "object";
	case json_type_array: return "array";
	case json_type_string: return "string";
	}
	return "?";
}

static char *slurp(FILE *f)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t n;

	if (!buf)
		return NULL;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
	}
	buf[len] = 0;
	return buf;
}

static int check(json_object *root, const char *c)
{
	char path[512], want[512] = "";
	json_object *o = NULL;
	const char *got;
	bool count = c[0] == '#', has_want = false;
	size_t n;
	char *sep;

	snprintf(path, sizeof(path), "%s", count ? c + 1 : c);
	n = strlen(path);
	if (n && path[n - 1] == '!') {
		path[n - 1] = 0;
		if (!lookup(root, path, &o)) {
			printf("jsoncheck: FAIL %s (present: %s)\n", c,
			       json_object_to_json_string(o));
			return 1;
		}
		return 0;
	}
	if (n && path[n - 1] == '?') {
		path[n - 1] = 0;
		if (lookup(root, path, &o)) {
			printf("jsoncheck: FAIL %s (absent)\n", c);
			return 1;
		}
		return 0;
	}
	sep = strchr(path, '=');
	if (sep) {
		*sep = 0;
		snprintf(want, sizeof(want), "%s", sep + 1);
		has_want = true;
	} else if ((sep = strrchr(path, ':')) && !strchr(sep, ']')) {
		*sep = 0;
		if (lookup(root, path, &o)) {
			printf("jsoncheck: FAIL %s (absent)\n", c);
			return 1;
		}
		if (strcmp(type_name(o), sep + 1)) {
			printf("jsoncheck: FAIL %s (type %s)\n", c, type_name(o));
			return 1;
		}
		return 0;
	}
	if (lookup(root, path, &o) || (!o && !has_want)) {
		printf("jsoncheck: FAIL %s (absent)\n", c);
		return 1;
	}
	if (count) {
		char len[32];

		if (!json_object_is_type(o, json_type_array)) {
			printf("jsoncheck: FAIL %s (not an array)\n", c);
			return 1;
		}
		snprintf(len, sizeof(len), "%zu", json_object_array_length(o));
		if (has_want && strcmp(len, want)) {
			printf("jsoncheck: FAIL %s (got %s)\n", c, len);
			return 1;
		}
		return 0;
	}
	if (!has_want)
		return 0;
	got = !o ? "null" : json_object_is_type(o, json_type_string) ?
	      json_object_get_string(o) : json_object_to_json_string(o);
	if (strcmp(got, want)) {
		printf("jsoncheck: FAIL %s (got %s)\n", c, got);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	enum json_tokener_error jerr;
	json_object *root;
	char *text;
	FILE *f;
	int i, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: jsoncheck FILE|- [CHECK...]\n");
		return 2;
	}
	f = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	text = slurp(f);
	if (f != stdin)
		fclose(f);
	if (!text)
		return 2;
	root = json_tokener_parse_verbose(text, &jerr);
	if (!root) {
		printf("jsoncheck: not JSON: %s\n", json_tokener_error_desc(jerr));
		free(text);
		return 2;
	}
	for (i = 2; i < argc; i++)
		failed |= check(root, argv[i]);
	json_object_put(root);
	free(text);
	return failed;
}
