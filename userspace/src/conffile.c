// SPDX-License-Identifier: GPL-2.0
/* Declarative config files: one [pf SPEC] section per PF. Pure, unit tested. */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conffile.h"
#include "pfaddr.h"

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

char *conf_next_line(char **rest)
{
	char *line = *rest, *nl;

	if (!line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl)
		*nl++ = 0;
	*rest = nl;
	return line;
}

enum conf_line conf_split_line(char *line, char **key, char **val)
{
	char *s = trim(line), *eq, *hash;

	if (!*s || *s == '#' || *s == ';')
		return CONF_BLANK;
	/* a comment after whitespace ends the line */
	for (hash = s; (hash = strchr(hash, '#')); hash++)
		if (hash > s && isspace((unsigned char)hash[-1])) {
			*hash = 0;
			s = trim(s);
			break;
		}
	if (*s == '[') {
		size_t n = strlen(s);

		if (s[n - 1] != ']')
			return CONF_BAD;
		s[n - 1] = 0;
		*key = trim(s + 1);
		*val = NULL;
		return CONF_SECTION;
	}
	eq = strchr(s, '=');
	if (!eq)
		return CONF_BAD;
	*eq = 0;
	*key = trim(s);
	*val = trim(eq + 1);
	if (!**key)
		return CONF_BAD;
	return CONF_KV;
}

#define MAX_KEYS 128

struct seen {
	int n;
	char key[MAX_KEYS][48];
	int line[MAX_KEYS];
};

static int seen_add(struct seen *s, const char *key, int line)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->key[i], key))
			return s->line[i];
	if (s->n < MAX_KEYS) {
		snprintf(s->key[s->n], sizeof(s->key[0]), "%s", key);
		s->line[s->n++] = line;
	}
	return 0;
}

int conf_check_pf(const char *spec, char *norm, size_t len, char *err,
		  size_t errlen)
{
	unsigned int idx;
	const char *p;

	switch (pfaddr_classify(spec, norm, len, &idx)) {
	case PFADDR_PCI:
		return 0;
	case PFADDR_INDEX:
	case PFADDR_CARD:
		break;
	default:
		/* gpu0, nvme1: a name ending in a number is an index too */
		for (p = spec; *p && !isdigit((unsigned char)*p); p++)
			;
		if (!*p || p == spec || strspn(p, "0123456789") != strlen(p)) {
			snprintf(err, errlen, "'%s' is not a PCI address (0000:4d:00.0)", spec);
			return -1;
		}
	}
	snprintf(err, errlen,
		 "[pf %s]: a PF is named by its PCI address in a config file: indices and card numbers shift when a card is added; use the address `vfctl list` shows",
		 spec);
	return -1;
}

