// SPDX-License-Identifier: GPL-2.0
/*
 * apply -f DIR --pf ADDR (persist): a directory reads its *.conf in name
 * order and nothing else; the --pf filter keeps exactly one PF's sections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "vfctl_tap.h"

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	char dir[] = "/tmp/vfctl-persist-XXXXXX", err[512] = "", sub[600];
	struct conf c = { 0 };
	int rc;

	if (!mkdtemp(dir))
		return 1;
	put(dir, "b.conf", "[pf 0000:02:00.0]\nvfs = 2\n");
	put(dir, "a.conf", "[pf 0000:01:00.0]\nvfs = 1\n[pf 0000:03:00.0]\nvfs = 3\n");
	put(dir, "notes.txt", "[pf 0000:09:00.0]\nvfs = 9\n");
	snprintf(sub, sizeof(sub), "%s/profiles", dir);
	mkdir(sub, 0700);
	put(sub, "x.conf", "[pf 0000:08:00.0]\nvfs = 8\n");

	rc = conf_parse_path(dir, &c, err, sizeof(err));
	ok(rc == 0, "a directory parses%s%s", *err ? ": " : "", err);
	is_u64(c.n, 3, "its *.conf only: 3 sections (not notes.txt, not profiles/)");
	if (c.n == 3) {
		is_str(c.pf[0].spec, "0000:01:00.0", "a.conf first (name order)");
		is_str(c.pf[2].spec, "0000:02:00.0", "b.conf last");
	}
	is_u64(conf_keep_pf(&c, "0000:03:00.0"), 1, "--pf keeps one section");
	is_str(c.n ? c.pf[0].spec : "", "0000:03:00.0", "  the PF's own");
	is_u64(c.pf[0].req.num_vfs, 3, "  with its keys");
	is_u64(conf_keep_pf(&c, "0000:7e:00.0"), 0, "--pf of a PF no file names: none");
	conf_free(&c);

	put(dir, "c.conf", "[pf 3]\nvfs = 1\n");
	rc = conf_parse_path(dir, &c, err, sizeof(err));
	ok(rc != 0 && strstr(err, "c.conf:1:"), "a bad file in the directory is named: %s", err);
	conf_free(&c);

	rc = conf_parse_path(sub, &c, err, sizeof(err));
	ok(rc == 0 && c.n == 1, "a directory of one file");
	conf_free(&c);

	snprintf(sub, sizeof(sub), "%s/empty", dir);
	mkdir(sub, 0700);
	rc = conf_parse_path(sub, &c, err, sizeof(err));
	ok(rc == 0 && c.n == 0, "an empty directory: no sections, no error");
	conf_free(&c);

	snprintf(sub, sizeof(sub), "rm -rf '%s'", dir);
	if (system(sub))
		fprintf(stderr, "# could not remove %s\n", dir);
	return tap_done();
}
