// Captured Ethernet frames to protocol events: VRRP adverts, ARP, and the ICMP and TCP packets that show
// whether a VIP answers. Anything else, and anything truncated or malformed, decodes to undefined.
import type { AdvertEvent, ArpEvent, NodeRef, ProbeEvent, ProtocolEvent } from '../../common/protocol/events.js';
import type { PcapFrame } from './pcap.js';

export interface NodeAddress {
  name: string;
  ip: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_VLAN = 0x8100;
const PROTO_ICMP = 1;
const PROTO_TCP = 6;
const PROTO_VRRP = 112;

const ipAt = (b: Buffer, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
const macAt = (b: Buffer, at: number): string =>
  Array.from(b.subarray(at, at + 6))
    .map((x) => x.toString(16).padStart(2, '0'))
    .join(':');

/** Who sent a frame: the node owning its sender address, else the node the sender's MAC was learned for. */
class Senders {
  private readonly byIp: Map<string, string>;

  constructor(
    nodes: readonly NodeAddress[],
    readonly macs: Map<string, string>,
  ) {
    this.byIp = new Map(nodes.map((n) => [n.ip, n.name]));
  }

  /** Resolves the sender, and learns its MAC when the address is the node's own (not a VIP it holds). */
  resolve(ip: string, mac: string): NodeRef {
    const own = this.byIp.get(ip);
    if (own !== undefined) {
      this.macs.set(mac, own);
      return own;
    }
    return this.macs.get(mac) ?? null;
  }
}

function decodeArp(at: number, p: Buffer, senders: Senders): ArpEvent | undefined {
  if (p.length < 28) return undefined;
  // Ethernet hardware (1), IPv4 protocol (0x0800), 6-byte and 4-byte addresses: nothing else is ARP for a lab.
  if (p.readUInt16BE(0) !== 1 || p.readUInt16BE(2) !== ETHERTYPE_IPV4 || p[4] !== 6 || p[5] !== 4) return undefined;
  const code = p.readUInt16BE(6);
  if (code !== 1 && code !== 2) return undefined;
  const senderMac = macAt(p, 8);
  const senderIp = ipAt(p, 14);
  const targetIp = ipAt(p, 24);
  const from = senders.resolve(senderIp, senderMac);
  return { kind: 'arp', at, from, op: code === 1 ? 'request' : 'reply', senderIp, senderMac, targetIp, gratuitous: senderIp === targetIp };
}

const AUTH_TYPES = ['none', 'pass', 'ah'] as const;

type Sent = Pick<AdvertEvent, 'at' | 'from' | 'src'>;

function decodeVrrp(sent: Sent, p: Buffer): AdvertEvent | undefined {
  if (p.length < 8) return undefined;
  const b0 = p[0] ?? 0;
  const version = b0 >> 4;
  if ((version !== 2 && version !== 3) || (b0 & 0x0f) !== 1) return undefined;
  const count = p[3] ?? 0;
  if (p.length < 8 + 4 * count) return undefined;
  let auth: AdvertEvent['auth'] = null;
  let intervalMs: number;
  if (version === 2) {
    auth = AUTH_TYPES[p[4] ?? 0xff] ?? null;
    if (auth === null) return undefined;
    intervalMs = (p[5] ?? 0) * 1000;
  } else {
    intervalMs = (p.readUInt16BE(4) & 0x0fff) * 10;
  }
  const vips: string[] = [];
  for (let i = 0; i < count; i++) vips.push(ipAt(p, 8 + 4 * i));
  return { kind: 'advert', ...sent, version, vrid: p[1] ?? 0, priority: p[2] ?? 0, intervalMs, auth, vips };
}

function decodeIcmp(sent: Sent, dst: string, p: Buffer): ProbeEvent | undefined {
  if (p.length < 8) return undefined;
  const what = ({ 8: 'echo-request', 0: 'echo-reply', 3: 'unreachable' } as const)[p[0] ?? 0xff];
  return what ? { kind: 'probe', ...sent, dst, proto: 'icmp', what } : undefined;
}

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

function decodeTcp(sent: Sent, dst: string, p: Buffer): ProbeEvent | undefined {
  if (p.length < 20 || (p[12] ?? 0) >> 4 < 5) return undefined;
  const flags = p[13] ?? 0;
  let what: ProbeEvent['what'] | undefined;
  if (flags & RST) what = 'rst';
  else if (flags & SYN) what = flags & ACK ? 'syn-ack' : 'syn';
  else if (flags & FIN) what = 'fin';
  return what ? { kind: 'probe', ...sent, dst, proto: 'tcp', what, port: p.readUInt16BE(2) } : undefined;
}

function decodeIpv4(at: number, ethSrc: string, p: Buffer, senders: Senders): ProtocolEvent | undefined {
  if (p.length < 20 || (p[0] ?? 0) >> 4 !== 4) return undefined;
  const headerBytes = ((p[0] ?? 0) & 0x0f) * 4;
  const totalLength = p.readUInt16BE(2);
  if (headerBytes < 20 || totalLength < headerBytes || p.length < headerBytes) return undefined;
  const src = ipAt(p, 12);
  const dst = ipAt(p, 16);
  const from = senders.resolve(src, ethSrc);
  // A later fragment carries no transport header.
  if ((p.readUInt16BE(6) & 0x1fff) !== 0) return undefined;
  // The snaplen may have cut the packet short: the payload is what is both declared and captured.
  const payload = p.subarray(headerBytes, Math.min(totalLength, p.length));
  const sent: Sent = { at, from, src };
  switch (p[9]) {
    case PROTO_VRRP:
      return decodeVrrp(sent, payload);
    case PROTO_ICMP:
      return decodeIcmp(sent, dst, payload);
    case PROTO_TCP:
      return decodeTcp(sent, dst, payload);
    default:
      return undefined;
  }
}

/**
 * One frame to an event, or undefined when it is none of the packets the protocol view shows. `macs` is
 * the MAC-to-node map learned so far: this call adds to it whenever an IPv4 source or ARP sender address
 * is a node's own, so a later frame from a VIP (a GARP, an answer) resolves to the node holding it.
 */
export function decodeFrame(frame: PcapFrame, nodes: readonly NodeAddress[], macs: Map<string, string>): ProtocolEvent | undefined {
  return decodeWith(frame, new Senders(nodes, macs));
}

function decodeWith(frame: PcapFrame, senders: Senders): ProtocolEvent | undefined {
  const d = frame.data;
  if (d.length < 14) return undefined;
  let typeAt = 12;
  let etherType = d.readUInt16BE(typeAt);
  if (etherType === ETHERTYPE_VLAN) {
    typeAt += 4;
    if (d.length < typeAt + 2) return undefined;
    etherType = d.readUInt16BE(typeAt);
  }
  const payload = d.subarray(typeAt + 2);
  if (etherType === ETHERTYPE_ARP) return decodeArp(frame.at, payload, senders);
  if (etherType === ETHERTYPE_IPV4) return decodeIpv4(frame.at, macAt(d, 6), payload, senders);
  return undefined;
}

/** A decoder for one lab's capture: it keeps the MAC-to-node map it learns across frames. */
export class Decoder {
  private readonly senders: Senders;

  constructor(nodes: readonly NodeAddress[]) {
    this.senders = new Senders(nodes, new Map());
  }

  /** MAC address (lowercase, colon-separated) to node name, as learned so far. */
  get macs(): ReadonlyMap<string, string> {
    return this.senders.macs;
  }

  decode(frame: PcapFrame): ProtocolEvent | undefined {
    return decodeWith(frame, this.senders);
  }

  /** The events of many frames, in order, without the frames that are none. */
  decodeAll(frames: readonly PcapFrame[]): ProtocolEvent[] {
    const out: ProtocolEvent[] = [];
    for (const f of frames) {
      const e = this.decode(f);
      if (e) out.push(e);
    }
    return out;
  }
}