int conf_parse_str(const char *name, const char *text, struct conf *c,
		   char *err, size_t errlen)
{
	char *buf = strdup(text), *rest = buf, *line;
	struct conf_pf *cur = NULL;
	struct seen *seen = calloc(1, sizeof(*seen));
	int lineno = 0, rc = -1, first = c->n;

	if (!buf || !seen) {
		snprintf(err, errlen, "%s: out of memory", name);
		goto out;
	}
	if (text[strspn(text, " \t\r\n")] == '{') {
		rc = conf_parse_json(name, text, c, err, errlen);
		goto out;
	}
	while ((line = conf_next_line(&rest))) {
		char *key, *val, e[192];
		int prev;

		lineno++;
		switch (conf_split_line(line, &key, &val)) {
		case CONF_BLANK:
			continue;
		case CONF_BAD:
			snprintf(err, errlen, "%s:%d: expected 'key = value' or '[pf ADDRESS]'",
				 name, lineno);
			goto out;
		case CONF_SECTION: {
			char *spec, norm[VFPROV_ADDR_LEN];
			struct conf_pf *v;
			int i;

			if (strncmp(key, "pf", 2) || !isspace((unsigned char)key[2])) {
				snprintf(err, errlen, "%s:%d: unknown section '[%s]' (expected [pf ADDRESS])",
					 name, lineno, key);
				goto out;
			}
			spec = key + 3;
			while (isspace((unsigned char)*spec))
				spec++;
			if (conf_check_pf(spec, norm, sizeof(norm), e, sizeof(e))) {
				snprintf(err, errlen, "%s:%d: %s", name, lineno, e);
				goto out;
			}
			spec = norm;
			for (i = first; i < c->n; i++)
				if (!strcmp(c->pf[i].spec, spec)) {
					snprintf(err, errlen, "%s:%d: [pf %s] repeated (first on line %d)",
						 name, lineno, spec, c->pf[i].line);
					goto out;
				}
			v = realloc(c->pf, (size_t)(c->n + 1) * sizeof(*v));
			if (!v) {
				snprintf(err, errlen, "%s: out of memory", name);
				goto out;
			}
			c->pf = v;
			cur = &c->pf[c->n++];
			memset(cur, 0, sizeof(*cur));
			snprintf(cur->spec, sizeof(cur->spec), "%s", spec);
			cur->line = lineno;
			seen->n = 0;
			continue;
		}
		case CONF_KV:
			break;
		}
		if (!cur) {
			snprintf(err, errlen, "%s:%d: '%s' outside a [pf ADDRESS] section",
				 name, lineno, key);
			goto out;
		}
		if (!*val) {
			snprintf(err, errlen, "%s:%d: %s: empty value", name, lineno, key);
			goto out;
		}
		prev = seen_add(seen, key, lineno);
		if (prev) {
			snprintf(err, errlen, "%s:%d: %s set twice (first on line %d)",
				 name, lineno, key, prev);
			goto out;
		}
		if (!strcmp(key, "force")) {
			if (!strcmp(val, "yes") || !strcmp(val, "1") || !strcmp(val, "true"))
				cur->force = true;
			else if (!strcmp(val, "no") || !strcmp(val, "0") || !strcmp(val, "false"))
				cur->force = false;
			else {
				snprintf(err, errlen, "%s:%d: force: '%s' is not yes/no",
					 name, lineno, val);
				goto out;
			}
			continue;
		}
		if (req_set_key(&cur->req, key, val, e, sizeof(e))) {
			snprintf(err, errlen, "%s:%d: %s", name, lineno, e);
			goto out;
		}
	}
	rc = 0;
out:
	if (rc) {
		/* drop the sections of this file */
		c->n = first;
	}
	free(seen);
	free(buf);
	return rc;
}

int conf_parse_file(const char *path, struct conf *c, char *err,
		    size_t errlen)
{
	/* "-": standard input (vfctl export | vfctl apply -f -) */
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	{
		char chunk[4096];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			char *t = realloc(text, len + n + 1);

			if (!t || len + n > (1u << 20)) {
				free(t ? t : text);
				if (f != stdin)
					fclose(f);
				snprintf(err, errlen, "%s: too large", path);
				return -1;
			}
			text = t;
			memcpy(text + len, chunk, n);
			len += n;
		}
	}
	if (f != stdin)
		fclose(f);
	if (!text) {
		text = strdup("");
		if (!text) {
			snprintf(err, errlen, "%s: out of memory", path);
			return -1;
		}
	}
	text[len] = 0;
	if (memchr(text, 0, len)) {
		free(text);
		snprintf(err, errlen, "%s: not a text file", path);
		return -1;
	}
	rc = conf_parse_str(path, text, c, err, errlen);
	free(text);
	return rc;
}

/* A directory: its *.conf files, in glob's (sorted) order; none is fine. */
int conf_parse_path(const char *path, struct conf *c, char *err,
		    size_t errlen)
{
	char pat[4096];
	struct stat st;
	glob_t g;
	size_t k;
	int rc = 0;

	if (strcmp(path, "-") && !stat(path, &st) && S_ISDIR(st.st_mode)) {
		snprintf(pat, sizeof(pat), "%s/*.conf", path);
		if (glob(pat, 0, NULL, &g))
			return 0;
		for (k = 0; k < g.gl_pathc && !rc; k++)
			rc = conf_parse_file(g.gl_pathv[k], c, err, errlen);
		globfree(&g);
		return rc;
	}
	return conf_parse_file(path, c, err, errlen);
}

int conf_keep_pf(struct conf *c, const char *addr)
{
	int i, n = 0;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->pf[i].spec, addr))
			c->pf[n++] = c->pf[i];
	c->n = n;
	return n;
}

void conf_free(struct conf *c)
{
	free(c->pf);
	c->pf = NULL;
	c->n = 0;
}
