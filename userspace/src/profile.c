// SPDX-License-Identifier: GPL-2.0
/* Profiles and scheduler presets as data files. Pure apart from file reads. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "profile.h"
#include "size.h"

void profile_dirs_add(struct profile_dirs *d, const char *dir)
{
	int i;

	if (!dir || !*dir || d->n >= PROFILE_MAX_DIRS)
		return;
	for (i = 0; i < d->n; i++)
		if (!strcmp(d->dir[i], dir))
			return;
	snprintf(d->dir[d->n++], sizeof(d->dir[0]), "%s", dir);
}

void profile_dirs_default(struct profile_dirs *d, const char *cmdline_dir)
{
	char exe[PATH_MAX], tree[PATH_MAX + 16];
	ssize_t n;

	memset(d, 0, sizeof(*d));
	profile_dirs_add(d, cmdline_dir);
	profile_dirs_add(d, getenv("VFCTL_PROFILE_DIR"));
	profile_dirs_add(d, "/etc/vfctl/profiles");
	profile_dirs_add(d, "/usr/share/vfctl/profiles");
	/* run from the source tree: userspace/vfctl next to userspace/profiles */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		struct stat st;

		exe[n] = 0;
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(tree, sizeof(tree), "%s/profiles", exe);
			if (!stat(tree, &st) && S_ISDIR(st.st_mode) &&
			    strncmp(exe, "/usr/", 5))
				profile_dirs_add(d, tree);
		}
	}
}

/* "32 / vfs, min 1", "20000", "64000/vfs,min 16000" */
static int parse_rule(const char *val, struct sched_rule *r, char *err,
		      size_t errlen)
{
	char buf[128], *p, *comma, *slash;
	char e[128];

	snprintf(buf, sizeof(buf), "%s", val);
	comma = strchr(buf, ',');
	if (comma) {
		*comma++ = 0;
		while (isspace((unsigned char)*comma))
			comma++;
		if (strncmp(comma, "min", 3)) {
			snprintf(err, errlen, "'%s': expected ', min N'", val);
			return -1;
		}
		p = comma + 3;
		while (isspace((unsigned char)*p))
			p++;
		if (u32_parse(p, UINT32_MAX, &r->min, e, sizeof(e))) {
			snprintf(err, errlen, "'%.40s': %.80s", val, e);
			return -1;
		}
	}
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = 0;
		while (isspace((unsigned char)*slash))
			slash++;
		if (strcmp(slash, "vfs") && strncmp(slash, "vfs ", 4)) {
			snprintf(err, errlen, "'%s': only '/ vfs' may divide", val);
			return -1;
		}
		r->per_vf = true;
	}
	for (p = buf + strlen(buf); p > buf && isspace((unsigned char)p[-1]);)
		*--p = 0;
	if (u32_parse(buf, UINT32_MAX, &r->value, e, sizeof(e))) {
		snprintf(err, errlen, "%s", e);
		return -1;
	}
	r->set = true;
	return 0;
}

/* XPU Manager's Flexible_BurstableQoS_GPUTimeSlicing (see profile.h). */
static uint32_t burstable(int formula, uint32_t vfs)
{
	uint32_t slice = 2000 / (vfs > 2 ? vfs - 1 : 1);
	uint32_t eq = slice / 2 < 50 ? slice / 2 : 50;

	return formula == SCHED_F_BURST_EQ ? eq : (slice - eq) * 1000;
}

uint32_t sched_rule_eval(const struct sched_rule *r, uint32_t vfs)
{
	uint32_t v;
	int i;

	for (i = 0; i < r->nover; i++)
		if (r->over[i].vfs == vfs)
			return r->over[i].value;
	if (r->formula != SCHED_F_NONE)
		return burstable(r->formula, vfs);
	v = r->per_vf && vfs ? r->value / vfs : r->value;
	return v < r->min ? r->min : v;
}

