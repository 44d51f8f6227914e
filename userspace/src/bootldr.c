// SPDX-License-Identifier: GPL-2.0
/* Boot loaders for `vfctl kernel-args --apply` (see bootldr.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "bootldr.h"
#include "grub.h"
#include "qemu_cmd.h"

#define SEP " \t\n"

static const char *const kind_names[] = {
	[BOOT_NONE] = "none", [BOOT_PROXMOX] = "proxmox",
	[BOOT_KERNELSTUB] = "kernelstub", [BOOT_GRUBBY] = "grubby",
	[BOOT_GRUB] = "grub",
};

const char *boot_kind_name(enum boot_kind k)
{
	return kind_names[k];
}

int boot_kind_parse(const char *s, enum boot_kind *k)
{
	size_t i;

	for (i = BOOT_PROXMOX; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(s, kind_names[i])) {
			*k = (enum boot_kind)i;
			return 0;
		}
	return -1;
}

/* Whether the space separated @list has the token @tok. */
static bool has_tok(const char *list, const char *tok)
{
	size_t tl = strlen(tok);
	const char *p = list;

	while (*p) {
		size_t n;

		p += strspn(p, SEP);
		n = strcspn(p, SEP);
		if (n && n == tl && !strncmp(p, tok, tl))
			return true;
		p += n;
	}
	return false;
}

bool kargs_managed(const char *tok)
{
	/* Every key kargs_build() writes, in either mode, on either IOMMU. */
	static const char *const keys[] = {
		"intel_iommu", "amd_iommu", "iommu", "i915.max_vfs",
		"vfio-pci.ids", "vfio_pci.ids",
	};
	size_t kl = strcspn(tok, "="), i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i]) == kl && !strncmp(tok, keys[i], kl))
			return true;
	return false;
}

/*
 * The keys of kargs_build()'s xe arguments: managed only while installing xe
 * arguments, so an i915 install leaves an xe.* or i915.force_probe the admin
 * set alone (as before xe), and an xe install replaces its own stale ones.
 */
static bool managed(const char *tok, const char *args)
{
	static const char *const keys[] = {
		"xe.max_vfs", "xe.force_probe", "i915.force_probe",
	};
	size_t kl = strcspn(tok, "="), i;

	if (kargs_managed(tok))
		return true;
	if (!strstr(args, "xe.max_vfs="))
		return false;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i]) == kl && !strncmp(tok, keys[i], kl))
			return true;
	return false;
}

/* Append @n bytes of @tok to @out as a token. false when it does not fit. */
static bool put_tok(char *out, size_t len, const char *tok, size_t n)
{
	size_t used = strlen(out), need = n + (used ? 1 : 0);

	if (used + need >= len)
		return false;
	if (used)
		out[used++] = ' ';
	memcpy(out + used, tok, n);
	out[used + n] = 0;
	return true;
}

/* Each token of @list, @n bytes at @tok: @fn; stops at false. */
static bool each_tok(const char *list, bool (*fn)(const char *tok, size_t n, void *arg),
		     void *arg)
{
	const char *p = list;

	while (*p) {
		size_t n;

		p += strspn(p, SEP);
		n = strcspn(p, SEP);
		if (n && !fn(p, n, arg))
			return false;
		p += n;
	}
	return true;
}

enum tok_pass { T_KEEP, T_STALE, T_MISSING };

struct tok_op {
	enum tok_pass pass;
	const char *args;	/* what vfctl installs */
	const char *have;	/* T_MISSING: what is there already */
	char *out;
	size_t len;
};

/*
 * One token of a pass: T_KEEP keeps a token of the line unless it is
 * managed and stale (a managed one of @args once); T_STALE collects managed
 * tokens not in @args; T_MISSING tokens in neither @have nor @out yet.
 */
static bool tok_do(const char *tok, size_t n, void *arg)
{
	struct tok_op *o = arg;
	char t[256];
	bool put;

	if (n >= sizeof(t))	/* longer than any token of ours */
		return o->pass != T_KEEP || put_tok(o->out, o->len, tok, n);
	memcpy(t, tok, n);
	t[n] = 0;
	switch (o->pass) {
	case T_KEEP:
		put = !managed(t, o->args) ||
		      (has_tok(o->args, t) && !has_tok(o->out, t));
		break;
	case T_STALE:
		put = managed(t, o->args) && !has_tok(o->args, t) &&
		      !has_tok(o->out, t);
		break;
	default:
		put = !has_tok(o->have, t) && !has_tok(o->out, t);
		break;
	}
	return !put || put_tok(o->out, o->len, t, n);
}

