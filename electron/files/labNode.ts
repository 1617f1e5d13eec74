// Finds the container of one node of a running lab, or says clearly why there is none. The container is
// found by the lab's labels (topology/labContainers.ts): one merely named like the node is never touched.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { loadPack } from '../labs/loadPack.js';
import { requireRunning } from '../topology/manager.js';
import { labContainers } from '../topology/labContainers.js';
import { UserError } from '../util/errors.js';

export async function labNodeContainer(lab: string, node: string): Promise<ContainerHandle> {
  const rec = await requireRunning(lab);
  const pack = await loadPack(rec.packDir);
  const names = pack.manifest.topology.nodes.map((n) => n.name);
  if (!names.includes(node)) throw new UserError(`The lab "${lab}" has no node "${node}" (it has ${names.join(', ')}).`, { code: 'E_NO_SUCH_NODE' });
  return labContainers(rec.instance).node(node);
}