static int sched_key(struct profile *p, const char *key, const char *val,
		     char *err, size_t errlen)
{
	const char *at = strchr(key, '@');
	struct sched_rule *r;
	size_t klen = at ? (size_t)(at - key) : strlen(key);
	char e[128];

	if (klen == strlen("exec_quantum_ms") && !strncmp(key, "exec_quantum_ms", klen))
		r = &p->eq;
	else if (klen == strlen("preempt_timeout_us") && !strncmp(key, "preempt_timeout_us", klen))
		r = &p->pt;
	else
		return 1;	/* not a rule key */
	if (at) {
		uint32_t n, v;

		if (u32_parse(at + 1, VFPROV_MAX_VFS, &n, e, sizeof(e)) || !n) {
			snprintf(err, errlen, "%s: bad VF count after '@'", key);
			return -1;
		}
		if (u32_parse(val, UINT32_MAX, &v, e, sizeof(e))) {
			snprintf(err, errlen, "%s: %s", key, e);
			return -1;
		}
		if (r->nover >= 8) {
			snprintf(err, errlen, "%s: too many overrides", key);
			return -1;
		}
		r->over[r->nover].vfs = n;
		r->over[r->nover++].value = v;
		return 0;
	}
	if (!strcmp(val, "burstable")) {
		r->formula = r == &p->eq ? SCHED_F_BURST_EQ : SCHED_F_BURST_PT;
		r->set = true;
		return 0;
	}
	if (parse_rule(val, r, e, sizeof(e))) {
		snprintf(err, errlen, "%s: %s", key, e);
		return -1;
	}
	return 0;
}

const char *profile_for_device(uint16_t vendor, uint16_t device)
{
	if (vendor != 0x8086)
		return NULL;
	switch (device) {
	case 0x56c0:	/* Flex 170 */
	case 0x56c2:	/* Flex 170V: XPU Manager gives it 56c0's rows */
		return "flex170";
	case 0x56c1:	/* Flex 140, per GPU (two PFs per card) */
		return "flex140";
	case 0xe211:	/* Arc Pro B60 (xe: kmod/backend_xe.c) */
	case 0xe216:
		return "b60";
	case 0xe212:	/* Arc Pro B50 (xe: kmod/backend_xe.c) */
		return "b50";
	default:
		return NULL;
	}
}

/* "VALUE / vfs": cut the divisor off @val, true if it was there. */
static bool cut_per_vf(char *val)
{
	char *slash = strchr(val, '/'), *p;

	if (!slash)
		return false;
	for (p = slash + 1; isspace((unsigned char)*p); p++)
		;
	if (strcmp(p, "vfs"))
		return false;
	for (p = slash; p > val && isspace((unsigned char)p[-1]); p--)
		;
	*p = 0;
	return true;
}

/*
 * The keys only resource profiles have: lmem_ecc, and "/ vfs" on lmem,
 * lmem_ecc, ggtt, doorbells. 1: not such a key, 0: done, -1: error.
 */
static int resource_key(struct profile *p, const char *key, char *val,
			char *err, size_t errlen)
{
	static const struct {
		const char *key;
		uint32_t bit;
	} div[] = {
		{ "lmem", PROF_DIV_LMEM }, { "lmem_ecc", PROF_DIV_LMEM_ECC },
		{ "ggtt", PROF_DIV_GGTT }, { "doorbells", PROF_DIV_DOORBELLS },
	};
	bool per_vf = false;
	size_t i;

	for (i = 0; i < sizeof(div) / sizeof(div[0]); i++) {
		if (strcmp(key, div[i].key))
			continue;
		per_vf = cut_per_vf(val);
		if (per_vf)
			p->div |= div[i].bit;
	}
	if (strcmp(key, "lmem_ecc"))
		return per_vf ? 2 : 1;	/* 2: a divided value, parse it */
	if (size_parse(val, &p->lmem_ecc, err, errlen))
		return -1;
	p->has_lmem_ecc = true;
	return 0;
}

