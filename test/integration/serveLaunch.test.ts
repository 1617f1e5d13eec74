// How `halab serve` opens the browser without the token on any command line: what it gives
// xdg-open (world-readable in /proc/PID/cmdline) holds no secret; it is a file only its user can read, which
// leads the browser to a one-time launch code; the host trades that code, once, for the session cookie.
// A fake xdg-open on PATH records its arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('halab serve opens the browser without the token on a command line', () => {
  let serve: ServeProcess;
  let argvLog: string;

  beforeAll(async () => {
    const bin = makeTempDir('halab-fake-open-');
    argvLog = join(bin, 'argv.txt');
    // Records every argument, one per line, as a browser would receive them.
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${argvLog}.tmp" && mv "${argvLog}.tmp" "${argvLog}"\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    serve = await startServe({ HALAB_HOME: makeTempDir('halab-launch-'), PATH: `${bin}:${process.env.PATH ?? ''}`, DISPLAY: ':99', WAYLAND_DISPLAY: '' }, 30_000, 'source', { open: true });
  });

  afterAll(async () => {
    await serve.kill('SIGKILL');
  });

  it('gives xdg-open a private file, not the token; the file leads to a one-time launch code', async () => {
    const deadline = Date.now() + 15_000;
    while (!existsSync(argvLog) && Date.now() < deadline) await sleep(50);
    const argv = readFileSync(argvLog, 'utf8').trimEnd().split('\n');
    expect(argv.join(' ')).not.toContain(serve.token);
    expect(argv).toHaveLength(1);
    const file = argv[0] ?? '';
    // Only its owner may read the file or list its folder.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain(serve.token);
    const target = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1] ?? '';
    const launch = new URL(target);
    expect(launch.origin).toBe(serve.origin);
    expect(launch.searchParams.get('launch')).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // The browser follows it: the code becomes the session cookie, and the address bar shows "/" only.
    const first = await get(serve.port, `${launch.pathname}${launch.search}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`halab_token_${serve.port}=${serve.token}`);
    expect((await get(serve.port, '/', { Cookie: cookie })).status).toBe(200);
    // Once only: another local user who saw the URL later gets nothing.
    const again = await get(serve.port, `${launch.pathname}${launch.search}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('removes the launch file when it stops', async () => {
    const file = readFileSync(argvLog, 'utf8').trim();
    expect(existsSync(file)).toBe(true);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});
