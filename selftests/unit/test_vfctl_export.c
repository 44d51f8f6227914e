// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl export / assert on fake PF state: the config file and JSON forms
 * read back to the live state (so export | assert is clean and export |
 * apply changes nothing), assert finds a hand-made change, and every
 * orchestrator format is accepted by the orchestrator's own tools:
 * libvirt's virt-xml-validate (libvirt-clients) for the XML, Debian's
 * python3 json and yaml modules for the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assert.h"
#include "conffile.h"
#include "export.h"
#include "vfctl_tap.h"

static char tmpdir[] = "/tmp/vfctl-export-XXXXXX";

static void fake_pf(struct pf_state *pf, const char *addr, uint32_t nvfs,
		    int group0)
{
	uint32_t i;

	memset(pf, 0, sizeof(*pf));
	snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
	snprintf(pf->backend, sizeof(pf->backend), "i915");
	pf->num_vfs = nvfs;
	pf->total_vfs = 31;
	pf->generation = 7;
	pf->have_cfg = true;
	pf->cfg.set = REQ_SET_NUM_VFS | REQ_SET_DRIVER | REQ_SET_LMEM_SPARE |
		      REQ_SET_GGTT_SPARE | REQ_SET_CTX_SPARE | REQ_SET_DB_SPARE |
		      REQ_SET_PF_EQ | REQ_SET_PF_PT | REQ_SET_IDLE;
	pf->cfg.num_vfs = nvfs;
	pf->cfg.driver = VFPROV_VF_DRIVER_VFIO_PCI;
	pf->cfg.lmem_spare = 512ull << 20;
	pf->cfg.ggtt_spare = 268435456;
	pf->cfg.contexts_spare = 256;
	pf->cfg.doorbells_spare = 32;
	pf->cfg.pf_eq = 0;
	pf->cfg.pf_pt = 0;
	pf->cfg.sched_if_idle = 0;
	for (i = 0; i < nvfs; i++) {
		struct vf_cfg *c = &pf->cfg.vf[i];
		struct vf_state *v = &pf->vf[i];

		c->set = VF_SET_LMEM | VF_SET_GGTT | VF_SET_CONTEXTS |
			 VF_SET_DOORBELLS | VF_SET_EQ | VF_SET_PT | VF_SET_WEIGHT;
		c->lmem = 4194304000ull - i * 4096;	/* not a whole GiB */
		c->ggtt = 1ull << 30;
		c->contexts = 1024;
		c->doorbells = 60;
		c->eq = 16;
		c->pt = 32000;
		c->weight = 2;			/* planner input, not state */
		v->id = i + 1;
		v->enabled = true;
		v->iommu_group = group0 + (int)i;
		v->cfg = *c;
		snprintf(v->pci_addr, sizeof(v->pci_addr), "%.11s%u", addr, i + 1);
		snprintf(v->driver, sizeof(v->driver), "vfio-pci");
	}
	pf->nvfs = (int)nvfs;
}

static void fake_exp(struct exp_pf *e, const struct pf_state *pf)
{
	memset(e, 0, sizeof(*e));
	e->st = pf;
	e->vendor = 0x8086;
	e->device = 0x56c0;
	e->vf_vendor = 0x8086;
	e->vf_device = 0x56c1;
	e->vf_sub_vendor = 0x8086;
	e->vf_sub_device = 0x4905;
}

/* @fn's output as a string (caller frees). */
static char *capture(int (*fn)(FILE *, void *), void *arg, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*rc = fn(f, arg);
	fclose(f);
	return buf;
}

