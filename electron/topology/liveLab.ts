// The live view of one running lab: its sources (the engine's container events, a monitor and a reading of
// addresses per running node, the nodes' address logs once, keepalived's states once a second) feed their
// events to the pure reducer of liveState.ts, and every change of the view goes to the watchers, coalesced.
import type { TopologyState } from '../../common/contract.js';
import { stateAfter, watchContainerEvents, type ContainerEvent } from './containerEvents.js';
import { labState, readAddrHistory, readNodeStates, readVrrpRows, vrrpNodes } from './labReadings.js';
import { reduce, view, type LiveEvent, type LiveState } from './liveState.js';
import type { RunningLab } from './manager.js';
import { NodeMonitors } from './nodeMonitors.js';
import { pollVrrp, type VrrpPoller } from './vrrpPoller.js';

export type TopologyListener = (state: TopologyState) => void;

/** Changes that come together (an add and a delete, several nodes) make one update. */
const EMIT_COALESCE_MS = 15;

export class LiveLab {
  private state: LiveState;
  private readonly monitors: NodeMonitors;
  private containerWatch: { stop(): void } | undefined;
  private vrrp: VrrpPoller | undefined;
  private emitTimer: NodeJS.Timeout | undefined;
  /** The last view sent, without its time: an unchanged view is not sent again. */
  private sent = '';
  private stopped = false;

  constructor(
    readonly lab: RunningLab,
    private readonly onUpdate: TopologyListener,
    /** The engine's event stream ended: this view can no longer follow the lab. */
    private readonly onLost: () => void,
    private readonly log: (line: string) => void,
    /** What an earlier view of the same lab knew (the engine restarted under it): the new readings correct it. */
    carried?: LiveState,
  ) {
    this.state = carried ?? labState(lab);
    this.monitors = new NodeMonitors(
      lab,
      (e) => {
        this.dispatch(e);
      },
      (node) => this.state.nodeStates[node] === 'running',
      log,
    );
  }

  /** Subscribes to every source, then reads what they cannot replay: the first view is complete. */
  async start(): Promise<void> {
    this.containerWatch = await watchContainerEvents(
      this.lab.record.instance,
      (e) => {
        this.onContainerEvent(e);
      },
      () => {
        if (!this.stopped) this.onLost();
      },
    );
    this.dispatch(await readNodeStates(this.lab));
    await Promise.all(this.lab.nodes.filter((n) => this.runs(n.name)).map((n) => this.monitors.started(n.name)));
    this.dispatch(await readAddrHistory(this.lab));
    this.vrrp = pollVrrp(
      () =>
        readVrrpRows(
          this.lab,
          vrrpNodes(this.lab).filter((n) => this.runs(n)),
        ),
      (rows) => {
        this.dispatch({ kind: 'vrrp', rows });
      },
      this.log,
    );
    await this.vrrp.first;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.emitTimer);
    this.containerWatch?.stop();
    this.vrrp?.stop();
    await this.monitors.stopAll();
  }

  /** What this view knows, for a view that takes over from it. */
  snapshot(): LiveState {
    return this.state;
  }

  current(): TopologyState {
    return view(this.state, Date.now());
  }

  private runs(node: string): boolean {
    return this.state.nodeStates[node] === 'running';
  }

  private dispatch(event: LiveEvent): void {
    if (this.stopped) return;
    this.state = reduce(this.state, event);
    this.emitSoon();
  }

  private onContainerEvent(e: ContainerEvent): void {
    const state = stateAfter(e.action);
    if (!state) return;
    this.dispatch({ kind: 'nodeState', node: e.node, state, at: e.at });
    if (state === 'running') void this.monitors.started(e.node);
    else if (state !== 'paused') this.monitors.stoppedNode(e.node);
  }

  private emitSoon(): void {
    if (this.emitTimer || this.stopped) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      if (this.stopped) return;
      const next = this.current();
      const key = JSON.stringify({ ...next, at: 0 });
      if (key === this.sent) return;
      this.sent = key;
      this.onUpdate(next);
    }, EMIT_COALESCE_MS);
  }
}