/* Run pass @pass over @list into @out (appending). false when it did not fit. */
static bool tok_pass(enum tok_pass pass, const char *list, const char *args,
		     const char *have, char *out, size_t len)
{
	struct tok_op o = { pass, args, have, out, len };

	return each_tok(list, tok_do, &o);
}

int kargs_merge(const char *line, const char *args, char *out, size_t len)
{
	out[0] = 0;
	/* the line without stale managed tokens, then ours it lacks */
	if (!tok_pass(T_KEEP, line, args, NULL, out, len) ||
	    !tok_pass(T_MISSING, args, args, out, out, len))
		return -1;
	return 0;
}

void kargs_diff(const char *have, const char *args, char *del, size_t dlen,
		char *add, size_t alen)
{
	del[0] = 0;
	add[0] = 0;
	tok_pass(T_STALE, have, args, NULL, del, dlen);
	tok_pass(T_MISSING, args, args, have, add, alen);
}

/* Add the tokens of @src that @dst lacks to @dst. */
static void tok_union(char *dst, size_t len, const char *src)
{
	tok_pass(T_MISSING, src, src, dst, dst, len);
}

/* GRUB_ENABLE_BLSCFG=true in /etc/default/grub: grub reads BLS entries. */
static bool grub_bls(void)
{
	char buf[8192];

	return !host_read(GRUB_DEFAULT, buf, sizeof(buf)) &&
	       (strstr(buf, "GRUB_ENABLE_BLSCFG=true") ||
		strstr(buf, "GRUB_ENABLE_BLSCFG=\"true\""));
}

