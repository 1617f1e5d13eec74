// The address source of a live lab: one `ip monitor` per running node, each followed by a reading of the
// node's addresses, both fed to the live state as events. A node caught mid-start (or a loaded engine) can
// refuse the exec once, and a monitor ends when its node stops: while the node runs, it is watched again.
import { errorMessage } from '../util/errors.js';
import { startAddrMonitor, type AddrMonitor } from './addrMonitor.js';
import { readAddrReading } from './labReadings.js';
import type { LiveEvent } from './liveState.js';
import type { RunningLab } from './manager.js';

const RETRY_MS = 1000;
/** Tries per boot of a node before giving up on it (its next start tries again). */
const MAX_TRIES = 30;

export class NodeMonitors {
  private readonly live = new Map<string, AddrMonitor>();
  private readonly attaching = new Set<string>();
  private readonly tries = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly lab: RunningLab,
    private readonly dispatch: (e: LiveEvent) => void,
    /** Whether the node runs as far as the live state knows: only a running node is watched. */
    private readonly runs: (node: string) => boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** The node (re)started: watch it, with a fresh count of tries. */
  started(node: string): Promise<void> {
    this.tries.delete(node);
    return this.watch(node);
  }

  /** The node stopped: its monitor ended or will; nothing to read until it runs again. */
  stoppedNode(node: string): void {
    clearTimeout(this.timers.get(node));
    this.timers.delete(node);
    const monitor = this.live.get(node);
    this.live.delete(node);
    void monitor?.stop();
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const monitors = [...this.live.values()];
    this.live.clear();
    await Promise.all(monitors.map((m) => m.stop()));
  }

  /** Subscribes to the node's address changes first, then reads its addresses: no change falls in between. */
  private async watch(node: string): Promise<void> {
    if (this.stopped || this.live.has(node) || this.attaching.has(node)) return;
    this.attaching.add(node);
    let monitor: AddrMonitor | undefined;
    try {
      monitor = await startAddrMonitor(this.lab.container(node), node, (events) => {
        this.dispatch({ kind: 'addr', events });
      });
      if (this.stopped) {
        await monitor.stop();
        return;
      }
      const mine = monitor;
      this.live.set(node, mine);
      void mine.ended.then(() => {
        this.ended(node, mine);
      });
      this.dispatch(await readAddrReading(this.lab, node));
      this.tries.delete(node);
    } catch (err) {
      if (monitor && this.live.get(node) === monitor) this.stoppedNode(node);
      this.log(`[topology] watching ${node} failed: ${errorMessage(err)}`);
      this.retry(node);
    } finally {
      this.attaching.delete(node);
    }
  }

  /** A monitor's stream ended: if the node still runs (the engine dropped the exec), watch it again. */
  private ended(node: string, monitor: AddrMonitor): void {
    if (this.live.get(node) !== monitor) return;
    this.live.delete(node);
    this.retry(node);
  }

  private retry(node: string): void {
    if (this.stopped || this.timers.has(node) || !this.runs(node)) return;
    const tries = (this.tries.get(node) ?? 0) + 1;
    this.tries.set(node, tries);
    if (tries > MAX_TRIES) {
      this.log(`[topology] giving up watching ${node} after ${MAX_TRIES} tries; its next start tries again`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(node);
      if (!this.stopped && this.runs(node)) void this.watch(node);
    }, RETRY_MS);
    timer.unref();
    this.timers.set(node, timer);
  }
}
