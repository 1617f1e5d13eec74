// checks.run: grades one step on the running lab and records it; a step once earned stays earned.
import type { Handlers } from '../handlerTypes.js';
import type { StepResultView } from '../../../common/contract.js';
import { runStep } from '../../checks/runChecks.js';
import { loadProgress, recordStep } from '../../progress/progressStore.js';
import { UserError } from '../../util/errors.js';
import { runningLab } from './labContext.js';

async function runChecks(lab: string, step: number): Promise<StepResultView> {
  const view = await runningLab(lab);
  const count = view.pack.manifest.steps.length;
  if (step >= count) throw new UserError(`The lab "${lab}" has ${count} steps: there is no step ${step + 1}.`, { code: 'E_STEP' });
  const result = await runStep(view, step);
  const earnedNow = await recordStep(view.record.lab, result);
  const earnedBefore = !!(await loadProgress()).progress.labs[view.record.lab]?.steps[result.step]?.earnedAt;
  return {
    step: result.step,
    index: result.index,
    passed: result.passed,
    earned: earnedNow || earnedBefore,
    checks: result.checks.map((c) => ({
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
    ms: result.ms,
  };
}

export const checksHandlers: Handlers = {
  'checks.run': ({ lab, step }) => runChecks(lab, step),
};
