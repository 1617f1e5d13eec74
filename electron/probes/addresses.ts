// Who holds which IPv4 address, read from the kernel of every node (`ip -j -4 addr`).
import type { LabNodes } from './labNodes.js';
import { probeIn } from '../runtime/execBatch.js';

interface IpAddrJson {
  ifname?: string;
  addr_info?: { family?: string; local?: string; prefixlen?: number }[];
}

export type AddressMap = Map<string, string[]>;

export function parseIpAddrJson(json: string): string[] {
  const ifaces = JSON.parse(json) as IpAddrJson[];
  return ifaces.flatMap((i) => (i.addr_info ?? []).filter((a) => a.family === 'inet' && a.local).map((a) => a.local as string));
}

/** Addresses per node; a node that is down or unreachable maps to an empty list and is named in `unreachable`. */
export async function readAddresses(lab: LabNodes): Promise<{ addresses: AddressMap; unreachable: string[] }> {
  const addresses: AddressMap = new Map();
  const unreachable: string[] = [];
  await Promise.all(
    lab.nodes.map(async (n) => {
      try {
        const res = await probeIn(lab.container(n.name), ['ip', '-j', '-4', 'addr', 'show'], { timeoutMs: 3000 });
        addresses.set(n.name, res.exitCode === 0 ? parseIpAddrJson(res.stdout) : []);
        if (res.exitCode !== 0) unreachable.push(n.name);
      } catch {
        addresses.set(n.name, []);
        unreachable.push(n.name);
      }
    }),
  );
  return { addresses, unreachable };
}

export function holdersOf(addresses: AddressMap, ip: string): string[] {
  return [...addresses.entries()]
    .filter(([, ips]) => ips.includes(ip))
    .map(([node]) => node)
    .sort();
}
