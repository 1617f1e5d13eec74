// One VIP move explained from the events around it: graceful stop, crash, preemption, VRRPv3, a split
// brain that is not a preemption, and moves the events do not cover.
import { describe, expect, it } from 'vitest';
import type { AdvertEvent, ArpEvent, ProbeEvent, ProtocolEvent } from '../../common/protocol/events.js';
import { explainFailover, type VipMove } from '../../common/protocol/failover.js';

const T0 = 1_796_545_220_000;
const VIP = '10.0.0.3';
const IP: Record<string, string> = { lb01: '10.0.0.5', lb02: '10.0.0.6' };

function advert(at: number, from: string, priority: number, over: Partial<AdvertEvent> = {}): AdvertEvent {
  return { kind: 'advert', at, from, src: IP[from] ?? '10.9.9.9', version: 2, vrid: 50, priority, intervalMs: 1000, auth: 'pass', vips: [VIP], ...over };
}
/** Adverts every intervalMs from start, up to (not including) end. */
function run(from: string, priority: number, start: number, end: number, over: Partial<AdvertEvent> = {}): AdvertEvent[] {
  const every = over.intervalMs ?? 1000;
  const out: AdvertEvent[] = [];
  for (let at = start; at < end; at += every) out.push(advert(at, from, priority, over));
  return out;
}
const garps = (from: string, at: number, n = 5): ArpEvent[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'arp', at: at + i * 0.01, from, op: 'request', senderIp: VIP, senderMac: '02:42:0a:00:00:06', targetIp: VIP, gratuitous: true }));
const reply = (at: number, from: string | null, what: 'echo-reply' | 'syn-ack' = 'echo-reply'): ProbeEvent =>
  what === 'syn-ack' ? { kind: 'probe', at, from, src: VIP, dst: '10.0.0.100', proto: 'tcp', what, port: 44492 } : { kind: 'probe', at, from, src: VIP, dst: '10.0.0.100', proto: 'icmp', what };
const sorted = (events: ProtocolEvent[]): ProtocolEvent[] => [...events].sort((a, b) => a.at - b.at);
const move = (at: number, from: string | null = 'lb01', to: string | null = 'lb02'): VipMove => ({ vip: VIP, from, to, at, gapMs: 600 });

