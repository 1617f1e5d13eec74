// How every front end finds a lab: the pack by its id, and the running instance by its name (the app runs
// each lab under its own id as instance name, as `halab up <lab>` does, so the CLI and the app see the same labs).
import { runtime } from '../runtime/current.js';
import { findPack, remapPack } from '../labs/catalog.js';
import { loadPack, type LabPack } from '../labs/loadPack.js';
import { labView, requireRunning, type RunningLab } from '../topology/manager.js';
import { loadInstance, type InstanceRecord } from '../topology/instances.js';
import { UserError } from '../util/errors.js';

/** The record of the lab when it is up (not while it is starting). */
export async function upRecord(lab: string): Promise<InstanceRecord | undefined> {
  const rec = await loadInstance(lab);
  return rec?.state === 'up' ? rec : undefined;
}

/** The pack as the learner sees it: remapped to the running instance's subnet when the lab runs. */
export async function packAsSeen(lab: string, instance = lab): Promise<{ pack: LabPack; record?: InstanceRecord }> {
  const record = await upRecord(instance);
  if (record) return { pack: remapPack(await loadPack(record.packDir), record.subnet), record };
  return { pack: await findPack(lab) };
}

export async function runningLab(lab: string): Promise<RunningLab> {
  await runtime().version();
  const rec = await requireRunning(lab);
  return labView(rec, await loadPack(rec.packDir));
}

export function requireNode(view: RunningLab, node: string): void {
  if (!view.nodes.some((n) => n.name === node)) {
    throw new UserError(`The lab "${view.record.lab}" has no node "${node}".`, { fix: `Nodes: ${view.nodes.map((n) => n.name).join(', ')}`, code: 'E_NO_SUCH_NODE' });
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs lifecycle operations of one lab one after the other (a double click on Start must not race). */
export function withLabLock<T>(lab: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(lab) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const tail = next.catch(() => undefined);
  queues.set(lab, tail);
  void tail.then(() => {
    if (queues.get(lab) === tail) queues.delete(lab);
  });
  return next;
}
