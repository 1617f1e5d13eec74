// The class's share of the machine: which learners' labs run, how much they use, who waits for a place,
// and which labs nobody has touched for a while. A start beyond the machine's capacity is refused with a
// place in the queue, and the lab starts by itself when a place frees; an idle lab is suspended (its
// files and the learner's progress stay) and resumes when its learner starts it again.
import type { LearnerScope } from '../core/learnerScope.js';
import { runningLab } from '../core/labAccess.js';
import { startLab } from '../core/lifecycle.js';
import { isSuspended, suspendLab } from '../core/suspend.js';
import { listInstances, loadInstance } from '../topology/instances.js';
import type { EnginePool } from '../runtime/dockerEnginePool.js';
import { UserError, errorMessage } from '../util/errors.js';
import { availableBytes, capacityOf, hostCores, readLabCgroups, type LabUse } from './capacity.js';
import { chooseEngine, engineLoads, type EngineLoad } from './enginePlacement.js';

export interface ClassLoadOptions {
  /** A lab with no terminal input, check or other call for this long is suspended. */
  idleMs: number;
  /** How often usage is measured and idle labs looked for. */
  sweepMs: number;
  /** Told when a learner's lab started from the queue. */
  onLabChanged: (scope: LearnerScope, lab: string, running: boolean) => void;
  /** Told when a lab was suspended for idleness. */
  onSuspended: (instance: string) => void;
  log: (line: string) => void;
  /** Learner ids are the instance prefixes this class owns. */
  learnerIds: () => readonly string[];
  /** The instructor's cap on labs running at once, below the machine's capacity. */
  maxLabs?: number;
  /** The class's engines, when it has several: each lab is placed whole on one of them. */
  pool?: EnginePool;
  /** Told when a lab was given its engine (it is about to start there). */
  onPlaced?: (instance: string, engine: string) => void;
}

interface Waiting {
  scope: LearnerScope;
  lab: string;
  /** What the learner asked for (a start, a resume, a start from a step), done when their turn comes. */
  begin?: () => Promise<unknown>;
}

export class ClassLoad {
  private readonly activity = new Map<string, number>();
  private readonly uses = new Map<string, LabUse & { cpuNs: number; at: number }>();
  private readonly queue: Waiting[] = [];
  private readonly suspended = new Set<string>();
  /** Labs admitted and still starting: counted before their record says so. */
  private readonly reserved = new Set<string>();
  /** Admissions one at a time: two starts at once must never both take the last free place. */
  private gate: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private cachedAvailable = Number.POSITIVE_INFINITY;

