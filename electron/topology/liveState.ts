// The live topology as a value: a pure reducer over what the sources report, and the one view the UI gets.
// No I/O, no timers, no clock of its own: every event carries its time, so any order of arrival is testable.
//
// Addresses are kept as a history of VIP changes in time order. The current holders are each node's latest
// change; the timeline is read off the same history. The sources overlap on purpose: a node's live monitor
// and its own address log report the same change (each `ip` process stamps it with its own reading of the
// host clock), and a reading of a node's addresses repeats what the changes already said. Repeats need no
// window to be found: a second "added" after an "added" for the same node and VIP changes no state, so the
// view's holders and timeline (which both take the earliest of a repeated change) are the same whichever
// copy arrives first.
import type { NodeInfo, TopologyState } from '../../common/contract.js';
import type { AddrEvent } from '../probes/addrLog.js';
import { buildTimeline, holdersFromEvents } from './vipTimeline.js';

export type VrrpRow = TopologyState['vrrp'][number];
export type NodeBase = Omit<NodeInfo, 'state'>;

/** A node's addresses as read once, some time between `from` and `to` (ms since epoch). */
export interface AddrReading {
  from: number;
  to: number;
  addrs: readonly string[];
}

export interface LiveState {
  readonly lab: string;
  readonly nodes: readonly NodeBase[];
  readonly vips: readonly string[];
  /** Each node's container state as the engine names it (running, exited, paused, ...); absent: missing. */
  readonly nodeStates: Readonly<Record<string, string>>;
  /** Every VIP change known, oldest first. */
  readonly history: readonly AddrEvent[];
  /** Each node's latest address reading: the history is kept in agreement with it. */
  readonly readings: Readonly<Record<string, AddrReading>>;
  readonly vrrp: readonly VrrpRow[];
}

export type LiveEvent =
  /** A listing of the lab's containers: at the start, and again after the engine came back. */
  | { kind: 'nodes'; at: number; states: Readonly<Record<string, string>> }
  /** One state change from the engine's event stream (which delivers them in order). */
  | { kind: 'nodeState'; node: string; state: string; at: number }
  /** Address changes, from a node's live monitor or replayed from its log; either may repeat the other. */
  | { kind: 'addr'; events: readonly AddrEvent[] }
  /** A node's addresses, read while its monitor listened. */
  | ({ kind: 'addrReading'; node: string } & AddrReading)
  /** keepalived's own states, read from the nodes that run. */
  | { kind: 'vrrp'; rows: readonly VrrpRow[] };

/** The history is trimmed beyond this many changes; no current holder is ever lost by trimming. */
export const MAX_HISTORY = 5000;

/** Only a running or paused container has a network namespace, and so addresses. */
const holdsAddresses = (state: string | undefined): boolean => state === 'running' || state === 'paused';

export function initialState(lab: string, nodes: readonly NodeBase[], vips: readonly string[]): LiveState {
  return {
    lab,
    nodes: nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip })),
    vips: [...vips],
    nodeStates: {},
    history: [],
    readings: {},
    vrrp: [],
  };
}

export function reduce(state: LiveState, event: LiveEvent): LiveState {
  switch (event.kind) {
    case 'nodes': {
      const known = state.nodes.map((n) => n.name);
      const nodeStates = Object.fromEntries(known.map((n) => [n, event.states[n] ?? 'missing']));
      const gone = known.filter((n) => !holdsAddresses(nodeStates[n]));
      return agreeWithReadings({ ...state, nodeStates, history: dropAddresses(state, gone, event.at) });
    }
    case 'nodeState': {
      if (!state.nodes.some((n) => n.name === event.node)) return state;
      const nodeStates = { ...state.nodeStates, [event.node]: event.state };
      // A dead node's namespace goes with its addresses, and no "Deleted" line is ever logged: record the loss.
      const history = holdsAddresses(event.state) ? state.history : dropAddresses(state, [event.node], event.at);
      return agreeWithReadings({ ...state, nodeStates, history });
    }
    case 'addr': {
      const mine = event.events.filter((e) => state.vips.includes(e.ip) && state.nodes.some((n) => n.name === e.node));
      if (!mine.length) return state;
      return agreeWithReadings({ ...state, history: trim(mine.reduce(insert, [...state.history])) });
    }
    case 'addrReading': {
      const { node, from, to, addrs } = event;
      const last = state.readings[node];
      if (last && last.to > to) return state; // an older reading that finished late says nothing new
      return agreeWithReadings({ ...state, readings: { ...state.readings, [node]: { from, to, addrs: [...addrs] } } });
    }
    case 'vrrp':
      return { ...state, vrrp: [...event.rows] };
  }
}

