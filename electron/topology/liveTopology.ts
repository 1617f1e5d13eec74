// The lab's topology as it changes, for the UI's network view: who holds each VIP, VRRP states, node states
// and a timeline of VIP moves with their gaps. Event-driven where the system allows it:
//   - addresses: a long-running `ip -ts -o monitor address` stream in every node (parsed line by line);
//   - container states: the engine's event stream for the lab's containers;
//   - VRRP states: keepalived's JSON dump, read at most once a second (keepalived offers no event stream).
// Streams run only while someone watches the lab; the last watcher leaving stops them all.
import type { TopologyState, NodeInfo } from '../../common/contract.js';
import { execIn } from '../docker/exec.js';
import { findPack } from '../labs/catalog.js';
import { loadPack } from '../labs/loadPack.js';
import { ADDR_LOG, parseAddrLog, type AddrEvent } from '../probes/addrLog.js';
import { parseIpAddrJson } from '../probes/addresses.js';
import { readVrrp } from '../probes/vrrp.js';
import { errorMessage } from '../util/errors.js';
import { loadInstance } from './instances.js';
import { labView, nodeStatuses, type RunningLab } from './manager.js';
import { startAddrMonitor, type AddrMonitor } from './addrMonitor.js';
import { stateAfter, watchContainerEvents, type ContainerEvent } from './containerEvents.js';
import { buildTimeline, holdersFromEvents } from './vipTimeline.js';

export type TopologyListener = (state: TopologyState) => void;
type Log = (line: string) => void;

const VRRP_POLL_MS = 1000;
const EMIT_COALESCE_MS = 15;
const MAX_EVENTS = 5000;
/** Two readings of one change (the node's log and our monitor) differ by up to a few tens of ms under load. */
const SAME_EVENT_MS = 30;

/** Nodes that may run keepalived: load balancers and any node the pack starts it on. */
const vrrpNodes = (view: RunningLab): string[] => view.nodes.filter((n) => n.role === 'lb' || n.services.includes('keepalived')).map((n) => n.name);

async function readAddrHistory(view: RunningLab): Promise<AddrEvent[]> {
  const perNode = await Promise.all(
    view.nodes.map(async (n) => {
      const res = await execIn(view.container(n.name), ['tail', '-n', '2000', ADDR_LOG], { timeoutMs: 3000 }).catch(() => undefined);
      return res?.exitCode === 0 ? parseAddrLog(n.name, res.stdout) : [];
    }),
  );
  return perNode.flat().sort((a, b) => a.at - b.at);
}

async function readNodeAddresses(view: RunningLab, node: string): Promise<Set<string>> {
  const res = await execIn(view.container(node), ['ip', '-j', '-4', 'addr', 'show'], { timeoutMs: 3000 });
  return new Set(res.exitCode === 0 ? parseIpAddrJson(res.stdout) : []);
}

async function readVrrpRows(view: RunningLab, nodes: string[]): Promise<TopologyState['vrrp']> {
  const rows = await Promise.all(
    nodes.map(async (node) => {
      const reading = await readVrrp(view.container(node));
      return reading.ok ? reading.instances.map((i) => ({ node, instance: i.name, state: i.state, priority: i.effectivePriority })) : [];
    }),
  );
  return rows.flat();
}

/** The live view of one running lab. */
class LiveTopology {
  private readonly vips: string[];
  private events: AddrEvent[] = [];
  private readonly addrs = new Map<string, Set<string>>();
  private readonly nodeState = new Map<string, string>();
  private vrrp: TopologyState['vrrp'] = [];
  private readonly monitors = new Map<string, AddrMonitor>();
  /** Events that arrive while a node's snapshot is being read are replayed on top of it. */
  private readonly buffering = new Map<string, AddrEvent[]>();
  private containerWatch: { stop(): void } | undefined;
  private vrrpTimer: NodeJS.Timeout | undefined;
  private emitTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Until the nodes' logs are read, a node's snapshot cannot be checked against its history. */
  private historyRead = false;

  constructor(
    readonly view: RunningLab,
    private readonly onUpdate: TopologyListener,
    private readonly onLost: () => void,
    private readonly log: Log,
  ) {
    this.vips = view.pack.manifest.topology.vips;
  }

