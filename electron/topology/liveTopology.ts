// The lab's topology as it changes, for the UI's network view: who holds each VIP, VRRP states, node states
// and a timeline of VIP moves with their gaps. The state is a pure reducer over events (liveState.ts) fed by
// small sources (liveLab.ts and what it starts); this hub owns the watchers: the live view of a lab runs only
// while someone watches it, is rebuilt with a growing delay when the engine drops it, and stops with the last
// watcher.
import type { TopologyState } from '../../common/contract.js';
import { errorMessage } from '../util/errors.js';
import { notRunningTopology, readTopologyOnce, runningLab } from './labReadings.js';
import { LiveLab, type TopologyListener } from './liveLab.js';
import type { LiveState } from './liveState.js';

export type { TopologyListener } from './liveLab.js';
export { readTopologyOnce } from './labReadings.js';

type Log = (line: string) => void;

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

interface LabWatch {
  watchers: Map<string, TopologyListener>;
  live?: LiveLab;
  starting?: Promise<void>;
  /** What the last view knew when the engine dropped it, for the next one (same instance only). */
  carried?: { createdAt: string; state: LiveState };
  retryMs: number;
  retryTimer?: NodeJS.Timeout;
}

/** The watchers of every lab, and the live view each watched, running lab has. */
export class TopologyHub {
  private readonly labs = new Map<string, LabWatch>();

  constructor(private readonly log: Log = (line) => void process.stderr.write(`${line}\n`)) {}

  /** Adds a watcher (one per session and lab) and sends it the current state at once. `labId` as in get(). */
  async watch(lab: string, session: string, listener: TopologyListener, labId = lab): Promise<void> {
    let w = this.labs.get(lab);
    if (!w) {
      w = { watchers: new Map(), retryMs: FIRST_RETRY_MS };
      this.labs.set(lab, w);
    }
    w.watchers.set(session, listener);
    await this.ensureLive(lab).catch((err: unknown) => {
      this.retryLater(lab, err);
    });
    try {
      listener(w.live ? w.live.current() : await readTopologyOnce(lab, labId));
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

  /** `lab` is the instance; `labId` the pack it runs, when the instance is named otherwise (a class's learner). */
  async get(lab: string, labId = lab): Promise<TopologyState> {
    const live = this.labs.get(lab)?.live;
    return live ? live.current() : readTopologyOnce(lab, labId);
  }

  watching(lab: string): number {
    return this.labs.get(lab)?.watchers.size ?? 0;
  }

  /** A lab came up: start its live view if someone is waiting for it. */
  labStarted(lab: string): void {
    if (this.watching(lab))
      void this.ensureLive(lab).catch((err: unknown) => {
        this.retryLater(lab, err);
      });
  }

  /** A lab is going down: stop its streams first, then tell the watchers it no longer runs. */
  async labStopped(lab: string): Promise<void> {
    const w = this.labs.get(lab);
    if (!w) return;
    clearTimeout(w.retryTimer);
    w.retryTimer = undefined;
    w.carried = undefined;
    await w.starting?.catch(() => undefined);
    const live = w.live;
    w.live = undefined;
    await live?.stop();
    if (w.watchers.size) {
      const state = await notRunningTopology(lab).catch(() => undefined);
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
        const running = await runningLab(lab);
        if (!running || this.labs.get(lab) !== w || w.watchers.size === 0) return;
        const carried = w.carried?.createdAt === running.record.createdAt ? w.carried.state : undefined;
        const live = new LiveLab(
          running,
          (state) => {
            for (const l of w.watchers.values()) l(state);
          },
          () => {
            this.revive(lab, live);
          },
          this.log,
          carried,
        );
        w.live = live;
        try {
          await live.start();
          w.retryMs = FIRST_RETRY_MS;
          w.carried = undefined;
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

  /** The engine's event stream ended (Docker restarted?): rebuild the live view, keeping what it knew. */
  private revive(lab: string, dead: LiveLab): void {
    const w = this.labs.get(lab);
    if (!w || w.live !== dead) return;
    w.live = undefined;
    w.carried = { createdAt: dead.lab.record.createdAt, state: dead.snapshot() };
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
      this.ensureLive(lab).catch((err: unknown) => {
        this.retryLater(lab, err);
      });
    }, w.retryMs);
    w.retryTimer.unref();
    w.retryMs = Math.min(w.retryMs * 2, MAX_RETRY_MS);
  }
}

/** The process-wide hub the API handlers use. */
export const topologyHub = new TopologyHub();
