// VRRP state and effective priority from keepalived's own JSON dump (halab-vrrp-json in the image).
import type Docker from 'dockerode';
import { probeIn } from '../docker/execBatch.js';

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

export type VrrpReading = { ok: true; instances: VrrpInstance[] } | { ok: false; reason: string };

export async function readVrrp(container: Docker.Container): Promise<VrrpReading> {
  const res = await probeIn(container, ['halab-vrrp-json'], { timeoutMs: 4000 }).catch((err: unknown) => ({
    exitCode: -1,
    stdout: '',
    stderr: String(err),
    ms: 0,
  }));
  if (res.exitCode === 3) return { ok: false, reason: 'keepalived is not running' };
  if (res.exitCode !== 0) return { ok: false, reason: (res.stderr || `state dump failed (exit ${res.exitCode})`).trim() };
  try {
    return { ok: true, instances: parseKeepalivedJson(res.stdout) };
  } catch {
    return { ok: false, reason: 'keepalived wrote a state dump that is not valid JSON' };
  }
}
