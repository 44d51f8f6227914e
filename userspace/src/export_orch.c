// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl export --format libvirt|libvirt-domain|kubevirt|proxmox|nova: the
 * VFs handed to the orchestrator that starts the guests. Pure: the input is
 * struct exp_pf, so the host unit tests feed fake PFs and validate the
 * output with the orchestrators' own tools (virt-xml-validate, a YAML/JSON
 * parser). XML is written by xml_out.c (escaping included), JSON by json-c.
 * (Not libxml2: on Debian it pulls ICU, 38 MB, into every VM test image.)
 *
 * Where each format comes from (docs/orchestrators.md has the details):
 * libvirt's domain XML reference (formatdomain, "Host device assignment"),
 * KubeVirt's API (PermittedHostDevices / PciHostDevice), Proxmox's
 * pve-guest-common PVE/Mapping/PCI.pm (the section format of
 * /etc/pve/mapping/pci.cfg), nova's [pci] options (nova/conf/pci.py).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "pfaddr.h"
#include "xml_out.h"

struct bdf {
	unsigned int dom, bus, slot, fn;
};

static int parse_bdf(const char *addr, struct bdf *b)
{
	char norm[32];

	if (pfaddr_parse_pci(addr, norm, sizeof(norm)) ||
	    sscanf(norm, "%x:%x:%x.%x", &b->dom, &b->bus, &b->slot, &b->fn) != 4)
		return -1;
	return 0;
}

static bool vf_selected(const struct vf_state *v, const struct exp_opts *o)
{
	return v->enabled && v->pci_addr[0] && (!o->only_vf || v->id == o->only_vf);
}

static int count_vfs(const struct exp_pf *pfs, int n, const struct exp_opts *o,
		     char *err, size_t errlen)
{
	int i, k, c = 0;

	for (i = 0; i < n; i++)
		for (k = 0; k < pfs[i].st->nvfs; k++)
			c += vf_selected(&pfs[i].st->vf[k], o);
	if (!c) {
		if (o->only_vf)
			snprintf(err, errlen, "VF %u is not enabled", o->only_vf);
		else
			snprintf(err, errlen, "no VF is enabled: nothing to export (vfctl apply first)");
		return -1;
	}
	return c;
}

/* ---- libvirt */

static void xml_hostdev(struct xw *w, const struct vf_state *v, const char *pf,
			const struct bdf *b)
{
	char comment[128], hex[4][16];

	snprintf(hex[0], sizeof(hex[0]), "0x%04x", b->dom);
	snprintf(hex[1], sizeof(hex[1]), "0x%02x", b->bus);
	snprintf(hex[2], sizeof(hex[2]), "0x%02x", b->slot);
	snprintf(hex[3], sizeof(hex[3]), "0x%x", b->fn);
	snprintf(comment, sizeof(comment), "VF %u of %s", v->id, pf);
	xw_comment(w, comment);
	xw_start(w, "hostdev");
	xw_attr(w, "mode", "subsystem");
	xw_attr(w, "type", "pci");
	xw_attr(w, "managed", "yes");
	xw_start(w, "source");
	xw_start(w, "address");
	xw_attr(w, "domain", hex[0]);
	xw_attr(w, "bus", hex[1]);
	xw_attr(w, "slot", hex[2]);
	xw_attr(w, "function", hex[3]);
	xw_end(w);	/* address */
	xw_end(w);	/* source */
	xw_end(w);	/* hostdev */
}

static int xml_hostdevs(struct xw *w, const struct exp_pf *pfs, int n,
			const struct exp_opts *o, char *err, size_t errlen)
{
	int i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < pfs[i].st->nvfs; k++) {
			const struct vf_state *v = &pfs[i].st->vf[k];
			struct bdf b;

			if (!vf_selected(v, o))
				continue;
			if (parse_bdf(v->pci_addr, &b)) {
				snprintf(err, errlen, "VF %u of %s: bad PCI address '%s'",
					 v->id, pfs[i].st->addr, v->pci_addr);
				return -1;
			}
			xml_hostdev(w, v, pfs[i].st->addr, &b);
		}
	return 0;
}

static void text_elem(struct xw *w, const char *name, const char *text)
{
	xw_start(w, name);
	xw_text(w, text);
	xw_end(w);
}

