// The decoder and the failover explanation on keepalived's own bytes: captures taken on the client of a
// running lab 1 (`tcpdump -i eth0 -p -n -U -s 256 'vrrp or arp or icmp or tcp port 80'`, subnet 10.213.0.0/24)
// while lb01's keepalived was stopped (graceful), started again (preemption), and lb01 was killed (crash).
// The client pinged the VIP during the graceful capture and fetched http://VIP/ once after the takeover.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPcapFile, PcapReader } from '../../electron/protocol/pcap.js';
import { Decoder } from '../../electron/protocol/decode.js';
import type { AdvertEvent, ArpEvent, ProbeEvent, ProtocolEvent } from '../../common/protocol/events.js';
import { explainFailover, type VipMove } from '../../common/protocol/failover.js';
import { failoverFloorsMs } from '../../common/protocol/floors.js';
import { addEvents, emptyRows, rowsOf } from '../../common/protocol/streamRows.js';
import { projectRoot } from '../../electron/util/paths.js';

const VIP = '10.213.0.3';
const NODES = [
  { name: 'lb01', ip: '10.213.0.5' },
  { name: 'lb02', ip: '10.213.0.6' },
  { name: 'web01', ip: '10.213.0.7' },
  { name: 'web02', ip: '10.213.0.8' },
  { name: 'web03', ip: '10.213.0.9' },
  { name: 'client', ip: '10.213.0.100' },
];
const FLOORS_V2_PRIO100 = failoverFloorsMs({ version: 2, priority: 100, intervalMs: 1000 });

const capture = (name: string): Buffer => readFileSync(join(projectRoot(), 'test', 'fixtures', 'captures', name));
const decode = (file: Buffer): ProtocolEvent[] => new Decoder(NODES).decodeAll(readPcapFile(file));
const adverts = (events: ProtocolEvent[]): AdvertEvent[] => events.filter((e): e is AdvertEvent => e.kind === 'advert');
const garps = (events: ProtocolEvent[]): ArpEvent[] => events.filter((e): e is ArpEvent => e.kind === 'arp' && e.gratuitous);
const line = (a: AdvertEvent): string => `${a.from ?? '?'} v${a.version} vrid ${a.vrid} prio ${a.priority} ${a.intervalMs} ms ${a.auth ?? '-'} ${a.vips.join(',')}`;
/** The move as the topology timeline records it: the VIP showed up on the new holder about when it first advertised. */
const moveAt = (events: ProtocolEvent[], from: string, to: string, afterMs: number): VipMove => {
  const first = adverts(events).find((a) => a.from === to && a.priority > 0);
  return { vip: VIP, from, to, at: (first?.at ?? 0) + afterMs, gapMs: null };
};

