// Protocol events grouped into list rows: steady streams are one row, changes open rows that say what
// changed, batches and late events give the same rows, and the row cap drops the oldest.
import { describe, expect, it } from 'vitest';
import type { AdvertEvent, ArpEvent, ProbeEvent, ProtocolEvent } from '../../common/protocol/events.js';
import { addEvents, emptyRows, filterRows, rowsOf, type StreamRow, type StreamRowsState } from '../../common/protocol/streamRows.js';

const T0 = 1_796_545_220_000;
const VIP = '10.0.0.3';

function advert(at: number, from: string, over: Partial<AdvertEvent> = {}): AdvertEvent {
  const src = from === 'lb01' ? '10.0.0.5' : '10.0.0.6';
  return { kind: 'advert', at, from, src, version: 2, vrid: 50, priority: from === 'lb01' ? 150 : 100, intervalMs: 1000, auth: 'pass', vips: [VIP], ...over };
}
const garp = (at: number, from = 'lb02'): ArpEvent => ({ kind: 'arp', at, from, op: 'request', senderIp: VIP, senderMac: '02:42:0a:00:00:06', targetIp: VIP, gratuitous: true });
const ping = (at: number, what: ProbeEvent['what'] = 'echo-request'): ProbeEvent => ({ kind: 'probe', at, from: 'client', src: '10.0.0.100', dst: VIP, proto: 'icmp', what });
const steady = (from: string, start: number, n: number, over: Partial<AdvertEvent> = {}): AdvertEvent[] => Array.from({ length: n }, (_, i) => advert(start + i * 1000, from, over));

const rowsFor = (events: ProtocolEvent[], maxRows?: number): StreamRow[] => rowsOf(addEvents(emptyRows(maxRows), events));
const brief = (rows: StreamRow[]): string[] =>
  rows.map(
    (r) =>
      `${r.kind} ${r.from ?? '-'} x${r.count} ${r.event.kind === 'advert' ? `p${r.event.priority}` : r.event.kind === 'probe' ? r.event.what : r.event.op}${r.changed.length ? ` [${r.changed.join(',')}]` : ''}`,
  );