  async start(): Promise<void> {
    this.containerWatch = await watchContainerEvents(
      this.view.record.instance,
      (e) => { this.onContainerEvent(e); },
      () => { if (!this.stopped) this.onLost(); },
    );
    for (const s of await nodeStatuses(this.view)) this.nodeState.set(s.node, s.state);
    await Promise.all(this.view.nodes.filter((n) => this.nodeState.get(n.name) === 'running').map((n) => this.attach(n.name)));
    // The logs cover what happened before our monitors listened; after that, the monitors' readings count.
    const history = await readAddrHistory(this.view);
    this.addEvents(history.filter((e) => e.at < (this.monitors.get(e.node)?.since ?? Infinity)));
    this.historyRead = true;
    this.reconcile(this.view.nodes.map((n) => n.name));
    await this.pollVrrp();
    this.emitSoon();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.vrrpTimer);
    clearTimeout(this.emitTimer);
    this.containerWatch?.stop();
    const monitors = [...this.monitors.values()];
    this.monitors.clear();
    await Promise.all(monitors.map((m) => m.stop()));
  }

  state(): TopologyState {
    const nodes: NodeInfo[] = this.view.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, state: this.nodeState.get(n.name) ?? 'missing' }));
    const vips = this.vips.map((vip) => ({
      vip,
      holders: [...this.addrs.entries()].filter(([, ips]) => ips.has(vip)).map(([node]) => node).sort(),
    }));
    return { lab: this.view.record.lab, at: Date.now(), nodes, vips, vrrp: this.vrrp, timeline: buildTimeline(this.events, this.vips) };
  }

  /** Subscribes to the node's address events first, then reads its addresses: no change falls in between. */
  private async attach(node: string): Promise<void> {
    if (this.stopped || this.monitors.has(node)) return;
    this.buffering.set(node, []);
    try {
      const monitor = await startAddrMonitor(
        this.view.container(node),
        node,
        (events) => { this.onAddrEvents(node, events); },
        () => { this.onMonitorEnd(node); },
      );
      if (this.stopped) {
        await monitor.stop();
        return;
      }
      this.monitors.set(node, monitor);
      const snapshot = await readNodeAddresses(this.view, node);
      for (const e of this.buffering.get(node) ?? []) this.apply(snapshot, e);
      this.addrs.set(node, snapshot);
      if (this.historyRead) this.reconcile([node]);
    } catch (err) {
      this.log(`[topology] watching ${node} failed: ${errorMessage(err)}`);
      // A node caught mid-start (or a loaded engine) refuses the exec once: try again while it runs.
      this.retryAttach(node);
    } finally {
      this.buffering.delete(node);
    }
    this.emitSoon();
  }

  private retryAttach(node: string): void {
    setTimeout(() => {
      if (!this.stopped && this.nodeState.get(node) === 'running' && !this.monitors.has(node)) void this.attach(node);
    }, 1000).unref();
  }

  private apply(set: Set<string>, e: AddrEvent): void {
    if (e.added) set.add(e.ip);
    else set.delete(e.ip);
  }

  private onAddrEvents(node: string, events: AddrEvent[]): void {
    const pending = this.buffering.get(node);
    if (pending) pending.push(...events);
    else {
      const set = this.addrs.get(node) ?? new Set<string>();
      for (const e of events) this.apply(set, e);
      this.addrs.set(node, set);
    }
    this.addEvents(events);
    if (events.some((e) => this.vips.includes(e.ip))) this.emitSoon();
  }

  /**
   * Makes the event history agree with what the nodes were last seen holding: a change that happened while
   * no monitor listened (before the watch, between a node's restart and its new monitor) and that the
   * node's own log does not show either is recorded as seen now.
   */
  private reconcile(nodes: string[]): void {
    const fromEvents = holdersFromEvents(this.events, this.vips);
    const now = Date.now();
    const missing: AddrEvent[] = [];
    for (const node of nodes) {
      const held = this.addrs.get(node) ?? new Set<string>();
      for (const vip of this.vips) {
        const logged = fromEvents.get(vip)?.has(node) ?? false;
        if (held.has(vip) !== logged) missing.push({ node, at: now, ip: vip, added: held.has(vip) });
      }
    }
    if (missing.length) this.addEvents(missing);
  }

  /**
   * Keeps VIP events in time order, without duplicates: the node's log and our live monitor are two `ip`
   * processes that stamp the same change each with its own clock reading, up to a few tens of ms apart.
   */
  private addEvents(events: AddrEvent[]): void {
    let added = false;
    for (const e of events) {
      if (!this.vips.includes(e.ip)) continue;
      const twin = this.events.some((x) => x.node === e.node && x.ip === e.ip && x.added === e.added && Math.abs(x.at - e.at) <= SAME_EVENT_MS);
      if (twin) continue;
      this.events.push(e);
      added = true;
    }
    if (!added) return;
    this.events.sort((a, b) => a.at - b.at);
    if (this.events.length > MAX_EVENTS) this.events = this.events.slice(-MAX_EVENTS);
  }

  private onContainerEvent(e: ContainerEvent): void {
    const state = stateAfter(e.action);
    if (!state || this.stopped) return;
    this.nodeState.set(e.node, state);
    if (state === 'running') void this.attach(e.node);
    if (state === 'exited' || state === 'missing') {
      // A dead node's namespace is gone with its addresses, and no "Deleted" line is ever logged: record the loss.
      const held = [...(this.addrs.get(e.node) ?? [])].filter((ip) => this.vips.includes(ip));
      this.addEvents(held.map((ip) => ({ node: e.node, at: e.at, ip, added: false })));
      this.addrs.set(e.node, new Set());
      const monitor = this.monitors.get(e.node);
      this.monitors.delete(e.node);
      void monitor?.stop();
    }
    this.emitSoon();
  }

  private onMonitorEnd(node: string): void {
    this.monitors.delete(node);
    if (this.stopped) return;
    // The stream also ends when the node stops; its die event says so. If it still runs, watch it again.
    this.retryAttach(node);
  }

  private async pollVrrp(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      const nodes = vrrpNodes(this.view).filter((n) => this.nodeState.get(n) === 'running');
      // Bounded: a reading that hangs (a node caught mid-restart) must not stop the polling for good.
      let timer: NodeJS.Timeout | undefined;
      const rows = await Promise.race([
        readVrrpRows(this.view, nodes),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => { reject(new Error('no answer within 5 s')); }, 5000);
        }),
      ]).finally(() => { clearTimeout(timer); });
      if (JSON.stringify(rows) !== JSON.stringify(this.vrrp)) {
        this.vrrp = rows;
        this.emitSoon();
      }
    } catch (err) {
      this.log(`[topology] VRRP reading failed: ${errorMessage(err)}`);
    }
    if (this.stopped) return;
    this.vrrpTimer = setTimeout(() => void this.pollVrrp(), Math.max(0, VRRP_POLL_MS - (Date.now() - started)));
    this.vrrpTimer.unref();
  }

  /** Changes that come together (an add and a delete, several nodes) make one update. */
  private emitSoon(): void {
    if (this.emitTimer || this.stopped) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      if (!this.stopped) this.onUpdate(this.state());
    }, EMIT_COALESCE_MS);
  }
}

