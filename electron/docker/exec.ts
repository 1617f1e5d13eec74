// Runs a command inside a container through the Docker API and collects its output and exit code.
// The command is wrapped in coreutils `timeout` so a hung probe cannot outlive its budget.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { docker } from './client.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ExecOptions {
  timeoutMs?: number;
  stdin?: string;
  /** Output beyond this many bytes per stream is dropped (a probe never needs more). */
  maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

function collector(maxBytes: number): { stream: PassThrough; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    if (size >= maxBytes) return;
    chunks.push(chunk.subarray(0, maxBytes - size));
    size += chunk.length;
  });
  // Decoding once at the end keeps multi-byte characters intact across chunk edges.
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs argv in the container; exit code 124 means the timeout fired. */
export async function execIn(container: string | Docker.Container, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const c = typeof container === 'string' ? docker().getContainer(container) : container;
  const seconds = Math.max(1, Math.ceil((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
  const exec = await c.exec({
    Cmd: ['timeout', '-k', '1', String(seconds), ...argv],
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: opts.stdin !== undefined,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: opts.stdin !== undefined });
  const out = collector(opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const err = collector(opts.maxBytes ?? DEFAULT_MAX_BYTES);
  docker().modem.demuxStream(stream, out.stream, err.stream);
  const ended = new Promise<void>((resolveEnd, rejectEnd) => {
    stream.on('end', resolveEnd);
    stream.on('close', resolveEnd);
    stream.on('error', rejectEnd);
  });
  if (opts.stdin !== undefined) stream.end(opts.stdin);
  // The outer guard covers a daemon that stops answering altogether.
  let guard: NodeJS.Timeout | undefined;
  await Promise.race([
    ended,
    new Promise<void>((resolveGuard) => {
      guard = setTimeout(() => {
        stream.destroy();
        resolveGuard();
      }, seconds * 1000 + 3000);
    }),
  ]);
  clearTimeout(guard);
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? 124, stdout: out.text(), stderr: err.text(), ms: performance.now() - started };
}

/** Runs a shell command line (bash -c) in the container. */
export function shellIn(container: string | Docker.Container, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
  return execIn(container, ['bash', '-c', command], opts);
}
