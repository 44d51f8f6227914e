// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl hook DOMAIN OPERATION SUB-OPERATION [EXTRA]: libvirt's qemu hook
 * (/etc/libvirt/hooks/qemu.d/vfctl runs `exec vfctl hook "$@"`). At
 * "prepare begin" it reads the domain XML from stdin and refuses (exit 1,
 * the reason on stderr, which libvirt puts in its error and log) a domain
 * that passes through a PF with VFs enabled. Every other call: exit 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_export.h"
#include "hook.h"

#define HOOK_XML_MAX (4u << 20)

static char *read_stdin(void)
{
	size_t len = 0, cap = 65536, n;
	char *buf = malloc(cap + 1);

	while (buf && (n = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap) {
			char *b = cap >= HOOK_XML_MAX ? NULL : realloc(buf, cap * 2 + 1);

			if (!b) {
				free(buf);
				return NULL;
			}
			buf = b;
			cap *= 2;
		}
	}
	if (buf)
		buf[len] = 0;
	return buf;
}

int cmd_hook(int argc, char **argv)
{
	char msg[4096];
	char *xml;
	int rc;

	if (argc < 4) {
		usage_error("usage: vfctl hook DOMAIN OPERATION SUB-OPERATION [EXTRA] (libvirt's qemu hook; domain XML on stdin)");
		return EXIT_USAGE;
	}
	if (strcmp(argv[2], "prepare") || strcmp(argv[3], "begin"))
		return EXIT_OK;
	xml = read_stdin();
	if (!xml) {
		fprintf(stderr, "vfctl hook: domain '%s': cannot read its XML from stdin (at most 4 MiB)\n",
			argv[1]);
		return EXIT_ERR;
	}
	rc = hook_check(g_opts.sysroot, argv[1], xml, msg, sizeof(msg));
	free(xml);
	if (rc)
		fputs(msg, stderr);
	return rc ? EXIT_ERR : EXIT_OK;
}
