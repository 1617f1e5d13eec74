// A class on one server, on real Docker: two learners and the instructor over the API as their pages speak
// it. Each learner works on their own copy of a lab and reaches nothing of the other's; the instructor's
// grid hears a learner's Check; a revoked link is refused; a restarted server finds every learner's
// progress, link and running lab again; off 127.0.0.1 it speaks TLS only.
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerTokens } from '../helpers/classLinks.js';
import WebSocket from 'ws';
import { SESSION_END_CODES } from '../../common/sessionEnd.js';
import type { ClassGrid } from '../../common/classroom.js';
import type { LabDetail, LabSummary, SessionInfo } from '../../common/contract.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { down } from '../../electron/topology/manager.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'vrrp-pair';
let dir: string;
let room: RunningClassroom;
let links: Map<string, string>;
const clients: ApiClient[] = [];

async function as(token: string, r: RunningClassroom = room, tls: { ca?: string } = {}): Promise<ApiClient> {
  const c = await connectApi({ port: r.host.port, origin: r.host.origin, token }, tls);
  clients.push(c);
  return c;
}

/** A page's socket opened with a dead link: what it was told, and the code it was closed with. */
function endedAs(token: string): Promise<{ code: number; event: unknown }> {
  const ws = new WebSocket(`${room.host.origin.replace(/^http/, 'ws')}/api?token=${token}`, { origin: room.host.origin });
  let event: unknown;
  ws.on('message', (data: Buffer) => {
    event = (JSON.parse(data.toString('utf8')) as { payload?: unknown }).payload;
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code) => {
      resolve({ code, event });
    });
  });
}

const instructorToken = (r: RunningClassroom): string => new URL(r.instructorUrl).searchParams.get('token') ?? '';
const refusal = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no refusal',
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );

