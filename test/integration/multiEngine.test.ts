// A class spread over two real Docker engines: the machine's own, and a second dockerd started by this test
// (its own socket, data root and network namespace), reached over TCP with TLS and client certificates
// (test/helpers/tlsFront.ts), as an engine on another machine would be. Each learner's lab runs whole on one engine, chosen by
// free places; VRRP works there; when the second engine is killed, its learner is told and the dashboard
// names them, the other learner's lab runs on untouched, and the lost lab starts again on the engine that
// is left. When the second engine comes back, what it still held of the lost lab is removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassGrid } from '../../common/classroom.js';
import type { LabDetail, StepResultView } from '../../common/contract.js';
import { startClassroom, type ClassroomOptions, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { docker } from '../../electron/docker/client.js';
import { down } from '../../electron/topology/manager.js';
import type { ApiClient } from '../helpers/hostClient.js';
import { classPage, instructorTokenOf, learnerTokens } from '../helpers/classLinks.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { startTestEngine, type TestEngine } from '../helpers/secondEngine.js';
import { startTlsFront, type TlsFront } from '../helpers/tlsFront.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import type Docker from 'dockerode';

const LAB = 'vrrp-pair';
let engine: TestEngine;
let front: TlsFront;
let room: RunningClassroom;
const clients: ApiClient[] = [];

const as = (token: string): Promise<ApiClient> => classPage(room, token, clients);

/** The lab's containers on one engine, by name. */
async function namesOn(client: Docker, instance: string): Promise<string[]> {
  const list = await client.listContainers({ all: true, filters: { label: [`io.halab.instance=${instance}`] } });
  return list.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();
}

/** Which node of the lab holds the VIP, read off the node's own kernel through the engine that runs it. */
async function vipHolders(client: Docker, instance: string, subnetVip: string): Promise<string[]> {
  const holders: string[] = [];
  for (const node of ['lb01', 'lb02']) {
    const exec = await client.getContainer(`halab-${instance}.${node}`).exec({ Cmd: ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = await new Promise<string>((resolve) => {
      let text = '';
      stream.on('data', (b: Buffer) => {
        text += b.toString('latin1');
      });
      stream.on('end', () => {
        resolve(text);
      });
    });
    if (out.includes(`${subnetVip}/`)) holders.push(node);
  }
  return holders;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The class, new or reopened: two places here, one there (the first lab goes here, both being empty and this one listed first). */
const classDir = makeTempDir('halab-engines-');
const classOptions = (fresh: boolean): ClassroomOptions => ({
  dir: classDir,
  name: 'two-engines',
  ...(fresh ? { roster: { count: 3 }, labs: [LAB] } : {}),
  port: 0,
  bind: '127.0.0.1',
  engines: [
    { name: 'main', host: 'unix:///var/run/docker.sock', maxLabs: 2 },
    { name: 'second', host: front.host, tls: front.clientDir, maxLabs: 1 },
  ],
  log: () => undefined,
});

describe('a class on two Docker engines', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    engine = await startTestEngine(`t${process.pid}`);
    front = await startTlsFront(engine.socket, makeTempDir('halab-engine-tls-'));
    room = await startClassroom(classOptions(true));
  }, 300_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await room?.close();
    for (const id of ['l01', 'l02', 'l03']) await down(`${id}-${LAB}`).catch(() => undefined);
    await front?.close();
    await engine?.destroy();
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 300_000);

  it('places each lab whole on one engine, survives losing one, and starts the lost lab on the other', async () => {
    const links = learnerTokens(room.linksFile);
    const a = await as(links.get('l01') ?? '');
    const b = await as(links.get('l02') ?? '');
    const teacher = await as(instructorTokenOf(room));
    // The second engine got the lab image from the first when the class started.
    expect((await engine.client.listImages()).some((i) => (i.RepoTags ?? []).some((t) => t.startsWith('halab-node:')))).toBe(true);

    expect((await a.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    // B's lab starts with keepalived configured and running (the solutions of the first two steps).
    await b.call('lab.startFrom', { lab: LAB, step: 2 });
    const aNames = await namesOn(docker(), `l01-${LAB}`);
    expect(aNames).toContain(`halab-l01-${LAB}.lb01`);
    expect(await namesOn(engine.client, `l01-${LAB}`)).toEqual([]);
    expect(await namesOn(engine.client, `l02-${LAB}`)).toContain(`halab-l02-${LAB}.lb01`);
    expect(await namesOn(docker(), `l02-${LAB}`)).toEqual([]);
    // VRRP elects one master on each engine's bridge: one holder of the VIP in each lab.
    const bVip = (await b.call<LabDetail>('labs.get', { lab: LAB })).vips[0] ?? 'no VIP';
    expect(
      await until(
        'l02 has one VIP holder',
        () => vipHolders(engine.client, `l02-${LAB}`, bVip),
        (h) => h.length === 1,
        30_000,
      ),
    ).toEqual(['lb01']);
    const aStartedAt = (await docker().getContainer(`halab-l01-${LAB}.lb01`).inspect()).State.StartedAt;

    await teacher.call('class.watch', { on: true });
    const grid = await teacher.call<ClassGrid>('class.grid', {});
    expect(grid.engines?.map((e) => [e.name, e.health])).toEqual([
      ['main', 'up'],
      ['second', 'up'],
    ]);
    expect(grid.engines?.find((e) => e.name === 'second')?.learners).toEqual(['l02']);

    // The second engine goes away.
    const fromB = b.mark();
    const fromTeacher = teacher.mark();
    await engine.kill();
    const told = await b.waitFor('lab.lost', (p) => p.lab === LAB, 60_000, fromB);
    expect(told.payload.engine).toBe('second');
    const update = await teacher.waitFor('class.update', (g) => g.engines?.find((e) => e.name === 'second')?.health === 'lost', 60_000, fromTeacher);
    expect(update.payload.engines?.find((e) => e.name === 'second')?.learners).toEqual(['l02']);
    expect(update.payload.lostLabs?.map((l) => [l.learner, l.lab, l.engine])).toEqual([['l02', LAB, 'second']]);
    expect((await b.call<LabDetail>('labs.get', { lab: LAB })).running).toBe(false);

    // The other learner's lab never noticed: same container start, still running, its checks still answer.
    expect((await docker().getContainer(`halab-l01-${LAB}.lb01`).inspect()).State.StartedAt).toBe(aStartedAt);
    expect((await a.call<LabDetail>('labs.get', { lab: LAB })).running).toBe(true);
    const aCheck = await a.call<StepResultView>('checks.run', { lab: LAB, step: 0 });
    expect(aCheck.checks.length).toBeGreaterThan(0);

    // Start again: the engine that is left has a place, and the lab runs there.
    expect((await b.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    expect(await namesOn(docker(), `l02-${LAB}`)).toContain(`halab-l02-${LAB}.lb01`);
    const after = await teacher.call<ClassGrid>('class.grid', {});
    expect(after.lostLabs ?? []).toEqual([]);
    expect(after.engines?.find((e) => e.name === 'main')?.learners.sort()).toEqual(['l01', 'l02']);

    // The second engine comes back: what it still held of l02's lab is removed, and it takes labs again.
    await engine.start();
    await teacher.waitFor('class.update', (g) => g.engines?.find((e) => e.name === 'second')?.health === 'up', 60_000, fromTeacher);
    await until(
      'the lost copy is removed from the second engine',
      () => namesOn(engine.client, `l02-${LAB}`),
      (n) => n.length === 0,
      60_000,
    );

    // A third learner's lab goes to the second engine (the first is full); then the server stops, the
    // second engine goes away while it is stopped, and the server starts again without it.
    const c = await as(links.get('l03') ?? '');
    expect((await c.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    expect(await namesOn(engine.client, `l03-${LAB}`)).toContain(`halab-l03-${LAB}.lb01`);
    for (const client of clients.splice(0)) client.close();
    await room.close();
    await engine.kill();
    room = await startClassroom(classOptions(false));
    const reopened = await (await as(instructorTokenOf(room))).call<ClassGrid>('class.grid', {});
    // The labs found on the engine that answers are adopted; the one on the missing engine is listed as lost.
    expect(reopened.engines?.map((e) => [e.name, e.health])).toEqual([
      ['main', 'up'],
      ['second', 'lost'],
    ]);
    expect(reopened.engines?.find((e) => e.name === 'main')?.learners.sort()).toEqual(['l01', 'l02']);
    expect(reopened.lostLabs?.map((l) => [l.learner, l.lab, l.engine])).toEqual([['l03', LAB, 'second']]);
    expect((await (await as(links.get('l03') ?? '')).call<LabDetail>('labs.get', { lab: LAB })).running).toBe(false);
    expect((await (await as(links.get('l01') ?? '')).call<LabDetail>('labs.get', { lab: LAB })).running).toBe(true);
  }, 600_000);
});
