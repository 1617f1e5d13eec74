// Earned steps only ever accumulate in the UI: a later failing check, a reload or a lab reset never takes
// a tick away (the host keeps the same rule; this makes the UI hold it even against a stale answer).
import type { LabDetail, StepResultView } from '../../common/contract.js';

export function earnedFromDetail(prev: ReadonlySet<number>, detail: LabDetail): Set<number> {
  const next = new Set(prev);
  detail.steps.forEach((s, i) => {
    if (s.earnedAt) next.add(i);
  });
  return next;
}

export function earnedFromResult(prev: ReadonlySet<number>, result: StepResultView): Set<number> {
  if (!result.earned && !result.passed) return new Set(prev);
  return new Set(prev).add(result.index);
}

/** The step to show first: the first one neither earned nor solved (the last one when all are done). */
export function currentStep(detail: LabDetail, earned: ReadonlySet<number>): number {
  const i = detail.steps.findIndex((s, idx) => !earned.has(idx) && !s.solvedAt);
  return i === -1 ? Math.max(0, detail.steps.length - 1) : i;
}
