// Real byte layouts for the protocol decoder's tests: pcap files, Ethernet, ARP, IPv4 (with its header
// checksum), VRRPv2/v3 adverts, ICMP and TCP, written as the kernel and keepalived put them on the wire.

export interface PcapOptions {
  littleEndian?: boolean;
  nanoseconds?: boolean;
  snaplen?: number;
  linkType?: number;
}

export interface PcapRecord {
  /** ms since the epoch (fractions kept to the file's resolution). */
  at: number;
  data: Buffer;
}

export function pcapFile(records: readonly PcapRecord[], opts: PcapOptions = {}): Buffer {
  const le = opts.littleEndian ?? true;
  const u32 = (b: Buffer, v: number, at: number): number => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const u16 = (b: Buffer, v: number, at: number): number => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const head = Buffer.alloc(24);
  u32(head, opts.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(head, 2, 4);
  u16(head, 4, 6);
  u32(head, opts.snaplen ?? 256, 16);
  u32(head, opts.linkType ?? 1, 20);
  const parts: Buffer[] = [head];
  for (const r of records) {
    const rec = Buffer.alloc(16);
    const sec = Math.floor(r.at / 1000);
    const frac = Math.round((r.at - sec * 1000) * (opts.nanoseconds ? 1e6 : 1e3));
    u32(rec, sec, 0);
    u32(rec, frac, 4);
    u32(rec, r.data.length, 8);
    u32(rec, r.data.length, 12);
    parts.push(rec, r.data);
  }
  return Buffer.concat(parts);
}

const macBytes = (mac: string): Buffer => Buffer.from(mac.split(':').map((h) => parseInt(h, 16)));
const ipBytes = (ip: string): Buffer => Buffer.from(ip.split('.').map(Number));

/** The Internet checksum (RFC 1071) of the bytes. */
export function inetChecksum(b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function ethernet(src: string, dst: string, etherType: number, payload: Buffer, vlanId?: number): Buffer {
  const tag = vlanId === undefined ? Buffer.alloc(0) : Buffer.from([0x81, 0x00, (vlanId >> 8) & 0x0f, vlanId & 0xff]);
  const type = Buffer.alloc(2);
  type.writeUInt16BE(etherType);
  return Buffer.concat([macBytes(dst), macBytes(src), tag, type, payload]);
}

export interface Ipv4Options {
  src: string;
  dst: string;
  proto: number;
  ttl?: number;
  /** IP options, padded to 4 bytes: they make the header longer than 20 bytes (IHL > 5). */
  options?: Buffer;
  fragmentOffset?: number;
}

export function ipv4(o: Ipv4Options, payload: Buffer): Buffer {
  const options = o.options ?? Buffer.alloc(0);
  const h = Buffer.alloc(20 + options.length);
  h[0] = 0x40 | (h.length / 4);
  h[1] = o.proto === 112 ? 0xc0 : 0; // keepalived sends adverts as internetwork control
  h.writeUInt16BE(h.length + payload.length, 2);
  h.writeUInt16BE(0x1234, 4);
  h.writeUInt16BE(o.fragmentOffset ?? 0, 6);
  h[8] = o.ttl ?? (o.proto === 112 ? 255 : 64);
  h[9] = o.proto;
  ipBytes(o.src).copy(h, 12);
  ipBytes(o.dst).copy(h, 16);
  options.copy(h, 20);
  h.writeUInt16BE(inetChecksum(h), 10);
  return Buffer.concat([h, payload]);
}

export interface AdvertOptions {
  vrid: number;
  priority: number;
  vips: string[];
}

/** A VRRPv2 advertisement (RFC 3768): auth type 0/1/2, interval in seconds, 8 bytes of authentication data. */
export function vrrpV2(o: AdvertOptions & { authType: number; intervalS: number; password?: string }): Buffer {
  const b = Buffer.alloc(8 + 4 * o.vips.length + 8);
  b[0] = 0x21;
  b[1] = o.vrid;
  b[2] = o.priority;
  b[3] = o.vips.length;
  b[4] = o.authType;
  b[5] = o.intervalS;
  o.vips.forEach((v, i) => ipBytes(v).copy(b, 8 + 4 * i));
  if (o.password) Buffer.from(o.password.slice(0, 8)).copy(b, 8 + 4 * o.vips.length);
  b.writeUInt16BE(inetChecksum(b), 6);
  return b;
}

/** A VRRPv3 advertisement (RFC 5798): 12-bit max advert interval in centiseconds, checksum over a pseudo-header. */
export function vrrpV3(o: AdvertOptions & { intervalCs: number; src: string }): Buffer {
  const b = Buffer.alloc(8 + 4 * o.vips.length);
  b[0] = 0x31;
  b[1] = o.vrid;
  b[2] = o.priority;
  b[3] = o.vips.length;
  b.writeUInt16BE(o.intervalCs & 0x0fff, 4);
  o.vips.forEach((v, i) => ipBytes(v).copy(b, 8 + 4 * i));
  const pseudo = Buffer.concat([ipBytes(o.src), ipBytes('224.0.0.18'), Buffer.from([0, 112, b.length >> 8, b.length & 0xff])]);
  b.writeUInt16BE(inetChecksum(Buffer.concat([pseudo, b])), 6);
  return b;
}

export const VRRP_MAC = '01:00:5e:00:00:12';
export const BROADCAST = 'ff:ff:ff:ff:ff:ff';

/** A whole advert frame, from a node's MAC and address to 224.0.0.18. */
export function advertFrame(mac: string, src: string, vrrp: Buffer): Buffer {
  return ethernet(mac, VRRP_MAC, 0x0800, ipv4({ src, dst: '224.0.0.18', proto: 112 }, vrrp));
}

export interface ArpOptions {
  op: number;
  senderMac: string;
  senderIp: string;
  targetMac?: string;
  targetIp: string;
}

export function arp(o: ArpOptions): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt16BE(1, 0);
  b.writeUInt16BE(0x0800, 2);
  b[4] = 6;
  b[5] = 4;
  b.writeUInt16BE(o.op, 6);
  macBytes(o.senderMac).copy(b, 8);
  ipBytes(o.senderIp).copy(b, 14);
  macBytes(o.targetMac ?? '00:00:00:00:00:00').copy(b, 18);
  ipBytes(o.targetIp).copy(b, 24);
  return b;
}

/** keepalived's gratuitous ARP: a broadcast request "who-has VIP tell VIP" from the new holder's MAC. */
export function garpFrame(mac: string, vip: string): Buffer {
  return ethernet(mac, BROADCAST, 0x0806, arp({ op: 1, senderMac: mac, senderIp: vip, targetMac: BROADCAST, targetIp: vip }));
}

export function arpFrame(ethSrc: string, ethDst: string, o: ArpOptions): Buffer {
  return ethernet(ethSrc, ethDst, 0x0806, arp(o));
}

export function icmp(type: number, code = 0, body = Buffer.alloc(56)): Buffer {
  const b = Buffer.concat([Buffer.from([type, code, 0, 0, 0x6e, 0x44, 0, 1]), body]);
  b.writeUInt16BE(inetChecksum(b), 2);
  return b;
}

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** A TCP header without options (the decoder reads ports and flags; its checksum is left 0). */
export function tcp(srcPort: number, dstPort: number, flags: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt16BE(srcPort, 0);
  b.writeUInt16BE(dstPort, 2);
  b.writeUInt32BE(1000, 4);
  b.writeUInt32BE(flags & TCP.ACK ? 2000 : 0, 8);
  b[12] = 5 << 4;
  b[13] = flags;
  b.writeUInt16BE(64240, 14);
  return b;
}

/** An IPv4 frame between two MACs. */
export function ipFrame(ethSrc: string, ethDst: string, o: Ipv4Options, payload: Buffer): Buffer {
  return ethernet(ethSrc, ethDst, 0x0800, ipv4(o, payload));
}
