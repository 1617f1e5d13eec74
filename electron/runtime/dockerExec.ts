// Commands inside a container through the Docker API: a bounded run whose output and exit code are collected,
// a long-running one read as it streams (with or without stdin), and an interactive one on a TTY. The bounded
// run is wrapped in coreutils `timeout` so a hung probe cannot outlive its budget.
import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { docker } from '../docker/client.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type ExecOptions, type ExecResult, type ExecPipe, type ExecStream, type TtyExec } from './containerRuntime.js';

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
export async function execIn(container: Docker.Container, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  const seconds = Math.max(1, Math.ceil((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000));
  const exec = await container.exec({
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
      guard = setTimeout(
        () => {
          stream.destroy();
          resolveGuard();
        },
        seconds * 1000 + 3000,
      );
    }),
  ]);
  clearTimeout(guard);
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? 124, stdout: out.text(), stderr: err.text(), ms: performance.now() - started };
}

/** The hijacked connection's output split into stdout and stderr, ended with it. */
function demuxed(stream: Duplex): ExecStream {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker().modem.demuxStream(stream, stdout, stderr);
  const ended = new Promise<void>((resolveEnd) => {
    const end = (): void => {
      // demuxStream does not end its targets: readers see the end here.
      stdout.end();
      stderr.end();
      resolveEnd();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
  });
  return {
    stdout,
    stderr,
    ended,
    close: () => {
      stream.destroy();
    },
  };
}

/** Starts argv without a time limit; its output is read as it comes. */
export async function execStreamIn(container: Docker.Container, argv: string[]): Promise<ExecStream> {
  const exec = await container.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, Tty: false });
  return demuxed(await exec.start({ hijack: true, stdin: false }));
}

/** Starts argv without a time limit, with stdin attached: what is written to stdin reaches the command. */
export async function execPipeIn(container: Docker.Container, argv: string[]): Promise<ExecPipe> {
  const exec = await container.exec({ Cmd: argv, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: true });
  // A write after the command ended fails on the socket: the end is reported through `ended`, not thrown.
  stream.on('error', () => undefined);
  return {
    ...demuxed(stream),
    stdin: stream,
    unref: () => {
      // The hijacked connection is the socket itself (unix, TCP or TLS), which can be unref'd.
      (stream as Duplex & { unref?: () => void }).unref?.();
    },
  };
}

/** Starts argv on a TTY with stdin attached: the terminal's raw bytes both ways. */
export async function execTtyIn(container: Docker.Container, argv: string[], env: string[]): Promise<TtyExec> {
  const exec = await container.exec({ Cmd: argv, Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, Env: env });
  // Tty in the start body too: without it Docker multiplexes the output with 8-byte frame headers.
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  return {
    stream,
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols });
    },
    inspect: async () => {
      const info = await exec.inspect();
      return { running: info.Running, exitCode: info.ExitCode };
    },
  };
}