describe('real captures of lab 1', () => {
  it('reads the graceful capture the same whole and streamed in small chunks', () => {
    const file = capture('vrrp-pair-graceful.pcap');
    const whole = readPcapFile(file);
    expect(whole).toHaveLength(49);
    const reader = new PcapReader();
    const streamed = [];
    for (let i = 0; i < file.length; i += 37) streamed.push(...reader.push(file.subarray(i, i + 37)));
    expect(streamed).toEqual(whole);
    expect(reader.header).toEqual({ littleEndian: true, nanoseconds: false, snaplen: 256, linkType: 1 });
  });

  it('decodes a graceful stop: steady adverts, the priority-0 advert, the new master and its GARP burst', () => {
    const events = decode(capture('vrrp-pair-graceful.pcap'));
    // Everything but the 6 plain ACK and data segments of the one HTTP fetch.
    expect(events).toHaveLength(43);
    expect(adverts(events).map(line)).toEqual([
      ...Array<string>(4).fill(`lb01 v2 vrid 50 prio 150 1000 ms pass ${VIP}`),
      `lb01 v2 vrid 50 prio 0 1000 ms pass ${VIP}`,
      ...Array<string>(4).fill(`lb02 v2 vrid 50 prio 100 1000 ms pass ${VIP}`),
    ]);
    expect(adverts(events).every((a) => a.src === NODES.find((n) => n.name === a.from)?.ip)).toBe(true);
    const prio0 = adverts(events).find((a) => a.priority === 0);
    const lb02First = adverts(events).find((a) => a.from === 'lb02');
    const burst = garps(events);
    // keepalived 2.2.7's garp_master_repeat 5, sent from lb02's MAC with the VIP as sender: resolved to lb02.
    expect(burst).toHaveLength(5);
    expect(burst.every((g) => g.from === 'lb02' && g.op === 'request' && g.senderIp === VIP && g.targetIp === VIP)).toBe(true);
    expect(burst[0]?.at).toBeGreaterThanOrEqual(lb02First?.at ?? Infinity);
    expect((burst[4]?.at ?? 0) - (lb02First?.at ?? 0)).toBeLessThan(10);
    // lb02 asks for the client's MAC from the VIP: not gratuitous, still resolved to lb02 by its MAC.
    expect(events.filter((e) => e.kind === 'arp' && !e.gratuitous).map((e) => e.kind === 'arp' && `${e.from} ${e.op} ${e.senderIp} -> ${e.targetIp}`)).toEqual([
      `lb02 request ${VIP} -> 10.213.0.100`,
      `client reply 10.213.0.100 -> ${VIP}`,
    ]);
    // The ping's answers come from lb01 before the takeover and from lb02 after it.
    const replies = events.filter((e): e is ProbeEvent => e.kind === 'probe' && e.what === 'echo-reply');
    expect(replies).toHaveLength(11);
    expect(replies.map((r) => r.from)).toEqual([...Array<string>(5).fill('lb01'), ...Array<string>(6).fill('lb02')]);
    expect(replies.every((r) => r.src === VIP)).toBe(true);
    expect(replies[4]?.at).toBeLessThan(prio0?.at ?? 0);
    const tcp = events.filter((e): e is ProbeEvent => e.kind === 'probe' && e.proto === 'tcp');
    expect(tcp.map((p) => `${p.from} ${p.what} ${p.port}`)).toEqual(['client syn 80', 'lb02 syn-ack 44492', 'client fin 80', 'lb02 fin 44492']);
  });

  it('explains the graceful move: priority 0, takeover after about the skew, GARP x5, the VIP answering again', () => {
    const events = decode(capture('vrrp-pair-graceful.pcap'));
    const x = explainFailover(moveAt(events, 'lb01', 'lb02', 30), events);
    expect(x).toMatchObject({ cause: 'graceful', version: 2, newPriority: 100, intervalMs: 1000, garp: { count: 5 } });
    expect(x?.floorMs).toBeCloseTo(FLOORS_V2_PRIO100.skewMs, 6);
    expect(x?.priorityZeroAt).toBe(adverts(events).find((a) => a.priority === 0)?.at);
    expect(x?.oldLastAdvertAt).toBeLessThan(x?.priorityZeroAt ?? 0);
    expect(x?.newFirstAdvertAt).toBe(adverts(events).find((a) => a.from === 'lb02')?.at);
    expect(x?.garp?.firstAt).toBe(garps(events)[0]?.at);
    expect(x?.firstAnswerAt).toBe(events.find((e) => e.kind === 'probe' && e.what === 'echo-reply' && e.from === 'lb02')?.at);
    // A property of real data, not a timing assertion: the backup waited about its skew after priority 0.
    expect(x?.takeoverMs).toBeGreaterThan(0.5 * FLOORS_V2_PRIO100.skewMs);
    expect(x?.takeoverMs).toBeLessThan(2 * FLOORS_V2_PRIO100.skewMs);
    // The move time may be off by a poll: the same first advert is found from before it too.
    expect(explainFailover(moveAt(events, 'lb01', 'lb02', -400), events)?.newFirstAdvertAt).toBe(x?.newFirstAdvertAt);
  });

  it('groups the graceful capture into rows: one per steady stream, priority 0 apart, the GARP burst as one', () => {
    const rows = rowsOf(addEvents(emptyRows(), decode(capture('vrrp-pair-graceful.pcap'))));
    const summary = rows.filter((r) => r.kind !== 'probe').map((r) => `${r.kind} ${r.from} x${r.count}${r.changed.length ? ` [${r.changed.join(',')}]` : ''}`);
    expect(summary).toEqual(['advert lb01 x4', 'advert lb01 x1 [priority]', 'advert lb02 x4', 'arp lb02 x5', 'arp lb02 x1', 'arp client x1']);
    expect(rows.find((r) => r.kind === 'advert' && r.from === 'lb01')?.everyMs).toBeCloseTo(1000, -1);
  });

  it('explains a preemption: lb01 (150) comes back while lb02 (100) still advertises', () => {
    const events = decode(capture('vrrp-pair-preempt.pcap'));
    expect(adverts(events).map((a) => `${a.from} ${a.priority}`)).toEqual([...Array<string>(5).fill('lb02 100'), ...Array<string>(3).fill('lb01 150')]);
    expect(garps(events).map((g) => g.from)).toEqual(Array<string>(5).fill('lb01'));
    const x = explainFailover(moveAt(events, 'lb02', 'lb01', 30), events);
    expect(x).toMatchObject({ cause: 'preempted', newPriority: 150, floorMs: null, takeoverMs: null, garp: { count: 5 } });
    expect((x?.newFirstAdvertAt ?? 0) - (x?.oldLastAdvertAt ?? 0)).toBeLessThan(1000);
  });

  it('explains a crash: lb01 killed, lb02 takes over after about 3 adverts plus the skew', () => {
    const events = decode(capture('vrrp-pair-crash.pcap'));
    expect(adverts(events).map((a) => `${a.from} ${a.priority}`)).toEqual([...Array<string>(3).fill('lb01 150'), ...Array<string>(3).fill('lb02 100')]);
    const x = explainFailover(moveAt(events, 'lb01', 'lb02', 30), events);
    expect(x).toMatchObject({ cause: 'crash', priorityZeroAt: null, newPriority: 100, garp: { count: 5 } });
    expect(x?.floorMs).toBeCloseTo(FLOORS_V2_PRIO100.crashMs, 6);
    expect(x?.takeoverMs).toBeGreaterThan(0.5 * FLOORS_V2_PRIO100.crashMs);
    expect(x?.takeoverMs).toBeLessThan(2 * FLOORS_V2_PRIO100.crashMs);
  });
});
