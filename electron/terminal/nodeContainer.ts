// The container behind a node of a running lab, checked before a terminal is opened into it: the lab
// runs, the node belongs to it, the container is ours (labels) and running. Each failure says why.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { runtime } from '../runtime/current.js';
import { LABEL, homeId } from '../docker/labels.js';
import { loadPack } from '../labs/loadPack.js';
import { requireRunning } from '../topology/manager.js';
import { nodeContainerName } from '../topology/names.js';
import { UserError } from '../util/errors.js';

export interface NodeContainer {
  container: ContainerHandle;
  /** When the container last started: a different value later means the node restarted. */
  startedAt: string;
}

export async function runningNodeContainer(lab: string, node: string): Promise<NodeContainer> {
  const rec = await requireRunning(lab);
  const pack = await loadPack(rec.packDir);
  const names = pack.manifest.topology.nodes.map((n) => n.name);
  if (!names.includes(node)) {
    throw new UserError(`The lab "${lab}" has no node "${node}" (it has ${names.join(', ')}).`, { code: 'E_NO_SUCH_NODE' });
  }
  const container = runtime().container(nodeContainerName(rec.instance, node));
  // Fails with the runtime's advice when it cannot be reached.
  const info = await container.inspect();
  if (!info) {
    throw new UserError(`The container of node "${node}" is gone.`, { fix: `Reset the lab: halab down ${lab} && halab up ${lab}`, code: 'E_NODE_MISSING' });
  }
  const labels = info.labels;
  if (labels[LABEL.instance] !== rec.instance || labels[LABEL.node] !== node || labels[LABEL.role] !== 'node' || labels[LABEL.home] !== homeId()) {
    throw new UserError(`The container named for node "${node}" does not belong to this lab.`, { code: 'E_NODE_MISSING' });
  }
  if (!info.running) {
    throw new UserError(`Node "${node}" is stopped.`, { fix: 'Start the node again, then open its terminal.', code: 'E_NODE_STOPPED' });
  }
  return { container, startedAt: info.startedAt };
}
