// VIP moves from address events (the node logs' and the live monitors' alike): who got a VIP, from whom,
// and how long no node held it in between.
import type { AddrEvent } from '../probes/addrLog.js';
import type { TopologyState } from '../../common/contract.js';

export type TimelineEntry = TopologyState['timeline'][number];

/**
 * One entry per change of holder, newest last:
 * - the VIP arrives while nobody holds it: from = the node that lost it last (null at the first election),
 *   gapMs = time without any holder;
 * - it leaves its only holder: an entry with to = null, completed in place when the VIP arrives somewhere;
 * - it arrives while another node holds it: from = null (a second holder); when that other node then lets
 *   go, the entry becomes a move from it with gapMs 0 (the two overlapped: no interruption).
 */
export function buildTimeline(events: AddrEvent[], vips: string[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const vip of vips) {
    const holders = new Map<string, number>(); // node -> index of the entry that gave it the VIP
    let lost: TimelineEntry | undefined;
    for (const e of events) {
      if (e.ip !== vip) continue;
      if (e.added) {
        if (holders.has(e.node)) continue;
        let entry: TimelineEntry;
        if (holders.size === 0 && lost) {
          lost.to = e.node;
          lost.gapMs = Math.max(0, e.at - lost.at);
          lost.at = e.at;
          entry = lost;
        } else {
          entry = { vip, from: null, to: e.node, at: e.at, gapMs: null };
          out.push(entry);
        }
        lost = undefined;
        holders.set(e.node, out.indexOf(entry));
        continue;
      }
      const gotItAt = holders.get(e.node);
      if (gotItAt === undefined) continue;
      holders.delete(e.node);
      if (holders.size === 0) {
        lost = { vip, from: e.node, to: null, at: e.at, gapMs: null };
        out.push(lost);
        continue;
      }
      // The others took it while this node still held it: the newest such arrival is this node's successor.
      const successor = [...holders.values()]
        .filter((i) => i > gotItAt)
        .sort((a, b) => a - b)
        .map((i) => out[i])
        .filter((x): x is TimelineEntry => !!x && x.from === null && x.gapMs === null)
        .at(-1);
      if (successor) {
        successor.from = e.node;
        successor.gapMs = 0;
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Current holders of each VIP after the events (a node that is down holds nothing). */
export function holdersFromEvents(events: AddrEvent[], vips: string[]): Map<string, Set<string>> {
  const map = new Map(vips.map((v) => [v, new Set<string>()]));
  for (const e of events) {
    const set = map.get(e.ip);
    if (!set) continue;
    if (e.added) set.add(e.node);
    else set.delete(e.node);
  }
  return map;
}
