// Runs checks against a running lab: timed checks poll until they pass or their time is up.
import type { CheckSpec, Localized, StepSpec } from '../labs/schema.js';
import type { RunningLab } from '../topology/manager.js';
import type { LabNodes } from '../probes/labNodes.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { withExecBatching } from '../runtime/execBatch.js';

export interface CheckResult extends Evaluation {
  id: string;
  kind: CheckSpec['kind'];
  title: Localized;
  hint: Localized;
  ms: number;
}

export interface StepResult {
  step: string;
  index: number;
  title: Localized;
  passed: boolean;
  checks: CheckResult[];
  ms: number;
}

const POLL_MS = 250;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RunOptions {
  /** Skip waiting on timed checks: one reading each. The self-test uses it where a pass would be a defect anyway. */
  noWait?: boolean;
  /** Time between readings of a timed check. */
  pollMs?: number;
}

export async function runCheck(lab: LabNodes, check: CheckSpec, opts: RunOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const deadline = started + (opts.noWait ? 0 : (check.within ?? 0) * 1000);
  let ev = await evaluate(lab, check);
  while (!ev.passed && performance.now() + (opts.pollMs ?? POLL_MS) < deadline) {
    await sleep(opts.pollMs ?? POLL_MS);
    ev = await evaluate(lab, check);
  }
  return { id: check.id, kind: check.kind, title: check.title, hint: check.hint, ...ev, ms: Math.round(performance.now() - started) };
}

export async function runStep(lab: LabNodes & Pick<RunningLab, 'pack'>, index: number, opts: RunOptions = {}): Promise<StepResult> {
  const step: StepSpec | undefined = lab.pack.manifest.steps[index];
  if (!step) throw new RangeError(`no step ${index + 1}`);
  const started = performance.now();
  // The step's checks read the same nodes at the same moment: one exec per node instead of one per reading.
  const checks = await withExecBatching(() => Promise.all(step.checks.map((c) => runCheck(lab, c, opts))));
  return { step: step.id, index, title: step.title, passed: checks.every((c) => c.passed), checks, ms: Math.round(performance.now() - started) };
}
