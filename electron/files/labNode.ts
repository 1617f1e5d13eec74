// Finds the container of one node of a running lab, or says clearly why there is none.
import type Docker from 'dockerode';
import { docker } from '../docker/client.js';
import { loadPack } from '../labs/loadPack.js';
import { requireRunning } from '../topology/manager.js';
import { nodeContainerName } from '../topology/names.js';
import { UserError } from '../util/errors.js';

export async function labNodeContainer(lab: string, node: string): Promise<Docker.Container> {
  const rec = await requireRunning(lab);
  const pack = await loadPack(rec.packDir);
  const names = pack.manifest.topology.nodes.map((n) => n.name);
  if (!names.includes(node)) throw new UserError(`The lab "${lab}" has no node "${node}" (it has ${names.join(', ')}).`, { code: 'E_NO_SUCH_NODE' });
  return docker().getContainer(nodeContainerName(rec.instance, node));
}
