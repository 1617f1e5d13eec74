// A class's access on the real classroom server: a first start that fails after making the class file
// leaves no learner without a link at the next start; a dead link opened in a browser gets the page that
// says what to do (401); a reissue from another process ends the old link's open page at once; a wildcard
// bind needs the name learners type, and every link carries it.
import { existsSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerTokens } from '../helpers/classLinks.js';
import WebSocket from 'ws';
import type { SessionInfo } from '../../common/contract.js';
import { SESSION_END_CODES } from '../../common/sessionEnd.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { isolateHome, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'vrrp-pair';
const rooms: RunningClassroom[] = [];
const clients: ApiClient[] = [];

async function start(opts: Parameters<typeof startClassroom>[0]): Promise<RunningClassroom> {
  const room = await startClassroom({ log: () => undefined, ...opts });
  rooms.push(room);
  return room;
}

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : 0 });
    });
  });
}

describe('access to a classroom server', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const r of rooms) await r.close();
  }, 60_000);

  it('gives every learner a link at the start after a first start that failed once the class file was made', async () => {
    const dir = makeTempDir('halab-class-access-');
    const busy = await holdPort();
    try {
      await expect(startClassroom({ dir, name: 'ta-failed', roster: { count: 2 }, labs: [LAB], port: busy.port, bind: '127.0.0.1', log: () => undefined })).rejects.toThrow(/already in use/);
    } finally {
      busy.server.close();
    }
    expect(existsSync(join(dir, 'class.db'))).toBe(true);
    expect(existsSync(join(dir, 'links.csv'))).toBe(false);

    const room = await start({ dir, name: 'ta-failed', port: 0, bind: '127.0.0.1' });
    const tokens = learnerTokens(room.linksFile);
    expect([...tokens.keys()]).toEqual(['l01', 'l02']);
    for (const [id, token] of tokens) {
      const page = await connectApi({ port: room.host.port, origin: room.host.origin, token });
      clients.push(page);
      expect(await page.call<SessionInfo>('session.info', {})).toMatchObject({ role: 'learner', learner: { id } });
    }
  }, 60_000);

  it("answers a dead link with the page that says what to do, and ends a replaced link's open page", async () => {
    const dir = makeTempDir('halab-class-access-');
    const room = await start({ dir, name: 'ta-access', roster: { count: 2 }, labs: [LAB], port: 0, bind: '127.0.0.1', instructorLinkCommand: 'halab classroom links --name ta-access --instructor' });
    const old = learnerTokens(room.linksFile).get('l01') ?? '';
    const ws = new WebSocket(`${room.host.origin.replace(/^http/, 'ws')}/api?token=${old}`, { origin: room.host.origin });
    const events: string[] = [];
    ws.on('message', (data: Buffer) => events.push(data.toString('utf8')));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    // Another process on the same class file: `halab classroom links --reissue l01`.
    const other = ClassStore.open(join(dir, 'class.db'));
    other.reissue('l01');
    other.close();
    expect(await closed).toBe(SESSION_END_CODES.replaced);
    expect(events.map((e) => JSON.parse(e) as unknown)).toContainEqual({ event: 'session.ended', payload: { reason: 'replaced' } });

    const page = await new Promise<{ status: number; csp: string; body: string }>((resolve, reject) => {
      const req = httpRequest(`${room.host.origin}/?token=${old}`, { headers: { Accept: 'text/html', 'Accept-Language': 'zh-CN,zh;q=0.9' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, csp: String(res.headers['content-security-policy']), body });
        });
      });
      req.on('error', reject).end();
    });
    expect(page.status).toBe(401);
    expect(page.csp).toContain("script-src 'self'");
    expect(page.body).toContain('这个链接已经失效');
    expect(page.body).toContain('halab classroom links --name ta-access --instructor');
    expect(page.body).not.toContain(old);
  }, 60_000);

  it('needs --url-host with a wildcard bind, before making anything, and puts that name in every link', async () => {
    const dir = makeTempDir('halab-class-access-');
    await expect(startClassroom({ dir, name: 'ta-wild', roster: { count: 1 }, labs: [LAB], port: 0, bind: '0.0.0.0', log: () => undefined })).rejects.toThrow(/--url-host/);
    expect(existsSync(join(dir, 'class.db'))).toBe(false);

    const room = await start({ dir, name: 'ta-wild', roster: { count: 1 }, labs: [LAB], port: 0, bind: '0.0.0.0', urlHost: '127.0.0.1' });
    expect(room.host.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(room.instructorUrl.startsWith(`${room.host.origin}/?token=`)).toBe(true);
    expect(readFileSync(room.linksFile, 'utf8')).toContain(`${room.host.origin}/?token=`);
    const ca = readFileSync(join(dir, 'tls', 'cert.pem'), 'utf8');
    const learner = await connectApi({ port: room.host.port, origin: room.host.origin, token: learnerTokens(room.linksFile).get('l01') ?? '' }, { ca });
    clients.push(learner);
    expect(await learner.call<SessionInfo>('session.info', {})).toMatchObject({ role: 'learner' });
    // The host answers only to the name in the links.
    const status = await new Promise<number>((resolve, reject) => {
      httpsRequest({ host: '127.0.0.1', port: room.host.port, path: '/', ca, servername: '127.0.0.1', headers: { Host: `0.0.0.0:${room.host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  }, 60_000);
});
