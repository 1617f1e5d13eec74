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
 */
export function lastGapMs(events: AddrEvent[], holder: string): { gapMs: number; from: string } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const arrival = events[i];
    if (!arrival || !arrival.added || arrival.node !== holder) continue;
    for (let j = i - 1; j >= 0; j--) {
      const other = events[j];
      if (!other || other.node === holder) continue;
      return { gapMs: other.added ? 0 : arrival.at - other.at, from: other.node };
    }
    return undefined;
  }
  return undefined;
}
