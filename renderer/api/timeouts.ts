// How long a call may take before the UI gives up on it. Lab lifecycle and timed checks legitimately
// take minutes (containers start, checks wait `within` seconds); everything else should be quick.
import type { MethodName } from '../../common/contract.js';

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

export const CALL_TIMEOUTS_MS: Partial<Record<MethodName, number>> = {
  'system.status': 60_000,
  'image.build': 60 * 60_000,
  'lab.up': 10 * 60_000,
  'lab.reset': 10 * 60_000,
  'lab.down': 5 * 60_000,
  'checks.run': 5 * 60_000,
  'faults.apply': 2 * 60_000,
  'files.write': 2 * 60_000,
  'files.validate': 2 * 60_000,
  'labs.get': 60_000,
  'labs.list': 60_000,
  'mail.list': 60_000,
  'progress.report': 60_000,
  'terminal.open': 60_000,
};

export function callTimeoutMs(method: MethodName): number {
  return CALL_TIMEOUTS_MS[method] ?? DEFAULT_CALL_TIMEOUT_MS;
}