/** What the UI sees of a lab that does not run: its nodes, all missing. */
async function notRunningState(lab: string): Promise<TopologyState> {
  const m = (await findPack(lab)).manifest;
  return {
    lab,
    at: Date.now(),
    nodes: m.topology.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, state: 'missing' })),
    vips: m.topology.vips.map((vip) => ({ vip, holders: [] })),
    vrrp: [],
    timeline: [],
  };
}

async function runningView(lab: string): Promise<RunningLab | undefined> {
  const rec = await loadInstance(lab);
  if (rec?.state !== 'up') return undefined;
  return labView(rec, await loadPack(rec.packDir));
}

/** One reading of everything, for topology.get when nobody watches. */
export async function readTopologyOnce(lab: string): Promise<TopologyState> {
  const view = await runningView(lab);
  if (!view) return notRunningState(lab);
  const statuses = await nodeStatuses(view);
  const running = statuses.filter((s) => s.state === 'running').map((s) => s.node);
  const [addrs, vrrp, history] = await Promise.all([
    Promise.all(running.map(async (node) => [node, await readNodeAddresses(view, node).catch(() => new Set<string>())] as const)),
    readVrrpRows(view, vrrpNodes(view).filter((n) => running.includes(n))),
    readAddrHistory(view),
  ]);
  const vips = view.pack.manifest.topology.vips;
  return {
    lab,
    at: Date.now(),
    nodes: view.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, state: statuses.find((s) => s.node === n.name)?.state ?? 'missing' })),
    vips: vips.map((vip) => ({ vip, holders: addrs.filter(([, ips]) => ips.has(vip)).map(([node]) => node).sort() })),
    vrrp,
    timeline: buildTimeline(history.filter((e) => vips.includes(e.ip)), vips),
  };
}

interface LabWatch {
  watchers: Map<string, TopologyListener>;
  live?: LiveTopology;
  starting?: Promise<void>;
  retryMs: number;
  retryTimer?: NodeJS.Timeout;
}

