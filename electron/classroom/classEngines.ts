// A class's engines, watched: each is pinged every few seconds. When one stops answering, the labs it held
// are let go (their records, probe sessions and host fences), each of their learners is told, and the
// instructor's dashboard shows which learners were affected; everyone else's labs carry on untouched.
// When it answers again, what it still holds of labs now placed elsewhere (or nowhere) is removed, and it
// gets the lab image if it lacks it, so it can take labs again.
import type { EngineView, LostLab } from '../../common/classroom.js';
import { LABEL, ownedFilter } from '../docker/labels.js';
import { imageTag } from '../image/imageTag.js';
import type { EnginePool, PooledEngine } from '../runtime/dockerEnginePool.js';
import type { EngineLoad } from './enginePlacement.js';
import { spreadImage } from '../runtime/engineImages.js';
import { closeProbeSessions, probeSessionRefs } from '../runtime/probeSession.js';
import { removeLabFence } from '../topology/hostFirewall.js';
import { removeInstanceRecord } from '../topology/instances.js';
import { errorMessage } from '../util/errors.js';

/** How often each engine is pinged, and how long one ping may take (a busy engine answers slowly). */
export const ENGINE_PING_MS = 2000;
const PING_TIMEOUT_MS = 3000;

export interface ClassEnginesOptions {
  pool: EnginePool;
  /** The lab's learner and lab id, when the instance is a class learner's. */
  ownerOf: (instance: string) => { learner: string; lab: string } | undefined;
  /** Told for each learner's lab that was lost with its engine. */
  onLabLost: (lost: LostLab, instance: string) => void;
  /** An engine's health changed: the dashboard is pushed. */
  onChange: () => void;
  /** Each engine's load now (ClassLoad.capacity), kept for the dashboard after every round. */
  loads: () => Promise<readonly EngineLoad[]>;
  log: (line: string) => void;
  pingMs?: number;
  /**
   * Set when the class has this one engine only: its labs are not let go when it stops answering (there is
   * nowhere else to run them, and they carry on when it is back), and the learners it affects are those
   * whose labs run, as the class's records say.
   */
  alone?: { running: () => Promise<string[]> };
}

export class ClassEngines {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private readonly lost = new Map<string, LostLab>();
  private lastLoads: readonly EngineLoad[] = [];
  private lastRunning: readonly string[] = [];

  constructor(private readonly opts: ClassEnginesOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.opts.pingMs ?? ENGINE_PING_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of pings and what follows from them; a round still under way is joined, not doubled. */
  check(): Promise<void> {
    this.checking ??= this.round().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** A lab found lost before the watch began (its engine was down when the server started). */
  remember(lost: LostLab & { instance: string }): void {
    const { instance, ...shown } = lost;
    this.lost.set(instance, shown);
  }

  /** A learner started the lab again: it is no longer shown as lost. */
  restarted(instance: string): void {
    if (this.lost.delete(instance)) this.opts.onChange();
  }

  lostLabs(): LostLab[] {
    return [...this.lost.values()];
  }

  /** Each engine as the dashboard shows it, with the load measured at the last round. */
  views(): EngineView[] {
    const { pool } = this.opts;
    return pool.engines.map((e) => {
      const load = this.lastLoads.find((l) => l.name === e.config.name);
      const labs = this.opts.alone ? this.lastRunning : pool.instancesOn(e.config.name);
      const learners = new Set(labs.flatMap((i) => this.opts.ownerOf(i)?.learner ?? []));
      if (e.health === 'lost') for (const l of this.lost.values()) if (l.engine === e.config.name) learners.add(l.learner);
      return {
        name: e.config.name,
        health: e.health,
        since: new Date(e.since).toISOString(),
        ...(e.health === 'lost' && e.lastError ? { problem: e.lastError } : {}),
        running: load?.running ?? 0,
        capacity: load?.capacity ?? 0,
        learners: [...learners],
      };
    });
  }

  private async round(): Promise<void> {
    const { alone } = this.opts;
    if (alone) this.lastRunning = await alone.running().catch(() => this.lastRunning);
    const changes = await this.opts.pool.checkHealth(PING_TIMEOUT_MS);
    for (const change of changes) {
      const engine = this.opts.pool.engine(change.engine);
      if (!engine) continue;
      if (alone) this.opts.log(`[engines] Docker ${change.health === 'lost' ? `stopped answering (${engine.lastError ?? 'no answer'})` : 'answers again'}`);
      else if (change.health === 'lost') await this.letGo(engine, change.instances);
      else await this.welcomeBack(engine);
    }
    const before = JSON.stringify(this.lastLoads);
    this.lastLoads = await this.opts.loads().catch(() => this.lastLoads);
    if (changes.length > 0 || JSON.stringify(this.lastLoads) !== before) this.opts.onChange();
  }

  private async letGo(engine: PooledEngine, instances: readonly string[]): Promise<void> {
    const at = new Date().toISOString();
    this.opts.log(`[engines] "${engine.config.name}" stopped answering (${engine.lastError ?? 'no answer'}): ${instances.length} lab(s) lost: ${instances.join(', ') || 'none'}`);
    for (const instance of instances) {
      closeProbeSessions(probeRefsOf(instance));
      await removeInstanceRecord(instance).catch(() => undefined);
      await removeLabFence(instance).catch(() => 0);
      const owner = this.opts.ownerOf(instance);
      if (!owner) continue;
      const lost: LostLab = { learner: owner.learner, lab: owner.lab, engine: engine.config.name, at };
      this.lost.set(instance, lost);
      this.opts.onLabLost(lost, instance);
    }
  }

  private async welcomeBack(engine: PooledEngine): Promise<void> {
    this.opts.log(`[engines] "${engine.config.name}" answers again`);
    try {
      const removed = await removeStrays(this.opts.pool, engine);
      if (removed.length) this.opts.log(`[engines] removed what "${engine.config.name}" still held of labs now elsewhere: ${removed.join(', ')}`);
      await spreadImage(this.opts.pool, await imageTag(), this.opts.log);
    } catch (err) {
      this.opts.log(`[engines] tidying "${engine.config.name}" failed: ${errorMessage(err)}`);
    }
  }
}

/** Probe sessions are keyed by container name; a lab's are named after it (names.ts). */
const probeRefsOf = (instance: string): string[] => probeSessionRefs().filter((r) => r.startsWith(`halab-${instance}.`));

/** Removes this home's objects on `engine` whose lab is not placed there (left behind when it was lost). */
export async function removeStrays(pool: EnginePool, engine: PooledEngine): Promise<string[]> {
  const rt = engine.runtime;
  const containers = await rt.listContainers(ownedFilter().label);
  const stray = (labels: Record<string, string>): boolean => {
    const instance = labels[LABEL.instance];
    return instance !== undefined && pool.placementOf(instance) !== engine.config.name;
  };
  const strays = containers.filter((c) => stray(c.labels));
  const helpersFirst = [...strays].sort((a, b) => Number(a.labels[LABEL.role] === 'node') - Number(b.labels[LABEL.role] === 'node'));
  for (const c of helpersFirst) await rt.container(c.id).remove();
  const networks = (await rt.listNetworks(ownedFilter().label)).filter((n) => stray(n.labels));
  for (const n of networks) await rt.removeNetwork(n.id);
  return [...new Set([...strays, ...networks].map((o) => o.labels[LABEL.instance] ?? '?'))];
}