describe('protocol stream rows', () => {
  it('makes a steady advert stream one row with its count and mean interval', () => {
    const rows = rowsFor(steady('lb01', T0, 10));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'advert', from: 'lb01', vrid: 50, firstAt: T0, lastAt: T0 + 9000, count: 10, everyMs: 1000, changed: [] });
    expect(rows[0]?.event.at).toBe(T0 + 9000);
    expect(rowsFor([advert(T0, 'lb01')])[0]?.everyMs).toBeNull();
  });

  it('opens a row when a field changes, naming the fields; priority 0 is its own row', () => {
    const events = [
      ...steady('lb01', T0, 3),
      advert(T0 + 3000, 'lb01', { priority: 80 }),
      advert(T0 + 4000, 'lb01', { priority: 80 }),
      advert(T0 + 4300, 'lb01', { priority: 0 }),
      advert(T0 + 4301, 'lb01', { priority: 0 }),
      ...steady('lb02', T0 + 4910, 3),
      ...steady('lb01', T0 + 6000, 2, { intervalMs: 2000, auth: 'none', vips: [VIP, '10.0.0.4'] }),
    ];
    const rows = rowsFor(events);
    expect(brief(rows)).toEqual(['advert lb01 x3 p150', 'advert lb01 x2 p80 [priority]', 'advert lb01 x2 p0 [priority]', 'advert lb02 x3 p100', 'advert lb01 x2 p150 [priority,intervalMs,auth,vips]']);
    expect(rows[2]?.everyMs).toBeCloseTo(1, 6);
  });

  it('keeps streams apart by sender and VRID, and uses the source address when no node sent it', () => {
    const rows = rowsFor([advert(T0, 'lb01'), advert(T0 + 1, 'lb01', { vrid: 51 }), { ...advert(T0 + 2, 'lb01'), from: null, src: '10.9.9.9' }, advert(T0 + 1000, 'lb01', { vrid: 51 })]);
    expect(rows.map((r) => [r.vrid, r.from, r.count])).toEqual([
      [50, 'lb01', 1],
      [51, 'lb01', 2],
      [50, null, 1],
    ]);
  });

  it('starts a new row when a stream resumes after more than three intervals of silence', () => {
    const rows = rowsFor([...steady('lb01', T0, 3), ...steady('lb01', T0 + 10_000, 2)]);
    expect(rows.map((r) => [r.count, r.changed])).toEqual([
      [3, []],
      [2, []],
    ]);
  });

  it('makes a GARP burst one row and a later burst another; ARP streams differ by op, sender and target', () => {
    const burst = (at: number): ArpEvent[] => Array.from({ length: 5 }, (_, i) => garp(at + i * 0.01));
    const request: ArpEvent = { kind: 'arp', at: T0 + 100, from: 'client', op: 'request', senderIp: '10.0.0.100', senderMac: '02:42:0a:00:00:64', targetIp: VIP, gratuitous: false };
    const reply: ArpEvent = { ...request, at: T0 + 100.1, from: 'lb02', op: 'reply', senderIp: VIP, senderMac: '02:42:0a:00:00:06', targetIp: '10.0.0.100' };
    const rows = rowsFor([...burst(T0), request, reply, ...burst(T0 + 5000)]);
    expect(brief(rows)).toEqual(['arp lb02 x5 request', 'arp client x1 request', 'arp lb02 x1 reply', 'arp lb02 x5 request']);
    expect(rows[0]?.lastAt).toBeCloseTo(T0 + 0.04, 6);
    // An unresolved sender groups by its MAC.
    const anon = rowsFor([
      { ...garp(T0), from: null },
      { ...garp(T0 + 1), from: null },
    ]);
    expect(anon).toHaveLength(1);
    expect(anon[0]?.stream).toContain('02:42:0a:00:00:06');
  });

  it('merges probes of one stream while the gaps stay under 5 s', () => {
    const rows = rowsFor([ping(T0), ping(T0 + 1000), ping(T0 + 2000), ping(T0 + 1000.1, 'echo-reply'), ping(T0 + 8000)]);
    expect(brief(rows)).toEqual(['probe client x3 echo-request', 'probe client x1 echo-reply', 'probe client x1 echo-request']);
    const syn = (at: number, port: number): ProbeEvent => ({ ...ping(at), proto: 'tcp', what: 'syn', port });
    expect(rowsFor([syn(T0, 80), syn(T0 + 1, 443), syn(T0 + 2, 80)]).map((r) => r.count)).toEqual([2, 1]);
  });

  it('gives the same rows whatever the batches, and sorts within a batch', () => {
    const events = [
      ...steady('lb01', T0, 4),
      advert(T0 + 4200, 'lb01', { priority: 0 }),
      ...steady('lb02', T0 + 4810, 4),
      ...Array.from({ length: 5 }, (_, i) => garp(T0 + 4810.01 + i * 0.01)),
      ping(T0 + 5000),
    ];
    const whole = rowsFor(events);
    for (const size of [1, 2, 3, 7]) {
      let state: StreamRowsState = emptyRows();
      for (let i = 0; i < events.length; i += size) state = addEvents(state, events.slice(i, i + size).reverse());
      expect(rowsOf(state), `batches of ${size}`).toEqual(whole);
    }
  });

  it('merges an event a few ms late into its row, or into the row before a change it predates', () => {
    let state = addEvents(emptyRows(), steady('lb01', T0, 3));
    state = addEvents(state, [advert(T0 + 3000, 'lb01', { priority: 80 }), advert(T0 + 4000, 'lb01', { priority: 80 })]);
    // Late by a few ms across batches: an advert of the old priority sent just before the change.
    state = addEvents(state, [advert(T0 + 2997, 'lb01'), advert(T0 + 3998, 'lb01', { priority: 80 })]);
    const rows = rowsOf(state);
    expect(rows.map((r) => [r.event.kind === 'advert' && r.event.priority, r.count, r.lastAt])).toEqual([
      [150, 4, T0 + 2997],
      [80, 3, T0 + 4000],
    ]);
    // The row's event stays its latest one.
    expect(rows[1]?.event.at).toBe(T0 + 4000);
  });

  it('returns a new state and new row objects, leaving the rows a UI holds unchanged', () => {
    const s1 = addEvents(emptyRows(), steady('lb01', T0, 2));
    const before = rowsOf(s1)[0];
    const s2 = addEvents(s1, [advert(T0 + 2000, 'lb01')]);
    expect(s2).not.toBe(s1);
    expect(s2.version).toBe(s1.version + 1);
    expect(before?.count).toBe(2);
    expect(rowsOf(s2)[0]?.count).toBe(3);
    expect(rowsOf(s2)[0]?.id).toBe(before?.id);
    expect(addEvents(s2, [])).toBe(s2);
  });

  it('keeps the newest rows under the cap, and a stream whose rows were dropped starts afresh', () => {
    const many = Array.from({ length: 25 }, (_, i) => advert(T0 + i, 'lb01', { vrid: i + 1 }));
    let state = emptyRows(10);
    for (const e of many) state = addEvents(state, [e]);
    const rows = rowsOf(state);
    expect(rows.map((r) => r.vrid)).toEqual(Array.from({ length: 10 }, (_, i) => i + 16));
    expect(new Set(rows.map((r) => r.id)).size).toBe(10);
    state = addEvents(state, [advert(T0 + 100, 'lb01', { vrid: 1, priority: 90 }), advert(T0 + 101, 'lb01', { vrid: 25 })]);
    const after = rowsOf(state);
    expect(after).toHaveLength(10);
    expect(after.at(-1)).toMatchObject({ vrid: 1, count: 1, changed: [] });
    expect(after.find((r) => r.vrid === 25)?.count).toBe(2);
    // A long run through a small cap: the store stays bounded and the rows stay the newest.
    let long = emptyRows(50);
    for (let i = 0; i < 5000; i++) long = addEvents(long, [advert(T0 + i, 'lb01', { vrid: (i % 200) + 1 })]);
    expect(rowsOf(long)).toHaveLength(50);
    expect(long.store.rows.length).toBeLessThanOrEqual(100);
    expect(long.store.streams.size).toBeLessThanOrEqual(50);
    expect(rowsOf(long).at(-1)?.firstAt).toBe(T0 + 4999);
  });

  it('filters rows by VRID, by node and by kind', () => {
    const rows = rowsFor([...steady('lb01', T0, 2), advert(T0 + 1, 'lb02', { vrid: 51 }), garp(T0 + 2), ping(T0 + 3)]);
    expect(filterRows(rows, { vrid: 50 }).map((r) => r.from)).toEqual(['lb01']);
    expect(filterRows(rows, { node: 'lb02' }).map((r) => r.kind)).toEqual(['advert', 'arp']);
    expect(filterRows(rows, { node: 'client', kinds: ['probe'] })).toHaveLength(1);
    expect(filterRows(rows, {})).toEqual(rows);
  });
});
