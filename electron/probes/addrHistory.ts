// The address history of a lab's nodes as far as it can be known: each node's own log (addrLog.ts) and the
// addresses a node lost when it died. A node that loses power (kill_node, a crash) logs no "Deleted" line: its
// network namespace, and the monitor that would have logged the loss, go in the same instant. The engine keeps
// when the container stopped, and its log stays readable from the stopped container: together they say what
// left the wire, and when.
import type { LabNodes } from './labNodes.js';
import { ADDR_LOG, parseAddrLog, type AddrEvent } from './addrLog.js';
import { probeIn } from '../runtime/execBatch.js';

/** The lines read of a node's log: the same window the live view replays. */
const LOG_LINES = 2000;
/** A stopped node's log is read whole; one far larger than LOG_LINES lines of events is left unread. */
const STOPPED_LOG_MAX_BYTES = 2 * 1024 * 1024;

/** What one node's log said: its events, or undefined when it could not be read. */
export interface NodeLog {
  node: string;
  events: AddrEvent[] | undefined;
}

export interface AddrHistory {
  /** Every node's changes, losses at death included, oldest first. */
  events: AddrEvent[];
  /** Nodes whose log could not be read: what they held, and when, is unknown. */
  unreadable: string[];
}

/** The nodes' logs, read the way readings are (batched with the other readings of the same turn). */
export async function readNodeLogs(lab: LabNodes): Promise<NodeLog[]> {
  return Promise.all(
    lab.nodes.map(async ({ name }) => {
      const res = await probeIn(lab.container(name), ['tail', '-n', String(LOG_LINES), ADDR_LOG], { timeoutMs: 3000 }).catch(() => undefined);
      return { node: name, events: res?.exitCode === 0 ? parseAddrLog(name, res.stdout) : undefined };
    }),
  );
}

/** Removals, at the moment the node died, of every address its log shows it holding then. */
export function lossesAtDeath(events: readonly AddrEvent[], node: string, diedAt: number): AddrEvent[] {
  const held = new Map<string, boolean>();
  for (const e of events) if (e.node === node && e.at <= diedAt) held.set(e.ip, e.added);
  return [...held].filter(([, isHeld]) => isHeld).map(([ip]) => ({ node, ip, at: diedAt, added: false, atDeath: true }));
}

/** When the container last stopped (Docker keeps it after a restart), or undefined when it never did. */
async function lastDeath(lab: LabNodes, node: string): Promise<{ diedAt?: number; running: boolean } | undefined> {
  const state = await lab
    .container(node)
    .inspect()
    .catch(() => undefined);
  if (!state) return undefined;
  const diedAt = state.finishedAt ? Date.parse(state.finishedAt) : NaN;
  return { running: state.running, ...(diedAt > 0 ? { diedAt } : {}) };
}

/** A stopped node's log, read out of the container without running anything in it. */
async function stoppedNodeLog(lab: LabNodes, node: string): Promise<AddrEvent[] | undefined> {
  const handle = lab.container(node);
  const content = await handle.readFile?.(ADDR_LOG, STOPPED_LOG_MAX_BYTES).catch(() => undefined);
  return content ? parseAddrLog(node, content.toString('utf8').split('\n').slice(-LOG_LINES - 1).join('\n')) : undefined;
}

/** The logs completed: a stopped node's log read from its container, and each node's losses at its last death. */
export async function completeHistory(lab: LabNodes, logs: readonly NodeLog[]): Promise<AddrHistory> {
  const perNode = await Promise.all(
    logs.map(async ({ node, events }) => {
      const life = await lastDeath(lab, node);
      const known = events ?? (life && !life.running ? await stoppedNodeLog(lab, node) : undefined);
      if (!known) return { node, events: [] as AddrEvent[], unreadable: true };
      return { node, events: life?.diedAt ? [...known, ...lossesAtDeath(known, node, life.diedAt)] : known, unreadable: false };
    }),
  );
  return {
    events: perNode.flatMap((n) => n.events).sort((a, b) => a.at - b.at),
    unreadable: perNode.filter((n) => n.unreadable).map((n) => n.node),
  };
}

/** The whole history at once (the live view's replay, topology.get). */
export async function readAddrHistoryOf(lab: LabNodes): Promise<AddrHistory> {
  return completeHistory(lab, await readNodeLogs(lab));
}
