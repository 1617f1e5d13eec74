// `halab serve` as a real child process, for tests that kill it, restart it or watch its memory: started
// from source (or, for the end-to-end tests, from the build in dist/) in the caller's HALAB_HOME, resolved
// once it has printed its URL line.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../electron/util/paths.js';

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  token: string;
  origin: string;
  /** What it wrote to stderr so far (its log). */
  log(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** Sends the signal (SIGKILL unless told) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface ServeOptions {
  /** Let it open a browser (tests put a fake xdg-open on PATH); the default is --no-open. */
  open?: boolean;
  /** A TypeScript file run in place of halab.ts with the same arguments (a host with injected faults). */
  entry?: string;
  /** Its working folder (default: the test's). */
  cwd?: string;
}

export async function startServe(env: Record<string, string> = {}, timeoutMs = 30_000, from: 'source' | 'dist' = 'source', options: ServeOptions = {}): Promise<ServeProcess> {
  const cli =
    from === 'dist'
      ? [join(projectRoot(), 'dist', 'electron', 'cli', 'halab.js')]
      : // tsx by its file: `--import tsx` would be looked up from the child's working folder.
        ['--import', pathToFileURL(join(projectRoot(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, options.entry ?? join(projectRoot(), 'electron', 'cli', 'halab.ts')];
  const child = spawn(process.execPath, [...cli, 'serve', '--port', '0', ...(options.open ? [] : ['--no-open'])], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? -1);
    }),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a host behind that the caller has no handle on
      reject(new Error(`halab serve printed no URL within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    const onData = (): void => {
      const nl = stdout.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(stdout.slice(0, nl));
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`halab serve exited (${String(code)}) before printing its URL; stderr: ${stderr}`));
    });
  });
  const url = line.split(/\s/)[0] ?? '';
  const parsed = new URL(url);
  return {
    child,
    pid: child.pid ?? -1,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    origin: parsed.origin,
    log: () => stderr,
    exited,
    kill: (signal = 'SIGKILL') => {
      child.kill(signal);
      return exited;
    },
  };
}
