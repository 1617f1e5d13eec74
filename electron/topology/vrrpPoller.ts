// The VRRP source of a live lab: keepalived offers no event stream, so its JSON dump is read about once a
// second, each reading bounded so that one hanging exec (a node caught mid-restart) cannot stop the polling.
import { errorMessage } from '../util/errors.js';
import type { VrrpRow } from './liveState.js';

export interface VrrpPoller {
  /** Resolves after the first reading (or its failure). */
  readonly first: Promise<void>;
  stop(): void;
}

const READING_BUDGET_MS = 5000;

export function pollVrrp(read: () => Promise<VrrpRow[]>, onRows: (rows: VrrpRow[]) => void, log: (line: string) => void, everyMs = 1000): VrrpPoller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const once = async (): Promise<void> => {
    const started = Date.now();
    let budget: NodeJS.Timeout | undefined;
    try {
      const rows = await Promise.race([
        read(),
        new Promise<never>((_, reject) => {
          budget = setTimeout(() => {
            reject(new Error(`no answer within ${READING_BUDGET_MS / 1000} s`));
          }, READING_BUDGET_MS);
        }),
      ]);
      if (!stopped) onRows(rows);
    } catch (err) {
      log(`[topology] VRRP reading failed: ${errorMessage(err)}`);
    } finally {
      clearTimeout(budget);
    }
    if (stopped) return;
    timer = setTimeout(() => void once(), Math.max(0, everyMs - (Date.now() - started)));
    timer.unref();
  };
  return {
    first: once(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
