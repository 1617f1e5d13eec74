// One VIP move explained from the packets around it: why the VIP moved (the old master resigned, fell
// silent or was preempted), how long the takeover took against the protocol's floor, and what the new
// master announced (its first advert, its gratuitous ARPs) and when the VIP first answered again.
import type { AdvertEvent, ProtocolEvent } from './events.js';
import { failoverFloorsMs } from './floors.js';

/** A VIP move as the topology's timeline records it (contract.ts builds on this folder, not the reverse). */
export interface VipMove {
  vip: string;
  from: string | null;
  to: string | null;
  /** When the VIP arrived at `to`, ms since the epoch. */
  at: number;
  gapMs: number | null;
}
export type FailoverCause = 'graceful' | 'crash' | 'preempted' | 'unknown';

export interface FailoverExplanation {
  cause: FailoverCause;
  /** The old master's last advert with a priority above 0 (its last while still live, if it kept sending). */
  oldLastAdvertAt: number | null;
  /** The old master's priority-0 advert (its resignation) shortly before the takeover. */
  priorityZeroAt: number | null;
  newFirstAdvertAt: number | null;
  /** The new master's first burst of gratuitous ARPs for the VIP. */
  garp: { firstAt: number; count: number } | null;
  /** The first echo-reply or syn-ack sent from the VIP by the new holder after its first advert. */
  firstAnswerAt: number | null;
  version: 2 | 3 | null;
  newPriority: number | null;
  intervalMs: number | null;
  /** The protocol's floor for this cause: the skew for a graceful stop, 3 x interval + skew for a crash. */
  floorMs: number | null;
  /** graceful: priority-0 advert to the new master's first advert; crash: old master's last advert to it. */
  takeoverMs: number | null;
}

/** How far from the move's time the new master's first advert may be (the VIP is added about then). */
export const FIRST_ADVERT_WINDOW_MS = 1500;
/** The new master's GARP burst starts within this of its first advert; its repeats are closer than this. */
export const GARP_WINDOW_MS = 1000;
/** A sender silent for more than this many intervals starts a new run of adverts when it speaks again. */
const RUN_BREAK_INTERVALS = 2;
/** "Still advertising" allows a little late delivery on top of one interval. */
const ALIVE_INTERVALS = 1.25;
/** A crash explains a takeover that came at most this many crash floors after the old master's last advert. */
const CRASH_FLOORS_AT_MOST = 2;

const senderOf = (a: AdvertEvent): string => a.from ?? a.src;

/** The advert of `to` that starts a run, lists the VIP, and is closest to the move's time within the window. */
function firstAdvertOf(adverts: readonly AdvertEvent[], move: VipMove, to: string): AdvertEvent | undefined {
  const lastAt = new Map<number, number>();
  let best: AdvertEvent | undefined;
  for (const a of adverts) {
    if (a.from !== to || a.priority === 0) continue;
    const prev = lastAt.get(a.vrid);
    lastAt.set(a.vrid, a.at);
    if (prev !== undefined && a.at - prev <= RUN_BREAK_INTERVALS * a.intervalMs) continue;
    if (!a.vips.includes(move.vip)) continue;
    const distance = Math.abs(a.at - move.at);
    if (distance <= FIRST_ADVERT_WINDOW_MS && (!best || distance < Math.abs(best.at - move.at))) best = a;
  }
  return best;
}

interface OldMaster {
  /** Its last live advert at or before the new master's first one. */
  lastBefore: AdvertEvent | undefined;
  /** Its last live advert, following its run past the new master's first advert if it kept sending. */
  last: AdvertEvent | undefined;
  continued: boolean;
  priorityZeroAt: number | null;
}

function oldMasterOf(vridAdverts: readonly AdvertEvent[], first: AdvertEvent, old: string | null, windowMs: number): OldMaster {
  const out: OldMaster = { lastBefore: undefined, last: undefined, continued: false, priorityZeroAt: null };
  if (old === null) return out;
  for (const a of vridAdverts) {
    if (senderOf(a) !== old) continue;
    if (a.at <= first.at) {
      if (a.priority > 0) out.lastBefore = out.last = a;
      else if (a.at >= first.at - windowMs) out.priorityZeroAt = a.at;
      continue;
    }
    // After the takeover: only a continuation of the run that was live then counts.
    if (a.priority === 0 || !out.last || a.at - out.last.at > RUN_BREAK_INTERVALS * out.last.intervalMs) break;
    out.last = a;
    out.continued = true;
  }
  if (out.priorityZeroAt !== null && out.lastBefore && out.lastBefore.at > out.priorityZeroAt) out.priorityZeroAt = null;
  return out;
}

