// The browser host's security on a real server on 127.0.0.1: the token and its cookie, the WebSocket's
// Origin check, static files that never leave dist/renderer, the headers, loopback-only binding, frame
// limits, and staying up while Docker comes and goes. `halab serve` itself is run as a process too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHost, type Host } from '../../electron/host/startHost.js';
import type { Handlers } from '../../electron/api/handlerTypes.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/staticFiles.js';
import { projectRoot } from '../../electron/util/paths.js';
import { UserError } from '../../electron/util/errors.js';
import { makeTempDir } from '../helpers/tempDirs.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path is sent as written (no client-side normalisation of "..").  */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', address = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket and reports how the upgrade went: 'open' or the HTTP status it was refused with. */
function tryWs(url: string, origin: string | undefined, headers: Record<string, string> = {}): Promise<{ result: 'open' | number; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(origin ? { origin } : {}), headers });
    ws.once('open', () => {
      resolve({ result: 'open', ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ result: res.statusCode ?? 0, ws });
      res.resume();
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

function nextMessage(ws: WebSocket, pred: (m: Record<string, unknown>) => boolean = () => true, ms = 3000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', on);
      reject(new Error('no message'));
    }, ms);
    const on = (data: Buffer): void => {
      const m = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (!pred(m)) return;
      clearTimeout(timer);
      ws.off('message', on);
      resolve(m);
    };
    ws.on('message', on);
  });
}

