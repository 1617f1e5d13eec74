// Cross-field rules of a manifest that the schema alone cannot express (names, addresses, references).
import type { PathKey } from './manifestYaml.js';
import type { LabManifest } from './schema.js';

/** Cross-field rules the schema alone cannot express. */
export function semanticProblems(m: LabManifest): { message: string; path: PathKey[] }[] {
  const out: { message: string; path: PathKey[] }[] = [];
  const names = new Set<string>();
  const ips = new Set<string>();
  const prefix = m.topology.subnet.replace(/0\/24$/, '');
  const reservedHost = '.0, .254 and .255 are reserved (network, gateway, broadcast): choose a host number from 1 to 253';
  m.topology.nodes.forEach((n, i) => {
    if (names.has(n.name)) out.push({ message: `node name "${n.name}" is used twice: give each node a name of its own`, path: ['topology', 'nodes', i, 'name'] });
    if (ips.has(n.ip)) out.push({ message: `address ${n.ip} is used twice: give each node an address of its own`, path: ['topology', 'nodes', i, 'ip'] });
    if (!n.ip.startsWith(prefix)) out.push({ message: `${n.ip} is outside the subnet ${m.topology.subnet}: write an address of the subnet, e.g. ${prefix}${n.ip.split('.')[3] ?? '5'}`, path: ['topology', 'nodes', i, 'ip'] });
    const host = Number(n.ip.split('.')[3]);
    if (host === 0 || host >= 254) out.push({ message: `${n.ip}: ${reservedHost}`, path: ['topology', 'nodes', i, 'ip'] });
    names.add(n.name);
    ips.add(n.ip);
  });
  m.topology.vips.forEach((v, i) => {
    if (ips.has(v)) out.push({ message: `VIP ${v} is also a node's address: a VIP belongs to no node; choose a free address of the subnet`, path: ['topology', 'vips', i] });
    const host = Number(v.split('.')[3]);
    // The subnet remap moves only addresses of the subnet: a VIP elsewhere would stay behind when the lab moves.
    if (!v.startsWith(prefix)) {
      out.push({ message: `VIP ${v} is outside the subnet ${m.topology.subnet}: the remap moves only addresses of the subnet, so it would stay behind when the lab moves; choose a free address of the subnet, e.g. ${prefix}${host}`, path: ['topology', 'vips', i] });
    }
    if (host === 0 || host >= 254) out.push({ message: `VIP ${v}: ${reservedHost}`, path: ['topology', 'vips', i] });
  });
  const nodeList = `the nodes are ${[...names].join(', ')}`;
  const vipList = m.topology.vips.length ? `use one of ${m.topology.vips.join(', ')}, or declare it there` : 'declare it there';
  const stepIds = new Set<string>();
  m.steps.forEach((s, i) => {
    if (stepIds.has(s.id)) out.push({ message: `step id "${s.id}" is used twice: give each step an id of its own`, path: ['steps', i, 'id'] });
    stepIds.add(s.id);
    const checkIds = new Set<string>();
    s.checks.forEach((c, j) => {
      if (checkIds.has(c.id)) out.push({ message: `check id "${c.id}" is used twice in this step: give each check an id of its own`, path: ['steps', i, 'checks', j, 'id'] });
      checkIds.add(c.id);
      for (const key of ['node', 'from', 'mac_of'] as const) {
        const ref = (c as Record<string, unknown>)[key];
        if (typeof ref === 'string' && !names.has(ref)) {
          out.push({ message: `${key}: no node named "${ref}"; ${nodeList}`, path: ['steps', i, 'checks', j, key] });
        }
      }
      if (c.kind === 'vip' && !['none', 'one', 'split'].includes(c.holder) && !names.has(c.holder)) {
        out.push({ message: `holder: no node named "${c.holder}"; ${nodeList}, or write none, one or split`, path: ['steps', i, 'checks', j, 'holder'] });
      }
      if (c.kind === 'protocol') {
        if (c.expect.from !== undefined && !names.has(c.expect.from)) out.push({ message: `expect.from: no node named "${c.expect.from}"; ${nodeList}`, path: ['steps', i, 'checks', j, 'expect', 'from'] });
        if (c.vip !== undefined && !m.topology.vips.includes(c.vip)) out.push({ message: `vip: ${c.vip} is not one of the lab's VIPs (topology.vips): ${vipList}`, path: ['steps', i, 'checks', j, 'vip'] });
        if (c.event !== 'advert' && c.vip === undefined) out.push({ message: `${c.event} needs vip: the address the ARP is about`, path: ['steps', i, 'checks', j, 'event'] });
        if (c.event !== 'advert' && (c.vrid !== undefined || Object.keys(c.expect).some((k) => k !== 'from'))) {
          out.push({ message: `${c.event}: only vip, from and expect.from apply (vrid, priority, version, auth and interval_ms belong to adverts)`, path: ['steps', i, 'checks', j, 'event'] });
        }
      }
      if (c.kind === 'vrrp') {
        const selectors = (['instance', 'vip', 'vrid'] as const).filter((k) => c[k] !== undefined);
        if (selectors.length > 1) out.push({ message: `choose one of instance, vip and vrid (this check has ${selectors.join(' and ')})`, path: ['steps', i, 'checks', j, selectors[1] ?? 'vip'] });
        if (c.vip !== undefined && !m.topology.vips.includes(c.vip)) {
          out.push({ message: `vip: ${c.vip} is not one of the lab's VIPs (topology.vips): ${vipList}`, path: ['steps', i, 'checks', j, 'vip'] });
        }
      }
    });
    s.solution.files.forEach((f, j) => {
      if (!names.has(f.node)) out.push({ message: `node: no node named "${f.node}"; ${nodeList}`, path: ['steps', i, 'solution', 'files', j, 'node'] });
    });
    s.solution.run.forEach((a, j) => {
      if ('node' in a && !names.has(a.node)) out.push({ message: `node: no node named "${a.node}"; ${nodeList}`, path: ['steps', i, 'solution', 'run', j, 'node'] });
    });
  });
  return out;
}