/** The topology the UI gets, assembled in this one place. */
export function view(state: LiveState, now: number): TopologyState {
  const nodeState = (node: string): string => state.nodeStates[node] ?? 'missing';
  const holders = holdersFromEvents([...state.history], [...state.vips]);
  return {
    lab: state.lab,
    at: now,
    nodes: state.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, state: nodeState(n.name) })),
    vips: state.vips.map((vip) => ({ vip, holders: [...(holders.get(vip) ?? [])].filter((n) => holdsAddresses(nodeState(n))).sort() })),
    // keepalived's dump of a node that stopped (or froze) since it was read is no longer its state.
    vrrp: state.vrrp.filter((r) => nodeState(r.node) === 'running'),
    timeline: buildTimeline([...state.history], [...state.vips]),
  };
}

/** Whether `node` holds `ip` after the history's changes up to and including time `at`. */
function heldAt(history: readonly AddrEvent[], node: string, ip: string, at: number): boolean {
  let held = false;
  for (const e of history) {
    if (e.at > at) break;
    if (e.node === node && e.ip === ip) held = e.added;
  }
  return held;
}

/** Inserts a change at its time, after changes stamped the same, so "after the last change" holds at its time. */
function insert(history: AddrEvent[], e: AddrEvent): AddrEvent[] {
  let i = history.length;
  while (i > 0 && (history[i - 1]?.at ?? 0) > e.at) i--;
  // The very same reading twice (a source replayed) is kept once.
  for (let j = i - 1; j >= 0 && history[j]?.at === e.at; j--) {
    const x = history[j];
    if (x && x.node === e.node && x.ip === e.ip && x.added === e.added) return history;
  }
  history.splice(i, 0, { ...e });
  return history;
}

/** Removals at `at` of every VIP these nodes hold: their addresses went with their namespace. */
function dropAddresses(state: LiveState, nodes: readonly string[], at: number): readonly AddrEvent[] {
  const losses = nodes.flatMap((node) => state.vips.filter((ip) => heldAt(state.history, node, ip, Infinity)).map((ip) => ({ node, ip, at, added: false })));
  return losses.length ? trim(losses.reduce(insert, [...state.history])) : state.history;
}

/**
 * Makes the history agree with each node's latest reading: the reading saw the node's addresses at some
 * moment between its `from` and `to`, so for every VIP the history must show that state at some moment of
 * the same span. When it does not, a change happened that no source reported (before a monitor listened,
 * say, and outside the node's log): it is recorded at `to`, as seen then. A late report of the real change,
 * stamped earlier, then comes first in the history and its stamp is the one the view uses.
 */
function agreeWithReadings(state: LiveState): LiveState {
  const missing: AddrEvent[] = [];
  for (const [node, reading] of Object.entries(state.readings)) {
    for (const ip of state.vips) {
      const seen = reading.addrs.includes(ip);
      let held = heldAt(state.history, node, ip, reading.from);
      let agrees = held === seen;
      for (const e of state.history) {
        if (agrees || e.at > reading.to) break;
        if (e.at <= reading.from || e.node !== node || e.ip !== ip) continue;
        held = e.added;
        agrees = held === seen;
      }
      if (!agrees) missing.push({ node, ip, at: reading.to, added: seen });
    }
  }
  return missing.length ? { ...state, history: trim(missing.reduce(insert, [...state.history])) } : state;
}

/**
 * Bounds the history. First repeats go (a change equal to the same node's previous one for that VIP changes
 * nothing the view shows), then the oldest changes that a later change of the same node and VIP overrides.
 */
function trim(history: AddrEvent[]): AddrEvent[] {
  if (history.length <= MAX_HISTORY) return history;
  const last = new Map<string, boolean>();
  let out = history.filter((e) => {
    const key = `${e.node} ${e.ip}`;
    const repeat = last.get(key) === e.added;
    last.set(key, e.added);
    return !repeat;
  });
  let excess = out.length - MAX_HISTORY;
  if (excess > 0) {
    const latest = new Map(out.map((e, i) => [`${e.node} ${e.ip}`, i]));
    out = out.filter((e, i) => {
      if (excess <= 0 || latest.get(`${e.node} ${e.ip}`) === i) return true;
      excess--;
      return false;
    });
  }
  return out;
}
