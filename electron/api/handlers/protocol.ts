// protocol.get and protocol.watch: the protocol view's data. The last watcher leaving stops the lab's live
// capture (the observer's ring keeps recording).
import type { Handlers } from '../handlerTypes.js';
import { protocolHub } from '../../topology/liveProtocol.js';
import { watchMethod } from './watchMethod.js';

export const protocolHandlers: Handlers = {
  'protocol.get': async ({ lab }, ctx) => ({ ...(await protocolHub.get(ctx.scope.instance(lab))), lab }),
  'protocol.watch': watchMethod(protocolHub, 'protocol.events'),
};
