// A bounded CPU load for stress runs: one busy process per core, each ending by itself after `maxMs` even
// if the test that started it dies, so a load can never outlive the run that asked for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface CpuLoad {
  /** Ends the busy processes now and resolves once they are gone. */
  stop(): Promise<void>;
}

export function startCpuLoad(maxMs = 120_000, processes = availableParallelism()): CpuLoad {
  const busy = `const end = Date.now() + ${Math.round(maxMs)}; let x = 0; while (Date.now() < end) { x = (x * 1103515245 + 12345) % 2147483648; }`;
  const children: ChildProcess[] = Array.from({ length: processes }, () => spawn(process.execPath, ['-e', busy], { stdio: 'ignore' }));
  return {
    stop: async () => {
      await Promise.all(
        children.map((c) =>
          c.exitCode !== null || c.signalCode !== null
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                c.once('exit', () => {
                  resolve();
                });
                c.kill('SIGKILL');
              }),
        ),
      );
    },
  };
}
