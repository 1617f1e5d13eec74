// The `protocol` check's logic on decoded events: which events a check selects, and whether the latest of
// them shows what the check expects. Grading the latest event makes a check a statement about the present
// ("lb01's last advert carried priority 0"), which holds until the network changes again.
import type { ArpEvent, ProtocolEvent } from '../../common/protocol/events.js';
import type { CheckSpec } from '../labs/schema.js';

export type ProtocolCheck = Extract<CheckSpec, { kind: 'protocol' }>;
export type ProtocolExpectation = ProtocolCheck['expect'];

const senderOf = (e: ProtocolEvent): string | null => e.from;

function arpSelected(e: ArpEvent, c: ProtocolCheck): boolean {
  if (c.event === 'garp') return e.gratuitous && e.targetIp === c.vip;
  // A gratuitous ARP is sent as a request or a reply; the plain kinds mean the ordinary exchange.
  if (e.gratuitous) return false;
  if (c.event === 'arp_request') return e.op === 'request' && e.targetIp === c.vip;
  return e.op === 'reply' && e.senderIp === c.vip;
}

/** The events the check is about, in capture order. */
export function selectEvents(events: readonly ProtocolEvent[], c: ProtocolCheck): ProtocolEvent[] {
  return events.filter((e) => {
    if (c.from !== undefined && senderOf(e) !== c.from) return false;
    if (e.kind === 'advert') return c.event === 'advert' && (c.vrid === undefined || e.vrid === c.vrid) && (c.vip === undefined || e.vips.includes(c.vip));
    if (e.kind === 'arp') return c.event !== 'advert' && arpSelected(e, c);
    return false;
  });
}

/** The expected fields the event does not show, by name; empty when it matches. */
export function mismatches(e: ProtocolEvent, expect: ProtocolExpectation): string[] {
  const out: string[] = [];
  if (expect.from !== undefined && e.from !== expect.from) out.push('from');
  if (e.kind !== 'advert') return out;
  if (expect.priority !== undefined && e.priority !== expect.priority) out.push('priority');
  if (expect.version !== undefined && e.version !== expect.version) out.push('version');
  if (expect.auth !== undefined && e.auth !== expect.auth) out.push('auth');
  if (expect.interval_ms !== undefined && e.intervalMs !== expect.interval_ms) out.push('interval_ms');
  return out;
}

export interface ProtocolVerdict {
  passed: boolean;
  latest: ProtocolEvent | undefined;
  /** How many events the check selected. */
  count: number;
}

export function judge(events: readonly ProtocolEvent[], c: ProtocolCheck): ProtocolVerdict {
  const selected = selectEvents(events, c);
  const latest = selected.at(-1);
  return { passed: !!latest && mismatches(latest, c.expect).length === 0, latest, count: selected.length };
}
