# SPDX-License-Identifier: GPL-2.0
"""What iproute2's genl says of a family against what its YNL spec says.

  genl_policy.py SPEC CTRL_GET POLICY

CTRL_GET is the output of `genl ctrl get name FAMILY`, POLICY that of
`genl ctrl policy name FAMILY` (iproute2 6.1 text). Prints one line per
check, "PASS what" or "FAIL what :: why", and exits 1 if any failed:
the version; the commands (the spec's do/dump operations, nothing else)
with their capabilities (doit, dumpit, policy, admin); the multicast
groups; and for every operation each request attribute of the spec in the
policy the kernel dumps for it, with the type, range and length the spec
gives it, nests followed into their own policies.
"""
import re
import sys

import yaml

TYPES = {'u8': 'U8', 'u16': 'U16', 'u32': 'U32', 'u64': 'U64',
         's8': 'S8', 's16': 'S16', 's32': 'S32', 's64': 'S64',
         'string': 'NUL_STRING', 'nest': 'NESTED', 'flag': 'FLAG',
         'binary': 'BINARY'}
LIMITS = {'u8-max': 0xff, 'u16-max': 0xffff, 'u32-max': 0xffffffff,
          's16-min': -0x8000, 's16-max': 0x7fff,
          's32-min': -0x80000000, 's32-max': 0x7fffffff}
CAP_ADMIN, CAP_DO, CAP_DUMP, CAP_POL = 0x1, 0x2, 0x4, 0x8

failed = False


def report(ok, what, why=''):
    global failed
    if ok:
        print(f'PASS {what}')
    else:
        failed = True
        print(f'FAIL {what} :: {why}')


class Spec:
    def __init__(self, path):
        with open(path) as f:
            self.y = yaml.safe_load(f)
        self.defs = {d['name']: d for d in self.y.get('definitions', [])}
        self.sets = {}
        for s in self.y['attribute-sets']:
            val, attrs = 1, {}
            for a in s['attributes']:
                val = a.get('value', val)
                attrs[a['name']] = dict(a, value=val)
                val += 1
            self.sets[s['name']] = attrs
        self.ops = []
        val = 0
        for o in self.y['operations']['list']:
            val = o.get('value', val)
            self.ops.append(dict(o, value=val))
            val += 1

    def limit(self, v):
        if isinstance(v, int):
            return v
        if v in LIMITS:
            return LIMITS[v]
        return self.defs[v]['value']

    def expect(self, attr):
        """(type, [words genl prints after the type]) for a policy entry"""
        t = attr['type']
        words = []
        checks = attr.get('checks', {})
        if t == 'string' and 'max-len' in checks:
            words.append(f"max len:{self.limit(checks['max-len'])}")
        elif t == 'nest':
            nested = self.sets[attr['nested-attributes']]
            words.append(f"maxattr:{max(a['value'] for a in nested.values())}")
        elif t[0] in 'us' and t[1:].isdigit():
            bits = int(t[1:])
            if t[0] == 'u':
                lo, hi = 0, (1 << bits) - 1
            else:
                lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
            enum = self.defs.get(attr.get('enum', ''))
            if enum and (enum['type'] == 'flags' or attr.get('enum-as-flags')):
                return TYPES[t], []     # a mask, which genl 6.1 does not print
            if enum:
                start = enum.get('value-start', 0)
                lo, hi = start, start + len(enum['entries']) - 1
                if t[0] == 'u' and start == 0:
                    lo = 0
            lo = self.limit(checks.get('min', lo))
            hi = self.limit(checks.get('max', hi))
            words.append(f'range:[{lo},{hi}]')
        return TYPES[t], words


def parse_get(text):
    ver = re.search(r'Version: (0x[0-9a-fA-F]+)', text)
    cmds = {int(i, 16): int(c, 16) for i, c in re.findall(
        r'#\d+:\s+ID-(0x[0-9a-fA-F]+)\s*\n\s*Capabilities \((0x[0-9a-fA-F]+)\)',
        text)}
    grps = re.findall(r'ID-0x[0-9a-fA-F]+\s+name: (\S+)', text)
    return int(ver.group(1), 16) if ver else None, cmds, grps


