// One-off readings of a running lab, each turned into the live-state event it stands for: the containers'
// states, a node's addresses, the nodes' address logs, keepalived's states. The live view takes them when it
// starts (and a node's addresses when its monitor starts); topology.get takes them all once when nobody watches.
import type { TopologyState } from '../../common/contract.js';
import { findPack } from '../labs/catalog.js';
import { loadPack } from '../labs/loadPack.js';
import { readAddrHistoryOf } from '../probes/addrHistory.js';
import { parseIpAddrJson } from '../probes/addresses.js';
import { readVrrp } from '../probes/vrrp.js';
import { loadInstance } from './instances.js';
import { initialState, reduce, view, type LiveEvent, type LiveState, type VrrpRow } from './liveState.js';
import { labView, nodeStatuses, type RunningLab } from './manager.js';

/** Nodes that may run keepalived: load balancers and any node the pack starts it on. */
export const vrrpNodes = (lab: RunningLab): string[] => lab.nodes.filter((n) => n.role === 'lb' || n.services.includes('keepalived')).map((n) => n.name);

/** The running lab `lab` names, or undefined when it does not run. */
export async function runningLab(lab: string): Promise<RunningLab | undefined> {
  const rec = await loadInstance(lab);
  if (rec?.state !== 'up') return undefined;
  return labView(rec, await loadPack(rec.packDir));
}

export const labState = (lab: RunningLab): LiveState => initialState(lab.record.lab, lab.nodes, lab.pack.manifest.topology.vips);

export async function readNodeStates(lab: RunningLab): Promise<Extract<LiveEvent, { kind: 'nodes' }>> {
  const at = Date.now();
  const statuses = await nodeStatuses(lab);
  return { kind: 'nodes', at, states: Object.fromEntries(statuses.map((s) => [s.node, s.state])) };
}

/** The node's addresses; fails (rather than reading "none") when the node does not answer. */
export async function readAddrReading(lab: RunningLab, node: string): Promise<LiveEvent> {
  const from = Date.now();
  const res = await lab.container(node).exec(['ip', '-j', '-4', 'addr', 'show'], { timeoutMs: 3000 });
  if (res.exitCode !== 0) throw new Error(`reading the addresses of ${node} failed (exit code ${res.exitCode}): ${res.stderr.trim()}`);
  return { kind: 'addrReading', node, from, to: Date.now(), addrs: parseIpAddrJson(res.stdout) };
}

/** The address changes every node logged (its own `ip monitor`, since its first boot), a stopped node's and its losses at death included. */
export async function readAddrHistory(lab: RunningLab): Promise<LiveEvent> {
  return { kind: 'addr', events: (await readAddrHistoryOf(lab)).events };
}

export async function readVrrpRows(lab: RunningLab, nodes: string[]): Promise<VrrpRow[]> {
  const rows = await Promise.all(
    nodes.map(async (node) => {
      const reading = await readVrrp(lab.container(node));
      return reading.ok ? reading.instances.map((i) => ({ node, instance: i.name, state: i.state, priority: i.effectivePriority })) : [];
    }),
  );
  return rows.flat();
}

/** What the UI sees of a lab that does not run: its nodes, all missing. */
export async function notRunningTopology(lab: string): Promise<TopologyState> {
  const m = (await findPack(lab)).manifest;
  return view(initialState(lab, m.topology.nodes, m.topology.vips), Date.now());
}

/** One reading of everything, for topology.get when nobody watches. `labId` names the pack when the instance is another name. */
export async function readTopologyOnce(lab: string, labId = lab): Promise<TopologyState> {
  const running = await runningLab(lab);
  if (!running) return notRunningTopology(labId);
  const nodes = await readNodeStates(running);
  const up = running.nodes.map((n) => n.name).filter((n) => nodes.states[n] === 'running');
  const [readings, history, vrrp] = await Promise.all([
    // A node that does not answer gives no reading: its log alone says what it holds.
    Promise.all(up.map((node) => readAddrReading(running, node).catch(() => undefined))),
    readAddrHistory(running),
    readVrrpRows(
      running,
      vrrpNodes(running).filter((n) => up.includes(n)),
    ),
  ]);
  const events: LiveEvent[] = [nodes, history, ...readings.filter((r) => r !== undefined), { kind: 'vrrp', rows: vrrp }];
  return view(events.reduce(reduce, labState(running)), Date.now());
}
