// terminal.*: shells into the lab's nodes. Inputs arrive validated by the dispatcher (contract.ts);
// the manager checks that the terminal belongs to the calling session.
import type { Handlers } from '../handlerTypes.js';
import { terminalManager } from '../../terminal/terminalManager.js';

export const terminalHandlers: Handlers = {
  'terminal.open': ({ lab, node, cols, rows }, ctx) => terminalManager.open(ctx.scope.instance(lab), node, cols, rows, ctx),

  'terminal.input': ({ id, data }, ctx) => {
    terminalManager.input(id, data, ctx);
    return Promise.resolve({ ok: true });
  },

  'terminal.resize': async ({ id, cols, rows }, ctx) => {
    await terminalManager.resize(id, cols, rows, ctx);
    return { ok: true };
  },

  'terminal.ack': ({ id, chars }, ctx) => {
    terminalManager.ack(id, chars, ctx);
    return Promise.resolve({ ok: true });
  },

  'terminal.close': async ({ id }, ctx) => {
    await terminalManager.close(id, ctx);
    return { ok: true };
  },
};