/** A rule lint adds to the loader's: the pack still loads, but breaks a rule of labs/README.md. */
export interface AuthoringFinding {
  level: 'error' | 'warning';
  message: string;
  path: PathKey[];
  /** The text the finding is about, to find its own line inside a multi-line value. */
  needle?: string;
}

const IPV4_IN_TEXT = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\d|\.\d)/g;
// Addresses that are never a lab node's, so the remap has nothing to follow: 0.0.0.0 (any), loopback, multicast
// (224.0.0.18 is VRRP's), 255.x (netmasks, broadcast) and the documentation ranges of RFC 5737.
const NOT_LAB_ADDRESS = /^(0\.0\.0\.0|127\.|22[4-9]\.|23\d\.|255\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/;

/** Every IPv4 address in `text` that lies outside `subnet` and could be a lab address, with its offset. */
export function foreignAddresses(text: string, subnet: string): { address: string; index: number }[] {
  const prefix = subnet.replace(/0\/24$/, '');
  const out: { address: string; index: number }[] = [];
  for (const hit of text.matchAll(IPV4_IN_TEXT)) {
    const address = hit[0];
    if (hit.slice(1).some((octet) => Number(octet) > 255) || address.startsWith(prefix) || NOT_LAB_ADDRESS.test(address)) continue;
    out.push({ address, index: hit.index });
  }
  return out;
}

export function foreignAddressMessage(address: string, subnet: string): string {
  const example = `${subnet.replace(/0\/24$/, '')}${address.split('.')[3] ?? '5'}`;
  return (
    `${address} is outside the lab's subnet ${subnet}: when the lab moves to a free /24, only addresses of ${subnet} are rewritten, so this one stays as written and reaches nothing in the lab; ` +
    `write an address of the subnet (${example}), or a documentation address (192.0.2.x) for one that must never answer`
  );
}

const LEARNER_TEXT = new Set(['id', 'kind', 'title', 'hint']);

/** Strings of a value with their paths (check fields are flat, `expect` one level deeper). */
function stringsOf(value: unknown, path: PathKey[]): { text: string; path: PathKey[] }[] {
  if (typeof value === 'string') return [{ text: value, path }];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsOf(v, [...path, k]));
  return [];
}

/** How many capturing groups a regular expression has (it compiles: the schema checked it). */
function groupsOf(pattern: string): number {
  return (new RegExp(`${pattern}|`).exec('')?.length ?? 1) - 1;
}

// `echo 1 > /proc/sys/...` or `tee /proc/sys/...`: a write, not a read such as `cat /proc/sys/...`.
const WRITES_PROC_SYS = /(>|\btee\b[^|;&\n]*)\s*\/proc\/sys\//;

