// Measures VIP gaps from the address-event log every node keeps (`ip -ts -o monitor address`):
// the time between the VIP leaving its last holder and arriving at the new one.
import type { LabNodes } from './labNodes.js';
import { probeIn } from '../runtime/execBatch.js';

export const ADDR_LOG = '/var/log/halab/addr.log';

export interface AddrEvent {
  node: string;
  at: number; // ms since epoch, as logged by the node (all nodes share the host clock)
  ip: string;
  added: boolean;
  /** A removal no log recorded: the node died holding the address, which went with its network namespace. */
  atDeath?: true;
}

const LINE = /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)\]\s+(Deleted\s+)?\d+:\s+\S+\s+inet\s+(\d+\.\d+\.\d+\.\d+)\//;

export function parseAddrLog(node: string, text: string): AddrEvent[] {
  const out: AddrEvent[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m?.[1] || !m[3]) continue;
    // The timestamp has no zone; nodes run in UTC, and only differences between nodes matter.
    out.push({ node, at: Date.parse(`${m[1].slice(0, 23)}Z`), ip: m[3], added: !m[2] });
  }
  return out;
}

export async function readAddrEvents(lab: LabNodes, ip: string): Promise<AddrEvent[]> {
  const all = await Promise.all(
    lab.nodes.map(async (n) => {
      const res = await probeIn(lab.container(n.name), ['tail', '-n', '2000', ADDR_LOG], { timeoutMs: 3000 }).catch(() => undefined);
      return res && res.exitCode === 0 ? parseAddrLog(n.name, res.stdout) : [];
    }),
  );
  return all
    .flat()
    .filter((e) => e.ip === ip)
    .sort((a, b) => a.at - b.at);
}

/**
 * The gap of the last move of `ip` onto `holder`, in ms, or undefined when the log shows no such move.
 * Walking back from the arrival, the first event of another node decides: a removal gives the gap; an
 * addition means that node still held the address when it arrived here (an overlap), reported as 0.
 * The events must be complete: a node missing from them (one that lost power, read from its own log only)
 * would be skipped, and the gap paired with an older removal (addrHistory.ts completes them).
 */
export function lastGapMs(events: AddrEvent[], holder: string): { gapMs: number; from: string; atDeath?: true } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const arrival = events[i];
    if (!arrival || !arrival.added || arrival.node !== holder) continue;
    for (let j = i - 1; j >= 0; j--) {
      const other = events[j];
      if (!other || other.node === holder) continue;
      return { gapMs: other.added ? 0 : arrival.at - other.at, from: other.node, ...(other.atDeath ? { atDeath: true as const } : {}) };
    }
    return undefined;
  }
  return undefined;
}

/** `ip -ts`'s stamp of an RFC 3339 UTC time (as the engine gives a container's stop): to the microsecond, no zone. */
export function logStamp(rfc3339: string): string | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(rfc3339);
  return m?.[1] ? `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}` : undefined;
}

/**
 * The lines `ip monitor` would have logged had it outlived its node: a "Deleted" line, stamped `stamp`, for
 * every address the log shows held at that time, in the format of the line that added it. Empty when none.
 */
export function lossLines(logText: string, stamp: string): string {
  const at = Date.parse(`${stamp.slice(0, 23)}Z`);
  const lastAdd = new Map<string, string | undefined>(); // ip -> the line that added it, while held
  for (const line of logText.split('\n')) {
    const m = LINE.exec(line);
    if (!m?.[1] || !m[3] || Date.parse(`${m[1].slice(0, 23)}Z`) > at) continue;
    lastAdd.set(m[3], m[2] ? undefined : line);
  }
  return [...lastAdd.values()]
    .filter((line): line is string => line !== undefined)
    .map((line) => `${line.replace(/^\[[^\]]*\]\s+/, `[${stamp}] Deleted `)}\n`)
    .join('');
}
