// The address history of a lab's nodes as far as it can be known: each node's own log (addrLog.ts) and the
// addresses a node lost when it died. A node that loses power (kill_node, a crash) logs no "Deleted" line: its
// network namespace, and the monitor that would have logged the loss, go in the same instant. The engine keeps
// when the container stopped, and its log stays readable from the stopped container: together they say what
// left the wire, and when.
import type { LabNodes } from './labNodes.js';
import { ADDR_LOG, parseAddrLog, type AddrEvent } from './addrLog.js';
import { probeIn } from '../runtime/execBatch.js';
import type { ContainerState } from '../runtime/containerRuntime.js';

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

/**
 * A holder's monitor writes the line of an arrival a moment after the kernel shows the address, and a busy
 * machine can stretch that moment: the line is waited for this long before the arrival counts as unlogged.
 */
const ARRIVAL_LINE_WAIT_MS = 3000;
const ARRIVAL_LINE_POLL_MS = 100;

async function readNodeLog(lab: LabNodes, node: string): Promise<NodeLog> {
  const res = await probeIn(lab.container(node), ['tail', '-n', String(LOG_LINES), ADDR_LOG], { timeoutMs: 3000 }).catch(() => undefined);
  return { node, events: res?.exitCode === 0 ? parseAddrLog(node, res.stdout) : undefined };
}

/** The nodes' logs, read the way readings are (batched with the other readings of the same turn). */
export async function readNodeLogs(lab: LabNodes): Promise<NodeLog[]> {
  return Promise.all(lab.nodes.map(({ name }) => readNodeLog(lab, name)));
}

/**
 * The logs, with the arrival of `ip` on `holder` (which holds it now) in the holder's log: read together with the
 * addresses, the log may predate the line. Its last change of `ip` must then be an addition; until it is (at
 * most ARRIVAL_LINE_WAIT_MS), the holder's log is read again.
 */
export async function withArrivalLogged(lab: LabNodes, logs: readonly NodeLog[], holder: string, ip: string): Promise<NodeLog[]> {
  const logged = (log: NodeLog | undefined): boolean => log?.events === undefined || log.events.filter((e) => e.ip === ip).at(-1)?.added === true;
  let log = logs.find((l) => l.node === holder);
  const deadline = Date.now() + ARRIVAL_LINE_WAIT_MS;
  while (!logged(log) && Date.now() + ARRIVAL_LINE_POLL_MS < deadline) {
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_LINE_POLL_MS));
    log = await readNodeLog(lab, holder);
  }
  return logs.map((l) => (l.node === holder && log ? log : l));
}

/** Removals, at the moment the node died, of every address its log shows it holding then. */
export function lossesAtDeath(events: readonly AddrEvent[], node: string, diedAt: number): AddrEvent[] {
  const held = new Map<string, boolean>();
  for (const e of events) if (e.node === node && e.at <= diedAt) held.set(e.ip, e.added);
  return [...held].filter(([, isHeld]) => isHeld).map(([ip]) => ({ node, ip, at: diedAt, added: false, atDeath: true }));
}

/** When the container last stopped (Docker keeps it after a restart), or undefined when it never did. */
async function lastDeath(lab: LabNodes, node: string): Promise<{ diedAt?: number; running: boolean } | undefined> {
  let state: ContainerState | undefined;
  try {
    state = await lab.container(node).inspect();
  } catch {
    return undefined; // unknown: the log alone tells
  }
  if (!state) return undefined;
  const diedAt = state.finishedAt ? Date.parse(state.finishedAt) : NaN;
  return { running: state.running, ...(diedAt > 0 ? { diedAt } : {}) };
}

/** A stopped node's log, read out of the container without running anything in it. */
async function stoppedNodeLog(lab: LabNodes, node: string): Promise<AddrEvent[] | undefined> {
  let content: Buffer | undefined;
  try {
    content = await lab.container(node).readFile?.(ADDR_LOG, STOPPED_LOG_MAX_BYTES);
  } catch {
    return undefined;
  }
  // The same window as a running node's `tail`: the last LOG_LINES lines (and the empty one after the last newline).
  const lastLines = content
    ?.toString('utf8')
    .split('\n')
    .slice(-LOG_LINES - 1);
  return lastLines ? parseAddrLog(node, lastLines.join('\n')) : undefined;
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