int profile_parse_str(const char *name, const char *path, const char *text,
		      struct profile *p, char *err, size_t errlen)
{
	char *buf = strdup(text), *rest = buf, *line;
	int lineno = 0, rc = -1;
	bool typed = false;

	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->path, sizeof(p->path), "%s", path);
	if (!buf) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	while ((line = conf_next_line(&rest))) {
		char *key, *val, e[192];
		int r;

		lineno++;
		switch (conf_split_line(line, &key, &val)) {
		case CONF_BLANK:
			continue;
		case CONF_SECTION:
		case CONF_BAD:
			snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			goto out;
		case CONF_KV:
			break;
		}
		if (!strcmp(key, "type")) {
			if (!strcmp(val, "resources"))
				p->type = PROFILE_RESOURCES;
			else if (!strcmp(val, "sched"))
				p->type = PROFILE_SCHED;
			else {
				snprintf(err, errlen, "%s:%d: type: '%s' is not resources or sched",
					 path, lineno, val);
				goto out;
			}
			typed = true;
			continue;
		}
		if (!typed) {
			snprintf(err, errlen, "%s:%d: the first key must be 'type = resources' or 'type = sched'",
				 path, lineno);
			goto out;
		}
		if (!strcmp(key, "description")) {
			snprintf(p->description, sizeof(p->description), "%s", val);
			continue;
		}
		if (p->type == PROFILE_SCHED) {
			r = sched_key(p, key, val, e, sizeof(e));
			if (r < 0) {
				snprintf(err, errlen, "%s:%d: %s", path, lineno, e);
				goto out;
			}
			if (!r)
				continue;
			if (strcmp(key, "pf.exec_quantum_ms") &&
			    strcmp(key, "pf.preempt_timeout_us") &&
			    strcmp(key, "sched_if_idle")) {
				snprintf(err, errlen, "%s:%d: '%s' does not belong in a scheduler preset",
					 path, lineno, key);
				goto out;
			}
		} else if (!strncmp(key, "vf.", 3) || !strcmp(key, "profile")) {
			snprintf(err, errlen, "%s:%d: '%s' does not belong in a profile",
				 path, lineno, key);
			goto out;
		} else {
			r = resource_key(p, key, val, e, sizeof(e));
			if (r < 0) {
				snprintf(err, errlen, "%s:%d: %s: %s", path, lineno,
					 key, e);
				goto out;
			}
			if (!r)
				continue;
		}
		if (req_set_key(&p->req, key, val, e, sizeof(e))) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, e);
			goto out;
		}
	}
	if (!typed) {
		snprintf(err, errlen, "%s: missing 'type = resources' or 'type = sched'", path);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

static int read_text(const char *path, char **text)
{
	FILE *f = fopen(path, "r");
	long len;
	int rc = -1;

	*text = NULL;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > 65536 ||
	    fseek(f, 0, SEEK_SET))
		goto out;
	*text = calloc(1, (size_t)len + 1);
	if (!*text || fread(*text, 1, (size_t)len, f) != (size_t)len) {
		free(*text);
		*text = NULL;
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

static int load_named(const struct profile_dirs *d, const char *file,
		      const char *name, struct profile *p, char *err,
		      size_t errlen, int *found)
{
	int i;

	*found = 0;
	for (i = 0; i < d->n; i++) {
		char path[PATH_MAX + VFCTL_NAME_LEN + 8], *text;
		int rc;

		snprintf(path, sizeof(path), "%s/%s.conf", d->dir[i], file);
		if (access(path, F_OK))
			continue;
		*found = 1;
		if (read_text(path, &text)) {
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
			return -1;
		}
		rc = profile_parse_str(name, path, text, p, err, errlen);
		free(text);
		return rc;
	}
	return -1;
}

int profile_load(const struct profile_dirs *d, const char *name, uint32_t vfs,
		 struct profile *p, char *err, size_t errlen)
{
	int found, i, rc;
	size_t off;

	if (!*name || strchr(name, '/') || name[0] == '.') {
		snprintf(err, errlen, "'%s' is not a profile name", name);
		return -1;
	}
	if (vfs) {
		char file[VFCTL_NAME_LEN + 16];

		snprintf(file, sizeof(file), "%s-%u", name, vfs);
		rc = load_named(d, file, file, p, err, errlen, &found);
		if (found)
			return rc;
	}
	rc = load_named(d, name, name, p, err, errlen, &found);
	if (found)
		return rc;
	off = (size_t)snprintf(err, errlen, "no profile '%s'%s%.0u in", name,
			       vfs ? " for VF count " : "", vfs);
	for (i = 0; i < d->n && off < errlen; i++)
		off += (size_t)snprintf(err + off, errlen - off, " %s", d->dir[i]);
	if (off < errlen)
		snprintf(err + off, errlen - off, " (see `vfctl profiles`)");
	return -1;
}

void profile_sched_eval(const struct profile *p, uint32_t vfs,
			struct vf_req *out)
{
	memset(out, 0, sizeof(*out));
	out->set = p->req.set & (REQ_SET_PF_EQ | REQ_SET_PF_PT | REQ_SET_IDLE);
	out->pf_eq = p->req.pf_eq;
	out->pf_pt = p->req.pf_pt;
	out->sched_if_idle = p->req.sched_if_idle;
	if (p->eq.set || p->eq.nover) {
		out->all.eq = sched_rule_eval(&p->eq, vfs);
		out->all.set |= VF_SET_EQ;
	}
	if (p->pt.set || p->pt.nover) {
		out->all.pt = sched_rule_eval(&p->pt, vfs);
		out->all.set |= VF_SET_PT;
	}
}

/*
 * The LMEM row for the card's ECC state (XPU Manager: VF_LMEM_ECC when ECC
 * is on), and XPU Manager's fallback division by the VF count.
 */
static void profile_apply_rows(const struct profile *p, bool ecc, uint32_t n,
			       struct vf_req *out)
{
	uint32_t lmem_div = PROF_DIV_LMEM;

	if (ecc && p->has_lmem_ecc) {
		out->all.lmem = p->lmem_ecc;
		out->all.set |= VF_SET_LMEM;
		lmem_div = PROF_DIV_LMEM_ECC;
	}
	if (!n)
		return;
	if (p->div & lmem_div)
		out->all.lmem /= n;
	if (p->div & PROF_DIV_GGTT)
		out->all.ggtt /= n;
	if (p->div & PROF_DIV_DOORBELLS)
		out->all.doorbells /= n;
}

int request_resolve(const struct profile_dirs *d, const struct vf_req *expl,
		    struct vf_req *out, char *err, size_t errlen)
{
	struct profile prof, sched;
	struct vf_req s;
	const char *sched_name = expl->sched;
	uint32_t n = (expl->set & REQ_SET_NUM_VFS) ? expl->num_vfs : 0;
	uint32_t i;

	memset(out, 0, sizeof(*out));
	if (expl->profile[0]) {
		if (profile_load(d, expl->profile, n, &prof, err, errlen))
			return -1;
		if (prof.type != PROFILE_RESOURCES) {
			snprintf(err, errlen, "'%s' is a scheduler preset: use --sched %s (or sched = %s)",
				 expl->profile, expl->profile, expl->profile);
			return -1;
		}
		if (n && (prof.req.set & REQ_SET_NUM_VFS) && prof.req.num_vfs != n) {
			snprintf(err, errlen, "profile '%s' is for %u VFs, but %u were asked",
				 prof.name, prof.req.num_vfs, n);
			return -1;
		}
		*out = prof.req;
		profile_apply_rows(&prof, expl->ecc == VFCTL_ECC_ON, n, out);
		snprintf(out->profile, sizeof(out->profile), "%s", prof.name);
		if (!sched_name[0])
			sched_name = prof.req.sched;
	}
	if (!n && (out->set & REQ_SET_NUM_VFS))
		n = out->num_vfs;
	if (!(expl->set & REQ_SET_NUM_VFS) && !(out->set & REQ_SET_NUM_VFS)) {
		snprintf(err, errlen, "the number of VFs is not set (--vfs N, vfs = N, or a profile for N VFs)");
		return -1;
	}
	if (sched_name[0]) {
		if (profile_load(d, sched_name, 0, &sched, err, errlen))
			return -1;
		if (sched.type != PROFILE_SCHED) {
			snprintf(err, errlen, "'%s' is a resource profile, not a scheduler preset",
				 sched_name);
			return -1;
		}
		profile_sched_eval(&sched, n, &s);
		req_overlay(out, &s);
		snprintf(out->sched, sizeof(out->sched), "%s", sched_name);
	}
	{
		char keep_p[VFCTL_NAME_LEN], keep_s[VFCTL_NAME_LEN];

		memcpy(keep_p, out->profile, sizeof(keep_p));
		memcpy(keep_s, out->sched, sizeof(keep_s));
		req_overlay(out, expl);
		memcpy(out->profile, keep_p, sizeof(keep_p));
		memcpy(out->sched, keep_s, sizeof(keep_s));
	}
	for (i = out->num_vfs; i < VFPROV_MAX_VFS; i++)
		if (out->vf[i].set) {
			snprintf(err, errlen, "VF %u is configured but only %u VF%s requested",
				 i + 1, out->num_vfs, out->num_vfs == 1 ? " is" : "s are");
			return -1;
		}
	req_expand(out);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int profile_list(const struct profile_dirs *d,
		 void (*cb)(const struct profile *p, void *arg), void *arg)
{
	char *names[512];
	int n = 0, i, j;

	for (i = 0; i < d->n; i++) {
		DIR *dir = opendir(d->dir[i]);
		struct dirent *de;

		if (!dir)
			continue;
		while ((de = readdir(dir)) && n < 512) {
			size_t len = strlen(de->d_name);
			bool dup = false;

			if (len < 6 || strcmp(de->d_name + len - 5, ".conf") ||
			    de->d_name[0] == '.')
				continue;
			for (j = 0; j < n; j++)
				if (!strncmp(names[j], de->d_name, len - 5) &&
				    !names[j][len - 5])
					dup = true;
			if (!dup)
				names[n++] = strndup(de->d_name, len - 5);
		}
		closedir(dir);
	}
	qsort(names, (size_t)n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		struct profile p;
		char err[256];
		int found;

		if (names[i] && !load_named(d, names[i], names[i], &p, err, sizeof(err), &found))
			cb(&p, arg);
		free(names[i]);
	}
	return n;
}
