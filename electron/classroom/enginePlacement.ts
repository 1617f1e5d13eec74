// Where a learner's lab goes when the class has several engines: the engine with the largest share of its
// places still free (ties: the order of the engines file), so a class fills its engines evenly. Engines on
// this machine (Unix sockets) share its memory and CPU, so together they hold what the machine holds;
// an engine elsewhere holds what its own memory and cores allow, as its `docker info` tells.
import type { EnginePool, PooledEngine } from '../runtime/dockerEnginePool.js';
import { capacityOf, type LabUse } from './capacity.js';

export interface EngineLoad {
  name: string;
  capacity: number;
  running: number;
}

/** The engine with room for one more lab, preferring the emptiest; `placed` (a lab to resume) must use its own. */
export function chooseEngine(loads: readonly EngineLoad[], placed?: string): string | undefined {
  const free = (l: EngineLoad): number => (l.capacity > 0 ? (l.capacity - l.running) / l.capacity : 0);
  const candidates = loads.filter((l) => l.running < l.capacity && (placed === undefined || l.name === placed));
  let best: EngineLoad | undefined;
  for (const l of candidates) if (!best || free(l) > free(best)) best = l;
  return best?.name;
}

const isLocal = (e: PooledEngine): boolean => e.config.host.startsWith('unix://');

interface EngineSize {
  memTotal: number;
  cores: number;
  at: number;
}
const sizes = new Map<string, EngineSize>();
const SIZE_MAX_AGE_MS = 60_000;

/** An engine's memory and cores, from `docker info`, read at most once a minute. */
async function sizeOf(e: PooledEngine): Promise<EngineSize | undefined> {
  const known = sizes.get(e.config.name);
  if (known && Date.now() - known.at < SIZE_MAX_AGE_MS) return known;
  const info = (await e.client.info().catch(() => undefined)) as { MemTotal?: number; NCPU?: number } | undefined;
  if (!info?.MemTotal || !info.NCPU) return known;
  const size = { memTotal: info.MemTotal, cores: info.NCPU, at: Date.now() };
  sizes.set(e.config.name, size);
  return size;
}

export interface PlacementInput {
  pool: EnginePool;
  /** The class's labs running or starting now, the one being admitted left out. */
  running: readonly string[];
  /** What this machine holds for all its local engines together, counting the labs running on them. */
  localCapacity: number;
  uses: readonly LabUse[];
}

/** Each engine that answers, with what it holds and what runs on it now. */
export async function engineLoads(input: PlacementInput): Promise<EngineLoad[]> {
  const { pool } = input;
  const runningOn = (name: string): number => input.running.filter((i) => pool.placementOf(i) === name).length;
  const live = pool.live();
  const localRunning = live.filter(isLocal).reduce((s, e) => s + runningOn(e.config.name), 0);
  const perLab = input.uses.length ? Math.max(...input.uses.map((u) => u.bytes), 1) : undefined;
  return Promise.all(
    live.map(async (e) => {
      const running = runningOn(e.config.name);
      let own: number;
      if (isLocal(e)) {
        // The machine's places left go to whichever local engine takes them.
        own = running + Math.max(0, input.localCapacity - localRunning);
      } else {
        const size = await sizeOf(e);
        const used = running * (perLab ?? 0);
        own = size ? capacityOf({ availableBytes: Math.max(0, size.memTotal - used), cores: size.cores, running, uses: input.uses }) : 0;
      }
      return { name: e.config.name, running, capacity: Math.min(own, e.config.maxLabs ?? own) };
    }),
  );
}
