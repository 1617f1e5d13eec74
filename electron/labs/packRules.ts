// Cross-field rules of a manifest that the schema alone cannot express (names, addresses, references).
import type { PathKey } from './manifestYaml.js';
import type { LabManifest } from './schema.js';

/** Cross-field rules the schema alone cannot express. */
export function semanticProblems(m: LabManifest): { message: string; path: PathKey[] }[] {
  const out: { message: string; path: PathKey[] }[] = [];
  const names = new Set<string>();
  const ips = new Set<string>();
  const prefix = m.topology.subnet.replace(/0\/24$/, '');
  m.topology.nodes.forEach((n, i) => {
    if (names.has(n.name)) out.push({ message: `node name "${n.name}" is used twice`, path: ['topology', 'nodes', i, 'name'] });
    if (ips.has(n.ip)) out.push({ message: `address ${n.ip} is used twice`, path: ['topology', 'nodes', i, 'ip'] });
    if (!n.ip.startsWith(prefix)) out.push({ message: `${n.ip} is outside the subnet ${m.topology.subnet}`, path: ['topology', 'nodes', i, 'ip'] });
    const host = Number(n.ip.split('.')[3]);
    if (host === 0 || host >= 254) out.push({ message: `${n.ip}: .0, .254 and .255 are reserved (network, gateway, broadcast)`, path: ['topology', 'nodes', i, 'ip'] });
    names.add(n.name);
    ips.add(n.ip);
  });
  m.topology.vips.forEach((v, i) => {
    if (ips.has(v)) out.push({ message: `VIP ${v} is also a node's address`, path: ['topology', 'vips', i] });
  });
  const stepIds = new Set<string>();
  m.steps.forEach((s, i) => {
    if (stepIds.has(s.id)) out.push({ message: `step id "${s.id}" is used twice`, path: ['steps', i, 'id'] });
    stepIds.add(s.id);
    const checkIds = new Set<string>();
    s.checks.forEach((c, j) => {
      if (checkIds.has(c.id)) out.push({ message: `check id "${c.id}" is used twice in this step`, path: ['steps', i, 'checks', j, 'id'] });
      checkIds.add(c.id);
      for (const key of ['node', 'from', 'mac_of'] as const) {
        const ref = (c as Record<string, unknown>)[key];
        if (typeof ref === 'string' && !names.has(ref)) {
          out.push({ message: `${key}: no node named "${ref}"`, path: ['steps', i, 'checks', j, key] });
        }
      }
      if (c.kind === 'vip' && !['none', 'one', 'split'].includes(c.holder) && !names.has(c.holder)) {
        out.push({ message: `holder: no node named "${c.holder}"`, path: ['steps', i, 'checks', j, 'holder'] });
      }
      if (c.kind === 'vrrp') {
        const selectors = (['instance', 'vip', 'vrid'] as const).filter((k) => c[k] !== undefined);
        if (selectors.length > 1) out.push({ message: `choose one of instance, vip and vrid (this check has ${selectors.join(' and ')})`, path: ['steps', i, 'checks', j, selectors[1] ?? 'vip'] });
        if (c.vip !== undefined && !m.topology.vips.includes(c.vip)) {
          out.push({ message: `vip: ${c.vip} is not one of the lab's VIPs (topology.vips)`, path: ['steps', i, 'checks', j, 'vip'] });
        }
      }
    });
    s.solution.files.forEach((f, j) => {
      if (!names.has(f.node)) out.push({ message: `no node named "${f.node}"`, path: ['steps', i, 'solution', 'files', j, 'node'] });
    });
    s.solution.run.forEach((a, j) => {
      if ('node' in a && !names.has(a.node)) out.push({ message: `no node named "${a.node}"`, path: ['steps', i, 'solution', 'run', j, 'node'] });
    });
  });
  return out;
}

