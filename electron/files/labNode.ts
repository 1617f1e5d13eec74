// Finds the container of one node of a running lab, or says clearly why there is none.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { runtime } from '../runtime/current.js';
import { loadPack } from '../labs/loadPack.js';
import { requireRunning } from '../topology/manager.js';
import { nodeContainerName } from '../topology/names.js';
import { UserError } from '../util/errors.js';

export async function labNodeContainer(lab: string, node: string): Promise<ContainerHandle> {
  const rec = await requireRunning(lab);
  const pack = await loadPack(rec.packDir);
  const names = pack.manifest.topology.nodes.map((n) => n.name);
  if (!names.includes(node)) throw new UserError(`The lab "${lab}" has no node "${node}" (it has ${names.join(', ')}).`, { code: 'E_NO_SUCH_NODE' });
  return runtime().container(nodeContainerName(rec.instance, node));
}
