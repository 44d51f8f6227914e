// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl export --format libvirt|libvirt-domain|kubevirt|proxmox|nova: the
 * VFs handed to the orchestrator that starts the guests. Pure: the input is
 * struct exp_pf, so the host unit tests feed fake PFs and validate the
 * output with the orchestrators' own tools (virt-xml-validate, a YAML/JSON
 * parser). XML is written by libxml2 (escaping included), JSON by json-c.
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

#include <libxml/xmlwriter.h>

#include "export.h"
#include "pfaddr.h"

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

static int xml_hostdev(xmlTextWriterPtr w, const struct vf_state *v,
		       const char *pf)
{
	char comment[128], hex[4][16];
	struct bdf b;
	int rc = 0;

	if (parse_bdf(v->pci_addr, &b))
		return -1;
	snprintf(hex[0], sizeof(hex[0]), "0x%04x", b.dom);
	snprintf(hex[1], sizeof(hex[1]), "0x%02x", b.bus);
	snprintf(hex[2], sizeof(hex[2]), "0x%02x", b.slot);
	snprintf(hex[3], sizeof(hex[3]), "0x%x", b.fn);
	snprintf(comment, sizeof(comment), " VF %u of %s ", v->id, pf);
	rc |= xmlTextWriterWriteComment(w, BAD_CAST comment) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "hostdev") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "mode", BAD_CAST "subsystem") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "pci") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "managed", BAD_CAST "yes") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "source") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "address") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "domain", BAD_CAST hex[0]) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "bus", BAD_CAST hex[1]) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "slot", BAD_CAST hex[2]) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "function", BAD_CAST hex[3]) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;	/* address */
	rc |= xmlTextWriterEndElement(w) < 0;	/* source */
	rc |= xmlTextWriterEndElement(w) < 0;	/* hostdev */
	return rc ? -1 : 0;
}

static int xml_hostdevs(xmlTextWriterPtr w, const struct exp_pf *pfs, int n,
			const struct exp_opts *o)
{
	int i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < pfs[i].st->nvfs; k++)
			if (vf_selected(&pfs[i].st->vf[k], o) &&
			    xml_hostdev(w, &pfs[i].st->vf[k], pfs[i].st->addr))
				return -1;
	return 0;
}

static int xml_domain(xmlTextWriterPtr w, const struct exp_pf *pfs, int n,
		      const struct exp_opts *o)
{
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "domain") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "kvm") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "name",
					BAD_CAST(o->name ? o->name : "vfprov-guest")) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "memory") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "unit", BAD_CAST "GiB") < 0;
	rc |= xmlTextWriterWriteString(w, BAD_CAST "4") < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "vcpu", BAD_CAST "2") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "os") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "type") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "arch", BAD_CAST "x86_64") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "machine", BAD_CAST "q35") < 0;
	rc |= xmlTextWriterWriteString(w, BAD_CAST "hvm") < 0;
	rc |= xmlTextWriterEndElement(w) < 0;	/* type */
	rc |= xmlTextWriterEndElement(w) < 0;	/* os */
	rc |= xmlTextWriterStartElement(w, BAD_CAST "features") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "acpi", BAD_CAST "") < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "devices") < 0;
	if (rc || xml_hostdevs(w, pfs, n, o))
		return -1;
	rc |= xmlTextWriterEndElement(w) < 0;	/* devices */
	rc |= xmlTextWriterEndElement(w) < 0;	/* domain */
	return rc ? -1 : 0;
}

int export_libvirt(FILE *f, const struct exp_pf *pfs, int n,
		   const struct exp_opts *o, bool domain, char *err, size_t errlen)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int rc;

	if (count_vfs(pfs, n, o, err, errlen) < 0)
		return -1;
	buf = xmlBufferCreate();
	w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w) {
		xmlBufferFree(buf);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	rc = domain ? xml_domain(w, pfs, n, o) : xml_hostdevs(w, pfs, n, o);
	if (!rc && xmlTextWriterFlush(w) < 0)
		rc = -1;
	xmlFreeTextWriter(w);
	if (rc)
		snprintf(err, errlen, "cannot build the XML");
	else
		fprintf(f, "%s%s", (const char *)xmlBufferContent(buf),
			xmlBufferLength(buf) && buf->content[xmlBufferLength(buf) - 1] == '\n' ?
			"" : "\n");
	xmlBufferFree(buf);
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
