// A class of ten on one server, on real Docker: ten learners sign in through the classroom server at once,
// each starts the first VRRP lab, works every step (the reference solution, then Check) and stops it, while
// the instructor's grid hears every Check. Each learner's files, terminals and labs are their own: what one
// writes no other reads, one's terminal id reaches nothing for another, and the instructor's methods refuse
// them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassGrid } from '../../common/classroom.js';
import type { LabDetail, StepResultView } from '../../common/contract.js';
import { applySolution } from '../../electron/checks/actions.js';
import { startClassroom, type RunningClassroom } from '../../electron/classroom/classroomServer.js';
import { runningLab } from '../../electron/core/labAccess.js';
import { down } from '../../electron/topology/manager.js';
import type { ApiClient } from '../helpers/hostClient.js';
import { classPage, instructorTokenOf, learnerTokens } from '../helpers/classLinks.js';
import { isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const LAB = 'vrrp-pair';
const LEARNERS = 10;
let room: RunningClassroom;
const clients: ApiClient[] = [];
const ids = Array.from({ length: LEARNERS }, (_, i) => `l${String(i + 1).padStart(2, '0')}`);

const refusal = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no refusal',
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );

const connect = (token: string): Promise<ApiClient> => classPage(room, token, clients);

describe('a class of ten on one server', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    room = await startClassroom({ dir: makeTempDir('halab-ten-'), name: 'ten', roster: { count: LEARNERS }, labs: [LAB], port: 0, bind: '127.0.0.1', idleMs: 3_600_000, log: () => undefined });
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await room.close();
    await Promise.all(ids.map((id) => down(`${id}-${LAB}`).catch(() => undefined)));
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  }, 300_000);

  it('runs ten learners end to end at once, each reaching only their own work', async () => {
    const tokens = learnerTokens(room.linksFile);
    expect([...tokens.keys()]).toEqual(ids);
    const teacher = await connect(instructorTokenOf(room));
    await teacher.call('class.watch', { on: true });
    const learners = new Map(await Promise.all(ids.map(async (id) => [id, await connect(tokens.get(id) ?? '')] as const)));
    const me = (id: string): ApiClient => {
      const c = learners.get(id);
      if (!c) throw new Error(`no page for ${id}`);
      return c;
    };

    // All ten start at once; each leaves its own mark in its own lab and opens a terminal.
    const terminals = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        expect((await me(id).call<LabDetail>('lab.up', { lab: LAB })).running).toBe(true);
        await me(id).call('files.write', { lab: LAB, node: 'lb01', path: '/etc/halab-owner', content: `${id}\n` });
        terminals.set(id, (await me(id).call<{ id: string }>('terminal.open', { lab: LAB, node: 'client', cols: 80, rows: 24 })).id);
      }),
    );
    // Every learner reads their own mark, never a neighbour's; a neighbour's terminal id reaches nothing.
    await Promise.all(
      ids.map(async (id, i) => {
        expect((await me(id).call<{ content: string }>('files.read', { lab: LAB, node: 'lb01', path: '/etc/halab-owner' })).content).toBe(`${id}\n`);
        const neighbour = ids[(i + 1) % LEARNERS] ?? id;
        expect(await refusal(me(id).call('terminal.input', { id: terminals.get(neighbour), data: 'echo x\r' }))).toMatch(/^E_NO_TERMINAL/);
        expect(await refusal(me(id).call('class.grid', {}))).toMatch(/^E_FORBIDDEN/);
        expect(await refusal(me(id).call('class.resetLab', { learner: neighbour, lab: LAB }))).toMatch(/^E_FORBIDDEN/);
      }),
    );

    // Each works every step: the reference solution, as the learner would type it, then Check.
    const steps = room.room.labs[0]?.steps.length ?? 0;
    expect(steps).toBeGreaterThan(2);
    await Promise.all(
      ids.map(async (id) => {
        const lab = await runningLab(`${id}-${LAB}`);
        for (let i = 0; i < steps; i++) {
          const step = lab.pack.manifest.steps[i];
          if (step) await applySolution(lab, step);
          const result = await me(id).call<StepResultView>('checks.run', { lab: LAB, step: i });
          expect(result.passed, `${id} step ${String(i + 1)}: ${JSON.stringify(result.checks.filter((c) => !c.passed).map((c) => c.seen))}`).toBe(true);
        }
      }),
    );
    // The instructor's grid has every learner's every step earned.
    const grid = await teacher.call<ClassGrid>('class.grid', {});
    for (const id of ids) {
      const cells = grid.learners.find((r) => r.learner.id === id)?.labs.find((l) => l.lab === LAB)?.cells ?? [];
      expect(
        cells.map((c) => c.status),
        id,
      ).toEqual(Array.from({ length: steps }, () => 'earned'));
    }
    await Promise.all(ids.map((id) => me(id).call('lab.down', { lab: LAB })));
  }, 900_000);
});
