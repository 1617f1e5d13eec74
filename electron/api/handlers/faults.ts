// faults.apply over core/faults.ts.
import type { Handlers } from '../handlerTypes.js';
import { injectFault } from '../../core/faults.js';

export const faultsHandlers: Handlers = {
  'faults.apply': async ({ lab, fault, node, service }, ctx) => {
    await injectFault(ctx.scope.instance(lab), fault, node, service);
    return { ok: true };
  },
};
