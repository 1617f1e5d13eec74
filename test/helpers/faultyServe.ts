// `halab serve` with injected faults, for the host's crash policy test (run with tsx by startServe's
// `entry`): labs.list throws from a timer and leaves a rejection unhandled, both outside the dispatcher's
// try; labs.get returns a reply JSON cannot serialise. Everything else is the real app.
import { allHandlers } from '../../electron/api/handlers/index.js';
import type { Handlers } from '../../electron/api/handlerTypes.js';
import { serveCommand } from '../../electron/cli/serveCommand.js';

const realList = allHandlers['labs.list'];
if (!realList) throw new Error('labs.list has no handler');

const handlers: Handlers = {
  ...allHandlers,
  'labs.list': (input, ctx) => {
    setTimeout(() => {
      throw new Error('injected fault: thrown from a timer');
    }, 0);
    void Promise.reject(new Error('injected fault: a rejection nobody handles'));
    return realList(input, ctx);
  },
  // A BigInt makes JSON.stringify throw while the reply is being sent.
  'labs.get': () => Promise.resolve({ id: 'x', size: 1n } as never),
};

process.exitCode = await serveCommand({ port: 0, open: false, handlers });