/* The smallest domain libvirt's schema accepts, with the VFs. */
static int xml_domain(struct xw *w, const struct exp_pf *pfs, int n,
		      const struct exp_opts *o, char *err, size_t errlen)
{
	xw_start(w, "domain");
	xw_attr(w, "type", "kvm");
	text_elem(w, "name", o->name ? o->name : "vfprov-guest");
	xw_start(w, "memory");
	xw_attr(w, "unit", "GiB");
	xw_text(w, "4");
	xw_end(w);
	text_elem(w, "vcpu", "2");
	xw_start(w, "os");
	xw_start(w, "type");
	xw_attr(w, "arch", "x86_64");
	xw_attr(w, "machine", "q35");
	xw_text(w, "hvm");
	xw_end(w);	/* type */
	xw_end(w);	/* os */
	xw_start(w, "features");
	xw_start(w, "acpi");
	xw_end(w);
	xw_end(w);	/* features */
	xw_start(w, "devices");
	if (xml_hostdevs(w, pfs, n, o, err, errlen))
		return -1;
	xw_end(w);	/* devices */
	xw_end(w);	/* domain */
	return 0;
}

int export_libvirt(FILE *f, const struct exp_pf *pfs, int n,
		   const struct exp_opts *o, bool domain, char *err, size_t errlen)
{
	struct xw w;
	int rc;

	if (count_vfs(pfs, n, o, err, errlen) < 0)
		return -1;
	xw_init(&w, f);
	rc = domain ? xml_domain(&w, pfs, n, o, err, errlen) :
		      xml_hostdevs(&w, pfs, n, o, err, errlen);
	if (!rc && xw_finish(&w)) {
		snprintf(err, errlen, "cannot write the XML");
		rc = -1;
	}
	return rc;
}

/* ---- device-ID based formats */

/* Each distinct VF vendor:device once, in PF order. */
static int vf_ids(const struct exp_pf *pfs, int n, uint32_t *ids, int max,
		  char *err, size_t errlen)
{
	int i, k, c = 0;

	for (i = 0; i < n; i++) {
		uint32_t id = (uint32_t)pfs[i].vf_vendor << 16 | pfs[i].vf_device;

		if (!pfs[i].vf_vendor || !pfs[i].vf_device) {
			snprintf(err, errlen, "PF %s: the VFs' PCI device ID is unknown (sriov_vf_device)",
				 pfs[i].st->addr);
			return -1;
		}
		for (k = 0; k < c && ids[k] != id; k++)
			;
		if (k == c && c < max)
			ids[c++] = id;
	}
	if (!c)
		snprintf(err, errlen, "no PF to export");
	return c ? c : -1;
}

/* --name, with the device ID appended when there are several VF kinds. */
static void id_name(char *buf, size_t len, const struct exp_opts *o,
		    uint32_t id, int nids, const char *deflt)
{
	if (o->name && nids == 1)
		snprintf(buf, len, "%s", o->name);
	else
		snprintf(buf, len, "%s_%04x_%04x", o->name ? o->name : deflt,
			 id >> 16, id & 0xffff);
}