/* Each BLS entry's "options" line: @fn(options, arg). Entries seen, -1 no dir. */
static int each_bls_entry(void (*fn)(const char *opts, void *arg), void *arg)
{
	char dir[HOST_PATH_MAX], line[4096];
	struct dirent *de;
	int n = 0;
	DIR *d;

	if (host_path(dir, sizeof(dir), BLS_ENTRIES) || !(d = opendir(dir)))
		return -1;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char p[HOST_PATH_MAX * 2];
		FILE *f;

		if (l < 6 || strcmp(de->d_name + l - 5, ".conf"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		f = fopen(p, "re");
		if (!f)
			continue;
		n++;
		while (fgets(line, sizeof(line), f))
			if (fn && !strncmp(line, "options", 7) && line[7] &&
			    strchr(" \t", line[7]))
				fn(line + 8, arg);
		fclose(f);
	}
	closedir(d);
	return n;
}

enum boot_kind boot_detect(char *why, size_t len)
{
	char tool[HOST_PATH_MAX];

	if (host_exists(PROXMOX_UUIDS) && host_exists(KERNEL_CMDLINE)) {
		snprintf(why, len, "%s and %s (Proxmox VE, systemd-boot)",
			 PROXMOX_UUIDS, KERNEL_CMDLINE);
		return BOOT_PROXMOX;
	}
	if (host_exists(KERNELSTUB_CONF)) {
		snprintf(why, len, "%s (kernelstub, systemd-boot)", KERNELSTUB_CONF);
		return BOOT_KERNELSTUB;
	}
	if (each_bls_entry(NULL, NULL) > 0 &&
	    (host_find_tool("grubby", tool, sizeof(tool)) || grub_bls())) {
		snprintf(why, len, "BLS entries in %s and grubby", BLS_ENTRIES);
		return BOOT_GRUBBY;
	}
	if (host_exists(GRUB_DEFAULT)) {
		snprintf(why, len, "%s (GRUB)%s", GRUB_DEFAULT,
			 host_exists(PROXMOX_UUIDS) ? ", ESPs kept by proxmox-boot-tool" : "");
		return BOOT_GRUB;
	}
	snprintf(why, len, "none of %s, %s with %s, %s, BLS entries in %s with grubby",
		 GRUB_DEFAULT, KERNEL_CMDLINE, PROXMOX_UUIDS, KERNELSTUB_CONF,
		 BLS_ENTRIES);
	return BOOT_NONE;
}

static void add_cmd(struct boot_plan *p, const char *a0, const char *a1,
		    const char *a2)
{
	const char *v[] = { a0, a1, a2 };
	struct boot_cmd *c;
	size_t i;

	if (p->ncmds >= BOOT_MAX_CMDS)
		return;
	c = &p->cmd[p->ncmds++];
	c->argc = 0;
	for (i = 0; i < 3 && v[i]; i++)
		snprintf(c->argv[c->argc++], sizeof(c->argv[0]), "%s", v[i]);
}

/* @tool as the plan's last command, or a note saying to run it by hand. */
static void add_refresh(struct boot_plan *p, const char *tool, const char *arg,
			const char *instead)
{
	char exe[HOST_PATH_MAX];

	if (host_find_tool(tool, exe, sizeof(exe)))
		add_cmd(p, tool, arg, NULL);
	else if (host_is_fake())
		snprintf(p->note, sizeof(p->note),
			 "not running %s under a root prefix; run: %s%s%s", tool,
			 tool, arg ? " " : "", arg ? arg : "");
	else
		snprintf(p->note, sizeof(p->note), "%s not found: run %s", tool,
			 instead);
}

/* File plans (grub, proxmox): nothing to run when the file already holds it. */
static void file_plan(struct boot_plan *p, const char *file)
{
	snprintf(p->file, sizeof(p->file), "%s", file);
	p->unchanged = host_same_content(file, p->text);
}

static int plan_grub(const char *args, const char *mode, struct boot_plan *p,
		     char *err, size_t len)
{
	if (!host_exists(GRUB_DEFAULT)) {
		snprintf(err, len, "no %s: not a GRUB system", GRUB_DEFAULT);
		return -1;
	}
	if (grub_dropin_text(args, mode, p->text, sizeof(p->text))) {
		snprintf(err, len, "arguments too long");
		return -1;
	}
	file_plan(p, GRUB_DROPIN);
	if (p->unchanged)
		return 0;
	/* A Proxmox GRUB ESP: proxmox-boot-tool regenerates and syncs it. */
	if (host_exists(PROXMOX_UUIDS))
		add_refresh(p, "proxmox-boot-tool", "refresh", "proxmox-boot-tool refresh");
	else
		add_refresh(p, "update-grub", NULL,
			    "grub-mkconfig -o /boot/grub/grub.cfg (or grub2-mkconfig)");
	return 0;
}

static int plan_proxmox(const char *args, struct boot_plan *p, char *err,
			size_t len)
{
	char line[4096], merged[4096];
	int rc = host_read(KERNEL_CMDLINE, line, sizeof(line));

	if (rc) {
		snprintf(err, len, "cannot read %s: %s", KERNEL_CMDLINE, strerror(-rc));
		return -1;
	}
	/* One line, as proxmox-boot-tool and kernel-install read it. */
	line[strcspn(line, "\n")] = 0;
	if (kargs_merge(line, args, merged, sizeof(merged)) ||
	    (size_t)snprintf(p->text, sizeof(p->text), "%s\n", merged) >= sizeof(p->text)) {
		snprintf(err, len, "%s: command line too long", KERNEL_CMDLINE);
		return -1;
	}
	file_plan(p, KERNEL_CMDLINE);
	if (!p->unchanged)
		add_refresh(p, "proxmox-boot-tool", "refresh", "proxmox-boot-tool refresh");
	return 0;
}

/* kernelstub's "user" kernel_options, space separated. -1 unreadable. */
static int kernelstub_options(char *buf, size_t len)
{
	char p[HOST_PATH_MAX];
	json_object *root, *user, *opts;
	size_t i, n;
	int rc = -1;

	buf[0] = 0;
	if (host_path(p, sizeof(p), KERNELSTUB_CONF) ||
	    !(root = json_object_from_file(p)))
		return -1;
	if (json_object_object_get_ex(root, "user", &user) &&
	    json_object_object_get_ex(user, "kernel_options", &opts) &&
	    json_object_is_type(opts, json_type_array)) {
		n = json_object_array_length(opts);
		for (i = 0; i < n; i++) {
			const char *s = json_object_get_string(json_object_array_get_idx(opts, i));

			if (s && *s)
				str_append(buf, len, "%s%s", buf[0] ? " " : "", s);
		}
		rc = 0;
	}
	json_object_put(root);
	return rc;
}

static int need_tool(const char *tool, char *err, size_t len)
{
	char exe[HOST_PATH_MAX];

	if (host_find_tool(tool, exe, sizeof(exe)))
		return 0;
	snprintf(err, len, "%s not found%s", tool,
		 host_is_fake() ? " in $VFCTL_TOOL_DIR (root prefix)" : " in $PATH");
	return -1;
}

static void opt_cmd(struct boot_plan *p, const char *tool, const char *pre,
		    const char *opt, const char *list)
{
	char a[1024];

	if (!list[0])
		return;
	snprintf(a, sizeof(a), "%s%s", opt, list);
	add_cmd(p, tool, pre, a);
}

static int plan_kernelstub(const char *args, struct boot_plan *p, char *err,
			   size_t len)
{
	char have[4096], del[1024], add[1024];

	if (need_tool("kernelstub", err, len))
		return -1;
	if (kernelstub_options(have, sizeof(have))) {
		snprintf(err, len, "%s: no user.kernel_options (not kernelstub's JSON?)",
			 KERNELSTUB_CONF);
		return -1;
	}
	kargs_diff(have, args, del, sizeof(del), add, sizeof(add));
	/* kernelstub takes the options as one argument, space separated */
	if (del[0])
		add_cmd(p, "kernelstub", "--delete-options", del);
	if (add[0])
		add_cmd(p, "kernelstub", "--add-options", add);
	p->unchanged = !p->ncmds;
	return 0;
}

#define BLS_LIST 768	/* fits an argv slot with "--remove-args=" */

struct bls_diff {
	const char *args;
	char del[BLS_LIST], add[BLS_LIST];
};

static void bls_entry(const char *opts, void *arg)
{
	struct bls_diff *b = arg;
	char del[BLS_LIST], add[BLS_LIST];

	kargs_diff(opts, b->args, del, sizeof(del), add, sizeof(add));
	/* union over the entries: every kernel gets the same arguments */
	tok_union(b->del, sizeof(b->del), del);
	tok_union(b->add, sizeof(b->add), add);
}

static int plan_grubby(const char *args, struct boot_plan *p, char *err,
		       size_t len)
{
	struct bls_diff b = { .args = args };

	if (need_tool("grubby", err, len))
		return -1;
	if (each_bls_entry(bls_entry, &b) <= 0)
		snprintf(b.add, sizeof(b.add), "%s", args);	/* cannot tell: add all */
	opt_cmd(p, "grubby", "--update-kernel=ALL", "--remove-args=", b.del);
	opt_cmd(p, "grubby", "--update-kernel=ALL", "--args=", b.add);
	p->unchanged = !p->ncmds;
	return 0;
}

int boot_plan_build(enum boot_kind k, const char *args, const char *mode,
		    struct boot_plan *p, char *err, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->kind = k;
	switch (k) {
	case BOOT_GRUB: return plan_grub(args, mode, p, err, len);
	case BOOT_PROXMOX: return plan_proxmox(args, p, err, len);
	case BOOT_KERNELSTUB: return plan_kernelstub(args, p, err, len);
	case BOOT_GRUBBY: return plan_grubby(args, p, err, len);
	default:
		snprintf(err, len, "no boot loader");
		return -1;
	}
}

void boot_cmd_str(const struct boot_cmd *c, char *buf, size_t len)
{
	char *v[BOOT_MAX_ARGV + 1], *s;
	int i;

	for (i = 0; i < c->argc; i++)
		v[i] = (char *)c->argv[i];
	v[i] = NULL;
	s = shell_join(v);
	snprintf(buf, len, "%s", s ? s : "");
	free(s);
}

int boot_plan_run(const struct boot_plan *p, char *err, size_t len)
{
	char line[2048];
	int i, rc;

	if (p->unchanged)
		return 0;
	if (p->file[0]) {
		rc = host_replace(p->file, p->text);
		if (rc < 0) {
			snprintf(err, len, "cannot write %s: %s", p->file, strerror(-rc));
			return rc;
		}
	}
	for (i = 0; i < p->ncmds; i++) {
		char *v[BOOT_MAX_ARGV + 1];
		int k;

		for (k = 0; k < p->cmd[i].argc; k++)
			v[k] = (char *)p->cmd[i].argv[k];
		v[k] = NULL;
		rc = host_run_tool(v);
		if (rc) {
			boot_cmd_str(&p->cmd[i], line, sizeof(line));
			snprintf(err, len, rc == 127 ? "%s: not found" : "%s failed (%d)",
				 line, rc);
			return 1;
		}
	}
	return 0;
}
