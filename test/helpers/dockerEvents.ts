// Watches the engine's event stream for the first command run in a lab's containers: proof that a
// `check` (a probe, a grader) has really begun there, so a test can interrupt it in the middle.
import type { Readable } from 'node:stream';
import { docker } from '../../electron/docker/client.js';
import { LABEL, homeId } from '../../electron/docker/labels.js';

export interface ExecWatch {
  /** Resolves at the first exec started in one of the instance's containers; rejects after `ms`. */
  first(ms: number): Promise<void>;
  close(): void;
}

/** Subscribes before the caller starts anything, so the first exec cannot be missed. */
export async function watchExecStarts(instance: string): Promise<ExecWatch> {
  const stream = (await docker().getEvents({
    filters: { type: ['container'], event: ['exec_start'], label: [`${LABEL.home}=${homeId()}`, `${LABEL.instance}=${instance}`] },
  })) as unknown as Readable; // an IncomingMessage at run time
  let seen = false;
  const waiters = new Set<() => void>();
  stream.on('data', () => {
    seen = true;
    for (const w of waiters) w();
  });
  stream.on('error', () => undefined);
  return {
    first: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (seen) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`no command ran in ${instance} within ${ms} ms`));
        }, ms);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
      }),
    close: () => {
      stream.destroy();
    },
  };
}