  constructor(private readonly opts: ClassLoadOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.opts.sweepMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Suspended here, or found with every node stopped (a suspension before the server restarted). */
  isSuspended(instance: string): boolean {
    return this.suspended.has(instance);
  }

  /** The learner did something in this lab. */
  touch(instance: string): void {
    this.activity.set(instance, Date.now());
  }

  /** The learners' labs that run or are starting now, suspended ones left out. */
  async runningInstances(): Promise<string[]> {
    const ids = this.opts.learnerIds();
    const mine = (await listInstances()).filter((r) => ids.some((id) => r.instance.startsWith(`${id}-`)));
    const live = new Set([...mine.map((r) => r.instance), ...this.reserved]);
    return [...live].filter((i) => !this.suspended.has(i));
  }

  /** Every lab of one learner that exists or is being started, suspended ones included. */
  async labsOf(learnerId: string): Promise<string[]> {
    const prefix = `${learnerId}-`;
    const records = (await listInstances()).map((r) => r.instance).filter((i) => i.startsWith(prefix));
    return [...new Set([...records, ...[...this.reserved].filter((i) => i.startsWith(prefix))])];
  }

  /** A start that admit() let through has ended, started or not: its record (or its absence) counts now. */
  started(instance: string): void {
    this.reserved.delete(instance);
  }

  /** The lab runs again (a reset or a start from a step rebuilt it): it is no longer suspended. */
  running(instance: string): void {
    this.suspended.delete(instance);
  }

  /**
   * What the class holds, and what runs now (leaving out `except`, a lab about to start or resume); with
   * several engines, each engine's share too.
   */
  async capacity(except?: string): Promise<{ capacity: number; running: number; engines?: EngineLoad[] }> {
    const runningNow = (await this.runningInstances()).filter((i) => i !== except);
    const running = runningNow.length;
    if (!Number.isFinite(this.cachedAvailable)) this.cachedAvailable = await availableBytes();
    const uses = [...this.uses.values()];
    const { pool } = this.opts;
    const onThisMachine = pool ? runningNow.filter((i) => pool.engine(pool.placementOf(i) ?? '')?.config.host.startsWith('unix://')).length : running;
    const machine = capacityOf({ availableBytes: this.cachedAvailable, cores: hostCores(), running: onThisMachine, uses });
    if (!pool) return { capacity: Math.min(machine, this.opts.maxLabs ?? machine), running };
    const engines = await engineLoads({ pool, running: runningNow, localCapacity: machine, uses });
    const total = engines.reduce((sum, e) => sum + e.capacity, 0);
    return { capacity: Math.min(total, this.opts.maxLabs ?? total), running, engines };
  }

  /**
   * The engine a lab may start on now, or undefined when none has room. A lab that exists (suspended)
   * resumes where its containers are; a new one goes to the emptiest engine. Without engines: "" (the one).
   */
  private async engineFor(instance: string, engines: EngineLoad[] | undefined): Promise<string | undefined> {
    const { pool } = this.opts;
    if (!pool || !engines) return '';
    const exists = (await loadInstance(instance)) !== undefined;
    if (!exists) pool.forget(instance);
    return chooseEngine(engines, exists ? pool.placementOf(instance) : undefined);
  }

  /** Holds a place for a lab about to start on `engine`. */
  private reserve(instance: string, engine: string): void {
    this.suspended.delete(instance);
    this.reserved.add(instance);
    if (!engine) return;
    this.opts.pool?.place(instance, engine);
    this.opts.onPlaced?.(instance, engine);
  }

  /** The lab's engine was lost: what was known of it goes (its learner starts it again, placed anew). */
  forgetLab(instance: string): void {
    this.activity.delete(instance);
    this.uses.delete(instance);
    this.suspended.delete(instance);
    this.reserved.delete(instance);
  }

  /**
   * Lets a lab start (or resume) now, or queues it and says where it stands. `first` runs inside the same
   * turn (the learner's own share), so no other start slips in between; call started() once the start ends.
   */
  admit(scope: LearnerScope, lab: string, first: () => Promise<void> = () => Promise.resolve(), begin?: () => Promise<unknown>): Promise<void> {
    const run = this.gate.then(async () => {
      await first();
      await this.admitNow(scope, lab, begin);
    });
    this.gate = run.catch(() => undefined);
    return run;
  }

  private async admitNow(scope: LearnerScope, lab: string, begin?: () => Promise<unknown>): Promise<void> {
    const instance = scope.instance(lab);
    this.touch(instance);
    const { capacity, running, engines } = await this.capacity(instance);
    const queued = this.queue.findIndex((w) => w.scope.key === scope.key && w.lab === lab);
    const ahead = queued === -1 ? this.queue.length : queued;
    const engine = running < capacity && ahead === 0 ? await this.engineFor(instance, engines) : undefined;
    if (engine !== undefined) {
      if (queued === 0) this.queue.shift();
      this.reserve(instance, engine);
      return;
    }
    if (queued === -1) this.queue.push({ scope, lab, ...(begin ? { begin } : {}) });
    throw new UserError(`This server is full: ${running} labs run, and it holds ${capacity}. You are number ${ahead + 1} in the queue: your lab starts by itself as soon as a place frees.`, {
      fix: 'Keep this page open; it shows the lab when it starts.',
      code: 'E_LIMIT',
    });
  }

  /** A lab stopped or was suspended: the first in the queue may start. */
  async release(): Promise<void> {
    const next = this.queue[0];
    if (!next) return;
    const instance = next.scope.instance(next.lab);
    const { capacity, running, engines } = await this.capacity();
    const engine = running < capacity ? await this.engineFor(instance, engines) : undefined;
    if (engine === undefined) return;
    this.queue.shift();
    this.reserve(instance, engine);
    try {
      await (next.begin ? next.begin() : startLab(next.lab, { instance, progress: next.scope.progress }));
      this.running(instance);
      this.touch(instance);
      this.opts.onLabChanged(next.scope, next.lab, true);
    } catch (err) {
      this.opts.log(`[classroom] starting ${instance} from the queue failed: ${errorMessage(err)}`);
    } finally {
      this.started(instance);
    }
  }

  /** Measures the running labs, suspends the idle ones, and lets the queue move. */
  async sweep(now = Date.now()): Promise<string[]> {
    const suspendedNow: string[] = [];
    this.cachedAvailable = await availableBytes();
    for (const instance of await this.runningInstances()) {
      try {
        const lab = await runningLab(instance);
        if (await isSuspended(instance)) {
          this.suspended.add(instance);
          continue;
        }
        const reading = await readLabCgroups(lab);
        const before = this.uses.get(instance);
        const cores = before && now > before.at ? Math.max(0, reading.cpuNs - before.cpuNs) / 1e6 / (now - before.at) : 0;
        this.uses.set(instance, { bytes: reading.bytes, cores, cpuNs: reading.cpuNs, at: now });
        const last = this.activity.get(instance) ?? now;
        if (!this.activity.has(instance)) this.activity.set(instance, now);
        if (now - last >= this.opts.idleMs) {
          await suspendLab(instance);
          this.suspended.add(instance);
          this.uses.delete(instance);
          suspendedNow.push(instance);
          this.opts.onSuspended(instance);
          this.opts.log(`[classroom] ${instance} suspended after ${Math.round((now - last) / 60_000)} idle minutes`);
        }
      } catch (err) {
        this.opts.log(`[classroom] measuring ${instance} failed: ${errorMessage(err)}`);
      }
    }
    await this.release();
    return suspendedNow;
  }
}
