// Chooses a free /24 for a lab and rewrites the pack's addresses when the wanted one is taken.
import { readFile } from 'node:fs/promises';

export interface Cidr {
  base: number; // network address as an unsigned 32-bit number
  bits: number;
}

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const bits = Number(m[2]);
  if (bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  return { base: ipToNumber(m[1]) - (ipToNumber(m[1]) % size), bits };
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  const aEnd = a.base + 2 ** (32 - a.bits);
  const bEnd = b.base + 2 ** (32 - b.bits);
  return a.base < bEnd && b.base < aEnd;
}

/** IPv4 routes of this host from /proc/net/route (little-endian hex), default route excluded. */
export async function hostRoutes(routeFile = '/proc/net/route'): Promise<Cidr[]> {
  let text: string;
  try {
    text = await readFile(routeFile, 'utf8');
  } catch {
    return []; // not Linux: Docker Desktop runs its own VM, the host's routes do not clash with it
  }
  const out: Cidr[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8 || !cols[1] || !cols[7]) continue;
    const le = (hex: string): number => {
      const n = parseInt(hex, 16);
      return ((n & 0xff) * 2 ** 24 + ((n >>> 8) & 0xff) * 2 ** 16 + ((n >>> 16) & 0xff) * 2 ** 8 + ((n >>> 24) & 0xff));
    };
    const mask = le(cols[7]);
    if (mask === 0) continue;
    const bits = mask.toString(2).replace(/0+$/, '').length;
    out.push({ base: le(cols[1]), bits });
  }
  return out;
}

/** Candidate subnets tried, in order, when the pack's own is taken: 10.213.0.0/24 .. 10.213.255.0/24, then 10.214.x. */
export function* fallbackSubnets(): Generator<string> {
  for (const second of [213, 214, 215]) for (let third = 0; third < 256; third++) yield `10.${second}.${third}.0/24`;
}

/** The wanted subnet if free, else the first free fallback; undefined when nothing is free. */
export function chooseSubnet(wanted: string, taken: Cidr[], alsoAvoid: Set<string> = new Set()): string | undefined {
  const free = (cidr: string): boolean => {
    const c = parseCidr(cidr);
    return !!c && !alsoAvoid.has(cidr) && !taken.some((t) => overlaps(t, c));
  };
  if (free(wanted)) return wanted;
  for (const candidate of fallbackSubnets()) if (free(candidate)) return candidate;
  return undefined;
}

/** Rewrites every address of one /24 into another /24, keeping the host octet (10.0.0.5 -> 10.213.4.5). */
export function makeRemapper(from: string, to: string): (text: string) => string {
  if (from === to) return (text) => text;
  const fromPrefix = from.replace(/\.0\/24$/, '');
  const toPrefix = to.replace(/\.0\/24$/, '');
  const pattern = new RegExp(`(?<![\\d.])${fromPrefix.replace(/\./g, '\\.')}\\.(\\d{1,3})(?![\\d])`, 'g');
  return (text) => text.replace(pattern, (_all, host: string) => `${toPrefix}.${host}`);
}

/** Applies a string rewrite to every string inside a JSON-like value. */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}
