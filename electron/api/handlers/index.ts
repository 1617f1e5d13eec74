// Every area's handlers in one object for the dispatcher. Two areas claiming the same method is a bug
// found at start-up, not a silent override.
import type { Handlers } from '../handlerTypes.js';
import { systemHandlers } from './system.js';
import { labsHandlers } from './labs.js';
import { labHandlers } from './lab.js';
import { checksHandlers } from './checks.js';
import { faultsHandlers } from './faults.js';
import { topologyHandlers } from './topology.js';
import { protocolHandlers } from './protocol.js';
import { sessionHandlers } from './session.js';
import { mailHandlers } from './mail.js';
import { progressHandlers } from './progress.js';
import { terminalHandlers } from './terminal.js';
import { filesHandlers } from './files.js';
import { packDevHandlers } from './packDev.js';

export function mergeHandlers(...areas: Handlers[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [method, handler] of Object.entries(area)) {
      if (Object.hasOwn(merged, method)) throw new Error(`two handlers for ${method}`);
      merged[method] = handler;
    }
  }
  return merged;
}

export const allHandlers: Handlers = mergeHandlers(
  systemHandlers,
  labsHandlers,
  labHandlers,
  checksHandlers,
  faultsHandlers,
  topologyHandlers,
  protocolHandlers,
  mailHandlers,
  progressHandlers,
  terminalHandlers,
  filesHandlers,
  sessionHandlers,
  packDevHandlers,
);