describe('browser host', () => {
  let host: Host;
  let root: string;
  let ping: () => Promise<unknown>;
  let dockerUp = true;
  const sessionEnded = vi.fn();
  const handlers: Handlers = {
    'labs.list': () => Promise.resolve([]),
    'topology.watch': (_input, ctx) => {
      ctx.onClose(sessionEnded);
      return Promise.resolve({ ok: true });
    },
  };

  beforeAll(async () => {
    const base = makeTempDir('halab-host-');
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>HA Lab</title><script type="module" src="/assets/app.js"></script>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log("app")');
    await writeFile(join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(join(root, 'assets', 'codicon.woff2'), 'x');
    await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
    await writeFile(join(base, 'secret.txt'), 'the secret next door');
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
    ping = () => (dockerUp ? Promise.resolve() : Promise.reject(new Error('connect ENOENT /var/run/docker.sock')));
    host = await startHost({ port: 0, rendererDir: root, handlers, log: () => undefined, dockerPing: () => ping(), dockerRetryMs: 100 });
  });

  afterAll(async () => {
    await host.close();
  });

  it('prints a URL on 127.0.0.1 with a 32-character base64url token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('answers 401 with no body to anything without the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/api', '/nope', `/?token=${'x'.repeat(32)}`, '/?token=']) {
      const r = await get(host.port, path);
      expect(r.status, path).toBe(401);
      expect(r.body).toBe('');
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    const wrongCookie = await get(host.port, '/', { Cookie: `halab_token_${host.port}=${'y'.repeat(32)}` });
    expect(wrongCookie.status).toBe(401);
  });

  it('sets an HttpOnly SameSite=Strict cookie on the first request with the token; later requests need only the cookie', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`halab_token_${host.port}=${host.token}; HttpOnly; SameSite=Strict; Path=/`);
    const later = await get(host.port, '/assets/app.js', { Cookie: cookie.split(';')[0] ?? '' });
    expect(later.status).toBe(200);
    expect(later.body).toBe('console.log("app")');
    expect(later.headers['set-cookie']).toBeUndefined();
  });

  it('sends the strict CSP, nosniff and the right MIME types', async () => {
    const cookie = `halab_token_${host.port}=${host.token}`;
    const index = await get(host.port, '/', { Cookie: cookie });
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/codicon.woff2': 'font/woff2',
      '/assets/logo.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const r = await get(host.port, path, { Cookie: cookie });
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    // A client-side route reloads into the app; a missing asset is a 404.
    expect((await get(host.port, '/labs/vrrp-pair', { Cookie: cookie })).body).toContain('HA Lab');
    expect((await get(host.port, '/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get(host.port, '/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('never serves a file outside dist/renderer', async () => {
    const cookie = `halab_token_${host.port}=${host.token}`;
    const paths = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/link.txt',
      '/%00',
      '/assets/app.js%00.html',
      '//etc/passwd',
      '/../../../../etc/passwd',
    ];
    for (const path of paths) {
      const r = await get(host.port, path, { Cookie: cookie });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toMatch(/secret next door|root:/);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await get(host.port, `/?token=${host.token}`, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
  });

  it('listens on 127.0.0.1 only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i?.address ?? '');
    others.push('::1');
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const s = tcpConnect({ host: address, port: host.port }, () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (err: NodeJS.ErrnoException) => {
          resolve(err.code ?? 'error');
        });
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('refuses WebSocket upgrades without the token or from another Origin (403)', async () => {
    const ws = `ws://127.0.0.1:${host.port}/api`;
    const cases: [string, string | undefined, Record<string, string>][] = [
      [ws, host.origin, {}], // no token
      [`${ws}?token=${'z'.repeat(32)}`, host.origin, {}], // wrong token
      [`${ws}?token=${host.token}`, 'http://evil.example', {}], // foreign origin
      [`${ws}?token=${host.token}`, `http://localhost:${host.port}`, {}], // same machine, other origin
      [`${ws}?token=${host.token}`, `${host.origin}.evil.example`, {}],
      [`${ws}?token=${host.token}`, 'null', {}],
      [`${ws}?token=${host.token}`, undefined, {}], // no origin at all
      [ws, 'http://evil.example', { Cookie: `halab_token_${host.port}=${host.token}` }],
    ];
    for (const [url, origin, headers] of cases) {
      const { result, ws: sock } = await tryWs(url, origin, headers);
      expect(result, `${url} from ${origin ?? '(none)'}`).toBe(403);
      sock.terminate();
    }
    const wrongPath = await tryWs(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, host.origin);
    expect(wrongPath.result).toBe(404);
  });

  it('carries calls and events over an accepted socket (token or cookie), and ends the session with it', async () => {
    const byCookie = await tryWs(`ws://127.0.0.1:${host.port}/api`, host.origin, { Cookie: `halab_token_${host.port}=${host.token}` });
    expect(byCookie.result).toBe('open');
    byCookie.ws.close();
    const { result, ws } = await tryWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, host.origin);
    expect(result).toBe('open');
    ws.send(JSON.stringify({ id: 1, method: 'labs.list', input: {} }));
    expect(await nextMessage(ws, (m) => m.id === 1)).toEqual({ id: 1, result: [] });
    ws.send(JSON.stringify({ id: 2, method: 'labs.list', input: { lab: '../../etc' } }));
    expect(await nextMessage(ws, (m) => m.id === 2)).toMatchObject({ id: 2, error: { code: 'E_INPUT' } });
    ws.send(JSON.stringify({ id: 'a3', method: 'shell.exec', input: {} }));
    expect(await nextMessage(ws, (m) => m.id === 'a3')).toMatchObject({ error: { code: 'E_METHOD' } });
    ws.send('not json');
    expect(await nextMessage(ws)).toMatchObject({ id: null, error: { code: 'E_PROTOCOL' } });
    ws.send(JSON.stringify({ method: 'labs.list' }));
    expect(await nextMessage(ws)).toMatchObject({ id: null, error: { code: 'E_PROTOCOL' } });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(ws)).toMatchObject({ error: { code: 'E_PROTOCOL' } });
    ws.send(JSON.stringify({ id: 4, method: 'topology.watch', input: { lab: 'x', on: true } }));
    await nextMessage(ws, (m) => m.id === 4);
    const { broadcast } = await import('../../electron/api/dispatch.js');
    broadcast('lab.changed', { lab: 'x', running: true });
    expect(await nextMessage(ws, (m) => m.event === 'lab.changed')).toEqual({ event: 'lab.changed', payload: { lab: 'x', running: true } });
    ws.close();
    await vi.waitFor(() => {
      expect(sessionEnded).toHaveBeenCalledOnce();
    });
  });

  it('closes a socket that sends a frame over 2 MiB (1009)', async () => {
    const { ws } = await tryWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, host.origin);
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code) => {
        resolve(code);
      }),
    );
    ws.send(JSON.stringify({ id: 1, method: 'labs.list', input: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('keeps serving while Docker is away, and says when it goes and when it is back', async () => {
    const { ws } = await tryWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, host.origin);
    const gone = nextMessage(ws, (m) => m.event === 'docker.connection', 10_000);
    dockerUp = false;
    expect(await gone).toEqual({ event: 'docker.connection', payload: { ok: false, message: 'connect ENOENT /var/run/docker.sock' } });
    ws.send(JSON.stringify({ id: 7, method: 'labs.list', input: {} }));
    expect(await nextMessage(ws, (m) => m.id === 7)).toEqual({ id: 7, result: [] });
    expect((await get(host.port, '/', { Cookie: `halab_token_${host.port}=${host.token}` })).status).toBe(200);
    const back = nextMessage(ws, (m) => m.event === 'docker.connection', 10_000);
    dockerUp = true;
    expect(await back).toEqual({ event: 'docker.connection', payload: { ok: true } });
    ws.close();
  });

  it('says clearly when the port is taken, and --port 0 picks a free one', async () => {
    const clash = startHost({ port: host.port, rendererDir: root, handlers, log: () => undefined, dockerPing: false });
    await expect(clash).rejects.toBeInstanceOf(UserError);
    await expect(clash).rejects.toMatchObject({ code: 'E_PORT_IN_USE', message: `Port ${host.port} on 127.0.0.1 is already in use.` });
    const other = await startHost({ port: 0, rendererDir: root, handlers, log: () => undefined, dockerPing: false });
    expect(other.port).not.toBe(host.port);
    expect(other.token).not.toBe(host.token);
    // Each host's cookie has its own name: cookies ignore ports, so two hosts must not overwrite each other.
    expect((await get(other.port, '/', { Cookie: `halab_token_${host.port}=${host.token}` })).status).toBe(401);
    await other.close();
  });
});

describe('halab serve', () => {
  it('prints one line, the URL with its token, serves it on 127.0.0.1, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), 'serve', '--port', '0', '--no-open'], {
      env: { ...process.env, HALAB_HOME: makeTempDir('halab-serve-'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        resolve(code);
      }),
    );
    await vi.waitFor(
      () => {
        expect(stdout).toContain('\n');
      },
      { timeout: 30_000, interval: 50 },
    );
    const url = stdout.split(/\s/)[0] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    const port = Number(new URL(url).port);
    expect((await get(port, '/')).status).toBe(401);
    expect((await get(port, `/?${new URL(url).search.slice(1)}`)).headers['set-cookie']).toBeDefined();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a port that is not a number', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), 'serve', '--port', 'abc', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) =>
      child.once('exit', (c) => {
        resolve(c);
      }),
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--port must be a number/);
  });
});
