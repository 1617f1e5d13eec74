// A class with several engines, set up at the server's start: the engines are reached (one that does not
// answer is started without, and said so), every call of the app is routed to the engine of its lab, labs
// left on the engines by an earlier start are adopted (a copy left on a second engine is removed), and each
// engine gets the lab image.
import type { ClassGrid } from '../../common/classroom.js';
import { broadcastTo } from '../api/dispatch.js';
import { ensureImage } from '../image/buildImage.js';
import { useRuntime } from '../runtime/current.js';
import type { EngineConfig } from '../runtime/dockerEngineConfig.js';
import { spreadImage } from '../runtime/engineImages.js';
import { EnginePool, localEnginePool } from '../runtime/dockerEnginePool.js';
import { PooledRuntime } from '../runtime/pooledRuntime.js';
import { UserError } from '../util/errors.js';
import type { LostLab } from '../../common/classroom.js';
import { listInstances, removeInstanceRecord } from '../topology/instances.js';
import { removeLabFence } from '../topology/hostFirewall.js';
import { ClassEngines, removeStrays } from './classEngines.js';
import type { ClassLoad } from './classLoad.js';
import { classLearnerScope } from './classScope.js';
import type { ClassStore } from './classStore.js';

export interface ClassEngineSetup {
  /** The engines labs are placed on; undefined when the class has the machine's one engine. */
  pool?: EnginePool;
  engines: ClassEngines;
  /** What the dashboard's grid adds: the engines and the labs lost with one. */
  gridExtras: () => Partial<ClassGrid>;
  /** Starts watching the engines, once the class's load and dashboard exist. */
  start(load: ClassLoad, onChange: () => void): void;
  close(): void;
}

const STARTUP_PING_MS = 5000;

/** The learner and lab of a class instance (`l07-vrrp-pair`), if it is a learner's. */
const ownerIn =
  (store: ClassStore) =>
  (instance: string): { learner: string; lab: string } | undefined => {
    const owner = store.learners().find((l) => instance.startsWith(`${l.id}-`));
    return owner ? { learner: owner.id, lab: instance.slice(owner.id.length + 1) } : undefined;
  };

export async function setUpEngines(configs: readonly EngineConfig[], store: ClassStore, log: (line: string) => void): Promise<ClassEngineSetup> {
  const pool = new EnginePool(configs);
  const answers = await Promise.all(
    pool.engines.map((e) =>
      e.runtime.version(STARTUP_PING_MS).then(
        () => true,
        () => false,
      ),
    ),
  );
  // Two misses in a row mark an engine lost: one round more for those that did not answer now.
  if (answers.some((ok) => !ok)) await pool.checkHealth(STARTUP_PING_MS);
  await pool.checkHealth(STARTUP_PING_MS);
  for (const e of pool.engines) log(`[engines] "${e.config.name}" (${e.config.host}): ${e.health === 'up' ? 'answers' : `does not answer (${e.lastError ?? 'no answer'}); labs go to the others`}`);
  if (pool.live().length === 0)
    throw new UserError('None of the engines in the engines file answers.', { fix: 'Start at least one of them, then start the class again.', code: 'E_DOCKER_UNREACHABLE' });
  const restoreRuntime = useRuntime(new PooledRuntime(pool));
  let lostAtStart: (LostLab & { instance: string })[];
  try {
    const { leftovers } = await pool.discover();
    for (const e of pool.live()) if (leftovers.some((l) => l.engine === e.config.name)) await removeStrays(pool, e);
    lostAtStart = await letGoUnfound(pool, ownerIn(store), log);
    await spreadImage(pool, await ensureImage(log), log);
  } catch (err) {
    restoreRuntime();
    throw err;
  }
  const setup = watched(pool, store, log, restoreRuntime);
  for (const lost of lostAtStart) setup.engines.remember(lost);
  return setup;
}

/**
 * Labs the class's records say run, found on no engine that answers: they ran on an engine that is down
 * now. Their records go (the lab starts again elsewhere), and the dashboard lists them as lost.
 */
async function letGoUnfound(pool: EnginePool, ownerOf: ReturnType<typeof ownerIn>, log: (line: string) => void): Promise<(LostLab & { instance: string })[]> {
  const down = pool.engines.filter((e) => e.health === 'lost').map((e) => e.config.name);
  if (down.length === 0) return [];
  const lost: (LostLab & { instance: string })[] = [];
  for (const rec of await listInstances()) {
    const owner = ownerOf(rec.instance);
    if (rec.state !== 'up' || pool.placementOf(rec.instance) !== undefined || !owner) continue;
    await removeInstanceRecord(rec.instance);
    await removeLabFence(rec.instance).catch(() => 0);
    lost.push({ ...owner, instance: rec.instance, engine: down.length === 1 ? (down[0] ?? '?') : down.join(' / '), at: new Date().toISOString() });
  }
  if (lost.length) log(`[engines] ${lost.length} lab(s) of the class are on no engine that answers: ${lost.map((l) => l.instance).join(', ')}`);
  return lost;
}

/**
 * A class on the machine's own engine only: nothing to place, but the dashboard still shows whether Docker
 * answers, and which learners' labs are affected while it does not.
 */
export function watchLocalEngine(store: ClassStore, log: (line: string) => void): ClassEngineSetup {
  return watched(localEnginePool(), store, log);
}

/**
 * The engines watched for the dashboard. With `restoreRuntime` (the app's calls routed through the pool),
 * labs are placed on the engines and a lost engine's labs are let go, each learner told; without, the pool
 * is the machine's one engine, watched only.
 */
function watched(pool: EnginePool, store: ClassStore, log: (line: string) => void, restoreRuntime?: () => void): ClassEngineSetup {
  const placing = restoreRuntime !== undefined;
  // The load and the dashboard are made after the engines: they are handed over by start().
  let load: ClassLoad | undefined;
  let onChange = (): void => undefined;
  const engines = new ClassEngines({
    pool,
    ownerOf: ownerIn(store),
    log,
    onChange: () => {
      onChange();
    },
    loads: async () => {
      if (!load) return [];
      const { capacity, running, engines: perEngine } = await load.capacity();
      return perEngine ?? [{ name: pool.engines[0]?.config.name ?? 'local', capacity, running }];
    },
    onLabLost: (lost) => {
      const learner = store.learner(lost.learner);
      if (!learner) return;
      const scope = classLearnerScope(store, learner);
      load?.forgetLab(scope.instance(lost.lab));
      broadcastTo(scope, 'lab.lost', { lab: lost.lab, engine: lost.engine, at: lost.at });
      broadcastTo(scope, 'lab.changed', { lab: lost.lab, running: false });
    },
    ...(placing ? {} : { alone: { running: async () => (load ? load.runningInstances() : []) } }),
  });
  return {
    ...(placing ? { pool } : {}),
    engines,
    gridExtras: () => ({ engines: engines.views(), ...(placing ? { lostLabs: engines.lostLabs() } : {}) }),
    start(classLoad, changed) {
      load = classLoad;
      onChange = changed;
      engines.start();
    },
    close() {
      engines.stop();
      restoreRuntime?.();
    },
  };
}