int export_kubevirt(FILE *f, const struct exp_pf *pfs, int n,
		    const struct exp_opts *o, char *err, size_t errlen)
{
	struct json_object *top, *spec, *conf, *phd, *arr;
	uint32_t ids[64];
	int c = vf_ids(pfs, n, ids, 64, err, errlen), i;

	if (c < 0)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < c; i++) {
		struct json_object *e = json_object_new_object();
		char sel[16], res[128];

		snprintf(sel, sizeof(sel), "%04x:%04x", ids[i] >> 16, ids[i] & 0xffff);
		id_name(res, sizeof(res), o, ids[i], c, "vfprov.io/sriov_vf");
		json_object_object_add(e, "pciVendorSelector", json_object_new_string(sel));
		json_object_object_add(e, "resourceName", json_object_new_string(res));
		json_object_array_add(arr, e);
	}
	/* a merge patch of the KubeVirt CR: kubectl patch kubevirt ... --type merge */
	top = json_object_new_object();
	spec = json_object_new_object();
	conf = json_object_new_object();
	phd = json_object_new_object();
	json_object_object_add(phd, "pciHostDevices", arr);
	json_object_object_add(conf, "permittedHostDevices", phd);
	json_object_object_add(spec, "configuration", conf);
	json_object_object_add(top, "spec", spec);
	fprintf(f, "%s\n", json_object_to_json_string_ext(top,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(top);
	return 0;
}

/* pve-configid: a letter, then letters, digits, '-' and '_'. */
static void pve_id(char *buf, size_t len, const struct exp_pf *p,
		   const struct exp_opts *o, int n)
{
	char *s;

	if (o->name && n == 1) {
		snprintf(buf, len, "%s", o->name);
		return;
	}
	snprintf(buf, len, "%s%s%s", o->name ? o->name : "vfprov", "-", p->st->addr);
	for (s = buf; *s; s++)
		if (*s == ':' || *s == '.')
			*s = '-';
}

int export_proxmox(FILE *f, const struct exp_pf *pfs, int n,
		   const struct exp_opts *o, char *err, size_t errlen)
{
	int i, k;

	if (count_vfs(pfs, n, o, err, errlen) < 0)
		return -1;
	if (!o->node || !*o->node || strpbrk(o->node, ",= \t\n")) {
		snprintf(err, errlen, "a Proxmox node name is needed (--node NAME)");
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct exp_pf *p = &pfs[i];
		char id[128];
		bool first = true;

		pve_id(id, sizeof(id), p, o, n);
		for (k = 0; k < p->st->nvfs; k++) {
			const struct vf_state *v = &p->st->vf[k];

			if (!vf_selected(v, o))
				continue;
			if (first)
				fprintf(f, "%s%s\n\tdescription VFs of %s (vfctl export)\n",
					i ? "\n" : "", id, p->st->addr);
			first = false;
			/* one map per VF: qemu-server takes a free one at guest start */
			fprintf(f, "\tmap id=%04x:%04x", p->vf_vendor, p->vf_device);
			if (v->iommu_group >= 0)
				fprintf(f, ",iommugroup=%d", v->iommu_group);
			fprintf(f, ",node=%s,path=%s", o->node, v->pci_addr);
			if (p->vf_sub_vendor || p->vf_sub_device)
				fprintf(f, ",subsystem-id=%04x:%04x", p->vf_sub_vendor,
					p->vf_sub_device);
			fputc('\n', f);
		}
	}
	return 0;
}

/* One nova.conf line "KEY = {json}" (nova's multi-valued JSON options). */
static void nova_line(FILE *f, const char *key, struct json_object *o)
{
	fprintf(f, "%s = %s\n", key, json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

int export_nova(FILE *f, const struct exp_pf *pfs, int n,
		const struct exp_opts *o, char *err, size_t errlen)
{
	uint32_t ids[64];
	int c = vf_ids(pfs, n, ids, 64, err, errlen), i;
	char hex[16];

	if (c < 0)
		return -1;
	fprintf(f, "[pci]\n");
	/* the PF's address with the VFs' product_id: its VFs, never the PF */
	for (i = 0; i < n; i++) {
		struct json_object *d = json_object_new_object();

		snprintf(hex, sizeof(hex), "%04x", pfs[i].vf_vendor);
		json_object_object_add(d, "vendor_id", json_object_new_string(hex));
		snprintf(hex, sizeof(hex), "%04x", pfs[i].vf_device);
		json_object_object_add(d, "product_id", json_object_new_string(hex));
		json_object_object_add(d, "address", json_object_new_string(pfs[i].st->addr));
		nova_line(f, "device_spec", d);
	}
	for (i = 0; i < c; i++) {
		struct json_object *a = json_object_new_object();
		char name[128];

		id_name(name, sizeof(name), o, ids[i], c, "vfprov_vf");
		json_object_object_add(a, "name", json_object_new_string(name));
		snprintf(hex, sizeof(hex), "%04x", ids[i] >> 16);
		json_object_object_add(a, "vendor_id", json_object_new_string(hex));
		snprintf(hex, sizeof(hex), "%04x", ids[i] & 0xffff);
		json_object_object_add(a, "product_id", json_object_new_string(hex));
		json_object_object_add(a, "device_type", json_object_new_string("type-VF"));
		nova_line(f, "alias", a);
	}
	return 0;
}
