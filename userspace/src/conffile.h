/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_CONFFILE_H
#define VFCTL_CONFFILE_H

#include "vfctl.h"

/*
 * Config files (/etc/vfctl/NAME.conf), documented in vfctl(8) FILES:
 *
 *   # comment
 *   [pf 0000:4d:00.0]          (a PCI address: never an index or card)
 *   vfs = 4
 *   profile = flex170          (flex170-4 when vfs = 4)
 *   sched = flexible_30fps
 *   driver = vfio-pci
 *   lmem = 2G
 *   vf.2.lmem = 4G
 *   force = no
 */
struct conf_pf {
	char spec[64];		/* the PCI address, normalised (dddd:bb:dd.f) */
	int line;		/* of the section header */
	bool force;
	struct vf_req req;	/* explicit keys only; profiles resolved later */
};

struct conf {
	int n;
	struct conf_pf *pf;
};

/*
 * Cut the next line off a text being split in place: returns it (without
 * its newline) and advances *@rest, or NULL once the text is used up.
 */
char *conf_next_line(char **rest);

/* Line classes of conf_split_line(). */
enum conf_line { CONF_BLANK, CONF_KV, CONF_SECTION, CONF_BAD };

/*
 * Split one line in place: "key = value" -> CONF_KV (*key, *val),
 * "[...]" -> CONF_SECTION (*key = the inside, trimmed), comments and blank
 * lines -> CONF_BLANK. Shared with profile files.
 */
enum conf_line conf_split_line(char *line, char **key, char **val);

/*
 * 0 with the normalised address in @norm if @spec may name a PF in a file
 * (a PCI address); -1 with the reason for an index, a card or anything else.
 */
int conf_check_pf(const char *spec, char *norm, size_t len, char *err,
		  size_t errlen);

/*
 * Parse; on error "NAME:LINE: reason" in @err. Appends to @c. A text whose
 * first non-blank character is '{' is JSON (conf_json.c, the schema of
 * `vfctl export --format json`).
 */
int conf_parse_str(const char *name, const char *text, struct conf *c,
		   char *err, size_t errlen);
int conf_parse_file(const char *path, struct conf *c, char *err,
		    size_t errlen);
/* @path a file as conf_parse_file(), or a directory: its *.conf files. */
int conf_parse_path(const char *path, struct conf *c, char *err,
		    size_t errlen);
/*
 * Keep only the sections of PF @addr (normalised, as conf_check_pf()
 * gives it); returns how many are left (apply --pf, watch).
 */
int conf_keep_pf(struct conf *c, const char *addr);
void conf_free(struct conf *c);

/* conf_json.c: the JSON form; errors "NAME: pfs[0].vf[1].lmem: reason". */
int conf_parse_json(const char *name, const char *text, struct conf *c,
		    char *err, size_t errlen);

#endif
