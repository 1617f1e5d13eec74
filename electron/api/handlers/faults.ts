// faults.apply: the app's fault buttons (stop a service, kill a node, block VRRP, ...), the same actions
// a pack's solution can take.
import type { Handlers } from '../handlerTypes.js';
import { applyFault } from '../../checks/actions.js';
import { requireNode, runningLab } from './labContext.js';

export const faultsHandlers: Handlers = {
  'faults.apply': async ({ lab, fault, node, service }) => {
    const view = await runningLab(lab);
    requireNode(view, node);
    await applyFault(view, fault, node, service);
    return { ok: true };
  },
};
