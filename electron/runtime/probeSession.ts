// One long-lived shell per container answers probe batches (batchScript.ts) written to its stdin, so a warm
// reading costs a write and a read on an open connection instead of a docker exec (tens of milliseconds of
// engine and runc work each). A session answers one batch at a time; whoever finds it busy, opening or
// unavailable takes the plain exec path instead of waiting. A session whose stream ends (the container
// stopped, restarted or went away, the engine restarted) is dropped and the next batch opens a new one; a
// batch that outlives its guard answers like a timed-out exec (exit 124) and its session is closed.
import { BATCH_SCRIPT } from './batchScript.js';
import type { ContainerHandle, ExecPipe, ExecResult } from './containerRuntime.js';

/**
 * $1 is the batch script. A request is NUL-delimited: the argument count, then the batch script's arguments
 * (boundary first). Its answer is the script's output (its own stderr merged in, ahead of the frames), then
 * "<boundary> end <exit code>\n". The batch runs in a subshell with stdin on /dev/null: nothing but this
 * loop reads the requests.
 */
export const SESSION_SCRIPT = `
script=$1
while IFS= read -r -d '' n && [[ $n =~ ^[1-9][0-9]{0,5}$ ]]; do
  args=()
  while ((\${#args[@]} < n)) && IFS= read -r -d '' a; do args+=("$a"); done
  ((\${#args[@]} == n)) || exit 0
  (set -- "\${args[@]}"; eval "$script") </dev/null 2>&1
  printf '%s end %d\\n' "\${args[0]}" "$?"
done
`;

export const SESSION_ARGV: readonly string[] = ['bash', '-c', SESSION_SCRIPT, 'halab-probe-session', BATCH_SCRIPT];

/** A request on the wire: the count, then each argument, every one ended by NUL. */
export const encodeRequest = (args: readonly string[]): Buffer => Buffer.from([String(args.length), ...args].map((a) => `${a}\0`).join(''), 'utf8');

export interface SessionLimits {
  /** After this long without an answer the session is closed and the batch answers exit 124. */
  guardMs: number;
  /** More output than this for one batch closes the session (the batch then takes the exec path). */
  maxBytes: number;
}

/** Room beyond the frames for the end line and the script's own complaints. */
const END_SLACK = 64 * 1024;

let enabled = process.env.HALAB_PROBE_SESSIONS !== '0';

/** Turns probe sessions on or off (HALAB_PROBE_SESSIONS=0 starts with them off); returns the function that restores the previous setting. */
export function useProbeSessions(on: boolean): () => void {
  const previous = enabled;
  enabled = on;
  return () => {
    enabled = previous;
  };
}

interface Waiting {
  boundary: string;
  marker: Buffer;
  maxBytes: number;
  started: number;
  guard: NodeJS.Timeout;
  /** undefined: the session was lost before it answered. */
  answer: (res: ExecResult | undefined) => void;
}

/** The live session of each container ref, or the token of one being opened. */
const sessions = new Map<string, ProbeSession | symbol>();

class ProbeSession {
  private output = Buffer.alloc(0);
  private waiting: Waiting | undefined;
  private closed = false;

  constructor(
    readonly ref: string,
    private readonly pipe: ExecPipe,
  ) {
    // An idle session must not keep the process alive; a batch under way holds it through its guard timer.
    pipe.unref();
    pipe.stdout.on('data', (chunk: Buffer) => {
      this.take(chunk);
    });
    // The loop itself never writes to stderr on purpose: whatever comes is drained and dropped.
    pipe.stderr.resume();
    pipe.stdin.on('error', () => {
      this.close();
    });
    void pipe.ended.then(() => {
      this.close();
    });
  }

  get busy(): boolean {
    return this.waiting !== undefined || this.closed || this.pipe.stdin.destroyed;
  }

