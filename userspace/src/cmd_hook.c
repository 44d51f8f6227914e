// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl hook DOMAIN OPERATION SUB-OPERATION [EXTRA]: libvirt's qemu hook
 * (/etc/libvirt/hooks/qemu.d/vfctl runs `exec vfctl hook "$@"`). At
 * "prepare begin" it reads the domain XML from stdin and refuses (exit 1,
 * the reason on stderr, which libvirt puts in its error and log) a domain
 * that passes through a PF with VFs enabled. With --bind-vfio (put it in
 * the hook script: `exec vfctl hook --bind-vfio "$@"`) it then binds the
 * domain's VFs to vfio-pci (driver_override + drivers_probe, the way
 * `vfctl launch` does), for hostdevs with managed='no' that libvirt would
 * not bind itself; a VF that cannot be bound stops the domain (exit 1).
 * Every other call: exit 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_export.h"
#include "cmd_host.h"
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

/* vfio-pci for every VF of the domain; EXIT_OK or the first failure. */
static int bind_vfs(const char *domain, const char *xml)
{
	char (*vfs)[16] = calloc(HOOK_MAX_DEVS, sizeof(*vfs));
	char err[256];
	int n, i, rc = EXIT_OK;

	if (!vfs)
		return EXIT_ERR;
	n = hook_domain_vfs(g_opts.sysroot, xml, vfs, HOOK_MAX_DEVS, err, sizeof(err));
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		rc = vfio_take(vfs[i], false);
		if (rc)
			fprintf(stderr, "vfctl hook: domain '%s': cannot bind VF %s to vfio-pci (above): not starting it\n",
				domain, vfs[i]);
	}
	free(vfs);
	return n < 0 ? EXIT_ERR : rc;
}

int cmd_hook(int argc, char **argv)
{
	char msg[4096];
	char *xml;
	bool bind = false;
	int rc;

	if (argc > 1 && !strcmp(argv[1], "--bind-vfio")) {
		bind = true;
		argv++;
		argc--;
	}
	if (argc < 4) {
		usage_error("usage: vfctl hook [--bind-vfio] DOMAIN OPERATION SUB-OPERATION [EXTRA] (libvirt's qemu hook; domain XML on stdin)");
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
	if (rc)
		fputs(msg, stderr);
	else if (bind && bind_vfs(argv[1], xml))
		rc = 1;
	free(xml);
	/* libvirt reads any non-zero exit as "do not start" */
	return rc ? EXIT_ERR : EXIT_OK;
}
