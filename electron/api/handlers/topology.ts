// topology.get and topology.watch: the network view's data. A watch lasts until it is turned off or the
// session ends (window closed, socket gone); the last watcher leaving stops the lab's streams.
import type { Handlers } from '../handlerTypes.js';
import { findPack } from '../../labs/catalog.js';
import { topologyHub } from '../../topology/liveTopology.js';

/** Sessions whose end already releases their watches. */
const released = new Set<string>();

export const topologyHandlers: Handlers = {
  'topology.get': ({ lab }) => topologyHub.get(lab),
  'topology.watch': async ({ lab, on }, ctx) => {
    if (!on) {
      await topologyHub.unwatch(lab, ctx.session);
      return { ok: true };
    }
    await findPack(lab); // an unknown lab is an error, not a silent watch
    if (!released.has(ctx.session)) {
      released.add(ctx.session);
      ctx.onClose(() => {
        released.delete(ctx.session);
        void topologyHub.unwatchSession(ctx.session);
      });
    }
    await topologyHub.watch(lab, ctx.session, (state) => {
      ctx.emit('topology.update', state);
    });
    return { ok: true };
  },
};
