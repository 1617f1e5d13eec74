// A class sharing one machine, on real Docker: a start beyond the class's capacity gets a place in the
// queue and starts by itself when a lab stops; a lab nobody touches is suspended (its containers stopped,
// their files kept) and resumes with its files when its learner starts it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerTokens } from '../helpers/classLinks.js';
import type { LabDetail } from '../../common/contract.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { down } from '../../electron/topology/manager.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'nopreempt';
let room: RunningClassroom;
let tokens: Map<string, string>;
const clients: ApiClient[] = [];

async function as(id: string): Promise<ApiClient> {
  const c = await connectApi({ port: room.host.port, origin: room.host.origin, token: tokens.get(id) ?? '' });
  clients.push(c);
  return c;
}

describe('a class on one machine', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    // At most one lab at once, so the second learner queues; idle labs are looked for every second.
    room = await startClassroom({
      dir: makeTempDir('halab-class-load-'),
      name: 'load',
      roster: { count: 2 },
      labs: [LAB],
      port: 0,
      bind: '127.0.0.1',
      limits: { maxLabs: 1 },
      idleMs: 60 * 60_000,
      sweepMs: 1000,
      log: () => undefined,
    });
    tokens = learnerTokens(room.linksFile);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await room.close();
    for (const id of ['l01', 'l02']) await down(`${id}-${LAB}`);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 120_000);

  it('queues a start beyond capacity and starts it by itself when a place frees', async () => {
    const a = await as('l01');
    const b = await as('l02');
    expect((await a.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    await expect(b.call('lab.up', { lab: LAB })).rejects.toThrow(/^E_LIMIT: This server is full: 1 labs run, and it holds 1\. You are number 1 in the queue/);
    const from = b.mark();
    await a.call('lab.down', { lab: LAB });
    await b.waitFor('lab.changed', (e) => e.lab === LAB && e.running, 60_000, from);
    expect((await b.call<LabDetail>('labs.get', { lab: LAB })).running).toBe(true);
    expect((await a.call<LabDetail>('labs.get', { lab: LAB })).running).toBe(false);
  }, 120_000);

  it('admits one of two starts pressed at once when one place is left', async () => {
    const a = await as('l01');
    const b = await as('l02');
    // l02 holds the only place from the test above: free it, then both press Start together.
    await b.call('lab.down', { lab: LAB });
    const results = await Promise.allSettled([a.call('lab.up', { lab: LAB }), b.call('lab.up', { lab: LAB })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(String(refused?.reason)).toMatch(/^Error: E_LIMIT: This server is full/);
    // Whoever lost the race is first in the queue: stopping the winner starts it.
    const [winner, loser] = results[0]?.status === 'fulfilled' ? [a, b] : [b, a];
    const from = loser.mark();
    await winner.call('lab.down', { lab: LAB });
    await loser.waitFor('lab.changed', (e) => e.lab === LAB && e.running, 60_000, from);
    if (loser === a) {
      // The next test works on l02's lab: hand the place back.
      await a.call('lab.down', { lab: LAB });
      expect((await b.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    }
  }, 180_000);

  it('suspends an idle lab, keeping its files, and resumes it when its learner starts it', async () => {
    const b = await as('l02');
    const path = '/etc/keepalived/keepalived.conf';
    await b.call('files.write', { lab: LAB, node: 'lb01', path, content: '# kept across a suspension\n' });
    const from = b.mark();
    // Nothing else touches it: with a zero idle time the next sweep suspends it.
    const suspended = await room.load.sweep(Date.now() + 2 * 60 * 60_000);
    expect(suspended).toEqual([`l02-${LAB}`]);
    await b.waitFor('lab.changed', (e) => e.lab === LAB && !e.running, 5000, from);
    const detail = await b.call<LabDetail>('labs.get', { lab: LAB });
    expect(detail.running).toBe(false);
    expect(detail.nodes.every((n) => n.state === 'exited')).toBe(true);
    const resumed = await b.call<LabDetail>('lab.up', { lab: LAB });
    expect(resumed.nodes.every((n) => n.state === 'running')).toBe(true);
    expect((await b.call<{ content: string }>('files.read', { lab: LAB, node: 'lb01', path })).content).toBe('# kept across a suspension\n');
  }, 120_000);

  it('starts a queued start from a step at that step when its turn comes', async () => {
    const a = await as('l01');
    const b = await as('l02');
    // l02's lab holds the only place; l01 asks to start from step 3 (the first two steps' solutions applied).
    await expect(a.call('lab.startFrom', { lab: LAB, step: 2 })).rejects.toThrow(/^E_LIMIT: This server is full/);
    const from = a.mark();
    await b.call('lab.down', { lab: LAB });
    await a.waitFor('lab.changed', (e) => e.lab === LAB && e.running, 120_000, from);
    const detail = await a.call<LabDetail>('labs.get', { lab: LAB });
    expect(detail.running).toBe(true);
    // The steps before the chosen one are done with their solutions, and the files show it: a fresh
    // start would have no keepalived.conf at all.
    expect(detail.steps.slice(0, 2).every((s) => s.solvedAt !== undefined || s.earnedAt !== undefined)).toBe(true);
    const conf = await a.call<{ content: string }>('files.read', { lab: LAB, node: 'lb01', path: '/etc/keepalived/keepalived.conf' });
    expect(conf.content).toMatch(/vrrp_instance[\s\S]*virtual_ipaddress/);
  }, 240_000);
});
