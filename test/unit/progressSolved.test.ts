// Steps done with the reference solution ("solved") against steps the learner earned: shown apart, never
// counted as earned, upgraded by a passing Check, and an earned step is never downgraded.
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadProgress, markSolved, markSolvedIn, recordStep, stepStatus, type Progress } from '../../electron/progress/progressStore.js';
import type { StepResult } from '../../electron/checks/runChecks.js';
import { buildProgressReport } from '../../electron/reports/progressReport.js';
import { renderProgressHtml } from '../../electron/reports/progressHtml.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { projectRoot } from '../../electron/util/paths.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const result = (step: string, passed: boolean): StepResult => ({ step, index: 0, title: { en: 'S', 'zh-CN': 'S' }, passed, checks: [], ms: 1 });

describe('solved steps in progress', () => {
  beforeEach(() => {
    process.env.HALAB_HOME = makeTempDir('halab-home-');
  });

  it('records solved steps apart from earned ones', async () => {
    await markSolved('lab', ['s1', 's2']);
    const steps = (await loadProgress()).progress.labs.lab?.steps ?? {};
    expect(stepStatus(steps.s1)).toBe('solved');
    expect(stepStatus(steps.s2)).toBe('solved');
    expect(stepStatus(steps.s3)).toBe('todo');
    expect(steps.s1?.earnedAt).toBeUndefined();
    expect(steps.s1?.solvedAt).toBeTruthy();
  });

  it('a failing Check leaves a solved step solved; a passing one makes it earned', async () => {
    await markSolved('lab', ['s1']);
    expect(await recordStep('lab', result('s1', false))).toBe(false);
    expect(stepStatus((await loadProgress()).progress.labs.lab?.steps.s1)).toBe('solved');
    expect(await recordStep('lab', result('s1', true))).toBe(true);
    expect(stepStatus((await loadProgress()).progress.labs.lab?.steps.s1)).toBe('earned');
  });

  it('never downgrades an earned step to solved', async () => {
    await recordStep('lab', result('s1', true));
    const earnedAt = (await loadProgress()).progress.labs.lab?.steps.s1?.earnedAt;
    await markSolved('lab', ['s1', 's2']);
    const steps = (await loadProgress()).progress.labs.lab?.steps ?? {};
    expect(stepStatus(steps.s1)).toBe('earned');
    expect(steps.s1?.earnedAt).toBe(earnedAt);
    expect(steps.s1?.solvedAt).toBeUndefined();
    expect(stepStatus(steps.s2)).toBe('solved');
  });

  it('marks in place without touching other labs', () => {
    const p: Progress = { format: 1, labs: { other: { steps: { a: { attempts: 1, earnedAt: 'x' } } } } };
    markSolvedIn(p, 'lab', ['a'], new Date('2026-01-01T00:00:00Z'));
    expect(p.labs.lab?.steps.a).toEqual({ attempts: 0, solvedAt: '2026-01-01T00:00:00.000Z' });
    expect(p.labs.other?.steps.a).toEqual({ attempts: 1, earnedAt: 'x' });
  });

  it('reports solved steps as such and never counts them as earned', async () => {
    const { manifest } = await loadPack(join(projectRoot(), 'labs', 'vrrp-pair'));
    const [first, second, third] = manifest.steps.map((s) => s.id);
    await markSolved('vrrp-pair', [first ?? '', second ?? '']);
    await recordStep('vrrp-pair', result(third ?? '', true));
    const report = await buildProgressReport(new Date('2026-01-01T00:00:00Z'));
    const lab = report.labs.find((l) => l.id === 'vrrp-pair');
    expect(lab?.steps.map((s) => [!!s.earnedAt, !!s.solvedAt])).toEqual([
      [false, true],
      [false, true],
      [true, false],
      [false, false],
    ]);
    const earnedTotal = report.labs.reduce((n, l) => n + l.steps.filter((s) => s.earnedAt).length, 0);
    expect(earnedTotal).toBe(1);
    for (const lang of ['en', 'zh-CN'] as const) {
      const html = renderProgressHtml(report, lang);
      expect(html).toMatch(/\(vrrp-pair: 1\/4 /);
      expect(html).toMatch(/: 1\/\d+ /); // the overall line counts the earned step only
      expect((html.match(/class="solved"/g) ?? []).length).toBe(2);
    }
    expect(renderProgressHtml(report, 'en')).toContain('Done with the solution (not earned)');
  });
});