/** The watchers of every lab, and the live view each watched, running lab has. */
export class TopologyHub {
  private readonly labs = new Map<string, LabWatch>();

  constructor(private readonly log: Log = (line) => void process.stderr.write(`${line}\n`)) {}

  /** Adds a watcher (one per session and lab) and sends it the current state at once. */
  async watch(lab: string, session: string, listener: TopologyListener): Promise<void> {
    let w = this.labs.get(lab);
    if (!w) {
      w = { watchers: new Map(), retryMs: 1000 };
      this.labs.set(lab, w);
    }
    w.watchers.set(session, listener);
    await this.ensureLive(lab).catch((err: unknown) => { this.retryLater(lab, err); });
    try {
      listener(w.live ? w.live.state() : await readTopologyOnce(lab));
    } catch (err) {
      await this.unwatch(lab, session);
      throw err;
    }
  }

  async unwatch(lab: string, session: string): Promise<void> {
    const w = this.labs.get(lab);
    if (!w) return;
    w.watchers.delete(session);
    if (w.watchers.size === 0) await this.stopLab(lab);
  }

  async unwatchSession(session: string): Promise<void> {
    await Promise.all([...this.labs.keys()].map((lab) => this.unwatch(lab, session)));
  }

  async get(lab: string): Promise<TopologyState> {
    const live = this.labs.get(lab)?.live;
    return live ? live.state() : readTopologyOnce(lab);
  }

  watching(lab: string): number {
    return this.labs.get(lab)?.watchers.size ?? 0;
  }

  /** A lab came up: start its live view if someone is waiting for it. */
  labStarted(lab: string): void {
    if (this.watching(lab)) void this.ensureLive(lab).catch((err: unknown) => { this.retryLater(lab, err); });
  }

  /** A lab is going down: stop its streams first, then tell the watchers it no longer runs. */
  async labStopped(lab: string): Promise<void> {
    const w = this.labs.get(lab);
    if (!w) return;
    clearTimeout(w.retryTimer);
    w.retryTimer = undefined;
    await w.starting?.catch(() => undefined);
    const live = w.live;
    w.live = undefined;
    await live?.stop();
    if (w.watchers.size) {
      const state = await notRunningState(lab).catch(() => undefined);
      if (state) for (const l of w.watchers.values()) l(state);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.labs.keys()].map((lab) => this.stopLab(lab)));
  }

  private async stopLab(lab: string): Promise<void> {
    const w = this.labs.get(lab);
    if (!w) return;
    this.labs.delete(lab);
    clearTimeout(w.retryTimer);
    await w.starting?.catch(() => undefined);
    await w.live?.stop();
  }

  private ensureLive(lab: string): Promise<void> {
    const w = this.labs.get(lab);
    if (!w || w.live) return Promise.resolve();
    w.starting ??= (async () => {
      try {
        const view = await runningView(lab);
        if (!view || this.labs.get(lab) !== w || w.watchers.size === 0) return;
        const live = new LiveTopology(
          view,
          (state) => { for (const l of w.watchers.values()) l(state); },
          () => { this.revive(lab, live); },
          this.log,
        );
        w.live = live;
        try {
          await live.start();
          w.retryMs = 1000;
        } catch (err) {
          w.live = undefined;
          await live.stop();
          throw err;
        }
      } finally {
        w.starting = undefined;
      }
    })();
    return w.starting;
  }

  /** The engine's event stream ended (Docker restarted?): rebuild the live view. */
  private revive(lab: string, dead: LiveTopology): void {
    const w = this.labs.get(lab);
    if (!w || w.live !== dead) return;
    w.live = undefined;
    void dead.stop();
    this.retryLater(lab, new Error('the engine closed its event stream'));
  }

  /** Tries to start the live view again after a delay that doubles up to 30 s, while someone watches. */
  private retryLater(lab: string, why: unknown): void {
    const w = this.labs.get(lab);
    if (!w || w.retryTimer) return;
    this.log(`[topology] ${lab}: ${errorMessage(why)}; next try in ${w.retryMs / 1000} s`);
    w.retryTimer = setTimeout(() => {
      w.retryTimer = undefined;
      if (this.labs.get(lab) !== w || w.watchers.size === 0) return;
      this.ensureLive(lab).catch((err: unknown) => { this.retryLater(lab, err); });
    }, w.retryMs);
    w.retryTimer.unref();
    w.retryMs = Math.min(w.retryMs * 2, 30_000);
  }
}

/** The process-wide hub the API handlers use. */
export const topologyHub = new TopologyHub();
