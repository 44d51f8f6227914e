// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl hook on crafted domain XML and a fake sysfs: the PCI devices a
 * domain passes through are found where libvirt puts them (and only
 * there), a PF with VFs is refused, a VF or a PF without VFs is not, and
 * XML the reader cannot vouch for is refused rather than waved through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hook.h"
#include "xml_in.h"
#include "vfctl_tap.h"

static char root[] = "/tmp/vfctl-hook-XXXXXX";

static void fake_dev(const char *addr, const char *numvfs)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/bus", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/bus/pci", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/bus/pci/devices", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/bus/pci/devices/%s", root, addr);
	mkdir(p, 0755);
	if (!numvfs)
		return;
	snprintf(p, sizeof(p), "%s/bus/pci/devices/%s/sriov_numvfs", root, addr);
	f = fopen(p, "w");
	if (f) {
		fprintf(f, "%s\n", numvfs);
		fclose(f);
	}
}

#define DOM_HEAD "<?xml version='1.0'?>\n<!-- a comment <hostdev> -->\n<domain type='kvm' id='3'>\n" \
	"  <name>g1</name>\n  <metadata><x:y xmlns:x='urn:x'><![CDATA[<hostdev type='pci'>]]></x:y></metadata>\n" \
	"  <devices>\n    <disk type='file'><source file='/a&amp;b.qcow2'/><address type='drive' bus='0'/></disk>\n"
#define DOM_TAIL "  </devices>\n</domain>\n"

static const char pf_hostdev[] = DOM_HEAD
	"    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
	"      <driver name='vfio'/>\n"
	"      <source>\n        <address domain='0x0000' bus='0x4d' slot='0x00' function='0x0'/>\n      </source>\n"
	"      <address type='pci' domain='0x0000' bus='0x07' slot='0x00' function='0x0'/>\n"
	"    </hostdev>\n" DOM_TAIL;

static const char vf_hostdev[] = DOM_HEAD
	"    <hostdev mode=\"subsystem\" type=\"pci\" managed=\"no\">\n"
	"      <source><address domain=\"0\" bus=\"77\" slot=\"0\" function=\"1\"/></source>\n"
	"    </hostdev>\n"
	"    <hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><address bus='1' device='2'/></source></hostdev>\n"
	DOM_TAIL;

static const char pf_interface[] = DOM_HEAD
	"    <interface type='hostdev' managed='yes'>\n"
	"      <source>\n        <address type='pci' domain='0x0000' bus='0x4d' slot='0x00' function='0x0'/>\n      </source>\n"
	"      <mac address='52:54:00:6d:90:02'/>\n"
	"    </interface>\n" DOM_TAIL;

/* an address outside <devices>: not a passthrough */
static const char not_devices[] = "<domain type='kvm'><name>g</name>"
	"<hostdev mode='subsystem' type='pci'><source><address bus='0x4d' slot='0' function='0'/></source></hostdev>"
	"<devices/></domain>";

