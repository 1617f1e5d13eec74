// Starting a lab at a chosen step (`halab up --from-step N`, the app's "Start from this step") leaves the learner
// on that step, whatever an earlier start left: from step 3 then from step 2, the learner is on step 2. The same
// through both progress books: the single learner's JSON file and a class's SQLite store.
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyCheckpoint } from '../../electron/checks/checkpoint.js';
import { currentStepIndex } from '../../electron/core/grading.js';
import { loadPack, type LabPack } from '../../electron/labs/loadPack.js';
import { jsonProgressBook, type ProgressBook } from '../../electron/progress/progressBook.js';
import { stepStatus } from '../../electron/progress/progressStore.js';
import { classProgressBook } from '../../electron/classroom/classScope.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { REBUILD_STEP_PROGRESS, migrate } from '../../electron/classroom/classSchema.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import type { RunningLab } from '../../electron/topology/manager.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { stubHandle } from '../helpers/stubRuntime.js';
import { replayProgress } from '../helpers/classStoreWriter.js';

const pack = await loadPack(join(projectRoot(), 'labs', 'vrrp-pair'));
const ids = pack.manifest.steps.map((s) => s.id);

/** The lab as applyCheckpoint sees it: every file write and command of a solution succeeds, nothing runs. */
function fakeLab(p: LabPack): RunningLab {
  const node = stubHandle('node', {
    putArchive: () => Promise.resolve(),
    exec: () => Promise.resolve({ exitCode: 0, stdout: '', stderr: '', ms: 1 }),
  });
  const lab: Pick<RunningLab, 'pack' | 'record' | 'container'> = { pack: p, record: { lab: p.manifest.id } as RunningLab['record'], container: () => node };
  return lab as RunningLab;
}

function classBook(): { store: ClassStore; book: ProgressBook } {
  const store = ClassStore.open(join(makeTempDir('halab-from-step-class-'), 'class.db'), { create: true });
  store.setClass({ name: 'HA 101', labs: [pack.manifest.id] });
  store.addLearners(rosterOfCount(1));
  return { store, book: classProgressBook(store, 'l01') };
}

const statuses = async (book: ProgressBook): Promise<string[]> => {
  const steps = (await book.load()).progress.labs[pack.manifest.id]?.steps ?? {};
  return ids.map((id) => stepStatus(steps[id]));
};

describe.each([
  ['the learner of this machine', (): ProgressBook => jsonProgressBook],
  ['a learner of a class', (): ProgressBook => classBook().book],
])('starting from a step, for %s', (_who, makeBook) => {
  beforeEach(() => {
    process.env.HALAB_HOME = makeTempDir('halab-from-step-');
  });

  it('stands on the chosen step after a start from a later one, down to the first', async () => {
    const book = makeBook();
    const lab = fakeLab(pack);
    await applyCheckpoint(lab, 2, undefined, book);
    expect(await currentStepIndex(pack.manifest, book)).toBe(2);
    expect(await statuses(book)).toEqual(['solved', 'solved', 'todo', 'todo']);
    await applyCheckpoint(lab, 1, undefined, book);
    expect(await currentStepIndex(pack.manifest, book)).toBe(1);
    expect(await statuses(book)).toEqual(['solved', 'todo', 'todo', 'todo']);
    await applyCheckpoint(lab, 0, undefined, book);
    expect(await currentStepIndex(pack.manifest, book)).toBe(0);
    expect(await statuses(book)).toEqual(['todo', 'todo', 'todo', 'todo']);
  });

  it('never takes back an earned step', async () => {
    const book = makeBook();
    const lab = fakeLab(pack);
    await applyCheckpoint(lab, 2, undefined, book);
    await book.recordStep(pack.manifest.id, { step: ids[1] ?? '', index: 1, passed: true, checks: [] });
    await applyCheckpoint(lab, 0, undefined, book);
    expect(await statuses(book)).toEqual(['todo', 'earned', 'todo', 'todo']);
    expect(await currentStepIndex(pack.manifest, book)).toBe(0);
  });
});

