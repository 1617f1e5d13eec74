// Grading a step and recording it, and which step is the learner's current one: one rule for every front end.
import type { StepResultView } from '../../common/contract.js';
import type { LabManifest } from '../labs/schema.js';
import { runStep, type StepResult } from '../checks/runChecks.js';
import { stepStatus } from '../progress/progressStore.js';
import { jsonProgressBook, type ProgressBook } from '../progress/progressBook.js';
import type { RunningLab } from '../topology/manager.js';
import { UserError } from '../util/errors.js';

/** A graded step: `earned` is true when the step was earned now or before (a status never regresses). */
export interface GradedStep extends StepResult {
  earned: boolean;
}

/** The learner's current step of a lab: the first one neither earned nor solved, else the last. */
export async function currentStepIndex(manifest: Pick<LabManifest, 'id' | 'steps'>, book: ProgressBook = jsonProgressBook): Promise<number> {
  const mine = (await book.load()).progress.labs[manifest.id]?.steps ?? {};
  const first = manifest.steps.findIndex((s) => stepStatus(mine[s.id]) === 'todo');
  return first === -1 ? manifest.steps.length - 1 : first;
}

/** Fails with E_STEP unless the lab has a step at this 0-based index. */
export function requireStep(manifest: Pick<LabManifest, 'id' | 'steps'>, index: number): void {
  const count = manifest.steps.length;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new UserError(`The lab "${manifest.id}" has ${count} steps: there is no step ${index + 1}.`, { code: 'E_STEP' });
  }
}

/** Runs the step's checks on the running lab and records the outcome in the learner's progress. */
export async function gradeStep(lab: RunningLab, index: number, book: ProgressBook = jsonProgressBook): Promise<GradedStep> {
  requireStep(lab.pack.manifest, index);
  const result = await runStep(lab, index);
  await book.recordStep(lab.record.lab, result);
  const earned = !!(await book.load()).progress.labs[lab.record.lab]?.steps[result.step]?.earnedAt;
  return { ...result, earned };
}

/** What the UI is sent of a graded step. */
export function stepResultView(graded: GradedStep): StepResultView {
  return {
    step: graded.step,
    index: graded.index,
    passed: graded.passed,
    earned: graded.earned,
    checks: graded.checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      hint: c.hint,
      expected: c.expected,
      seen: c.seen,
      passed: c.passed,
      ms: c.ms,
      ...(c.metrics ? { metrics: c.metrics } : {}),
    })),
    ms: graded.ms,
  };
}