describe('failover explanation', () => {
  it('explains a graceful stop: priority 0, the new master after the skew, its GARP burst, the first answer', () => {
    // lb01 (150) advertises, resigns at +3.3 s; lb02 (100) takes over 0.61 s later (skew 609.375 ms).
    const takeover = T0 + 3910;
    const events = sorted([
      ...run('lb01', 150, T0, T0 + 3300),
      advert(T0 + 3300, 'lb01', 0),
      ...run('lb02', 100, takeover, T0 + 9000),
      ...garps('lb02', takeover + 0.1),
      ...garps('lb02', takeover + 5000),
      reply(T0 + 3500, 'lb01'),
      reply(takeover + 180, 'lb02'),
      reply(takeover + 1180, 'lb02'),
    ]);
    const x = explainFailover(move(takeover + 40), events);
    expect(x).toEqual({
      cause: 'graceful',
      oldLastAdvertAt: T0 + 3000,
      priorityZeroAt: T0 + 3300,
      newFirstAdvertAt: takeover,
      garp: { firstAt: takeover + 0.1, count: 5 },
      firstAnswerAt: takeover + 180,
      version: 2,
      newPriority: 100,
      intervalMs: 1000,
      floorMs: 609.375,
      takeoverMs: 610,
    });
  });

  it('explains a crash: adverts stop, the backup takes over after 3 x interval + skew', () => {
    const takeover = T0 + 2000 + 3610;
    const events = sorted([...run('lb01', 150, T0, T0 + 2500), ...run('lb02', 100, takeover, T0 + 9000), ...garps('lb02', takeover)]);
    expect(explainFailover(move(takeover + 300), events)).toMatchObject({
      cause: 'crash',
      oldLastAdvertAt: T0 + 2000,
      priorityZeroAt: null,
      newFirstAdvertAt: takeover,
      garp: { firstAt: takeover, count: 5 },
      firstAnswerAt: null,
      floorMs: 3609.375,
      takeoverMs: 3610,
    });
  });

  it('explains a preemption: the old master was still advertising and the new one has the higher priority', () => {
    // lb02 (100) is master; lb01 (150) comes back and claims the VIP between two of lb02's adverts.
    const takeover = T0 + 4383;
    const events = sorted([...run('lb02', 100, T0, T0 + 5000), ...run('lb01', 150, takeover, T0 + 9000), ...garps('lb01', takeover)]);
    const x = explainFailover(move(takeover - 200, 'lb02', 'lb01'), events);
    expect(x).toMatchObject({ cause: 'preempted', newPriority: 150, floorMs: null, takeoverMs: null, garp: { count: 5 } });
    expect(x?.oldLastAdvertAt).toBe(T0 + 4000);
    // One more advert from lb02 at +5 s continues its run past lb01's first one: its last advert is that one.
    const continued = sorted([...run('lb02', 100, T0, T0 + 5500), ...run('lb01', 150, takeover, T0 + 9000)]);
    expect(explainFailover(move(takeover, 'lb02', 'lb01'), continued)).toMatchObject({ cause: 'preempted', oldLastAdvertAt: T0 + 5000 });
  });

  it('calls a takeover by a lower priority while the old master keeps advertising unknown (the adverts did not reach it)', () => {
    const takeover = T0 + 3610;
    const events = sorted([...run('lb01', 150, T0, T0 + 9000), ...run('lb02', 100, takeover, T0 + 9000)]);
    expect(explainFailover(move(takeover, null, 'lb02'), events)).toMatchObject({ cause: 'unknown', oldLastAdvertAt: T0 + 8000, floorMs: null, takeoverMs: null });
  });

  it('explains a VRRPv3 crash at 0.1 s adverts with the master interval, and finds the old master when `from` is null', () => {
    const v3 = { version: 3 as const, intervalMs: 100, auth: null };
    const takeover = T0 + 1000 + 361;
    const events = sorted([...run('lb01', 150, T0, T0 + 1050, v3), ...run('lb02', 100, takeover, T0 + 3000, v3)]);
    const x = explainFailover(move(takeover + 20, null, 'lb02'), events);
    expect(x).toMatchObject({ cause: 'crash', version: 3, intervalMs: 100, newPriority: 100, oldLastAdvertAt: T0 + 1000, takeoverMs: 361 });
    expect(x?.floorMs).toBeCloseTo(360.9375, 6);
    const graceful = sorted([...run('lb01', 150, T0, T0 + 1050, v3), advert(T0 + 1060, 'lb01', 0, v3), ...run('lb02', 100, T0 + 1121, T0 + 3000, v3)]);
    const g = explainFailover(move(T0 + 1125, 'lb01', 'lb02'), graceful);
    expect(g).toMatchObject({ cause: 'graceful', priorityZeroAt: T0 + 1060, takeoverMs: 61 });
    expect(g?.floorMs).toBeCloseTo(60.9375, 6);
  });

  it('picks the VRID whose adverts list the VIP, and the new run closest to the move', () => {
    const other = { vrid: 60, vips: ['10.0.0.30'] };
    const takeover = T0 + 3610;
    const events = sorted([
      ...run('lb01', 150, T0, T0 + 2500),
      ...run('lb02', 100, T0 - 10_000, T0 + 9000, other),
      ...run('lb02', 100, takeover, T0 + 9000),
      // An earlier run of lb02 for the VIP, long before: not this move's.
      ...run('lb02', 100, T0 - 20_000, T0 - 15_000),
    ]);
    expect(explainFailover(move(takeover + 1400), events)).toMatchObject({ cause: 'crash', newFirstAdvertAt: takeover });
    expect(explainFailover(move(takeover - 1400), events)).toMatchObject({ newFirstAdvertAt: takeover });
  });

  it('gives undefined when the VIP went nowhere or the events do not cover the move', () => {
    const events = sorted([...run('lb01', 150, T0, T0 + 2500), ...run('lb02', 100, T0 + 5610, T0 + 9000)]);
    expect(explainFailover(move(T0 + 5610, 'lb01', null), events)).toBeUndefined();
    expect(explainFailover(move(T0 + 5610), [])).toBeUndefined();
    expect(explainFailover(move(T0 + 5610 + 1600), events)).toBeUndefined();
    expect(explainFailover(move(T0 + 5610, 'lb01', 'web01'), events)).toBeUndefined();
    expect(explainFailover({ ...move(T0 + 5610), vip: '10.0.0.99' }, events)).toBeUndefined();
  });

  it('leaves the cause unknown at a first election, and when the old master fell silent long before', () => {
    const first = sorted(run('lb01', 150, T0, T0 + 5000));
    expect(explainFailover(move(T0, null, 'lb01'), first)).toMatchObject({ cause: 'unknown', oldLastAdvertAt: null, newFirstAdvertAt: T0, takeoverMs: null });
    const late = sorted([...run('lb01', 150, T0, T0 + 1000), ...run('lb02', 100, T0 + 60_000, T0 + 65_000)]);
    expect(explainFailover(move(T0 + 60_000), late)).toMatchObject({ cause: 'unknown', oldLastAdvertAt: T0, takeoverMs: null });
  });

  it('counts only answers from the VIP by the new holder after its first advert', () => {
    const takeover = T0 + 3610;
    const events = sorted([...run('lb01', 150, T0, T0 + 2500), ...run('lb02', 100, takeover, T0 + 9000), reply(takeover + 1, 'lb01'), reply(takeover + 50, null, 'syn-ack')]);
    expect(explainFailover(move(takeover), events)?.firstAnswerAt).toBe(takeover + 50);
  });
});