/** Fields of a protocol check's `expect` that no advert can show together. */
function impossibleExpectations(expect: { version?: number; auth?: string; interval_ms?: number }, at: PathKey[]): AuthoringFinding[] {
  const out: AuthoringFinding[] = [];
  if (expect.version === 3 && expect.auth !== undefined) {
    out.push({ level: 'error', message: 'auth with version 3: VRRPv3 adverts carry no authentication; remove auth, or expect version: 2', path: [...at, 'auth'] });
  }
  const ms = expect.interval_ms;
  if (ms !== undefined && expect.version === 2 && ms % 1000 !== 0) {
    out.push({ level: 'error', message: `interval_ms ${ms} with version 2: a VRRPv2 advert carries whole seconds; write a multiple of 1000, e.g. interval_ms: 1000`, path: [...at, 'interval_ms'] });
  } else if (ms !== undefined && ms % 10 !== 0) {
    out.push({ level: 'error', message: `interval_ms ${ms}: adverts carry whole seconds (VRRPv2) or centiseconds (VRRPv3); write a multiple of 10, e.g. interval_ms: 100`, path: [...at, 'interval_ms'] });
  }
  return out;
}

/** Rules of labs/README.md that the loader leaves to lint: checks that cannot fail, solutions that cannot run, addresses the remap cannot follow. */
export function authoringProblems(m: LabManifest): AuthoringFinding[] {
  const out: AuthoringFinding[] = [];
  const { subnet } = m.topology;
  const checkStep = new Map<string, string>();
  const addresses = (text: string, path: PathKey[]): void => {
    for (const { address } of foreignAddresses(text, subnet)) out.push({ level: 'warning', message: foreignAddressMessage(address, subnet), path, needle: address });
  };
  m.steps.forEach((s, i) => {
    s.checks.forEach((c, j) => {
      const at: PathKey[] = ['steps', i, 'checks', j];
      const earlier = checkStep.get(c.id);
      if (earlier !== undefined && earlier !== s.id) {
        out.push({ level: 'warning', message: `check id "${c.id}" is also used in step "${earlier}": keep check ids unique in the pack, so a report names one check (e.g. "${c.id}-${s.id}")`, path: [...at, 'id'] });
      }
      if (earlier === undefined) checkStep.set(c.id, s.id);
      if (c.kind === 'command' && c.exit_code === undefined && c.matches === undefined) {
        out.push({ level: 'error', message: `command check "${c.id}" has neither exit_code nor matches: it passes whatever the command does; add exit_code: 0, or matches: '<a regex on the output>'`, path: [...at, 'run'] });
      }
      if (c.kind === 'command' && c.gap_seconds !== undefined && groupsOf(c.gap_seconds) === 0) {
        out.push({ level: 'error', message: `gap_seconds has no group: its first group is the figure, in seconds; put the number in parentheses, e.g. 'longest gap ([0-9.]+) s'`, path: [...at, 'gap_seconds'] });
      }
      if (c.kind === 'protocol') out.push(...impossibleExpectations(c.expect, [...at, 'expect']));
      for (const [key, value] of Object.entries(c)) if (!LEARNER_TEXT.has(key)) for (const str of stringsOf(value, [...at, key])) addresses(str.text, str.path);
    });
    s.solution.run.forEach((a, j) => {
      const at: PathKey[] = ['steps', i, 'solution', 'run', j];
      if ('run' in a) addresses(a.run, [...at, 'run']);
      if ('run' in a && WRITES_PROC_SYS.test(a.run)) {
        out.push({
          level: 'error',
          message: `a solution command cannot write to /proc/sys: it is read-only in a node, and only the learner's terminal passes such a write to the sysctl helper; write sysctl -w net.ipv4.ip_nonlocal_bind=1 (net.* keys, on a node with net_sysctl)`,
          path: [...at, 'run'],
          needle: '/proc/sys',
        });
      }
      if (!('fault' in a)) return;
      const usesService = a.fault === 'stop_service' || a.fault === 'start_service';
      if (usesService && !a.service) {
        out.push({ level: 'error', message: `${a.fault} needs service: the one to ${a.fault === 'stop_service' ? 'stop' : 'start'} (keepalived, nginx or cron), e.g. { fault: ${a.fault}, node: ${a.node}, service: keepalived }`, path: [...at, 'fault'] });
      }
      if (!usesService && a.service) out.push({ level: 'warning', message: `service: ${a.fault} does not use it (only stop_service and start_service do); remove it`, path: [...at, 'service'] });
    });
  });
  return out;
}
