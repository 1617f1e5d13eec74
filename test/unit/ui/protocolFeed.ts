// Protocol events and feeds for the UI's tests: a master's adverts, a resignation, the new master's adverts
// and GARP burst, the client's answers, as the observer would decode them.
import type { ProtocolFeed } from '../../../common/contract.js';
import type { AdvertEvent, ArpEvent, ProbeEvent, ProtocolEvent } from '../../../common/protocol/events.js';

export const T0 = 1_796_545_220_000;
export const VIP = '10.0.0.3';
const IP: Record<string, string> = { lb01: '10.0.0.5', lb02: '10.0.0.6', client: '10.0.0.100' };

export function advert(at: number, from: string, priority: number, over: Partial<AdvertEvent> = {}): AdvertEvent {
  return { kind: 'advert', at, from, src: IP[from] ?? '10.9.9.9', version: 2, vrid: 50, priority, intervalMs: 1000, auth: 'pass', vips: [VIP], ...over };
}

/** `n` adverts every intervalMs (1 s unless given) from `start`. */
export function adverts(from: string, priority: number, start: number, n: number, over: Partial<AdvertEvent> = {}): AdvertEvent[] {
  const every = over.intervalMs ?? 1000;
  return Array.from({ length: n }, (_, i) => advert(start + i * every, from, priority, over));
}

export const garps = (from: string, at: number, n = 5): ArpEvent[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'arp', at: at + i, from, op: 'request', senderIp: VIP, senderMac: '02:42:0a:00:00:06', targetIp: VIP, gratuitous: true }));

export const arpRequest = (at: number): ArpEvent => ({ kind: 'arp', at, from: 'client', op: 'request', senderIp: '10.0.0.100', senderMac: '02:42:0a:00:00:64', targetIp: VIP, gratuitous: false });

export const echoReply = (at: number, from: string): ProbeEvent => ({ kind: 'probe', at, from, src: VIP, dst: '10.0.0.100', proto: 'icmp', what: 'echo-reply' });

export function feed(events: ProtocolEvent[], over: Partial<ProtocolFeed> = {}): ProtocolFeed {
  return { lab: 'vrrp-pair', reset: true, capturing: true, observer: 'client', events, ...over };
}

/** A graceful stop of lb01 (150) at +3.3 s, lb02 (100) first advertising 612 ms later, then GARPs and a ping answer. */
export function gracefulStop(): { events: ProtocolEvent[]; takeoverAt: number } {
  const resignAt = T0 + 3300;
  const takeoverAt = resignAt + 612;
  const events = [...adverts('lb01', 150, T0, 4), advert(resignAt, 'lb01', 0), ...adverts('lb02', 100, takeoverAt, 4), ...garps('lb02', takeoverAt + 2), echoReply(takeoverAt + 150, 'lb02')];
  return { events: events.sort((a, b) => a.at - b.at), takeoverAt };
}
