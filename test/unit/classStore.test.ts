// The class store: its file settings and schema, the progress rules (the single-learner store's), the grid,
// the reports, the tokens, and what it says about a file it cannot use.
import { classProgressBook } from '../../electron/classroom/classScope.js';
import { stepStatus, type StepProgress } from '../../electron/progress/progressStore.js';
import { describe, expect, it } from 'vitest';
import { readFileSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ClassStore, ClassStoreError } from '../../electron/classroom/classStore.js';
import { REBUILD_STEP_PROGRESS, SCHEMA_VERSION } from '../../electron/classroom/classSchema.js';
import { tokenHash } from '../../electron/classroom/classTokens.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import type { CheckOutcome, ClassLab, StepState } from '../../electron/classroom/types.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { replayProgress } from '../helpers/classStoreWriter.js';

const LAB: ClassLab = {
  id: 'failover',
  title: { en: 'Failover', 'zh-CN': '故障切换' },
  steps: ['install', 'vip', 'track'].map((id) => ({ id, title: { en: `Step ${id}`, 'zh-CN': `步骤 ${id}` } })),
};
const loc = (text: string): { en: string; 'zh-CN': string } => ({ en: text, 'zh-CN': `${text}（中文）` });
const outcome = (id: string, passed: boolean): CheckOutcome => ({ id, passed, expected: loc(`${id} expected`), seen: loc(`${id} seen`) });
const check = (step: string, passed: boolean): { step: string; index: number; passed: boolean; checks: CheckOutcome[] } => ({
  step,
  index: LAB.steps.findIndex((s) => s.id === step),
  passed,
  checks: [outcome(`${step}-a`, passed), outcome(`${step}-b`, true)],
});
const byKey = (a: StepState, b: StepState): number => `${a.learner}/${a.lab}/${a.step}`.localeCompare(`${b.learner}/${b.lab}/${b.step}`);

/** A store with a settable clock and three learners. */
function newStore(): { store: ClassStore; file: string; clock: { now: Date } } {
  const file = join(makeTempDir('halab-class-'), 'class.db');
  const clock = { now: new Date('2026-03-02T09:00:00.000Z') };
  const store = ClassStore.open(file, { create: true, clock: () => clock.now });
  store.setClass({ name: 'HA 101', labs: [LAB.id], settings: { stuckAfterChecks: 3 } });
  store.addLearners(rosterOfCount(3));
  return { store, file, clock };
}
const later = (clock: { now: Date }, ms: number): void => void (clock.now = new Date(clock.now.getTime() + ms));
const expectError = (fn: () => unknown, problem: string, file: string): void => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ClassStoreError);
  expect((caught as ClassStoreError).problem).toBe(problem);
  expect((caught as ClassStoreError).message).toContain(file);
};

