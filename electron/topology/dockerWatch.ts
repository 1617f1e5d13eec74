// Watches the engine's reachability for the app: while it answers, a light ping every few seconds; when it
// goes away, retries with a growing (bounded) delay and reports the change once each way.
import { runtime } from '../runtime/current.js';
import { errorMessage } from '../util/errors.js';

export interface DockerWatchOptions {
  /** Resolves when the engine answers; the default asks for its version (bounded by a timeout). */
  ping?: () => Promise<unknown>;
  onChange: (state: { ok: boolean; message?: string }) => void;
  /** After every ping the engine answered, the first one included (onChange stays silent for that one). */
  onReachable?: () => void;
  /** Between pings while the engine answers. */
  healthyMs?: number;
  /** First retry delay after a failure; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface DockerWatch {
  readonly ok: boolean;
  /** Check now (e.g. when a call just failed for want of the engine). */
  poke(): void;
  stop(): void;
}

export function watchDocker(opts: DockerWatchOptions): DockerWatch {
  const ping = opts.ping ?? (() => runtime().version(4000));
  const healthyMs = opts.healthyMs ?? 5000;
  const firstRetry = opts.retryMs ?? 1000;
  const maxRetry = opts.maxRetryMs ?? 30_000;
  let ok = true;
  let retry = firstRetry;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
    timer.unref();
  };
  const check = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      await ping();
      if (!ok) opts.onChange({ ok: true });
      ok = true;
      retry = firstRetry;
      opts.onReachable?.();
      schedule(healthyMs);
    } catch (err) {
      if (ok) opts.onChange({ ok: false, message: errorMessage(err) });
      ok = false;
      schedule(retry);
      retry = Math.min(retry * 2, maxRetry);
    } finally {
      running = false;
    }
  };
  schedule(0);
  return {
    get ok() {
      return ok;
    },
    poke: () => {
      schedule(0);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
