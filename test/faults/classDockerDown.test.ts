// The machine's Docker engine stops under a class: the instructor's dashboard says Docker stopped answering
// and names the learners whose labs it affects (those with a lab running, not the others), and shows it
// answering again once it is back. Runs in the faults pass, alone, since it stops the machine's engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabDetail } from '../../common/contract.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { down } from '../../electron/topology/manager.js';
import { stopDockerd, type StoppedDaemon } from '../helpers/dockerDaemon.js';
import type { ApiClient } from '../helpers/hostClient.js';
import { classPage, instructorTokenOf, learnerTokens } from '../helpers/classLinks.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'vrrp-pair';
let room: RunningClassroom;
let stopped: StoppedDaemon | undefined;
const clients: ApiClient[] = [];

const connect = (token: string): Promise<ApiClient> => classPage(room, token, clients);

describe('Docker stops under a class', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    room = await startClassroom({ dir: makeTempDir('halab-class-down-'), name: 'down', roster: { count: 2 }, labs: [LAB], port: 0, bind: '127.0.0.1', log: () => undefined });
  }, 120_000);

  afterAll(async () => {
    // Never leave the machine without its engine, whatever failed above.
    if (stopped) await stopped.start();
    for (const c of clients) c.close();
    await room.close();
    for (const id of ['l01', 'l02']) await down(`${id}-${LAB}`).catch(() => undefined);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 300_000);

  it('names the learners whose labs it affects, and shows Docker back', async () => {
    const tokens = learnerTokens(room.linksFile);
    const a = await connect(tokens.get('l01') ?? '');
    await connect(tokens.get('l02') ?? '');
    const teacher = await connect(instructorTokenOf(room));
    expect((await a.call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
    await teacher.call('class.watch', { on: true });
    const from = teacher.mark();

    stopped = await stopDockerd();
    const lost = await teacher.waitFor('class.update', (g) => g.engines?.[0]?.health === 'lost', 60_000, from);
    // Only l01 has a lab running: l02 loses nothing.
    expect(lost.payload.engines?.map((e) => [e.name, e.health, e.learners])).toEqual([['local', 'lost', ['l01']]]);

    const back = teacher.mark();
    await stopped.start();
    stopped = undefined;
    await teacher.waitFor('class.update', (g) => g.engines?.[0]?.health === 'up', 60_000, back);
  });
});