static char *write_tmp(const char *name, const char *text)
{
	static char path[4][256];
	static int slot;
	char *p = path[slot++ % 4];
	FILE *f;

	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

static int run(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	return system(cmd);
}

struct args {
	const struct exp_pf *e;
	int n;
	struct exp_opts o;
};

static int do_conf(FILE *f, void *a)
{
	export_conf(f, ((struct args *)a)->e, ((struct args *)a)->n);
	return 0;
}

static int do_json(FILE *f, void *a)
{
	struct json_object *o = export_json(((struct args *)a)->e, ((struct args *)a)->n);

	fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
	json_object_put(o);
	return 0;
}

static char err[512];

static int do_hostdev(FILE *f, void *v)
{
	struct args *a = v;

	return export_libvirt(f, a->e, a->n, &a->o, false, err, sizeof(err));
}

static int do_domain(FILE *f, void *v)
{
	struct args *a = v;

	return export_libvirt(f, a->e, a->n, &a->o, true, err, sizeof(err));
}

static int do_kubevirt(FILE *f, void *v)
{
	struct args *a = v;

	return export_kubevirt(f, a->e, a->n, &a->o, err, sizeof(err));
}

static int do_proxmox(FILE *f, void *v)
{
	struct args *a = v;

	return export_proxmox(f, a->e, a->n, &a->o, err, sizeof(err));
}

static int do_nova(FILE *f, void *v)
{
	struct args *a = v;

	return export_nova(f, a->e, a->n, &a->o, err, sizeof(err));
}

/* Read @text back and compare with the live state: no difference. */
static void round_trip(const char *what, const char *text, const struct pf_state *pfs, int n)
{
	struct conf c = { 0 };
	struct diffs d = { 0 };
	struct vf_req *have = malloc(sizeof(*have));
	int i, k, nd = 0;

	ok(!conf_parse_str(what, text, &c, err, sizeof(err)) && c.n == n,
	   "%s: reads back as %d PF sections (%s)", what, n, c.n == n ? "" : err);
	for (i = 0; i < c.n && i < n; i++) {
		is_str(c.pf[i].spec, pfs[i].addr, "%s: section %d names the PF", what, i + 1);
		export_live_req(&pfs[i], have);
		/* a file is resolved before assert; nothing to expand here */
		nd += assert_compare(pfs[i].addr, &c.pf[i].req, have, &d);
		for (k = 0; k < VFPROV_MAX_VFS; k++)
			if (c.pf[i].req.vf[k].set & VF_SET_WEIGHT)
				nd = 1000;
	}
	ok(nd == 0, "%s: assert against the same state finds nothing (%d)", what, nd);
	for (i = 0; i < d.n; i++)
		printf("#   %s VF %u %s want %s have %s\n", d.d[i].pf, d.d[i].vf,
		       d.d[i].field, d.d[i].want, d.d[i].have);
	diffs_free(&d);
	conf_free(&c);
	free(have);
}

static void test_assert_finds_change(const struct pf_state *pf)
{
	struct vf_req *want = malloc(sizeof(*want)), *have = malloc(sizeof(*have));
	struct diffs d = { 0 };
	int n;

	export_live_req(pf, want);
	export_live_req(pf, have);
	have->vf[1].lmem += 1ull << 20;		/* someone wrote lmem_quota by hand */
	have->driver = VFPROV_VF_DRIVER_NONE;
	have->set &= ~REQ_SET_DB_SPARE;		/* not reported */
	n = assert_compare(pf->addr, want, have, &d);
	ok(n == 3 && d.n == 3, "assert lists every difference (%d)", n);
	if (d.n == 3) {
		ok(!strcmp(d.d[0].field, "driver") && !strcmp(d.d[0].want, "vfio-pci") &&
		   !strcmp(d.d[0].have, "none") && d.d[0].vf == 0, "driver: want vfio-pci have none");
		ok(!strcmp(d.d[1].field, "spare.doorbells") && !strcmp(d.d[1].have, "-"),
		   "an unreported field: have '-'");
		ok(d.d[2].vf == 2 && !strcmp(d.d[2].field, "lmem") &&
		   !strcmp(d.d[2].want, "4095996K") && !strcmp(d.d[2].have, "4097020K"),
		   "VF 2 lmem: want %s have %s", d.d[2].want, d.d[2].have);
	}
	diffs_free(&d);
	/* more VFs wanted than the host has: the count and their quotas */
	have->num_vfs = 1;
	n = assert_compare(pf->addr, want, have, &d);
	ok(n >= 2 && !strcmp(d.d[0].field, "vfs"), "fewer VFs on the host: vfs differs first (%d)", n);
	diffs_free(&d);
	ok(assert_missing("0000:99:00.0", &d) == 1 && !strcmp(d.d[0].field, "present"),
	   "a PF the host lacks is a difference");
	diffs_free(&d);
	free(want);
	free(have);
}

/* pfs[0].vf[1].gt is [{"id": @id, "contexts": @ctx, "preempt_timeout_us": @pt}] */
static bool json_gt_is(const char *text, int id, uint64_t ctx, uint64_t pt)
{
	struct json_object *top = text ? json_tokener_parse(text) : NULL, *o, *v;
	bool good = false;

	o = json_object_array_get_idx(json_object_object_get(top, "pfs"), 0);
	o = json_object_array_get_idx(json_object_object_get(o, "vf"), 1);
	v = json_object_object_get(o, "gt");
	o = json_object_array_get_idx(v, 0);
	if (json_object_array_length(v) == 1 && json_object_object_length(o) == 3)
		good = json_object_get_int(json_object_object_get(o, "id")) == id &&
		       json_object_get_uint64(json_object_object_get(o, "contexts")) == ctx &&
		       json_object_get_uint64(json_object_object_get(o, "preempt_timeout_us")) == pt;
	json_object_put(top);
	return good;
}

/* @text read back holds @c's GT values for VF 2 of its first PF, no more */
static void reparsed_gt(const char *what, const char *text, const struct vf_cfg *c)
{
	struct conf cf = { 0 };
	const struct vf_cfg *b;

	ok(!conf_parse_str(what, text ? text : "", &cf, err, sizeof(err)) && cf.n == 2,
	   "%s: parses (%s)", what, cf.n ? "" : err);
	if (cf.n != 2)
		return;
	b = &cf.pf[0].req.vf[1];
	ok((b->set & VF_SET_GT) && !memcmp(b->gt, c->gt, sizeof(b->gt)) &&
	   b->contexts == c->contexts && !(cf.pf[0].req.vf[0].set & VF_SET_GT),
	   "%s: VF 2's GT values read back the same, VF 1 has none", what);
	conf_free(&cf);
}

/* GT values: exported as vf.K.gtN.KEY and "gt" entries, read back, asserted */
static void test_gt(struct args *a, struct pf_state *pfs)
{
	struct vf_req *want = malloc(sizeof(*want)), *have = malloc(sizeof(*have));
	struct vf_cfg *c = &pfs[0].cfg.vf[1];
	struct diffs d = { 0 };
	char *out;
	int rc, n;

	c->set |= VF_SET_GT;
	c->gt[1].set = VF_SET_CONTEXTS | VF_SET_PT;
	c->gt[1].contexts = 512;
	c->gt[1].pt = 64000;
	pfs[0].gts = 2;
	out = capture(do_conf, a, &rc);
	ok(out && strstr(out, "vf.2.contexts = 1024\n") &&
	   strstr(out, "vf.2.gt1.contexts = 512\nvf.2.gt1.preempt_timeout_us = 64000\n") &&
	   !strstr(out, "vf.1.gt") && !strstr(out, "gt0") && !strstr(out, "gt1.doorbells"),
	   "conf: the GT values only, after the VF's own");
	round_trip("export-gt.conf", out ? out : "", pfs, 2);
	reparsed_gt("export-gt.conf", out, c);
	free(out);
	out = capture(do_json, a, &rc);
	ok(json_gt_is(out, 1, 512, 64000), "json: a \"gt\" array in VF 2: gt1's values");
	round_trip("export-gt.json", out ? out : "", pfs, 2);
	reparsed_gt("export-gt.json", out, c);
	free(out);

	/* assert: a GT value is the GT's own, else its VF's */
	export_live_req(&pfs[0], want);
	export_live_req(&pfs[0], have);
	have->vf[1].gt[1].contexts = 256;
	want->vf[0].set |= VF_SET_GT;
	want->vf[0].gt[1].set = VF_SET_DOORBELLS;
	want->vf[0].gt[1].doorbells = 60;	/* VF 1's own: the host holds it */
	want->vf[2].set |= VF_SET_GT;
	want->vf[2].gt[0].set = VF_SET_EQ;
	want->vf[2].gt[0].eq = 5;
	n = assert_compare(pfs[0].addr, want, have, &d);
	ok(n == 2 && d.n == 2, "assert: two GT differences (%d)", n);
	if (d.n == 2) {
		ok(d.d[0].vf == 2 && !strcmp(d.d[0].field, "gt1.contexts") &&
		   !strcmp(d.d[0].want, "512") && !strcmp(d.d[0].have, "256"),
		   "VF 2 gt1.contexts: want 512 have 256");
		ok(d.d[1].vf == 3 && !strcmp(d.d[1].field, "gt0.exec_quantum_ms") &&
		   !strcmp(d.d[1].have, "16"), "VF 3 gt0.exec_quantum_ms: have the VF's 16");
	}
	diffs_free(&d);
	memset(c->gt, 0, sizeof(c->gt));
	c->set &= ~VF_SET_GT;
	pfs[0].gts = 0;
	free(want);
	free(have);
}

static void test_orchestrators(struct args *a)
{
	char *out, *p;
	int rc;

	out = capture(do_hostdev, a, &rc);
	ok(!rc && strstr(out, "<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">") &&
	   strstr(out, "<address domain=\"0x0000\" bus=\"0x4d\" slot=\"0x00\" function=\"0x1\"/>"),
	   "libvirt: a hostdev per VF with the VF's address");
	{
		/* each hostdev validated as a device of a domain (the schema has no
		 * hostdev root): wrap the fragments */
		char *wrapped = NULL;

		if (asprintf(&wrapped, "<domain type='kvm'><name>t</name><memory>1048576</memory>"
			     "<os><type>hvm</type></os><devices>%s</devices></domain>\n", out) > 0) {
			p = write_tmp("hostdevs.xml", wrapped);
			ok(run("virt-xml-validate %s domain >/dev/null 2>&1", p) == 0,
			   "virt-xml-validate accepts the hostdevs in a domain");
		}
		free(wrapped);
	}
	free(out);

	a->o.name = "vm<1>";
	out = capture(do_domain, a, &rc);
	a->o.name = "flex_vf";
	ok(!rc && strstr(out, "<name>vm&lt;1&gt;</name>") && strstr(out, "<devices>") &&
	   strstr(out, "function=\"0x2\""),
	   "libvirt-domain: a domain with the VFs, its name escaped by the XML writer");
	p = write_tmp("domain.xml", out ? out : "");
	ok(run("virt-xml-validate %s domain >/dev/null 2>&1", p) == 0,
	   "virt-xml-validate accepts the domain snippet");
	ok(run("xmllint --noout %s", p) == 0, "xmllint: well-formed");
	free(out);
	/* the validator can fail: a hostdev without its source is refused */
	p = write_tmp("bad.xml", "<domain type='kvm'><name>t</name><memory>1</memory><os><type>hvm</type></os>"
		      "<devices><hostdev mode='subsystem' type='pci' managed='maybe'/></devices></domain>\n");
	ok(run("virt-xml-validate %s domain >/dev/null 2>&1", p) != 0,
	   "virt-xml-validate refuses a broken hostdev (the check can fail)");

	a->o.only_vf = 2;
	out = capture(do_hostdev, a, &rc);
	ok(!rc && strstr(out, "function=\"0x2\"") && !strstr(out, "function=\"0x1\""),
	   "libvirt --vf 2: that VF only");
	free(out);
	a->o.only_vf = 9;
	out = capture(do_hostdev, a, &rc);
	ok(rc && strstr(err, "VF 9 is not enabled"), "libvirt --vf 9: %s", err);
	free(out);
	a->o.only_vf = 0;

	a->o.name = "intel.com/flex_vf";
	out = capture(do_kubevirt, a, &rc);
	a->o.name = "flex_vf";
	ok(!rc && strstr(out, "\"pciVendorSelector\": \"8086:56c1\"") &&
	   strstr(out, "\"resourceName\": \"intel.com/flex_vf\""),
	   "kubevirt: pciVendorSelector 8086:56c1, resourceName");
	p = write_tmp("kubevirt.yaml", out ? out : "");
	ok(run("/usr/bin/python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); "
	       "e = d[\"spec\"][\"configuration\"][\"permittedHostDevices\"][\"pciHostDevices\"]; "
	       "assert len(e) == 1 and e[0][\"pciVendorSelector\"] == \"8086:56c1\"' %s", p) == 0,
	   "kubevirt: a YAML parser reads the entry");
	ok(run("/usr/bin/python3 -c 'import sys, json; json.load(open(sys.argv[1]))' %s", p) == 0,
	   "kubevirt: and a JSON parser");
	free(out);

	out = capture(do_proxmox, a, &rc);
	ok(!rc && strstr(out, "flex_vf-0000-4d-00-0\n") &&
	   strstr(out, "\tmap id=8086:56c1,iommugroup=20,node=pve1,path=0000:4d:00.1,subsystem-id=8086:4905\n"),
	   "proxmox: a mapping per PF, a map per VF (id, iommugroup, node, path, subsystem-id)");
	p = write_tmp("pci.cfg", out ? out : "");
	/* the section format of PVE::SectionConfig as PVE::Mapping::PCI reads it */
	ok(run("/usr/bin/python3 -c 'import re, sys\n"
	       "sec = None; maps = {}\n"
	       "for l in open(sys.argv[1]):\n"
	       "    l = l.rstrip(\"\\n\")\n"
	       "    if not l: sec = None; continue\n"
	       "    m = re.match(r\"^([a-z][a-z0-9_-]+)$\", l, re.I)\n"
	       "    if m and sec is None: sec = m.group(1); maps[sec] = []; continue\n"
	       "    k, v = re.match(r\"^\\s+(\\S+)\\s+(.*)$\", l).groups()\n"
	       "    assert sec and k in (\"map\", \"description\")\n"
	       "    if k == \"map\":\n"
	       "        d = dict(kv.split(\"=\", 1) for kv in v.split(\",\"))\n"
	       "        assert set(d) <= {\"id\", \"iommugroup\", \"node\", \"path\", \"subsystem-id\"}\n"
	       "        assert re.match(r\"^[0-9a-f]{4}:[0-9a-f]{4}$\", d[\"id\"])\n"
	       "        assert re.match(r\"^[a-f0-9]{4,}:[a-f0-9]{2}:[a-f0-9]{2}\\.[a-f0-9]$\", d[\"path\"])\n"
	       "        int(d[\"iommugroup\"]); maps[sec].append(d)\n"
	       "assert [len(v) for v in maps.values()] == [3, 2], maps\n' %s", p) == 0,
	   "proxmox: parses as PVE's section config (2 mappings, 3 + 2 maps)");
	free(out);
	a->o.node = "bad node";
	out = capture(do_proxmox, a, &rc);
	ok(rc && strstr(err, "--node"), "proxmox: a node name with a space is refused");
	free(out);
	a->o.node = "pve1";

	out = capture(do_nova, a, &rc);
	ok(!rc && strstr(out, "[pci]\n") &&
	   strstr(out, "device_spec = { \"vendor_id\": \"8086\", \"product_id\": \"56c1\", \"address\": \"0000:4d:00.0\" }\n") &&
	   strstr(out, "alias = { \"name\": \"flex_vf\", \"vendor_id\": \"8086\", \"product_id\": \"56c1\", \"device_type\": \"type-VF\" }\n"),
	   "nova: device_spec per PF (its VFs' product_id), one alias");
	p = write_tmp("nova.conf", out ? out : "");
	ok(run("/usr/bin/python3 -c 'import configparser, json, sys\n"
	       "t = open(sys.argv[1]).read()\n"
	       "c = configparser.RawConfigParser(strict=False); c.read_string(t)\n"
	       "assert c.sections() == [\"pci\"]\n"
	       "v = [l.split(\" = \", 1) for l in t.splitlines()[1:]]\n"
	       "d = [json.loads(x) for k, x in v if k == \"device_spec\"]\n"
	       "a = [json.loads(x) for k, x in v if k == \"alias\"]\n"
	       "assert [x[\"address\"] for x in d] == [\"0000:4d:00.0\", \"0000:4e:00.0\"], d\n"
	       "assert a[0][\"device_type\"] == \"type-VF\" and len(a) == 1\n' %s", p) == 0,
	   "nova: an ini parser and JSON read every value");
	free(out);
}

int main(void)
{
	struct pf_state *pfs = calloc(2, sizeof(*pfs));
	struct exp_pf e[2];
	struct args a = { .e = e, .n = 2, .o = { .node = "pve1", .name = "flex_vf" } };
	char *out;
	int rc;

	if (!pfs || !mkdtemp(tmpdir))
		return 1;
	fake_pf(&pfs[0], "0000:4d:00.0", 3, 20);
	fake_pf(&pfs[1], "0000:4e:00.0", 2, 40);
	pfs[1].cfg.set &= ~REQ_SET_DRIVER;	/* the pci backend reports none */
	fake_exp(&e[0], &pfs[0]);
	fake_exp(&e[1], &pfs[1]);

	out = capture(do_conf, &a, &rc);
	ok(out && strstr(out, "[pf 0000:4d:00.0]\nvfs = 3\ndriver = vfio-pci\n") &&
	   strstr(out, "vf.1.lmem = 4000M\n") && strstr(out, "vf.2.lmem = 4095996K\n") &&
	   strstr(out, "spare.lmem = 512M\n") && !strstr(out, "weight"),
	   "conf: exact sizes, every live field, no planner weight");
	round_trip("export.conf", out ? out : "", pfs, 2);
	free(out);
	out = capture(do_json, &a, &rc);
	ok(out && strstr(out, "\"lmem\":4194299904") && strstr(out, "\"schema_version\":1"),
	   "json: sizes in bytes");
	round_trip("export.json", out ? out : "", pfs, 2);
	free(out);

	test_assert_finds_change(&pfs[0]);
	test_gt(&a, pfs);
	test_orchestrators(&a);

	run("rm -rf %s", tmpdir);
	free(pfs);
	return tap_done();
}
