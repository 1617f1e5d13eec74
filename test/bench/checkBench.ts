// A warm check of lab 1 step 2 (after its solution): how long grading takes on a running lab.
import type { RunningLab } from '../../electron/topology/manager.js';
import { runStep } from '../../electron/checks/runChecks.js';
import { round, spread } from './stats.js';

const CHECK_RUNS = 10;

/** The lab must already have the solutions of steps 1 and 2 applied. */
export async function checkFigures(lab: RunningLab): Promise<Record<string, unknown>> {
  await runStep(lab, 1);
  const ms: number[] = [];
  for (let i = 0; i < CHECK_RUNS; i++) {
    const res = await runStep(lab, 1);
    if (!res.passed) throw new Error('step 2 checks failed after its solution: the check timing would be meaningless');
    ms.push(round(res.ms, 1));
  }
  return { check_ms: spread(ms), check_ms_p50: spread(ms).median };
}
