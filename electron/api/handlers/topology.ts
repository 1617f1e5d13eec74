// topology.get and topology.watch: the network view's data. The last watcher leaving stops the lab's streams.
import type { Handlers } from '../handlerTypes.js';
import { topologyHub } from '../../topology/liveTopology.js';
import { watchMethod } from './watchMethod.js';

export const topologyHandlers: Handlers = {
  'topology.get': async ({ lab }, ctx) => ({ ...(await topologyHub.get(ctx.scope.instance(lab), lab)), lab }),
  'topology.watch': watchMethod(topologyHub, 'topology.update'),
};
