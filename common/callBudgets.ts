// How long the UI waits for each method's answer before it gives up with E_TIMEOUT, defined once for both
// transports (renderer/api/ipcClient.ts and wsClient.ts). A Record over every method, so a method added to
// the contract fails the type check until someone decides its budget.
// Lab lifecycle, image builds and timed checks legitimately take minutes (containers start, checks wait their
// `within` seconds, solutions run); reads that touch every node take seconds; terminal traffic is instant.
import type { MethodName } from './contract.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export const CALL_BUDGETS_MS: Readonly<Record<MethodName, number>> = {
  'system.status': 1 * MINUTE,
  'image.build': 60 * MINUTE,
  'labs.list': 1 * MINUTE,
  'labs.get': 1 * MINUTE,
  'lab.up': 10 * MINUTE,
  'lab.down': 5 * MINUTE,
  'lab.reset': 10 * MINUTE,
  // A reset, then the reference solutions of up to 99 steps, each possibly waiting on the nodes.
  'lab.startFrom': 20 * MINUTE,
  'checks.run': 5 * MINUTE,
  'faults.apply': 2 * MINUTE,
  'files.read': 30 * SECOND,
  'files.write': 2 * MINUTE,
  'files.validate': 2 * MINUTE,
  'topology.get': 1 * MINUTE,
  'topology.watch': 1 * MINUTE,
  'protocol.get': 1 * MINUTE,
  'protocol.watch': 1 * MINUTE,
  'mail.list': 1 * MINUTE,
  'progress.report': 1 * MINUTE,
  'terminal.open': 1 * MINUTE,
  'terminal.input': 30 * SECOND,
  'terminal.resize': 30 * SECOND,
  'terminal.ack': 30 * SECOND,
  'terminal.close': 30 * SECOND,
  'session.info': 30 * SECOND,
  'class.grid': 1 * MINUTE,
  'class.watch': 30 * SECOND,
  'class.report': 1 * MINUTE,
  'class.message': 30 * SECOND,
  // A learner's lab reset: a stop and a start.
  'class.resetLab': 10 * MINUTE,
  'class.messages': 30 * SECOND,
  // Reads the learner's lab state and starts its live topology (every node read once).
  'class.inspect': 1 * MINUTE,
  'class.watchTerminal': 30 * SECOND,
  'packdev.watch': 1 * MINUTE,
  // Starts a lab of its own, proves every check both ways (timed checks wait their time twice), removes it.
  'packdev.selfTest': 60 * MINUTE,
};

/** For a name outside the contract (an untyped caller): the dispatcher answers those at once with E_METHOD. */
const UNKNOWN_METHOD_BUDGET_MS = 30 * SECOND;

export function callBudgetMs(method: MethodName): number {
  return Object.hasOwn(CALL_BUDGETS_MS, method) ? CALL_BUDGETS_MS[method] : UNKNOWN_METHOD_BUDGET_MS;
}