def parse_policy(text):
    ops, pols = {}, {}
    for m in re.finditer(r'op (\d+) policies:(.*)', text):
        ops[int(m.group(1))] = {k: int(v) for k, v in
                                re.findall(r'(do|dump)=(\d+)', m.group(2))}
    for m in re.finditer(r'policy\[(\d+)\]:attr\[(\d+)\]: type=(\S+)(.*)', text):
        words = m.group(4).strip()
        pols.setdefault(int(m.group(1)), {})[int(m.group(2))] = \
            (m.group(3), re.findall(r'[a-z ]+:\S+', words))
    return ops, pols


def check_policy(spec, pols, idx, aset, names, what, seen):
    """policy idx holds exactly attributes names of set aset, as the spec says"""
    pol = pols.get(idx)
    if pol is None:
        report(False, what, f'policy {idx} not dumped')
        return
    attrs = spec.sets[aset]
    want = {attrs[n]['value']: n for n in names}
    report(set(pol) == set(want), f'{what}: attributes {sorted(want)}',
           f'dumped {sorted(pol)}')
    for val, name in sorted(want.items()):
        if val not in pol:
            continue
        typ, words = pol[val]
        etyp, ewords = spec.expect(attrs[name])
        got = [w for w in words if not w.startswith('policy:')]
        report((typ, [w.strip() for w in got]) == (etyp, ewords),
               f'{what}: {name} is {etyp} {" ".join(ewords)}'.rstrip(),
               f'dumped {typ} {" ".join(words)}')
        if attrs[name]['type'] != 'nest':
            continue
        sub = [w for w in words if w.startswith('policy:')]
        if not sub:
            report(False, f'{what}: {name} names its nested policy', 'none')
            continue
        sidx = int(sub[0].split(':')[1])
        nset = attrs[name]['nested-attributes']
        if (sidx, nset) in seen:
            continue
        seen.add((sidx, nset))
        nnames = [n for n, a in spec.sets[nset].items() if a['type'] != 'pad']
        check_policy(spec, pols, sidx, nset, nnames,
                     f'{what} > {name} ({nset})', seen)


def main():
    spec = Spec(sys.argv[1])
    with open(sys.argv[2]) as f:
        ver, cmds, grps = parse_get(f.read())
    with open(sys.argv[3]) as f:
        ops, pols = parse_policy(f.read())

    report(ver == spec.y['version'], f"family version {spec.y['version']}",
           f'genl says {ver}')
    cmd_ops = [o for o in spec.ops if 'do' in o or 'dump' in o]
    report(sorted(cmds) == [o['value'] for o in cmd_ops],
           f"commands are the spec's operations {[o['value'] for o in cmd_ops]}",
           f'genl lists {sorted(cmds)}')
    for o in cmd_ops:
        want = CAP_POL | (CAP_DO if 'do' in o else 0) | \
            (CAP_DUMP if 'dump' in o else 0) | \
            (CAP_ADMIN if 'admin-perm' in o.get('flags', []) else 0)
        got = cmds.get(o['value'])
        report(got == want, f"{o['name']}: capabilities {want:#x}",
               f'genl says {got if got is None else hex(got)}')
    names = [g['name'] for g in spec.y['mcast-groups']['list']]
    report(sorted(grps) == sorted(names), f'multicast groups {names}',
           f'genl lists {grps}')

    seen = set()
    for o in cmd_ops:
        got = ops.get(o['value'])
        report(got is not None, f"{o['name']}: its policies are dumped",
               'no "op N policies" line')
        if got is None:
            continue
        aset = o['attribute-set']
        do_req = o.get('do', {}).get('request', {}).get('attributes', [])
        for mode in ('do', 'dump'):
            if mode not in o:
                report(mode not in got, f"{o['name']}: no {mode}",
                       f'{mode}={got.get(mode)}')
                continue
            req = o[mode].get('request', {}).get('attributes')
            idx = got.get(mode)
            if req is None:
                # no request in the spec: at most the do policy's attributes
                extra = set(pols.get(idx, {})) - \
                    {spec.sets[aset][n]['value'] for n in do_req}
                report(not extra, f"{o['name']} {mode}: no attribute beyond do's",
                       f'policy {idx} has {sorted(extra)}')
                continue
            if idx is None:
                report(False, f"{o['name']} {mode}: has a policy", 'none dumped')
                continue
            check_policy(spec, pols, idx, aset, req,
                         f"{o['name']} {mode} (policy {idx})", seen)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