  run(args: readonly string[], limits: SessionLimits): Promise<ExecResult | undefined> {
    const boundary = args[0] ?? '';
    return new Promise((resolve) => {
      const started = performance.now();
      const guard = setTimeout(() => {
        this.settle({ exitCode: 124, stdout: '', stderr: '', ms: performance.now() - started });
        this.close();
      }, limits.guardMs);
      this.waiting = { boundary, marker: Buffer.from(`${boundary} end `), maxBytes: limits.maxBytes, started, guard, answer: resolve };
      this.output = Buffer.alloc(0);
      // A connection already gone may fail the write without an error event: the callback still hears it.
      this.pipe.stdin.write(encodeRequest(args), (err) => {
        if (err) this.close();
      });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (sessions.get(this.ref) === this) sessions.delete(this.ref);
    this.pipe.close();
    this.settle(undefined);
  }

  private settle(res: ExecResult | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    this.output = Buffer.alloc(0);
    if (!waiting) return;
    clearTimeout(waiting.guard);
    waiting.answer(res);
  }

  private take(chunk: Buffer): void {
    const waiting = this.waiting;
    // Output with no batch waiting, beyond the limit, or after the end line: the session is out of step.
    if (!waiting) {
      this.close();
      return;
    }
    // The end line is the marker, at most three digits and a newline: it may straddle two chunks.
    const from = Math.max(0, this.output.length - waiting.marker.length - 4);
    this.output = Buffer.concat([this.output, chunk]);
    const at = this.output.indexOf(waiting.marker, from);
    const eol = at < 0 ? -1 : this.output.indexOf(0x0a, at + waiting.marker.length);
    if (eol < 0) {
      if (this.output.length > waiting.maxBytes + END_SLACK) this.close();
      return;
    }
    const exitCode = Number(this.output.subarray(at + waiting.marker.length, eol).toString('latin1'));
    if (eol + 1 !== this.output.length || !Number.isInteger(exitCode)) {
      this.close();
      return;
    }
    const text = this.output.subarray(0, at).toString('utf8');
    // The script's own complaints (it could not make its temp dir, ...) come before the first frame.
    const first = text.indexOf(waiting.boundary);
    const stdout = first < 0 ? '' : text.slice(first);
    const stderr = first < 0 ? text : text.slice(0, first);
    this.settle({ exitCode, stdout, stderr, ms: performance.now() - waiting.started });
  }
}

async function openAndRun(container: ContainerHandle, args: readonly string[], limits: SessionLimits): Promise<ExecResult | undefined> {
  const token = Symbol(container.ref);
  sessions.set(container.ref, token);
  let pipe: ExecPipe;
  try {
    if (!container.execPipe) throw new Error('no execPipe');
    pipe = await container.execPipe([...SESSION_ARGV]);
  } catch {
    if (sessions.get(container.ref) === token) sessions.delete(container.ref);
    return undefined;
  }
  // Closed (closeProbeSessions) while it was opening: the batch takes the exec path.
  if (sessions.get(container.ref) !== token) {
    pipe.close();
    return undefined;
  }
  const session = new ProbeSession(container.ref, pipe);
  sessions.set(container.ref, session);
  return session.run(args, limits);
}

/**
 * Runs one batch (the argv after `bash -c BATCH_SCRIPT <name>`) in the container's session, opening one when
 * there is none. undefined means the session could not take it (off, busy, opening, unsupported, or lost
 * before it answered): the caller runs the batch as a plain exec.
 */
export function runInSession(container: ContainerHandle, args: readonly string[], limits: SessionLimits): Promise<ExecResult | undefined> {
  if (!enabled || !container.execPipe || args.some((a) => a.includes('\0'))) return Promise.resolve(undefined);
  const current = sessions.get(container.ref);
  if (current === undefined) return openAndRun(container, args, limits);
  if (typeof current === 'symbol' || current.busy) return Promise.resolve(undefined);
  return current.run(args, limits);
}

/** Closes the sessions of these container refs (a lab going down); batches under way take the exec path. */
export function closeProbeSessions(refs: readonly string[]): void {
  for (const ref of refs) {
    const current = sessions.get(ref);
    sessions.delete(ref);
    if (current instanceof ProbeSession) current.close();
  }
}

/** The refs that have an open (or opening) session. */
export const probeSessionRefs = (): string[] => [...sessions.keys()];
