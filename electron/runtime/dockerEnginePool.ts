// Several Docker engines under one server, each lab whole on one of them: VRRP multicast lives on one bridge,
// so a lab never spans engines. The pool knows each engine's health (answering, or lost since when) and which
// engine holds which lab; the runtime that routes every call by lab is pooledRuntime.ts.
import Docker from 'dockerode';
import { errorMessage, UserError } from '../util/errors.js';
import { defaultEngineAddress, docker } from '../docker/client.js';
import { LABEL, ownedFilter } from '../docker/labels.js';
import { DockerRuntime } from './dockerRuntime.js';
import { dockerOptionsOf, type EngineConfig } from './dockerEngineConfig.js';

export type EngineHealth = 'up' | 'lost';

export interface PooledEngine {
  config: EngineConfig;
  client: Docker;
  runtime: DockerRuntime;
  health: EngineHealth;
  /** When the engine was last seen to change health (ms since the epoch). */
  since: number;
  /** Pings failed in a row: one slow answer on a busy machine is not a lost engine. */
  misses: number;
  lastError?: string;
}

export interface HealthChange {
  engine: string;
  health: EngineHealth;
  /** The labs the engine held when it was lost (their placement is forgotten). */
  instances: string[];
}

/** Pings missed in a row before an engine counts as lost. */
const MISSES_TO_LOSE = 2;

export class EnginePool {
  readonly engines: PooledEngine[];
  private readonly placement = new Map<string, string>();
  /** Labs whose engine was lost, until they are placed again: no call may wander to another engine. */
  private readonly lostLabs = new Map<string, string>();

  constructor(configs: readonly EngineConfig[], makeClient: (c: EngineConfig) => Docker = (c) => new Docker(dockerOptionsOf(c))) {
    this.engines = configs.map((config) => {
      const client = makeClient(config);
      return { config, client, runtime: new DockerRuntime({ client, address: config.host }), health: 'up', since: Date.now(), misses: 0 };
    });
  }

  engine(name: string): PooledEngine | undefined {
    return this.engines.find((e) => e.config.name === name);
  }

  live(): PooledEngine[] {
    return this.engines.filter((e) => e.health === 'up');
  }

  /** The engine a lab was placed on, if any. */
  placementOf(instance: string): string | undefined {
    return this.placement.get(instance);
  }

  place(instance: string, engine: string): void {
    if (!this.engine(engine)) throw new Error(`no engine "${engine}"`);
    this.placement.set(instance, engine);
    this.lostLabs.delete(instance);
  }

  forget(instance: string): void {
    this.placement.delete(instance);
  }

  /** The engine a lab was lost with, until the lab is placed again. */
  lostWith(instance: string): string | undefined {
    return this.lostLabs.get(instance);
  }

  instancesOn(engine: string): string[] {
    return [...this.placement].filter(([, e]) => e === engine).map(([i]) => i);
  }

  /** An engine that answers, for calls about no lab in particular. */
  anyLive(): PooledEngine {
    const [first] = this.live();
    if (!first) throw new UserError('None of the Docker engines of this server answers.', { fix: 'Start them again, then press Start.', code: 'E_ENGINE_LOST' });
    return first;
  }

  /**
   * The engine of a lab: where it was placed, else the first engine that answers (a lab started outside
   * the class's admission, such as the instructor's own). A lab on a lost engine gets a clear refusal.
   */
  engineFor(instance: string): PooledEngine {
    const placed = this.placement.get(instance);
    const engine = (placed ? this.engine(placed) : undefined) ?? this.anyLive();
    const lostWith = this.lostLabs.get(instance);
    if (engine.health === 'lost' || lostWith) {
      throw new UserError(`The Docker engine "${lostWith ?? engine.config.name}" that ran this lab stopped answering.`, {
        fix: 'Your saved files and progress are kept: press Start to run the lab again on another engine.',
        code: 'E_ENGINE_LOST',
      });
    }
    if (!placed) this.placement.set(instance, engine.config.name);
    return engine;
  }

  /**
   * Finds the labs already on each engine (a server restarted mid-class adopts them). A lab found on two
   * engines (left behind on an engine that was lost, then run again elsewhere) belongs to the one where
   * its nodes run; the other copy is reported for removal.
   */
  async discover(): Promise<{ leftovers: { engine: string; instance: string }[] }> {
    const found = new Map<string, { engine: string; running: boolean }[]>();
    for (const e of this.live()) {
      const list = await e.runtime.listContainers(ownedFilter().label).catch(() => []);
      for (const c of list) {
        const instance = c.labels[LABEL.instance];
        if (!instance) continue;
        const seen = found.get(instance) ?? [];
        const entry = seen.find((s) => s.engine === e.config.name);
        if (entry) entry.running ||= c.state === 'running';
        else seen.push({ engine: e.config.name, running: c.state === 'running' });
        found.set(instance, seen);
      }
    }
    const leftovers: { engine: string; instance: string }[] = [];
    for (const [instance, where] of found) {
      const keep = where.find((w) => w.running) ?? where[0];
      if (!keep) continue;
      if (!this.placement.has(instance)) this.placement.set(instance, keep.engine);
      const owner = this.placement.get(instance);
      for (const w of where) if (w.engine !== owner) leftovers.push({ engine: w.engine, instance });
    }
    return { leftovers };
  }

  /** Pings every engine once; returns the engines whose health changed. A lost engine's labs are let go. */
  async checkHealth(timeoutMs: number): Promise<HealthChange[]> {
    const changes: HealthChange[] = [];
    await Promise.all(
      this.engines.map(async (e) => {
        const ok = await e.runtime.version(timeoutMs).then(
          () => true,
          (err: unknown) => {
            e.lastError = errorMessage(err).split('\n')[0];
            return false;
          },
        );
        e.misses = ok ? 0 : e.misses + 1;
        const health: EngineHealth = ok ? 'up' : e.misses >= MISSES_TO_LOSE ? 'lost' : e.health;
        if (health === e.health) return;
        e.health = health;
        e.since = Date.now();
        const instances = health === 'lost' ? this.instancesOn(e.config.name) : [];
        for (const i of instances) {
          this.placement.delete(i);
          this.lostLabs.set(i, e.config.name);
        }
        changes.push({ engine: e.config.name, health, instances });
      }),
    );
    return changes;
  }
}

/** The machine's own engine alone, through the app's own client: reached as DOCKER_HOST and DOCKER_CERT_PATH say. */
export function localEnginePool(): EnginePool {
  return new EnginePool([{ name: 'local', host: defaultEngineAddress() }], () => docker());
}
