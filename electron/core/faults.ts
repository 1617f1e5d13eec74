// Faults on a running lab's node (stop a service, kill the node, block VRRP, ...): the app's fault buttons
// and `halab fault`, the same actions a pack's solution can take.
import type { FaultKind, ServiceName } from '../labs/schema.js';
import { applyFault } from '../checks/actions.js';
import { requireNode, runningLab } from './labAccess.js';

export async function injectFault(lab: string, fault: FaultKind, node: string, service?: ServiceName): Promise<void> {
  const view = await runningLab(lab);
  requireNode(view, node);
  await applyFault(view, fault, node, service);
}
