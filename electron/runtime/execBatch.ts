// Readings taken together, e.g. all checks of a step, share execs: inside withExecBatching, the probe
// commands sent to one container (one handle.ref) in the same turn of the event loop run as one batch
// (batchScript.ts), answered by the container's probe session (probeSession.ts) when it is free, else by one
// exec. Readings that ask for the very same command at the same moment (two checks reading one node's
// keepalived state) share one run of it. Outside a batch scope, probeIn is a plain handle.exec.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type ContainerHandle, type ExecOptions, type ExecResult } from './containerRuntime.js';
import { BATCH_SCRIPT, batchArgs, newBoundary, parseBatchOutput } from './batchScript.js';
import { runInSession } from './probeSession.js';

interface Waiter {
  resolve: (r: ExecResult) => void;
  reject: (err: unknown) => void;
}

interface Pending {
  argv: string[];
  opts: ExecOptions;
  /** The same command with the same limits, asked for by several readings: run once, answered to each. */
  key: string;
  waiters: Waiter[];
}

/** The batch shares one byte limit (the largest asked for): a command that asked for less gets less. */
const truncate = (text: string, maxBytes: number): string => (text.length * 3 <= maxBytes ? text : Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8'));
const seconds = (timeoutMs: number | undefined): number => Math.max(1, Math.ceil((timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));

async function runBatch(container: ContainerHandle, items: Pending[]): Promise<ExecResult[]> {
  const boundary = newBoundary();
  const maxBytes = Math.max(...items.map((i) => i.opts.maxBytes ?? DEFAULT_MAX_BYTES));
  const longest = Math.max(...items.map((i) => seconds(i.opts.timeoutMs)));
  const commands = items.map((i) => ({ argv: i.argv, seconds: seconds(i.opts.timeoutMs) }));
  const args = batchArgs(boundary, maxBytes, commands);
  // Every command has its own timeout (plus 1 s to kill); the batch outlives the longest of them.
  const limits = { guardMs: (longest + 3) * 1000, maxBytes: (maxBytes + 256) * 2 * items.length };
  const inSession = await runInSession(container, args, limits);
  const lone = items.length === 1 ? items[0] : undefined;
  // Without a session a lone command is a plain exec, as cheap as a batch of one.
  if (!inSession && lone) return [await container.exec(lone.argv, lone.opts)];
  const res = inSession ?? (await container.exec(['bash', '-c', BATCH_SCRIPT, 'halab-probe', ...args], { timeoutMs: limits.guardMs, maxBytes: limits.maxBytes }));
  const outputs = parseBatchOutput(res.stdout, boundary, items.length);
  // No frame at all and no timeout: the script itself could not run here (no bash, no temp dir).
  if (outputs.every((o) => !o) && res.exitCode !== 124) return Promise.all(items.map((i) => container.exec(i.argv, i.opts)));
  return outputs.map((o, n) => {
    const limit = items[n]?.opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!o) return { exitCode: res.exitCode || 124, stdout: '', stderr: res.stderr, ms: res.ms };
    return { exitCode: o.exitCode, stdout: truncate(o.stdout, limit), stderr: truncate(o.stderr, limit), ms: res.ms };
  });
}

class ExecBatcher {
  private pending = new Map<string, { container: ContainerHandle; items: Pending[] }>();
  private scheduled = false;

  add(container: ContainerHandle, argv: string[], opts: ExecOptions): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const group = this.pending.get(container.ref) ?? { container, items: [] };
      const key = JSON.stringify([argv, opts.timeoutMs ?? null, opts.maxBytes ?? null]);
      const same = group.items.find((i) => i.key === key);
      if (same) same.waiters.push({ resolve, reject });
      else group.items.push({ argv, opts, key, waiters: [{ resolve, reject }] });
      this.pending.set(container.ref, group);
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current turn: every check started together has asked for its readings by then.
        setImmediate(() => {
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const groups = [...this.pending.values()];
    this.pending.clear();
    this.scheduled = false;
    for (const { container, items } of groups) {
      runBatch(container, items).then(
        (results) => {
          items.forEach((item, n) => {
            const r = results[n];
            for (const w of item.waiters) {
              if (r) w.resolve({ ...r });
              else w.reject(new Error('no result for a batched command'));
            }
          });
        },
        (err: unknown) => {
          for (const w of items.flatMap((i) => i.waiters)) w.reject(err);
        },
      );
    }
  }
}

const scope = new AsyncLocalStorage<ExecBatcher>();

/** Runs fn with its probe commands batched per container. */
export function withExecBatching<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new ExecBatcher(), fn);
}

/** A short, read-only command for a reading: batched inside withExecBatching, else a plain handle.exec. */
export function probeIn(container: ContainerHandle, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const batcher = scope.getStore();
  if (!batcher || opts.stdin !== undefined) return container.exec(argv, opts);
  return batcher.add(container, argv, opts);
}