/** The old master: the move's `from`, or the last other sender of the VRID before the takeover. */
function oldSenderOf(vridAdverts: readonly AdvertEvent[], move: VipMove, first: AdvertEvent, to: string): string | null {
  if (move.from !== null) return move.from;
  let old: string | null = null;
  for (const a of vridAdverts) {
    if (a.at > first.at) break;
    if (senderOf(a) !== to) old = senderOf(a);
  }
  return old;
}

function garpBurst(events: readonly ProtocolEvent[], vip: string, to: string, takeoverAt: number): FailoverExplanation['garp'] {
  let burst: { firstAt: number; count: number; lastAt: number } | null = null;
  for (const e of events) {
    if (e.kind !== 'arp' || !e.gratuitous || e.senderIp !== vip || e.from !== to) continue;
    if (!burst) {
      if (Math.abs(e.at - takeoverAt) <= GARP_WINDOW_MS) burst = { firstAt: e.at, count: 1, lastAt: e.at };
      continue;
    }
    if (e.at - burst.lastAt >= GARP_WINDOW_MS) break;
    burst.count++;
    burst.lastAt = e.at;
  }
  return burst && { firstAt: burst.firstAt, count: burst.count };
}

function firstAnswerAfter(events: readonly ProtocolEvent[], vip: string, to: string, takeoverAt: number): number | null {
  for (const e of events) {
    if (e.at < takeoverAt || e.kind !== 'probe' || (e.what !== 'echo-reply' && e.what !== 'syn-ack')) continue;
    if (e.src === vip && (e.from === to || e.from === null)) return e.at;
  }
  return null;
}

/**
 * Explains one VIP move from events sorted by time; undefined when the VIP went nowhere (`to` null) or the
 * events hold no first advert of the new master for a VRID listing the VIP within 1.5 s of the move.
 *
 * - graceful: the old master sent a priority-0 advert within a crash floor before the takeover;
 * - preempted: the old master was still advertising (within about one interval, or kept on after the
 *   takeover) and the new master's priority is higher. Still advertising with a priority as high as the
 *   new master's means the new one did not hear it (adverts blocked, a split brain): unknown;
 * - crash: the old master's adverts stopped, and the takeover came within two crash floors of its last one;
 * - unknown: no old master in the events, or none of the above.
 */
export function explainFailover(move: VipMove, events: readonly ProtocolEvent[]): FailoverExplanation | undefined {
  const to = move.to;
  if (to === null) return undefined;
  const adverts = events.filter((e): e is AdvertEvent => e.kind === 'advert');
  const first = firstAdvertOf(adverts, move, to);
  if (!first) return undefined;
  const vridAdverts = adverts.filter((a) => a.vrid === first.vrid);
  const oldName = oldSenderOf(vridAdverts, move, first, to);
  const byNew = { version: first.version, priority: first.priority, intervalMs: first.intervalMs };
  const windowMs = failoverFloorsMs(byNew).crashMs;
  const old = oldMasterOf(vridAdverts, first, oldName, windowMs);
  // VRRPv3 times the backup by the master's interval, VRRPv2 by its own.
  const floors = failoverFloorsMs({ ...byNew, intervalMs: first.version === 3 && old.last ? old.last.intervalMs : first.intervalMs });

  let cause: FailoverCause = 'unknown';
  if (old.priorityZeroAt !== null) cause = 'graceful';
  else if (old.last && old.lastBefore) {
    const alive = old.continued || first.at - old.lastBefore.at <= ALIVE_INTERVALS * old.lastBefore.intervalMs;
    if (alive) cause = first.priority > old.last.priority ? 'preempted' : 'unknown';
    else if (first.at - old.last.at <= CRASH_FLOORS_AT_MOST * floors.crashMs) cause = 'crash';
  }

  let floorMs: number | null = null;
  let takeoverMs: number | null = null;
  if (cause === 'graceful' && old.priorityZeroAt !== null) {
    floorMs = floors.gracefulMs;
    takeoverMs = first.at - old.priorityZeroAt;
  } else if (cause === 'crash' && old.last) {
    floorMs = floors.crashMs;
    takeoverMs = first.at - old.last.at;
  }
  return {
    cause,
    oldLastAdvertAt: old.last?.at ?? null,
    priorityZeroAt: old.priorityZeroAt,
    newFirstAdvertAt: first.at,
    garp: garpBurst(events, move.vip, to, first.at),
    firstAnswerAt: firstAnswerAfter(events, move.vip, to, first.at),
    version: first.version,
    newPriority: first.priority,
    intervalMs: first.intervalMs,
    floorMs,
    takeoverMs,
  };
}
