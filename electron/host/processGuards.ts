// The browser host is a server: one faulty call must not end every learner's session. An exception that
// escapes to the event loop, or a rejection nobody handles, is logged with its stack and the host keeps
// serving (Node's default would end the process). SIGTERM and SIGINT stop it within a deadline, whatever
// is still running.
import type { Log } from '../api/dispatch.js';

/** Faults logged per minute; past it they are counted, so a fault in a loop cannot flood the log. */
const MAX_FAULTS_LOGGED_PER_MINUTE = 20;
/**
 * How long a stop may take before the process exits anyway: a stop must be done within 5 s, and closing sockets
 * and terminals takes milliseconds; what it cuts short is work for clients that are gone.
 */
export const SHUTDOWN_DEADLINE_MS = 4_000;

const describe = (reason: unknown): string => (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));

/** Installs the policy; returns what removes it. */
export function keepServingOnFaults(log: Log): () => void {
  let windowStart = Date.now();
  let inWindow = 0;
  let unlogged = 0;
  const report = (kind: string, reason: unknown): void => {
    if (Date.now() - windowStart > 60_000) {
      if (unlogged) log(`[host] ${unlogged} more faults were not logged in the last minute`);
      windowStart = Date.now();
      inWindow = 0;
      unlogged = 0;
    }
    inWindow += 1;
    if (inWindow > MAX_FAULTS_LOGGED_PER_MINUTE) {
      unlogged += 1;
      return;
    }
    log(`[host] ${kind} (the host keeps serving): ${describe(reason)}`);
  };
  const onRejection = (reason: unknown): void => {
    report('unhandled rejection', reason);
  };
  const onException = (err: Error): void => {
    report('uncaught exception', err);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/**
 * Resolves on the first SIGINT or SIGTERM after running `stop`; if `stop` has not finished within
 * SHUTDOWN_DEADLINE_MS, the process exits with `code` there and then.
 */
export function untilStopSignal(stop: () => Promise<void>, log: Log, code = 0): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // unref: the deadline itself must not keep a process alive that has finished on its own.
      setTimeout(() => {
        log(`[host] still stopping after ${SHUTDOWN_DEADLINE_MS} ms: exiting now`);
        process.exit(code);
      }, SHUTDOWN_DEADLINE_MS).unref();
      void stop()
        .catch((err: unknown) => {
          log(`[host] stopping failed: ${describe(err)}`);
        })
        .finally(resolveStop);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
