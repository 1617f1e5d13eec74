// VRRP state and effective priority from keepalived's own JSON dump (halab-vrrp-json in the image).
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { probeIn } from '../runtime/execBatch.js';
import type { Message } from '../messages/catalogue.js';

export const VRRP_STATES = ['INIT', 'BACKUP', 'MASTER', 'FAULT'] as const;

export interface VrrpInstance {
  name: string;
  state: string;
  effectivePriority: number;
  basePriority: number;
  vrid: number;
  nopreempt: boolean;
  vips: string[];
  advertRcvd: number;
  advertSent: number;
  becomeMaster: number;
  authFailure: number;
}

interface KeepalivedJsonEntry {
  data?: {
    iname?: string;
    state?: number;
    effective_priority?: number;
    base_priority?: number;
    vrid?: number;
    nopreempt?: number | boolean;
    vips?: string[];
  };
  stats?: { advert_rcvd?: number; advert_sent?: number; become_master?: number; auth_failure?: number };
}

export function parseKeepalivedJson(text: string): VrrpInstance[] {
  const entries = JSON.parse(text) as KeepalivedJsonEntry[];
  return entries.map((e) => ({
    name: e.data?.iname ?? '?',
    state: VRRP_STATES[e.data?.state ?? -1] ?? `UNKNOWN(${e.data?.state})`,
    effectivePriority: e.data?.effective_priority ?? 0,
    basePriority: e.data?.base_priority ?? 0,
    vrid: e.data?.vrid ?? 0,
    nopreempt: Boolean(e.data?.nopreempt),
    vips: (e.data?.vips ?? []).map((v) => v.split(/[\s/]/)[0] ?? v),
    advertRcvd: e.stats?.advert_rcvd ?? 0,
    advertSent: e.stats?.advert_sent ?? 0,
    becomeMaster: e.stats?.become_master ?? 0,
    authFailure: e.stats?.auth_failure ?? 0,
  }));
}

/** Why there is no reading, worded by the message catalogue; `detail` keeps the dump tool's own words. */
export type VrrpProblem = Message<'probe.vrrp.notRunning' | 'probe.vrrp.dumpFailed' | 'probe.vrrp.badJson'>;

export type VrrpReading = { ok: true; instances: VrrpInstance[] } | { ok: false; problem: VrrpProblem };

export async function readVrrp(container: ContainerHandle): Promise<VrrpReading> {
  const res = await probeIn(container, ['halab-vrrp-json'], { timeoutMs: 4000 }).catch((err: unknown) => ({
    exitCode: -1,
    stdout: '',
    stderr: String(err),
    ms: 0,
  }));
  if (res.exitCode === 3) return { ok: false, problem: { key: 'probe.vrrp.notRunning' } };
  if (res.exitCode !== 0) return { ok: false, problem: { key: 'probe.vrrp.dumpFailed', params: { exitCode: res.exitCode, detail: res.stderr.trim() } } };
  try {
    return { ok: true, instances: parseKeepalivedJson(res.stdout) };
  } catch {
    return { ok: false, problem: { key: 'probe.vrrp.badJson' } };
  }
}
