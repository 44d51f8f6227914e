// SPDX-License-Identifier: GPL-2.0
/* Config files: a good file with several PFs, and every kind of bad line. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conffile.h"
#include "vfctl_tap.h"

static const char good[] =
	"# vfctl config\n"
	"\n"
	"[pf 0000:4d:00.0]\n"
	"vfs = 4\n"
	"profile = flex170      # 4 VFs -> flex170-4\n"
	"sched = fixed_30fps\n"
	"driver = vfio-pci\n"
	"lmem = 2G\n"
	"vf.2.lmem = 4G\n"
	"vf.2.weight = 3\n"
	"vf.3.exec_quantum_ms = 0x10\n"
	"spare.lmem = 1GiB\n"
	"spare.contexts = 512\n"
	"pf.exec_quantum_ms = 25\n"
	"sched_if_idle = yes\n"
	"  ; another comment\n"
	"[ pf 4F:00.0 ]\n"
	"vfs=2\n"
	"force = yes\n"
	"contexts = 1024\n"
	"[pf 0000:4e:00.0]\n"
	"vfs = 0\n"
	"driver = none\n";

static const struct {
	const char *text;
	const char *want;	/* substring of the error, incl. line */
} bad[] = {
	{ "vfs = 4\n", "t.conf:1: 'vfs' outside a [pf ADDRESS] section" },
	{ "[pf 0000:4d:00.0]\nvfs 4\n", "t.conf:2: expected 'key = value'" },
	{ "[pf 0000:4d:00.0]\n= 4\n", "t.conf:2: expected 'key = value'" },
	{ "[pf 0000:4d:00.0\n", "t.conf:1: expected 'key = value' or '[pf ADDRESS]'" },
	{ "[gpu 0000:4d:00.0]\n", "t.conf:1: unknown section '[gpu 0000:4d:00.0]'" },
	{ "[pf]\n", "t.conf:1: unknown section '[pf]'" },
	{ "[pf nvme]\n", "t.conf:1: 'nvme' is not a PCI address (0000:4d:00.0)" },
	{ "[pf 0]\nvfs = 1\n", "t.conf:1: [pf 0]: a PF is named by its PCI address in a config file: indices and card numbers shift when a card is added; use the address `vfctl list` shows" },
	{ "[pf 12]\n", "t.conf:1: [pf 12]: a PF is named by its PCI address" },
	{ "[pf card1]\n", "t.conf:1: [pf card1]: a PF is named by its PCI address" },
	{ "[pf gpu0]\n", "t.conf:1: [pf gpu0]: a PF is named by its PCI address" },
	{ "[pf 0000:4d:00.0]\n[pf 4d:00.0]\n", "t.conf:2: [pf 0000:4d:00.0] repeated (first on line 1)" },
	{ "{\"pfs\": [{\"address\": \"0\"}]}", "t.conf: pfs[0]: [pf 0]: a PF is named by its PCI address" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vfs\": 64}]}", "t.conf: pfs[0]: vfs: '64' is out of range (0..63)" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 2, \"lmem\": \"1GB\"}]}]}", "t.conf: pfs[0].vf[0]: lmem: GB is ambiguous: write G or GiB (binary)" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 0}]}]}", "t.conf: pfs[0].vf[0]: id 0 is not 1..63" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"colour\": \"red\"}]}", "t.conf: pfs[0]: unknown key 'colour'" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"spare\": {\"lmem\": [1]}}]}", "t.conf: pfs[0]: spare.lmem: expected a number or a string" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\"}, {\"address\": \"4d:00.0\"}]}", "t.conf: pfs[1]: PF 0000:4d:00.0 repeated" },
	{ "{\"schema_version\": 2, \"pfs\": []}", "t.conf: schema_version 2 is not 1" },
	{ "{\"pfs\": [] } x", "t.conf: not valid JSON at offset" },
	{ "  {\"pfs\": [", "t.conf: not valid JSON" },
	{ "{\"pf\": []}", "t.conf: expected {\"schema_version\": 1, \"pfs\": [...]}" },
	{ "[pf 0000:4d:00.0]\n[pf 0000:4d:00.0]\n", "t.conf:2: [pf 0000:4d:00.0] repeated (first on line 1)" },
	{ "[pf 0000:4d:00.0]\nvfs = 4\n\nvfs = 5\n", "t.conf:4: vfs set twice (first on line 2)" },
	{ "[pf 0000:4d:00.0]\nvfs = 64\n", "t.conf:2: vfs: '64' is out of range (0..63)" },
	{ "[pf 0000:4d:00.0]\nvfs = four\n", "t.conf:2: vfs: 'four' is not a number" },
	{ "[pf 0000:4d:00.0]\nvfs =\n", "t.conf:2: vfs: empty value" },
	{ "[pf 0000:4d:00.0]\nlmem = 2X\n", "t.conf:2: lmem: bad size suffix 'X'" },
	{ "[pf 0000:4d:00.0]\nggtt = -1\n", "t.conf:2: ggtt: bad size '-1'" },
	{ "[pf 0000:4d:00.0]\ncontexts = 70000\n", "t.conf:2: contexts: '70000' is out of range (0..65535)" },
	{ "[pf 0000:4d:00.0]\ndoorbells = x\n", "t.conf:2: doorbells: 'x' is not a number" },
	{ "[pf 0000:4d:00.0]\ndriver = nouveau\n", "t.conf:2: driver: 'nouveau' is not vfio-pci, xe-vfio-pci or none" },
	{ "[pf 0000:4d:00.0]\nvf.0.lmem = 1G\n", "t.conf:2: bad key 'vf.0.lmem'" },
	{ "[pf 0000:4d:00.0]\nvf.64.lmem = 1G\n", "t.conf:2: bad key 'vf.64.lmem'" },
	{ "[pf 0000:4d:00.0]\nvf.x.lmem = 1G\n", "t.conf:2: bad key 'vf.x.lmem'" },
	{ "[pf 0000:4d:00.0]\nvf.2.colour = red\n", "t.conf:2: unknown key 'colour'" },
	{ "[pf 0000:4d:00.0]\nvf.2.weight = 0\n", "t.conf:2: weight: '0' is out of range (1..1000)" },
	{ "[pf 0000:4d:00.0]\nweight = 1001\n", "t.conf:2: weight: '1001' is out of range" },
	{ "[pf 0000:4d:00.0]\nspare.vram = 1G\n", "t.conf:2: unknown key 'spare.vram'" },
	{ "[pf 0000:4d:00.0]\nsched_if_idle = maybe\n", "t.conf:2: sched_if_idle: 'maybe' is not 0/1" },
	{ "[pf 0000:4d:00.0]\nforce = sure\n", "t.conf:2: force: 'sure' is not yes/no" },
	{ "[pf 0000:4d:00.0]\nprofile = ../etc/passwd\n", "t.conf:2: profile: '../etc/passwd' is not a valid name" },
	{ "[pf 0000:4d:00.0]\nsched = a/b\n", "t.conf:2: sched: 'a/b' is not a valid name" },
	{ "[pf 0000:4d:00.0]\nlmem = 1.3\n", "t.conf:2: lmem: size '1.3' is not a whole number of bytes" },
	{ "[pf 0000:4d:00.0]\nexec_quantum_ms = 4294967296\n", "t.conf:2: exec_quantum_ms: '4294967296' is out of range" },
	{ "[pf 0000:4d:00.0]\nvfs = 1\n[pf 0000:4e:00.0]\nbogus = 1\n", "t.conf:4: unknown key 'bogus'" },
	/* per-GT keys: gtN.KEY, N in 0..VFPROV_MAX_GT, four keys only */
	{ "[pf 0000:4d:00.0]\nvf.2.gt2.contexts = 1\n", "t.conf:2: bad key 'gt2.contexts' (gtN.KEY with N in 0..1)" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt1contexts = 1\n", "t.conf:2: bad key 'gt1contexts' (gtN.KEY" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt1.lmem = 1G\n", "t.conf:2: 'gt1.lmem' is not a per-GT key (per GT: contexts, doorbells, exec_quantum_ms, preempt_timeout_us)" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt0.ggtt = 1G\n", "t.conf:2: 'gt0.ggtt' is not a per-GT key (per GT: contexts" },
	{ "[pf 0000:4d:00.0]\nvf.1.gt1.weight = 2\n", "t.conf:2: 'gt1.weight' is not a per-GT key" },
	{ "[pf 0000:4d:00.0]\ngt1.threshold.page_fault_count = 2\n", "t.conf:2: 'gt1.threshold.page_fault_count' is not a per-GT key" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt1.gt1.contexts = 2\n", "t.conf:2: 'gt1.gt1.contexts' is not a per-GT key" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt1.contexts = 70000\n", "t.conf:2: gt1.contexts: '70000' is out of range (0..65535)" },
	{ "[pf 0000:4d:00.0]\ngt1.exec_quantum_ms = soon\n", "t.conf:2: gt1.exec_quantum_ms: 'soon' is not a number" },
	{ "[pf 0000:4d:00.0]\nvf.2.gt1.doorbells = 1\nvf.2.gt1.doorbells = 2\n", "t.conf:3: vf.2.gt1.doorbells set twice (first on line 2)" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 2, \"gt\": [{\"id\": 2, \"contexts\": 1}]}]}]}", "t.conf: pfs[0].vf[0].gt[0]: id 2 is not 0..1" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 2, \"gt\": [{\"contexts\": 1}]}]}]}", "t.conf: pfs[0].vf[0].gt[0]: expected an object with an integer \"id\"" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 2, \"gt\": {\"id\": 1}}]}]}", "t.conf: pfs[0].vf[0].gt: expected an array" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"vf\": [{\"id\": 2, \"gt\": [{\"id\": 1, \"lmem\": 1}]}]}]}", "t.conf: pfs[0].vf[0].gt[0]: 'gt1.lmem' is not a per-GT key" },
	{ "{\"pfs\": [{\"address\": \"0000:4d:00.0\", \"all\": {\"gt\": [{\"id\": 1, \"doorbells\": \"x\"}]}}]}", "t.conf: pfs[0].all.gt[0]: gt1.doorbells: 'x' is not a number" },
};

int main(void)
{
	struct conf c = { 0 };
	char err[512], path[] = "/tmp/vfctl-conf-XXXXXX";
	const struct vf_req *r;
	size_t i;
	int fd;

	ok(!conf_parse_str("good.conf", good, &c, err, sizeof(err)), "good file parses (%s)",
	   c.n ? "" : err);
	ok(c.n == 3, "three PF sections");
	if (c.n != 3)
		return tap_done();
	r = &c.pf[0].req;
	is_str(c.pf[0].spec, "0000:4d:00.0", "section 1 names 0000:4d:00.0");
	ok(c.pf[0].line == 3, "section 1 on line 3");
	ok((r->set & REQ_SET_NUM_VFS) && r->num_vfs == 4, "vfs = 4");
	is_str(r->profile, "flex170", "profile with a trailing comment");
	is_str(r->sched, "fixed_30fps", "sched");
	ok((r->set & REQ_SET_DRIVER) && r->driver == VFPROV_VF_DRIVER_VFIO_PCI, "driver vfio-pci");
	ok((r->all.set & VF_SET_LMEM) && r->all.lmem == 2ull << 30, "lmem = 2G for every VF");
	ok((r->vf[1].set & VF_SET_LMEM) && r->vf[1].lmem == 4ull << 30, "vf.2.lmem = 4G");
	ok((r->vf[1].set & VF_SET_WEIGHT) && r->vf[1].weight == 3, "vf.2.weight = 3");
	ok((r->vf[2].set & VF_SET_EQ) && r->vf[2].eq == 16, "vf.3.exec_quantum_ms = 0x10");
	ok(!r->vf[0].set, "VF 1 has no own keys");
	ok((r->set & REQ_SET_LMEM_SPARE) && r->lmem_spare == 1ull << 30, "spare.lmem");
	ok((r->set & REQ_SET_CTX_SPARE) && r->contexts_spare == 512, "spare.contexts");
	ok((r->set & REQ_SET_PF_EQ) && r->pf_eq == 25, "pf.exec_quantum_ms");
	ok((r->set & REQ_SET_IDLE) && r->sched_if_idle == 1, "sched_if_idle = yes");
	ok(!c.pf[0].force, "force defaults to no");
	is_str(c.pf[1].spec, "0000:4f:00.0", "section 2: [ pf 4F:00.0 ] trimmed and normalised");
	ok(c.pf[1].force && c.pf[1].req.num_vfs == 2, "section 2: vfs=2 without spaces, force");
	ok(c.pf[1].req.all.contexts == 1024, "section 2: contexts");
	is_str(c.pf[2].spec, "0000:4e:00.0", "section 3");
	ok((c.pf[2].req.set & REQ_SET_NUM_VFS) && c.pf[2].req.num_vfs == 0 &&
	   c.pf[2].req.driver == VFPROV_VF_DRIVER_NONE, "section 3: vfs = 0, driver none");
	conf_free(&c);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct conf cb = { 0 };
		int rc;

		err[0] = 0;
		rc = conf_parse_str("t.conf", bad[i].text, &cb, err, sizeof(err));
		ok(rc && strstr(err, bad[i].want) && cb.n == 0, "bad: %s", err);
		if (!rc || !strstr(err, bad[i].want))
			printf("#   want '%s'\n", bad[i].want);
		conf_free(&cb);
	}

	/* files: read from disk, two files append, an error names the file */
	fd = mkstemp(path);
	ok(fd >= 0 && write(fd, good, sizeof(good) - 1) == (ssize_t)(sizeof(good) - 1),
	   "wrote a temp config");
	if (fd >= 0)
		close(fd);
	ok(!conf_parse_file(path, &c, err, sizeof(err)) && c.n == 3, "file parses");
	ok(conf_parse_file("/nonexistent/vfctl.conf", &c, err, sizeof(err)) &&
	   strstr(err, "/nonexistent/vfctl.conf: No such file"), "missing file: %s", err);
	ok(c.n == 3, "a failed file adds no sections");
	unlink(path);
	conf_free(&c);
	ok(!conf_parse_str("empty.conf", "", &c, err, sizeof(err)) && c.n == 0, "empty file: no sections");
	ok(!conf_parse_str("c.conf", "# only\n\n; comments\n", &c, err, sizeof(err)) && c.n == 0,
	   "comments only");
	ok(!conf_parse_str("crlf.conf", "[pf 0000:4d:00.0]\r\nvfs = 2\r\n", &c, err, sizeof(err)) &&
	   c.n == 1 && c.pf[0].req.num_vfs == 2, "CRLF line ends");
	conf_free(&c);

	/* the JSON form: the same keys, numbers or strings, booleans */
	ok(!conf_parse_str("j.json",
			   " \n{\"schema_version\": 1, \"pfs\": [{\"address\": \"4d:00.0\",\n"
			   " \"vfs\": 2, \"driver\": \"vfio-pci\", \"force\": true, \"sched_if_idle\": true,\n"
			   " \"spare\": {\"lmem\": 536870912, \"contexts\": 256}, \"pf\": {\"exec_quantum_ms\": 5},\n"
			   " \"all\": {\"doorbells\": 32}, \"profile\": \"flex170\",\n"
			   " \"vf\": [{\"id\": 2, \"lmem\": \"4G\", \"weight\": 3}]}]}\n",
			   &c, err, sizeof(err)) && c.n == 1, "JSON file parses (%s)", c.n ? "" : err);
	if (c.n == 1) {
		r = &c.pf[0].req;
		is_str(c.pf[0].spec, "0000:4d:00.0", "JSON: address normalised");
		ok(r->num_vfs == 2 && r->driver == VFPROV_VF_DRIVER_VFIO_PCI, "JSON: vfs, driver");
		ok(c.pf[0].force && r->sched_if_idle == 1 && (r->set & REQ_SET_IDLE),
		   "JSON: booleans (force, sched_if_idle)");
		ok(r->lmem_spare == 512ull << 20 && r->contexts_spare == 256 && r->pf_eq == 5,
		   "JSON: spare and pf groups");
		ok((r->all.set & VF_SET_DOORBELLS) && r->all.doorbells == 32, "JSON: all group");
		ok(r->vf[1].lmem == 4ull << 30 && r->vf[1].weight == 3, "JSON: vf[] by id");
		is_str(r->profile, "flex170", "JSON: profile");
	}
	conf_free(&c);

	/* per-GT values: vf.K.gtN.KEY, gtN.KEY for every VF, JSON "gt" entries */
	ok(!conf_parse_str("gt.conf", "[pf 0000:4d:00.0]\nvfs = 2\ncontexts = 256\n"
			   "gt1.doorbells = 8\nvf.2.gt1.contexts = 512\n"
			   "vf.2.gt1.exec_quantum_ms = 20\nvf.2.gt0.preempt_timeout_us = 0\n",
			   &c, err, sizeof(err)) && c.n == 1, "gt keys parse (%s)", c.n ? "" : err);
	if (c.n == 1) {
		r = &c.pf[0].req;
		ok((r->all.set & VF_SET_GT) && r->all.gt[1].set == VF_SET_DOORBELLS &&
		   r->all.gt[1].doorbells == 8 && !r->all.gt[0].set,
		   "gt1.doorbells: every VF's gt1");
		ok(r->all.contexts == 256 && !(r->all.gt[1].set & VF_SET_CONTEXTS),
		   "the VF's own contexts stay the VF's");
		ok(r->vf[1].set == VF_SET_GT &&
		   r->vf[1].gt[1].set == (VF_SET_CONTEXTS | VF_SET_EQ) &&
		   r->vf[1].gt[1].contexts == 512 && r->vf[1].gt[1].eq == 20,
		   "vf.2.gt1: contexts and exec_quantum_ms, nothing of the VF's own");
		ok(r->vf[1].gt[0].set == VF_SET_PT && r->vf[1].gt[0].pt == 0,
		   "vf.2.gt0.preempt_timeout_us = 0");
		ok(!r->vf[0].set, "VF 1 holds no gt values of its own");
		req_expand(&c.pf[0].req);
		ok(r->vf[0].gt[1].doorbells == 8 && r->vf[1].gt[1].doorbells == 8 &&
		   r->vf[1].gt[1].contexts == 512,
		   "expanded: every VF takes gt1.doorbells, VF 2 keeps its gt1.contexts");
	}
	conf_free(&c);
	ok(!conf_parse_str("gt.json",
			   "{\"pfs\": [{\"address\": \"4d:00.0\", \"vfs\": 2,\n"
			   " \"all\": {\"gt\": [{\"id\": 1, \"doorbells\": 8}]},\n"
			   " \"vf\": [{\"id\": 2, \"contexts\": 128,\n"
			   "  \"gt\": [{\"id\": 1, \"contexts\": 512, \"preempt_timeout_us\": 64000}]}]}]}\n",
			   &c, err, sizeof(err)) && c.n == 1, "JSON gt entries parse (%s)", c.n ? "" : err);
	if (c.n == 1) {
		r = &c.pf[0].req;
		ok(r->all.gt[1].set == VF_SET_DOORBELLS && r->all.gt[1].doorbells == 8,
		   "JSON: all.gt[]");
		ok(r->vf[1].contexts == 128 && r->vf[1].gt[1].contexts == 512 &&
		   r->vf[1].gt[1].pt == 64000 &&
		   r->vf[1].gt[1].set == (VF_SET_CONTEXTS | VF_SET_PT),
		   "JSON: vf[].gt[] by id, the VF's own value beside it");
	}
	conf_free(&c);
	return tap_done();
}