int main(void)
{
	static const char *const broken[] = {
		"",
		"<domain><devices></domain>",
		"<domain></domain><domain></domain>",
		"<!DOCTYPE domain [<!ENTITY x 'y'>]><domain/>",
		"<domain a='1' a='2'/>",
		"<domain a='&foo;'/>",
		"<domain a='<'/>",
		"<domain a=1/>",
		"<domain><!-- unterminated </domain>",
		"<network/>",
		"<domain><devices><hostdev mode='subsystem' type='pci'><source>"
		"<address bus='0x100' slot='0' function='0'/></source></hostdev></devices></domain>",
		"<domain><devices><hostdev mode='subsystem' type='pci'><source>"
		"<address slot='0' function='0'/></source></hostdev></devices></domain>",
	};
	char addrs[HOOK_MAX_DEVS][16], err[256], msg[2048];
	size_t i;
	int n;

	if (!mkdtemp(root))
		return 1;
	fake_dev("0000:4d:00.0", "3");		/* a PF with 3 VFs */
	fake_dev("0000:4e:00.0", "0");		/* a PF without VFs */
	fake_dev("0000:77:00.1", NULL);		/* a VF: no sriov_numvfs */
	fake_dev("0000:4d:00.1", NULL);		/* a VF of 0000:4d:00.0 */
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/bus/pci/devices/0000:4d:00.1/physfn", root);
		if (symlink("../0000:4d:00.0", p))
			return 1;
	}

	n = hook_domain_pci(pf_hostdev, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.0"),
	   "hostdev: the source address only (not the guest-side address, the disk, the comment or CDATA) (%d %s)",
	   n, n < 0 ? err : "");
	n = hook_domain_pci(vf_hostdev, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.1"),
	   "decimal attributes, double quotes; a USB hostdev ignored (%s)", n > 0 ? addrs[0] : err);
	n = hook_domain_pci(pf_interface, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.0"), "interface type='hostdev' counts");
	n = hook_domain_pci(not_devices, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 0, "a hostdev outside <devices> is not a passthrough");

	ok(hook_check(root, "g1", pf_hostdev, msg, sizeof(msg)) == 1 &&
	   strstr(msg, "domain 'g1' passes through 0000:4d:00.0, a PF with 3 VFs enabled") &&
	   strstr(msg, "vfctl reset 0000:4d:00.0"),
	   "a PF with VFs is refused, the message names PF, VF count and the way out");
	ok(hook_check(root, "g1", pf_interface, msg, sizeof(msg)) == 1, "also as an interface");
	ok(hook_check(root, "g2", vf_hostdev, msg, sizeof(msg)) == 0 && !msg[0], "a VF is allowed");
	{
		char x[sizeof(pf_hostdev) + 8];
		char *p;

		snprintf(x, sizeof(x), "%s", pf_hostdev);
		p = strstr(x, "bus='0x4d'");
		if (p)
			memcpy(p, "bus='0x4e'", 10);
		ok(hook_check(root, "g3", x, msg, sizeof(msg)) == 0, "a PF without VFs is allowed");
		if (p)
			memcpy(p, "bus='0x99'", 10);
		ok(hook_check(root, "g3", x, msg, sizeof(msg)) == 0, "a device sysfs does not have: allowed");
	}
	n = hook_domain_vfs(root, vf_hostdev, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.1"), "--bind-vfio: the VF (physfn link) is bound (%d)", n);
	n = hook_domain_vfs(root, pf_hostdev, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 0, "--bind-vfio: a PF is not one of the VFs to bind (%d)", n);
	n = hook_domain_vfs(root, not_devices, addrs, HOOK_MAX_DEVS, err, sizeof(err));
	ok(n == 0, "--bind-vfio: nothing outside <devices>");
	{
		static const char two[] = DOM_HEAD
			"    <hostdev mode='subsystem' type='pci'><source><address bus='0x4e' slot='0' function='0'/></source></hostdev>\n"
			"    <hostdev mode='subsystem' type='pci'><source><address bus='0x4d' slot='0' function='1'/></source></hostdev>\n"
			"    <hostdev mode='subsystem' type='pci'><source><address bus='0x99' slot='0' function='1'/></source></hostdev>\n"
			DOM_TAIL;

		n = hook_domain_vfs(root, two, addrs, HOOK_MAX_DEVS, err, sizeof(err));
		ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.1"),
		   "--bind-vfio: of a PF, a VF and an absent device only the VF, moved first (%d)", n);
	}
	ok(hook_domain_vfs(root, broken[1], addrs, HOOK_MAX_DEVS, err, sizeof(err)) < 0,
	   "--bind-vfio: unreadable XML is an error");
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		err[0] = 0;
		ok(hook_domain_pci(broken[i], addrs, HOOK_MAX_DEVS, err, sizeof(err)) < 0 && err[0],
		   "unreadable or bad XML refused: %s", err);
	}
	ok(hook_check(root, "g4", broken[1], msg, sizeof(msg)) == -1 &&
	   strstr(msg, "refusing to start it unchecked"), "hook_check: unreadable XML is a refusal");
	{
		/* entities and character references decode */
		static const char ent[] = "<domain><devices><hostdev mode='subsystem' type='&#112;ci'><source>"
			"<address domain='0x0000' bus='0x&#x34;d' slot='0' function='0'/></source></hostdev>"
			"</devices></domain>";

		n = hook_domain_pci(ent, addrs, HOOK_MAX_DEVS, err, sizeof(err));
		ok(n == 1 && !strcmp(addrs[0], "0000:4d:00.0"), "character references decode (%s)",
		   n > 0 ? addrs[0] : err);
	}
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
		if (system(cmd))
			return 1;
	}
	return tap_done();
}
