// Lab 1 variants the benchmark runs, and the VRRP timing its failover figures are compared against.
import type { LabPack } from '../../electron/labs/loadPack.js';
import type { FloorTiming } from '../../common/protocol/floors.js';

/** Lab 1 with its step-1 solution files as starting files and keepalived enabled: "up" ends in an election. */
export function electingPack(pack: LabPack): LabPack {
  const m = structuredClone(pack.manifest);
  for (const f of m.steps[0]?.solution.files ?? []) {
    const node = m.topology.nodes.find((n) => n.name === f.node);
    if (!node) continue;
    node.files.push({ path: f.path, source: f.source, mode: f.mode });
    if (!node.services.includes('keepalived')) node.services.push('keepalived');
  }
  return { ...pack, manifest: m };
}

/**
 * A keepalived.conf switched to VRRPv3 with the given advert interval: `vrrp_version 3` in global_defs,
 * every advert_int replaced, and the authentication block dropped (VRRPv3 has no authentication).
 */
export function toVrrpV3(conf: string, advertIntS: number): string {
  let out = conf.replace(/^(\s*global_defs\s*\{[^\n]*\n)/m, `$1    vrrp_version 3\n`);
  if (out === conf) out = `global_defs {\n    vrrp_version 3\n}\n\n${conf}`;
  out = out.replace(/^(\s*)advert_int\s+\S+/gm, `$1advert_int ${advertIntS}`);
  return out.replace(/^\s*authentication\s*\{[^}]*\}\s*\n/gm, '');
}

/** The electing lab 1 with every keepalived.conf rewritten by toVrrpV3. */
export function electingV3Pack(pack: LabPack, advertIntS: number): LabPack {
  const electing = electingPack(pack);
  const confs = new Set((pack.manifest.steps[0]?.solution.files ?? []).filter((f) => f.path.endsWith('keepalived.conf')).map((f) => f.source));
  return {
    ...electing,
    readText: async (rel) => (confs.has(rel) ? toVrrpV3(await pack.readText(rel), advertIntS) : pack.readText(rel)),
  };
}

export interface VrrpTiming {
  version: 2 | 3;
  priority: number;
  advertIntS: number;
}

/** The settings of the first vrrp_instance that decide how fast a backup takes over. */
export function vrrpTiming(conf: string): VrrpTiming {
  const num = (re: RegExp, dflt: number): number => {
    const m = re.exec(conf);
    return m ? Number(m[1]) : dflt;
  };
  return {
    version: num(/^\s*vrrp_version\s+(\d)/m, 2) === 3 ? 3 : 2,
    priority: num(/^\s*priority\s+(\d+)/m, 100),
    advertIntS: num(/^\s*advert_int\s+([\d.]+)/m, 1),
  };
}

/** The floor formula's input (common/protocol/floors.ts) for this timing. */
export function floorTiming(t: VrrpTiming): FloorTiming {
  return { version: t.version, priority: t.priority, intervalMs: t.advertIntS * 1000 };
}