describe('class file', () => {
  it('opens in WAL mode with full sync, foreign keys, a busy timeout and the current schema', () => {
    const { store, file } = newStore();
    expect(store.settings()).toEqual({ journalMode: 'wal', synchronous: 'full', foreignKeys: true, busyTimeoutMs: 5000, schemaVersion: SCHEMA_VERSION });
    store.close();
    const again = ClassStore.open(file);
    expect(again.classInfo()).toMatchObject({ name: 'HA 101', labs: ['failover'], settings: { stuckAfterChecks: 3 } });
    expect(again.learners().map((l) => l.id)).toEqual(['l01', 'l02', 'l03']);
    again.close();
  });

  it('migrates an empty SQLite file and refuses a newer schema, a foreign file, garbage and a truncated file, naming the file', () => {
    const dir = makeTempDir('halab-class-files-');
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    const migrated = ClassStore.open(empty);
    expect(migrated.settings().schemaVersion).toBe(SCHEMA_VERSION);
    migrated.close();

    const newer = join(dir, 'newer.db');
    ClassStore.open(newer, { create: true }).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expectError(() => ClassStore.open(newer), 'newer', newer);

    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    expectError(() => ClassStore.open(foreign), 'foreign', foreign);

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a database, just text that happens to be here '.repeat(200));
    expectError(() => ClassStore.open(garbage), 'damaged', garbage);

    const { store, file } = newStore();
    for (let i = 0; i < 400; i++) store.recordCheck('l01', LAB.id, check('vip', i % 7 === 0));
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    expectError(() => ClassStore.open(file), 'damaged', file);

    expectError(() => ClassStore.open(join(dir, 'absent.db')), 'missing', join(dir, 'absent.db'));
    expectError(() => ClassStore.open(join(dir, 'no', 'such', 'folder.db'), { create: true }), 'unreadable', join(dir, 'no', 'such', 'folder.db'));
  });

  it('keeps the events append-only, even to a second connection', () => {
    const { store, file } = newStore();
    store.recordCheck('l01', LAB.id, check('install', true));
    const raw = new Database(file);
    expect(() => raw.prepare('UPDATE progress_events SET passed = 0').run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM progress_events').run()).toThrow(/append-only/);
    raw.close();
    store.close();
  });
});

describe('progress', () => {
  it('follows the single-learner store: attempts count checks, earned never goes back, solved never hides earned', async () => {
    const { store, clock } = newStore();
    expect(store.recordCheck('l01', LAB.id, check('install', false))).toEqual({ seq: 1, newlyEarned: false });
    later(clock, 1000);
    expect(store.recordCheck('l01', LAB.id, check('install', true))).toMatchObject({ newlyEarned: true });
    later(clock, 1000);
    expect(store.recordCheck('l01', LAB.id, check('install', false))).toMatchObject({ newlyEarned: false });
    store.recordSolved('l01', LAB.id, [
      { step: 'install', index: 0 },
      { step: 'vip', index: 1 },
    ]);
    // Read as the learner's own report reads it: through their progress book.
    const steps = async (learner: string): Promise<Record<string, StepProgress>> => (await classProgressBook(store, learner).load()).progress.labs[LAB.id]?.steps ?? {};
    const l01 = await steps('l01');
    expect(l01.install).toMatchObject({ attempts: 3, earnedAt: '2026-03-02T09:00:01.000Z', lastCheckedAt: '2026-03-02T09:00:02.000Z' });
    expect(stepStatus(l01.install)).toBe('earned');
    expect(l01.vip).toEqual({ attempts: 0, solvedAt: '2026-03-02T09:00:02.000Z' });
    expect(stepStatus(l01.vip)).toBe('solved');
    expect(stepStatus(l01.track)).toBe('todo');
    store.recordCheck('l01', LAB.id, check('vip', true));
    const vip = (await steps('l01')).vip;
    expect(vip).toMatchObject({ attempts: 1, earnedAt: '2026-03-02T09:00:02.000Z', lastCheckedAt: '2026-03-02T09:00:02.000Z' });
    expect(stepStatus(vip)).toBe('earned');
    expect(Object.values(await steps('l02')).every((s) => s.attempts === 0 && !s.earnedAt)).toBe(true);
    store.close();
  });

  it('derives per-step state that agrees with a replay of the events, by trigger and by rebuild', () => {
    const { store, file, clock } = newStore();
    let seed = 42;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 600; i++) {
      later(clock, random(5000));
      const learner = `l0${1 + random(3)}`;
      const step = LAB.steps[random(3)]?.id ?? 'install';
      if (random(10) === 0) store.recordSolved(learner, LAB.id, [{ step, index: LAB.steps.findIndex((s) => s.id === step) }]);
      else store.recordCheck(learner, LAB.id, check(step, random(3) === 0));
    }
    const events = store.eventsSince(0, 10_000);
    expect(events).toHaveLength(600);
    expect(store.stepStates().sort(byKey)).toEqual(replayProgress(events).sort(byKey));
    const before = store.stepStates();
    const raw = new Database(file);
    raw.exec(REBUILD_STEP_PROGRESS);
    raw.close();
    expect(store.stepStates()).toEqual(before);
    store.close();
  });

  it('pages events by seq for a live dashboard, and refuses unknown or removed learners and bad ids', () => {
    const { store } = newStore();
    for (let i = 0; i < 5; i++) store.recordCheck('l02', LAB.id, check('vip', false));
    expect(store.eventsSince(0, 2).map((e) => e.seq)).toEqual([1, 2]);
    expect(store.eventsSince(2).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(store.eventsSince(5)).toEqual([]);
    expect(store.eventsSince(4)[0]).toMatchObject({ learner: 'l02', lab: 'failover', step: 'vip', index: 1, kind: 'check', passed: false, checks: check('vip', false).checks });
    expect(() => store.recordCheck('l99', LAB.id, check('vip', true))).toThrow(/no learner/);
    store.removeLearner('l03');
    expect(() => store.recordCheck('l03', LAB.id, check('vip', true))).toThrow(/removed/);
    expect(() => store.recordCheck('l01', 'Bad Lab', check('vip', true))).toThrow(/lab id/);
    expect(() => store.recordCheck('l01', LAB.id, { ...check('vip', true), index: -1 })).toThrow(/step index/);
    expect(store.eventsSince(0, 100)).toHaveLength(5);
    store.close();
  });
});

describe('grid', () => {
  it('shows not-started, working, earned, solved and stuck (by failed checks or by time), with thresholds as parameters', () => {
    const { store, clock } = newStore();
    store.recordCheck('l01', LAB.id, check('install', true));
    store.recordCheck('l01', LAB.id, check('vip', false));
    for (let i = 0; i < 3; i++) store.recordCheck('l02', LAB.id, check('install', false));
    store.recordSolved('l03', LAB.id, [{ step: 'install', index: 0 }]);
    const statuses = (g = store.grid([LAB])): string[][] => g.learners.map((l) => l.labs[0]?.cells.map((c) => c.status) ?? []);
    expect(statuses()).toEqual([
      ['earned', 'working', 'not-started'],
      ['stuck', 'not-started', 'not-started'],
      ['solved', 'not-started', 'not-started'],
    ]);
    expect(statuses(store.grid([LAB], { rules: { failedChecks: 4 } }))[1]?.[0]).toBe('working');
    later(clock, 15 * 60_000 + 1);
    expect(statuses()[0]?.[1]).toBe('stuck');
    expect(statuses(store.grid([LAB], { rules: { workingMs: 60 * 60_000 } }))[0]?.[1]).toBe('working');
    // A pass resets the count of failures: earned now, and stuck no longer.
    store.recordCheck('l02', LAB.id, check('install', true));
    const cell = store.grid([LAB]).learners[1]?.labs[0]?.cells[0];
    expect(cell).toMatchObject({ status: 'earned', attempts: 4, failsSincePass: 0, lastPassed: true });
    expect(cell?.lastChecks).toEqual(check('install', true).checks);
    const failing = store.grid([LAB]).learners[0]?.labs[0]?.cells[1];
    expect(failing?.lastChecks[0]).toEqual({ id: 'vip-a', passed: false, expected: loc('vip-a expected'), seen: loc('vip-a seen') });
    store.removeLearner('l03');
    expect(store.grid([LAB]).learners.map((l) => l.learner.id)).toEqual(['l01', 'l02']);
    store.close();
  });
});

describe('messages', () => {
  it('are kept in order and read since a seq; empty or control-character text is refused', () => {
    const { store } = newStore();
    expect(store.postMessage('  Break until 10:30  ')).toMatchObject({ seq: 1, text: 'Break until 10:30' });
    store.postMessage('第二步：\n检查 VIP');
    expect(store.messages().map((m) => m.text)).toEqual(['Break until 10:30', '第二步：\n检查 VIP']);
    expect(store.messages(1).map((m) => m.seq)).toEqual([2]);
    expect(() => store.postMessage('   ')).toThrow(/text/);
    expect(() => store.postMessage('bell\u0007')).toThrow(/control/);
    expect(() => store.postMessage('\u202Eevil')).toThrow(/control/);
    store.close();
  });
});

describe('reports', () => {
  const names = ['=HYPERLINK("http://x","y")', 'Li, Wei', 'Anna "Nan" Lee', '+1 555', '-minus', '@at', '张伟', '<script>alert(1)</script>'];
  const reportStore = (): ClassStore => {
    const file = join(makeTempDir('halab-class-report-'), 'class.db');
    const store = ClassStore.open(file, { create: true, clock: () => new Date('2026-03-02T10:00:00.000Z') });
    store.setClass({ name: 'Class <b>A</b>', labs: [LAB.id] });
    store.addLearners(names.map((name, i) => ({ name, id: `l0${i + 1}` })));
    store.recordCheck('l01', LAB.id, check('install', false));
    store.recordCheck('l01', LAB.id, check('install', true));
    store.recordCheck('l02', LAB.id, check('vip', false));
    store.recordSolved('l07', LAB.id, [{ step: 'install', index: 0 }]);
    return store;
  };

  it('as JSON: each learner, each step, with attempts, first and last check times, earned and solved', () => {
    const store = reportStore();
    const report = store.classReport([LAB]);
    expect(report.steps.map((s) => `${s.lab}/${s.step}`)).toEqual(['failover/install', 'failover/vip', 'failover/track']);
    expect(report.learners[0]).toMatchObject({ id: 'l01', earned: 1, solved: 0, attempts: 2 });
    expect(report.learners[0]?.steps[0]).toEqual({
      lab: 'failover',
      step: 'install',
      index: 0,
      earnedAt: '2026-03-02T10:00:00.000Z',
      attempts: 2,
      firstCheckedAt: '2026-03-02T10:00:00.000Z',
      lastCheckedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(report.learners[6]?.steps[0]).toEqual({ lab: 'failover', step: 'install', index: 0, solvedAt: '2026-03-02T10:00:00.000Z', attempts: 0 });
    // Without the packs: the session's labs with the steps that have events, titled by id.
    expect(store.classReport().steps.map((s) => s.step)).toEqual(['install', 'vip']);
    store.close();
  });

  it('as CSV for a grade book: BOM, CRLF, quoted and escaped, formulas neutralised', () => {
    const store = reportStore();
    const csv = store.classReportCsv([LAB]);
    expect(csv.startsWith('\uFEFFid,name,earned,solved,steps,attempts,failover/install,failover/vip,failover/track\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`l01,"'=HYPERLINK(""http://x"",""y"")",1,0,3,2,E,,`);
    expect(lines[2]).toBe('l02,"Li, Wei",0,0,3,1,,1,');
    expect(lines[3]).toBe('l03,"Anna ""Nan"" Lee",0,0,3,0,,,');
    expect(lines.slice(4, 8).map((l) => l.split(',')[1])).toEqual(["'+1 555", "'-minus", "'@at", '张伟']);
    expect(lines[7]).toBe('l07,张伟,0,1,3,0,S,,');
    expect(lines.at(-1)).toBe('');
    store.close();
  });

  it('as HTML: self-contained, every value escaped', () => {
    const store = reportStore();
    for (const lang of ['en', 'zh-CN'] as const) {
      const html = store.classReportHtml(lang, [LAB]);
      expect(html).toContain("default-src 'none'");
      expect(html).not.toMatch(/<script|<b>/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('Class &lt;b&gt;A&lt;/b&gt;');
      expect(html).toContain(lang === 'en' ? 'Failover' : '故障切换');
    }
    store.close();
  });
});

describe('tokens', () => {
  it('authenticate learners and the instructor by hash; revoked, reissued, foreign and malformed tokens are refused', () => {
    const { store } = newStore();
    const anna = store.issueToken('l01');
    const ben = store.issueToken('l02');
    const teacher = store.issueToken('instructor');
    expect(anna).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.authenticate(anna)).toMatchObject({ role: 'learner', learner: { id: 'l01' } });
    expect(store.authenticate(ben)).toMatchObject({ role: 'learner', learner: { id: 'l02' } });
    expect(store.authenticate(teacher)).toEqual({ role: 'instructor' });
    expect(store.authenticate(`${anna.slice(0, -1)}${anna.endsWith('A') ? 'B' : 'A'}`)).toEqual({ problem: 'unknown' });
    expect(store.authenticate('')).toEqual({ problem: 'unknown' });
    expect(store.authenticate(`${anna} `)).toEqual({ problem: 'unknown' });

    expect(store.revokeTokens('l01')).toBe(1);
    expect(store.authenticate(anna)).toEqual({ problem: 'revoked' });
    expect(store.authenticate(ben)).toMatchObject({ learner: { id: 'l02' } });

    const annaAgain = store.reissue('l01');
    expect(store.authenticate(annaAgain)).toMatchObject({ learner: { id: 'l01' } });
    const annaThird = store.reissue('l01');
    expect(store.authenticate(annaAgain)).toEqual({ problem: 'revoked' });
    expect(store.authenticate(annaThird)).toMatchObject({ learner: { id: 'l01' } });

    store.removeLearner('l02');
    expect(store.authenticate(ben)).toEqual({ problem: 'revoked' });
    expect(() => store.issueToken('l02')).toThrow(/removed/);
    expect(() => store.issueToken('l99')).toThrow(/no learner/);
    expect(store.reissue('instructor')).not.toBe(teacher);
    expect(store.authenticate(teacher)).toEqual({ problem: 'revoked' });
    store.close();
  });

  it('never stores a clear token: the file holds only its hash', () => {
    const { store, file } = newStore();
    const tokens = [store.issueToken('l01'), store.issueToken('l02'), store.issueToken('instructor')];
    for (const t of tokens) store.authenticate(t);
    const bytes = (): Buffer => Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
    for (const t of tokens) {
      expect(bytes().includes(Buffer.from(t)), 'clear token in the file or its log').toBe(false);
      expect(bytes().includes(tokenHash(t)), 'the hash is there (the search itself works)').toBe(true);
    }
    store.close();
    for (const t of tokens) expect(readFileSync(file).includes(Buffer.from(t))).toBe(false);
  });
});
