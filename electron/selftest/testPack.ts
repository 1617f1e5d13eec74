// The pack self-test: every check must be proven both ways on real containers.
// Fresh lab: every check FAILS. Then per step: its checks FAIL right before its solution, and PASS after it.
// Timed checks get their full time in both directions, so "fails" means "did not pass within N s".
import type { LabPack } from '../labs/loadPack.js';
import { down, up } from '../topology/manager.js';
import { runCheck, runStep, type CheckResult } from '../checks/runChecks.js';
import { applySolutions } from '../checks/actions.js';
import { runtime } from '../runtime/current.js';
import { ownedFilter } from '../docker/labels.js';
import type { ProgressFn } from '../image/buildImage.js';
import { errorMessage } from '../util/errors.js';

export interface Defect {
  step: string;
  check: string;
  phase: 'fresh' | 'before-solution' | 'after-solution' | 'solution' | 'cleanup';
  message: string;
}

export interface SelfTestReport {
  lab: string;
  passed: boolean;
  checksProven: number;
  checksTotal: number;
  defects: Defect[];
  gaps: { step: string; check: string; gapMs: number }[];
  seconds: number;
}

/** The phases in which checks are read: fresh and before-solution must fail, after-solution must pass. */
export type ReadingPhase = 'fresh' | 'before-solution' | 'after-solution';

export interface SelfTestOptions {
  instance?: string;
  onProgress?: ProgressFn;
  /** Every check's reading, as it is made (`halab test-pack --verbose`). */
  onReading?: (phase: ReadingPhase, step: string, result: CheckResult) => void;
}

/** Readings of failing-phase checks are spaced out: many timed checks poll at once there. */
const FAIL_PHASE_POLL_MS = 1000;

export async function testPack(pack: LabPack, opts: SelfTestOptions = {}): Promise<SelfTestReport> {
  const started = Date.now();
  const say = opts.onProgress ?? ((): void => undefined);
  const read = opts.onReading ?? ((): void => undefined);
  const instance = opts.instance ?? `selftest-${pack.manifest.id}`.slice(0, 40);
  const defects: Defect[] = [];
  const gaps: SelfTestReport['gaps'] = [];
  const total = pack.manifest.steps.reduce((n, s) => n + s.checks.length, 0);
  const failedWhenExpected = new Set<string>();
  const passedWhenExpected = new Set<string>();
  const key = (step: string, check: string): string => `${step}/${check}`;
  const lab = await up(pack, { instance, onProgress: say });
  // The running lab's steps: addresses already moved if the subnet was remapped.
  const steps = lab.pack.manifest.steps;
  try {
    say(`[test-pack] fresh lab: all ${total} checks must fail`);
    const fresh = await Promise.all(steps.flatMap((s) => s.checks.map(async (c) => ({ step: s.id, result: await runCheck(lab, c, { pollMs: FAIL_PHASE_POLL_MS }) }))));
    for (const { step, result } of fresh) {
      read('fresh', step, result);
      if (result.passed) defects.push({ step, check: result.id, phase: 'fresh', message: `passes on a fresh lab: ${result.seen.en}` });
    }
    for (const [i, step] of steps.entries()) {
      if (i > 0) {
        const before = await runStep(lab, i, { pollMs: FAIL_PHASE_POLL_MS });
        for (const c of before.checks) {
          read('before-solution', step.id, c);
          if (c.passed) defects.push({ step: step.id, check: c.id, phase: 'before-solution', message: `passes before its solution: ${c.seen.en}` });
        }
      }
      for (const c of step.checks) if (!defects.some((d) => d.step === step.id && d.check === c.id)) failedWhenExpected.add(key(step.id, c.id));
      say(`[test-pack] step ${i + 1} ${step.id}: applying the reference solution`);
      try {
        // The same path as starting a lab from a later step: each checkpoint is proven here.
        await applySolutions(lab, i + 1, { from: i });
      } catch (err) {
        defects.push({ step: step.id, check: '-', phase: 'solution', message: `the reference solution failed: ${errorMessage(err)}` });
        break;
      }
      const after = await runStep(lab, i);
      for (const c of after.checks) {
        read('after-solution', step.id, c);
        if (!c.passed) defects.push({ step: step.id, check: c.id, phase: 'after-solution', message: `fails after the solution: expected ${c.expected.en}; saw ${c.seen.en}` });
        else passedWhenExpected.add(key(step.id, c.id));
        if (c.metrics?.gap_ms !== undefined) gaps.push({ step: step.id, check: c.id, gapMs: c.metrics.gap_ms });
      }
      say(`[test-pack] step ${i + 1} ${step.id}: ${after.checks.filter((c) => c.passed).length}/${after.checks.length} pass after the solution`);
    }
  } finally {
    await down(instance);
    const left = await runtime().listContainers(ownedFilter(instance).label);
    const nets = await runtime().listNetworks(ownedFilter(instance).label);
    if (left.length || nets.length) defects.push({ step: '-', check: '-', phase: 'cleanup', message: `left behind: ${left.length} containers, ${nets.length} networks` });
  }
  const proven = [...failedWhenExpected].filter((k) => passedWhenExpected.has(k)).length;
  return {
    lab: pack.manifest.id,
    passed: defects.length === 0 && proven === total,
    checksProven: proven,
    checksTotal: total,
    defects,
    gaps,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

export type { CheckResult };
