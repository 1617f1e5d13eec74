// Waits until a lab 1 pair is back at rest with lb01 as master, so each failover run starts alike.
import type { RunningLab } from '../../electron/topology/manager.js';
import { parseIpAddrJson } from '../../electron/probes/addresses.js';
import { waitFor } from './stats.js';

const STEADY_TIMEOUT_MS = 30_000;
const POLL_MS = 100;

async function holdsVip(lab: RunningLab, node: string, vip: string): Promise<boolean> {
  const res = await lab
    .container(node)
    .exec(['ip', '-j', '-4', 'addr', 'show'], { timeoutMs: 3000 })
    .catch(() => undefined);
  return !!res && res.exitCode === 0 && parseIpAddrJson(res.stdout).includes(vip);
}

/** The client's neighbour entry for the VIP: a MAC, or null when it has none (its next probe then asks by ARP). */
async function clientMacFor(lab: RunningLab, vip: string): Promise<string | null> {
  const res = await lab.container('client').exec(['ip', 'neigh', 'show', vip], { timeoutMs: 3000 });
  return /lladdr ([0-9a-f:]{17})/.exec(res.stdout)?.[1] ?? null;
}

/**
 * Exactly one VIP holder, lb01 (lb02 has given it up after lb01's preemption), and the client's neighbour
 * entry, if any, pointing at lb01. Bounded by time and poll count; returns how long it took.
 */
export async function waitLb01Steady(lab: RunningLab, vip: string): Promise<number> {
  const mac = (await lab.container('lb01').exec(['cat', '/sys/class/net/eth0/address'], { timeoutMs: 3000 })).stdout.trim();
  return waitFor(
    'VIP held by lb01 alone with the client pointing at it',
    async () => {
      const [on01, on02, clientMac] = await Promise.all([holdsVip(lab, 'lb01', vip), holdsVip(lab, 'lb02', vip), clientMacFor(lab, vip)]);
      return on01 && !on02 && (clientMac === null || clientMac === mac);
    },
    STEADY_TIMEOUT_MS,
    POLL_MS,
  );
}
