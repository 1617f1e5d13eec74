// The pcap reader (chunks split anywhere, both byte orders and timestamp units) and the frame decoder
// (VRRPv2/v3 adverts, ARP, ICMP, TCP) on packets built byte by byte.
import { describe, expect, it } from 'vitest';
import { PcapFormatError, PcapReader, readPcapFile, type PcapFrame } from '../../electron/protocol/pcap.js';
import { decodeFrame, Decoder } from '../../electron/protocol/decode.js';
import { advertFrame, arpFrame, BROADCAST, ethernet, garpFrame, icmp, ipFrame, ipv4, pcapFile, TCP, tcp, vrrpV2, vrrpV3 } from '../helpers/packets.js';

const LB01_MAC = '02:42:0a:00:00:05';
const LB02_MAC = '02:42:0a:00:00:06';
const CLIENT_MAC = '02:42:0a:00:00:64';
const NODES = [
  { name: 'lb01', ip: '10.0.0.5' },
  { name: 'lb02', ip: '10.0.0.6' },
  { name: 'client', ip: '10.0.0.100' },
];
const VIP = '10.0.0.3';
const T0 = 1_796_545_220_439.337;

const v2advert = (mac: string, src: string, priority: number): Buffer => advertFrame(mac, src, vrrpV2({ vrid: 50, priority, vips: [VIP], authType: 1, intervalS: 1, password: '1111' }));
const frame = (data: Buffer, at = T0): PcapFrame => ({ at, data });

describe('pcap reader', () => {
  const records = [
    { at: T0, data: v2advert(LB01_MAC, '10.0.0.5', 150) },
    { at: T0 + 1000.25, data: garpFrame(LB02_MAC, VIP) },
    { at: T0 + 2000.5, data: Buffer.alloc(0) },
  ];

  it('reads frames from a stream split at every offset, into two or three chunks', () => {
    const file = pcapFile(records);
    const whole = readPcapFile(file);
    expect(whole.map((f) => f.data)).toEqual(records.map((r) => r.data));
    whole.forEach((f, i) => {
      expect(f.at).toBeCloseTo(records[i]?.at ?? 0, 3);
    });
    for (let cut = 0; cut <= file.length; cut++) {
      const reader = new PcapReader();
      const got = [...reader.push(file.subarray(0, cut)), ...reader.push(file.subarray(cut))];
      expect(got, `split at ${cut}`).toEqual(whole);
      expect(reader.bufferedBytes).toBe(0);
      const third = new PcapReader();
      const mid = Math.floor((cut + file.length) / 2);
      expect([...third.push(file.subarray(0, cut)), ...third.push(file.subarray(cut, mid)), ...third.push(file.subarray(mid))], `split at ${cut} and ${mid}`).toEqual(whole);
    }
  });

  it('reads one byte at a time, and waits on a partial record without returning it', () => {
    const file = pcapFile(records);
    const reader = new PcapReader();
    const got: PcapFrame[] = [];
    for (let i = 0; i < file.length; i++) got.push(...reader.push(file.subarray(i, i + 1)));
    expect(got).toEqual(readPcapFile(file));
    const partial = new PcapReader();
    expect(partial.push(file.subarray(0, 24 + 16 + 10))).toEqual([]);
    expect(partial.header).toEqual({ littleEndian: true, nanoseconds: false, snaplen: 256, linkType: 1 });
    expect(partial.bufferedBytes).toBe(26);
  });

  it('reads both byte orders and both timestamp units to the same frames', () => {
    const expected = readPcapFile(pcapFile(records));
    for (const opts of [{ littleEndian: false }, { littleEndian: true, nanoseconds: true }, { littleEndian: false, nanoseconds: true }]) {
      const file = pcapFile(records, opts);
      const reader = new PcapReader();
      const frames = reader.push(file);
      expect(reader.header).toMatchObject(opts);
      expect(frames.map((f) => f.data)).toEqual(expected.map((f) => f.data));
      frames.forEach((f, i) => {
        expect(f.at).toBeCloseTo(records[i]?.at ?? 0, 3);
      });
    }
    // Nanoseconds keep what microseconds cannot (to the precision of a double at this epoch).
    const [nano] = readPcapFile(pcapFile([{ at: T0 + 0.0004, data: Buffer.alloc(1) }], { nanoseconds: true }));
    const [micro] = readPcapFile(pcapFile([{ at: T0 + 0.0004, data: Buffer.alloc(1) }]));
    expect(nano?.at).toBeGreaterThan(micro?.at ?? Infinity);
  });

  it('refuses a stream that is not pcap at its first four bytes, and stays failed', () => {
    const reader = new PcapReader();
    expect(() => reader.push(Buffer.from('PK\x03\x04', 'latin1'))).toThrow(/not a pcap stream: magic 0x504b0304/);
    expect(() => reader.push(pcapFile(records))).toThrow(PcapFormatError);
    expect(() => readPcapFile(Buffer.from('\n\r\r\n0000', 'latin1'))).toThrow(PcapFormatError); // pcapng
    expect(new PcapReader().push(Buffer.from([0xd4, 0xc3, 0xb2]))).toEqual([]);
  });

  it('refuses a capture that is not Ethernet', () => {
    expect(() => readPcapFile(pcapFile(records, { linkType: 113 }))).toThrow(/link type 113 is not Ethernet/);
  });

  it('drops a truncated last record of a file silently', () => {
    const file = pcapFile(records);
    const whole = readPcapFile(file);
    expect(readPcapFile(file.subarray(0, file.length - 1))).toEqual(whole.slice(0, 2));
    expect(readPcapFile(file.subarray(0, 24 + 8))).toEqual([]);
    expect(readPcapFile(file.subarray(0, 10))).toEqual([]);
    expect(readPcapFile(Buffer.alloc(0))).toEqual([]);
  });

  it('refuses a record claiming more than a capture can hold, without waiting for it', () => {
    const file = pcapFile([{ at: T0, data: Buffer.alloc(4) }]);
    file.writeUInt32LE(0x7fffffff, 24 + 8);
    const reader = new PcapReader();
    expect(() => reader.push(file)).toThrow(/claims 2147483647 bytes, more than the 65535/);
    expect(reader.bufferedBytes).toBe(0);
    const big = pcapFile([{ at: T0, data: Buffer.alloc(100_000) }], { snaplen: 262_144 });
    expect(readPcapFile(big)[0]?.data.length).toBe(100_000);
  });
});

