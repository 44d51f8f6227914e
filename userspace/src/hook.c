// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl hook: libvirt's qemu hook, before a domain starts. Passing a whole
 * PF through unbinds its driver, which destroys every VF and the guests on
 * them; refuse that when the PF has VFs. Pure but for sysfs reads under
 * @sysroot: unit tested on crafted domain XML and a fake tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hook.h"
#include "host.h"
#include "xml_in.h"

struct walk {
	char (*addrs)[16];
	int n, max;
	int bad;		/* an address that does not parse */
	/* the depth of <domain>, <devices> and of a PCI <hostdev>/<interface> */
	int devices, dev, source;
	char path[XML_MAX_DEPTH][16];
};

static unsigned long num(const char *s, unsigned long max, int *bad)
{
	char *end;
	unsigned long v;

	if (!s || !*s) {
		*bad = 1;
		return 0;
	}
	v = strtoul(s, &end, 0);
	if (*end || v > max)
		*bad = 1;
	return v;
}

static void add_address(struct walk *w, const struct xml_attr *a, int n)
{
	const char *dom = xml_attr_get(a, n, "domain");
	const char *type = xml_attr_get(a, n, "type");
	unsigned long d, b, s, f;

	if (type && strcmp(type, "pci"))
		return;
	d = dom ? num(dom, 0xffff, &w->bad) : 0;
	b = num(xml_attr_get(a, n, "bus"), 0xff, &w->bad);
	s = num(xml_attr_get(a, n, "slot"), 0x1f, &w->bad);
	f = num(xml_attr_get(a, n, "function"), 7, &w->bad);
	if (w->bad || w->n >= w->max)
		return;
	snprintf(w->addrs[w->n++], 16, "%04lx:%02lx:%02lx.%lu", d, b, s, f);
}

static bool is_pci_dev(const char *name, const struct xml_attr *a, int n)
{
	const char *type = xml_attr_get(a, n, "type");
	const char *mode = xml_attr_get(a, n, "mode");

	if (!strcmp(name, "hostdev"))
		return type && !strcmp(type, "pci") && (!mode || !strcmp(mode, "subsystem"));
	return !strcmp(name, "interface") && type && !strcmp(type, "hostdev");
}

static int on_start(void *arg, int depth, const char *name,
		    const struct xml_attr *a, int n)
{
	struct walk *w = arg;

	if (depth == 0 && strcmp(name, "domain"))
		return 2;		/* not a domain */
	if (depth == 1 && !strcmp(name, "devices"))
		w->devices = 1;
	else if (depth == 2 && w->devices && is_pci_dev(name, a, n))
		w->dev = 1;
	else if (depth == 3 && w->dev && !strcmp(name, "source"))
		w->source = 1;
	else if (depth == 4 && w->source && !strcmp(name, "address"))
		add_address(w, a, n);
	return 0;
}

static int on_end(void *arg, int depth, const char *name)
{
	struct walk *w = arg;

	(void)name;
	if (depth == 1)
		w->devices = 0;
	else if (depth == 2)
		w->dev = 0;
	else if (depth == 3)
		w->source = 0;
	return 0;
}

int hook_domain_pci(const char *xml, char (*addrs)[16], int max, char *err,
		    size_t errlen)
{
	struct walk *w = calloc(1, sizeof(*w));
	struct xml_cb cb = { on_start, on_end, w };
	int rc, n;

	if (!w) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	w->addrs = addrs;
	w->max = max;
	rc = xml_parse(xml, &cb, err, errlen);
	n = w->n;
	if (rc == 2)
		snprintf(err, errlen, "the root element is not <domain>");
	else if (!rc && w->bad)
		snprintf(err, errlen, "a <hostdev> source address that is not a PCI address");
	else if (!rc && n >= max)
		snprintf(err, errlen, "more than %d PCI host devices", max);
	rc = rc || w->bad || n >= max ? -1 : n;
	free(w);
	return rc;
}

int hook_check(const char *sysroot, const char *domain, const char *xml,
	       char *msg, size_t len)
{
	char (*addrs)[16] = calloc(HOOK_MAX_DEVS, sizeof(*addrs));
	char err[256];
	int n, i, refused = 0;

	msg[0] = 0;
	if (!addrs) {
		snprintf(msg, len, "out of memory");
		return -1;
	}
	n = hook_domain_pci(xml, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	if (n < 0) {
		snprintf(msg, len, "vfctl hook: domain '%s': cannot read its XML (%s): refusing to start it unchecked\n",
			 domain, err);
		free(addrs);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char path[512];
		unsigned long vfs = 0;

		snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/sriov_numvfs",
			 sysroot, addrs[i]);
		if (host_read_ul(path, &vfs) || !vfs)
			continue;
		str_append(msg, len,
			   "vfctl hook: domain '%s' passes through %s, a PF with %lu VF%s enabled: "
			   "binding it to vfio-pci would destroy every VF and the guests using them. "
			   "Pass a VF instead (vfctl export %s --format libvirt) or disable the VFs first (vfctl reset %s).\n",
			   domain, addrs[i], vfs, vfs == 1 ? "" : "s", addrs[i], addrs[i]);
		refused = 1;
	}
	free(addrs);
	return refused;
}

int hook_domain_vfs(const char *sysroot, const char *xml, char (*vfs)[16],
		    int max, char *err, size_t errlen)
{
	int n = hook_domain_pci(xml, vfs, max, err, errlen), i, k = 0;

	for (i = 0; i < n; i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/physfn",
			 sysroot, vfs[i]);
		if (access(path, F_OK))
			continue;	/* a PF, or not on this host: not ours to bind */
		if (k != i)
			memcpy(vfs[k], vfs[i], sizeof(vfs[k]));
		k++;
	}
	return n < 0 ? n : k;
}