describe('a classroom server', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    dir = makeTempDir('halab-class-');
    room = await startClassroom({ dir, name: 'it-class', roster: { count: 2 }, labs: [LAB, 'nopreempt'], port: 0, bind: '127.0.0.1', log: () => undefined });
    links = learnerTokens(room.linksFile);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await room.close();
    for (const id of ['l01', 'l02']) for (const lab of [LAB, 'nopreempt']) await down(`${id}-${lab}`);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 120_000);

  it('gives each learner a personal link and scopes them to their own labs', async () => {
    expect([...links.keys()]).toEqual(['l01', 'l02']);
    const a = await as(links.get('l01') ?? '');
    const b = await as(links.get('l02') ?? '');
    expect(await a.call<SessionInfo>('session.info', {})).toMatchObject({ role: 'learner', learner: { id: 'l01' }, className: 'it-class', labs: [LAB, 'nopreempt'] });
    // Only the class's labs are listed, and another lab cannot be started.
    expect((await a.call<LabSummary[]>('labs.list', {})).map((l) => l.id)).toEqual([LAB, 'nopreempt']);
    expect(await refusal(a.call('lab.up', { lab: 'split-brain' }))).toMatch(/^E_FORBIDDEN: "split-brain" is not one of this class's labs/);

    const upA = await a.call<LabDetail>('lab.up', { lab: LAB });
    expect(upA.running).toBe(true);
    // One lab at a time per learner.
    expect(await refusal(a.call('lab.up', { lab: 'nopreempt' }))).toMatch(/^E_LIMIT: You already run vrrp-pair/);
    // B's copy of the same lab is not A's: not running, and every lab method says so with B's own instance.
    expect((await b.call<LabDetail>('labs.get', { lab: LAB })).running).toBe(false);
    expect(await refusal(b.call('checks.run', { lab: LAB, step: 0 }))).toMatch(/^E_NOT_RUNNING: .*"l02-vrrp-pair"/);
    expect(await refusal(b.call('files.read', { lab: LAB, node: 'lb01', path: '/etc/hosts' }))).toMatch(/^E_NOT_RUNNING: .*"l02-vrrp-pair"/);
    expect(await refusal(b.call('faults.apply', { lab: LAB, fault: 'kill_node', node: 'lb01' }))).toMatch(/^E_NOT_RUNNING/);
    // A's terminal is A's: B naming its id reaches nothing.
    const term = await a.call<{ id: string }>('terminal.open', { lab: LAB, node: 'client', cols: 80, rows: 24 });
    expect(await refusal(b.call('terminal.input', { id: term.id, data: 'echo hi\r' }))).toMatch(/^E_NO_TERMINAL/);
    // Learners are not the instructor.
    for (const method of ['class.grid', 'class.report', 'class.message', 'class.resetLab'] as const) {
      const input = { 'class.grid': {}, 'class.report': { format: 'csv', lang: 'en' }, 'class.message': { text: 'hi' }, 'class.resetLab': { learner: 'l01', lab: LAB } }[method];
      expect(await refusal(b.call(method, input)), method).toMatch(/^E_FORBIDDEN/);
    }
  }, 120_000);

  it("shows a learner's Check on the instructor's grid, sends the class a message, and exports the report", async () => {
    const teacher = await as(instructorToken(room));
    expect(await teacher.call<SessionInfo>('session.info', {})).toMatchObject({ role: 'instructor' });
    const from = teacher.mark();
    await teacher.call('class.watch', { on: true });
    const a = await as(links.get('l01') ?? '');
    const b = await as(links.get('l02') ?? '');
    const heard = b.mark();
    await a.call('checks.run', { lab: LAB, step: 0 });
    const update = await teacher.waitFor('class.update', (g: ClassGrid) => g.learners.some((l) => l.learner.id === 'l01' && l.labs.some((x) => x.cells[0]?.attempts === 1)), 10_000, from);
    const cell = update.payload.learners.find((l) => l.learner.id === 'l01')?.labs.find((x) => x.lab === LAB)?.cells[0];
    expect(cell).toMatchObject({ status: 'working', lastPassed: false });
    expect(cell?.lastChecks.length).toBeGreaterThan(0);
    expect(cell?.lastChecks[0]?.seen.en).toBeTruthy();

    await teacher.call('class.message', { text: '<b>10 分钟</b> 后讲第 3 步' });
    const msg = await b.waitFor('class.message', (m) => m.text.includes('10 分钟'), 5000, heard);
    expect(msg.payload.text).toBe('<b>10 分钟</b> 后讲第 3 步');

    const csv = await teacher.call<{ content: string; mime: string }>('class.report', { format: 'csv', lang: 'zh-CN' });
    expect(csv.mime).toMatch(/^text\/csv/);
    expect(csv.content).toMatch(/l01/);
    const html = await teacher.call<{ content: string }>('class.report', { format: 'html', lang: 'en' });
    expect(html.content).not.toContain('<b>10');
  }, 60_000);

  it('refuses a revoked link, and a restarted server keeps every learner, link, progress and running lab', async () => {
    const lost = links.get('l02') ?? '';
    room.room.store.revokeTokens('l02');
    // Not a session: the socket is only told why, then closed.
    expect(await endedAs(lost)).toEqual({ code: SESSION_END_CODES.revoked, event: { reason: 'revoked' } });
    await room.close();
    room = await startClassroom({ dir, name: 'ignored-on-restart', port: 0, bind: '127.0.0.1', log: () => undefined });
    expect(room.room.name).toBe('it-class');
    const a = await as(links.get('l01') ?? '');
    const detail = await a.call<LabDetail>('labs.get', { lab: LAB });
    expect(detail.running).toBe(true);
    const grid = await (await as(instructorToken(room))).call<ClassGrid>('class.grid', {});
    expect(grid.learners.find((l) => l.learner.id === 'l01')?.labs.find((x) => x.lab === LAB)?.cells[0]?.attempts).toBe(1);
    expect(await endedAs(lost)).toEqual({ code: SESSION_END_CODES.revoked, event: { reason: 'revoked' } });
  }, 60_000);

  it('off 127.0.0.1 speaks TLS only, with a certificate whose fingerprint it prints', async () => {
    const tlsDir = makeTempDir('halab-class-tls-');
    const secure = await startClassroom({ dir: tlsDir, name: 'tls', roster: { count: 1 }, labs: [LAB], port: 0, bind: '127.0.0.2', log: () => undefined });
    try {
      expect(secure.host.origin).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
      expect(secure.tls?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const ca = readFileSync(join(tlsDir, 'tls', 'cert.pem'), 'utf8');
      const learner = await as(learnerTokens(secure.linksFile).get('l01') ?? '', secure, { ca });
      expect(await learner.call<SessionInfo>('session.info', {})).toMatchObject({ role: 'learner' });
      const cookie = await new Promise<string>((resolve, reject) => {
        httpsGet(`${secure.host.origin}/?token=${learnerTokens(secure.linksFile).get('l01') ?? ''}`, { ca }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie'] ?? ''));
        }).on('error', reject);
      });
      expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Secure/);
    } finally {
      await secure.close();
    }
  }, 60_000);
});