describe('frame decoder', () => {
  it('decodes a VRRPv2 advert with its exact fields', () => {
    const data = advertFrame(LB01_MAC, '10.0.0.5', vrrpV2({ vrid: 50, priority: 150, vips: [VIP, '10.0.0.4'], authType: 1, intervalS: 1, password: '1111' }));
    expect(decodeFrame(frame(data), NODES, new Map())).toEqual({
      kind: 'advert',
      at: T0,
      from: 'lb01',
      src: '10.0.0.5',
      version: 2,
      vrid: 50,
      priority: 150,
      intervalMs: 1000,
      auth: 'pass',
      vips: [VIP, '10.0.0.4'],
    });
    const noAuth = advertFrame(LB01_MAC, '10.0.0.5', vrrpV2({ vrid: 7, priority: 0, vips: [], authType: 0, intervalS: 3 }));
    expect(decodeFrame(frame(noAuth), NODES, new Map())).toMatchObject({ vrid: 7, priority: 0, intervalMs: 3000, auth: 'none', vips: [] });
    const ah = advertFrame(LB01_MAC, '10.0.0.5', vrrpV2({ vrid: 7, priority: 100, vips: [VIP], authType: 2, intervalS: 1 }));
    expect(decodeFrame(frame(ah), NODES, new Map())).toMatchObject({ auth: 'ah' });
  });

  it('decodes a VRRPv3 advert: centisecond interval under 4 reserved bits, no authentication', () => {
    const v3 = vrrpV3({ vrid: 51, priority: 100, vips: [VIP], intervalCs: 10, src: '10.0.0.6' });
    v3[4] = (v3[4] ?? 0) | 0xf0; // reserved bits set: still 10 cs
    expect(decodeFrame(frame(advertFrame(LB02_MAC, '10.0.0.6', v3)), NODES, new Map())).toEqual({
      kind: 'advert',
      at: T0,
      from: 'lb02',
      src: '10.0.0.6',
      version: 3,
      vrid: 51,
      priority: 100,
      intervalMs: 100,
      auth: null,
      vips: [VIP],
    });
    const max = vrrpV3({ vrid: 51, priority: 0, vips: [VIP], intervalCs: 4095, src: '10.0.0.6' });
    expect(decodeFrame(frame(advertFrame(LB02_MAC, '10.0.0.6', max)), NODES, new Map())).toMatchObject({ priority: 0, intervalMs: 40950 });
  });

  it('respects IHL, skips one 802.1Q tag, and leaves an unknown sender null', () => {
    const withOptions = ipv4({ src: '10.0.0.5', dst: '224.0.0.18', proto: 112, options: Buffer.from([0x94, 0x04, 0, 0]) }, vrrpV2({ vrid: 50, priority: 150, vips: [VIP], authType: 0, intervalS: 1 }));
    expect(decodeFrame(frame(ethernet(LB01_MAC, '01:00:5e:00:00:12', 0x0800, withOptions)), NODES, new Map())).toMatchObject({ vrid: 50, priority: 150, from: 'lb01' });
    const tagged = ethernet(
      '02:00:00:00:00:99',
      '01:00:5e:00:00:12',
      0x0800,
      ipv4({ src: '10.9.9.9', dst: '224.0.0.18', proto: 112 }, vrrpV2({ vrid: 9, priority: 90, vips: [], authType: 0, intervalS: 1 })),
      12,
    );
    expect(decodeFrame(frame(tagged), NODES, new Map())).toMatchObject({ vrid: 9, from: null, src: '10.9.9.9' });
  });

  it('resolves a GARP for the VIP to the node whose MAC an earlier frame showed', () => {
    const decoder = new Decoder(NODES);
    expect(decoder.decode(frame(garpFrame(LB02_MAC, VIP)))).toMatchObject({ kind: 'arp', from: null });
    decoder.decode(frame(v2advert(LB02_MAC, '10.0.0.6', 100)));
    expect(decoder.macs.get(LB02_MAC)).toBe('lb02');
    expect(decoder.decode(frame(garpFrame(LB02_MAC, VIP), T0 + 5))).toEqual({
      kind: 'arp',
      at: T0 + 5,
      from: 'lb02',
      op: 'request',
      senderIp: VIP,
      senderMac: LB02_MAC,
      targetIp: VIP,
      gratuitous: true,
    });
    // The same through decodeFrame and a map the caller keeps.
    const macs = new Map<string, string>();
    decodeFrame(frame(v2advert(LB01_MAC, '10.0.0.5', 150)), NODES, macs);
    expect(decodeFrame(frame(garpFrame(LB01_MAC, VIP)), NODES, macs)).toMatchObject({ from: 'lb01', gratuitous: true });
  });

  it('decodes ARP requests and replies, learning the sender MAC from its own address', () => {
    const macs = new Map<string, string>();
    const request = arpFrame(CLIENT_MAC, BROADCAST, { op: 1, senderMac: CLIENT_MAC, senderIp: '10.0.0.100', targetIp: VIP });
    expect(decodeFrame(frame(request), NODES, macs)).toEqual({ kind: 'arp', at: T0, from: 'client', op: 'request', senderIp: '10.0.0.100', senderMac: CLIENT_MAC, targetIp: VIP, gratuitous: false });
    expect(macs.get(CLIENT_MAC)).toBe('client');
    const reply = arpFrame(LB01_MAC, CLIENT_MAC, { op: 2, senderMac: LB01_MAC, senderIp: VIP, targetMac: CLIENT_MAC, targetIp: '10.0.0.100' });
    expect(decodeFrame(frame(reply), NODES, macs)).toMatchObject({ op: 'reply', from: null, senderIp: VIP });
    expect(decodeFrame(frame(arpFrame(LB01_MAC, BROADCAST, { op: 3, senderMac: LB01_MAC, senderIp: VIP, targetIp: VIP })), NODES, macs)).toBeUndefined();
  });

  it('decodes ICMP echo request, echo reply and unreachable; other ICMP is not a probe', () => {
    const d = new Decoder(NODES);
    d.decode(frame(v2advert(LB01_MAC, '10.0.0.5', 150)));
    const ping = (src: string, dst: string, mac: string, type: number): Buffer => ipFrame(mac, BROADCAST, { src, dst, proto: 1 }, icmp(type));
    expect(d.decode(frame(ping('10.0.0.100', VIP, CLIENT_MAC, 8)))).toEqual({ kind: 'probe', at: T0, from: 'client', src: '10.0.0.100', dst: VIP, proto: 'icmp', what: 'echo-request' });
    expect(d.decode(frame(ping(VIP, '10.0.0.100', LB01_MAC, 0)))).toEqual({ kind: 'probe', at: T0, from: 'lb01', src: VIP, dst: '10.0.0.100', proto: 'icmp', what: 'echo-reply' });
    expect(d.decode(frame(ping('10.0.0.6', '10.0.0.100', LB02_MAC, 3)))).toMatchObject({ what: 'unreachable', from: 'lb02' });
    expect(d.decode(frame(ping('10.0.0.6', '10.0.0.100', LB02_MAC, 11)))).toBeUndefined();
  });

  it('decodes TCP syn, syn-ack, rst and fin with the destination port; a plain ACK or data is none', () => {
    const seg = (flags: number, sport = 44492, dport = 80): PcapFrame => frame(ipFrame(CLIENT_MAC, LB01_MAC, { src: '10.0.0.100', dst: VIP, proto: 6 }, tcp(sport, dport, flags)));
    const d = new Decoder(NODES);
    expect(d.decode(seg(TCP.SYN))).toEqual({ kind: 'probe', at: T0, from: 'client', src: '10.0.0.100', dst: VIP, proto: 'tcp', what: 'syn', port: 80 });
    expect(d.decode(seg(TCP.SYN | TCP.ACK, 80, 44492))).toMatchObject({ what: 'syn-ack', port: 44492 });
    expect(d.decode(seg(TCP.RST))).toMatchObject({ what: 'rst', port: 80 });
    expect(d.decode(seg(TCP.RST | TCP.ACK))).toMatchObject({ what: 'rst' });
    expect(d.decode(seg(TCP.FIN | TCP.ACK))).toMatchObject({ what: 'fin' });
    expect(d.decode(seg(TCP.ACK))).toBeUndefined();
    expect(d.decode(seg(TCP.PSH | TCP.ACK))).toBeUndefined();
  });

  it('ignores what is not a VRRP advertisement or a probe', () => {
    const d = new Decoder(NODES);
    const notAdvert = vrrpV2({ vrid: 50, priority: 150, vips: [VIP], authType: 0, intervalS: 1 });
    notAdvert[0] = 0x22; // type 2 is not an advertisement
    expect(d.decode(frame(advertFrame(LB01_MAC, '10.0.0.5', notAdvert)))).toBeUndefined();
    const v4 = vrrpV2({ vrid: 50, priority: 150, vips: [VIP], authType: 0, intervalS: 1 });
    v4[0] = 0x41;
    expect(d.decode(frame(advertFrame(LB01_MAC, '10.0.0.5', v4)))).toBeUndefined();
    const badAuth = vrrpV2({ vrid: 50, priority: 150, vips: [VIP], authType: 3, intervalS: 1 });
    expect(d.decode(frame(advertFrame(LB01_MAC, '10.0.0.5', badAuth)))).toBeUndefined();
    expect(d.decode(frame(ipFrame(CLIENT_MAC, LB01_MAC, { src: '10.0.0.100', dst: VIP, proto: 17 }, Buffer.alloc(8))))).toBeUndefined();
    expect(d.decode(frame(ethernet(CLIENT_MAC, BROADCAST, 0x86dd, Buffer.alloc(40))))).toBeUndefined();
    const later = ipFrame(LB01_MAC, BROADCAST, { src: '10.0.0.5', dst: '224.0.0.18', proto: 112, fragmentOffset: 10 }, vrrpV2({ vrid: 50, priority: 1, vips: [], authType: 0, intervalS: 1 }));
    expect(d.decode(frame(later))).toBeUndefined();
  });

  it('gives undefined for every truncation of every packet kind, and never throws on garbage', () => {
    const d = new Decoder(NODES);
    // Each packet with the bytes the decoder needs: VRRPv2's trailing authentication data is not read.
    const packets: [Buffer, number][] = [
      [v2advert(LB01_MAC, '10.0.0.5', 150), 14 + 20 + 8 + 4],
      [advertFrame(LB02_MAC, '10.0.0.6', vrrpV3({ vrid: 51, priority: 100, vips: [VIP, '10.0.0.4'], intervalCs: 100, src: '10.0.0.6' })), 14 + 20 + 8 + 8],
      [garpFrame(LB02_MAC, VIP), 14 + 28],
      [ipFrame(CLIENT_MAC, LB01_MAC, { src: '10.0.0.100', dst: VIP, proto: 1 }, icmp(8, 0, Buffer.alloc(0))), 14 + 20 + 8],
      [ipFrame(CLIENT_MAC, LB01_MAC, { src: '10.0.0.100', dst: VIP, proto: 6 }, tcp(1, 80, TCP.SYN)), 14 + 20 + 20],
    ];
    for (const [p, needed] of packets) {
      expect(needed).toBeLessThanOrEqual(p.length);
      for (let len = 0; len <= p.length; len++) {
        const event = d.decode(frame(p.subarray(0, len)));
        if (len < needed) expect(event, `${p.length} bytes cut to ${len}`).toBeUndefined();
        else expect(event, `${p.length} bytes cut to ${len}`).toBeDefined();
      }
    }
    // A header that lies: IHL larger than the packet, total length shorter than the header.
    const advert = v2advert(LB01_MAC, '10.0.0.5', 150);
    const ihl = Buffer.from(advert);
    ihl[14] = 0x4f;
    expect(d.decode(frame(ihl))).toBeUndefined();
    const total = Buffer.from(advert);
    total.writeUInt16BE(10, 16);
    expect(d.decode(frame(total))).toBeUndefined();
    const count = Buffer.from(advert);
    count[14 + 20 + 3] = 200;
    expect(d.decode(frame(count))).toBeUndefined();
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 2000; i++) {
      const junk = Buffer.from(Array.from({ length: rand() % 120 }, rand));
      if (i % 2 === 0 && junk.length > 14) junk.writeUInt16BE([0x0800, 0x0806, 0x8100][i % 3] ?? 0, 12);
      expect(() => d.decode(frame(junk))).not.toThrow();
    }
  });
});