describe('the class store, withdrawing solved marks', () => {
  it("logs an 'unsolved' event only where there was a mark, and the derived state agrees with a replay and a rebuild", () => {
    const { store } = classBook();
    const at = (n: number): { step: string; index: number } => ({ step: ids[n] ?? '', index: n });
    store.recordSolvedThrough('l01', pack.manifest.id, [at(0), at(1), at(2)], [at(3)]);
    const withdrawn = store.recordSolvedThrough('l01', pack.manifest.id, [at(0)], [at(1), at(2), at(3)]);
    // One 'solved', then an 'unsolved' for steps 2 and 3 only: step 4 had no mark to withdraw.
    expect(store.eventsSince(3).map((e) => `${e.kind} ${e.step}`)).toEqual([`solved ${ids[0]}`, `unsolved ${ids[1]}`, `unsolved ${ids[2]}`]);
    expect(withdrawn).toHaveLength(3);
    const states = store.stepStates('l01');
    expect(states.map((s) => [s.step, s.solvedAt !== undefined])).toEqual([
      [ids[0], true],
      [ids[1], false],
      [ids[2], false],
    ]);
    expect(replayProgress(store.eventsSince(0))).toEqual(states);
    const file = store.file;
    store.close();
    const raw = new Database(file);
    raw.exec(REBUILD_STEP_PROGRESS);
    raw.close();
    const again = ClassStore.open(file);
    expect(again.stepStates('l01')).toEqual(states);
    again.close();
  });

  it('brings a class file of the first schema over with every event, and goes on numbering them', () => {
    const file = join(makeTempDir('halab-class-v1-'), 'class.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    migrate(raw, 1);
    raw.prepare("INSERT INTO class (id, name, created_at, labs) VALUES (1, 'HA 101', '2026-03-02T09:00:00.000Z', '[\"vrrp-pair\"]')").run();
    raw.prepare("INSERT INTO learners (id, name, name_key, created_at) VALUES ('l01', 'Ann', 'ann', '2026-03-02T09:00:00.000Z')").run();
    const insert = raw.prepare("INSERT INTO progress_events (learner_id, lab, step, step_index, kind, passed, checks, at) VALUES ('l01', 'vrrp-pair', ?, ?, ?, ?, '[]', ?)");
    insert.run(ids[0], 0, 'solved', null, '2026-03-02T09:00:01.000Z');
    insert.run(ids[1], 1, 'solved', null, '2026-03-02T09:00:01.000Z');
    insert.run(ids[0], 0, 'check', 1, '2026-03-02T09:00:02.000Z');
    expect(() => insert.run(ids[1], 1, 'unsolved', null, '2026-03-02T09:00:03.000Z')).toThrow(/CHECK constraint/);
    const before = raw.prepare('SELECT * FROM step_progress ORDER BY step_index').all();
    raw.close();

    ClassStore.open(file).close();
    const copied = new Database(file);
    // The derived state came over as it was: the copy did not replay or lose an event.
    expect(copied.prepare('SELECT * FROM step_progress ORDER BY step_index').all()).toEqual(before);
    copied.close();
    const store = ClassStore.open(file);
    expect(store.settings().schemaVersion).toBe(2);
    expect(store.eventsSince(0).map((e) => [e.seq, e.kind, e.step])).toEqual([
      [1, 'solved', ids[0]],
      [2, 'solved', ids[1]],
      [3, 'check', ids[0]],
    ]);
    expect(
      store.recordSolvedThrough(
        'l01',
        'vrrp-pair',
        [],
        [
          { step: ids[0] ?? '', index: 0 },
          { step: ids[1] ?? '', index: 1 },
        ],
      ),
    ).toEqual([4, 5]);
    expect(store.stepStates('l01').map((s) => [s.step, s.earnedAt !== undefined, s.solvedAt !== undefined])).toEqual([
      [ids[0], true, false],
      [ids[1], false, false],
    ]);
    store.close();
    const after = new Database(file);
    // The events stay append-only after the copy.
    expect(() => after.prepare('DELETE FROM progress_events').run()).toThrow(/append-only/);
    expect(() => after.prepare('UPDATE progress_events SET at = at').run()).toThrow(/append-only/);
    after.close();
  });
});
