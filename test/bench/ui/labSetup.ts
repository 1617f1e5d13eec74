// Lab 1 running with keepalived configured and elected (the first two steps' reference solutions applied),
// under the lab's own id as instance name, as the app runs it. The lab's container names are global on
// the Docker engine, so when another run of lab 1 holds them this waits (bounded) until they are free.
import { docker } from '../../../electron/docker/client.js';
import { findPack } from '../../../electron/labs/catalog.js';
import { applySolution } from '../../../electron/checks/actions.js';
import { holdersOf, readAddresses } from '../../../electron/probes/addresses.js';
import { up, type RunningLab } from '../../../electron/topology/manager.js';
import { networkName } from '../../../electron/topology/names.js';
import { sleep, waitFor } from '../stats.js';

export const LAB = 'vrrp-pair';
const NAMES_FREE_WAIT_MS = 10 * 60_000;

async function namesTaken(instance: string): Promise<number> {
  const [containers, networks] = await Promise.all([
    docker().listContainers({ all: true, filters: { name: [`halab-${instance}.`] } }),
    docker().listNetworks({ filters: { name: [networkName(instance)] } }),
  ]);
  return containers.length + networks.filter((n) => n.Name === networkName(instance)).length;
}

async function waitForFreeNames(instance: string, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + NAMES_FREE_WAIT_MS;
  let said = false;
  for (;;) {
    const taken = await namesTaken(instance);
    if (taken === 0) return;
    if (Date.now() > deadline) throw new Error(`Docker objects named halab-${instance}.* still belong to another run after ${NAMES_FREE_WAIT_MS / 60_000} min`);
    if (!said) log(`another run of ${instance} holds its ${taken} Docker names: waiting for them (at most ${NAMES_FREE_WAIT_MS / 60_000} min)`);
    said = true;
    await sleep(5000);
  }
}

/** Polls who holds `vip` (every 100 ms, up to `timeoutMs`) until it is exactly `node`. */
export async function waitForHolder(lab: RunningLab, vip: string, node: string, timeoutMs: number): Promise<void> {
  let seen: string[] = [];
  await waitFor(
    `${vip} held by ${node} alone`,
    async () => {
      seen = holdersOf((await readAddresses(lab)).addresses, vip);
      return seen.length === 1 && seen[0] === node;
    },
    timeoutMs,
  ).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}: held by [${seen.join(', ')}]`);
  });
}

export async function startElectedLab(log: (line: string) => void): Promise<RunningLab> {
  await waitForFreeNames(LAB, log);
  const lab = await up(await findPack(LAB), {
    onProgress: (line) => {
      log(line);
    },
  });
  for (const step of lab.pack.manifest.steps.slice(0, 2)) await applySolution(lab, step);
  await waitForHolder(lab, vipOf(lab), 'lb01', 30_000);
  return lab;
}

export function vipOf(lab: RunningLab): string {
  const vip = lab.pack.manifest.topology.vips[0];
  if (!vip) throw new Error(`${lab.record.lab} has no VIP`);
  return vip;
}
