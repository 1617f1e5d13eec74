// Chooses a free /24 for a lab and rewrites the pack's addresses when the wanted one is taken.
import { readFile } from 'node:fs/promises';

export interface Cidr {
  base: number; // network address as an unsigned 32-bit number
  bits: number;
}

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
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
      return (n & 0xff) * 2 ** 24 + ((n >>> 8) & 0xff) * 2 ** 16 + ((n >>> 16) & 0xff) * 2 ** 8 + ((n >>> 24) & 0xff);
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
