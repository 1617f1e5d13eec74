// Every step of every built-in lab, checked warm: the lab is brought up, each step's reference solution is
// applied in order, then the step's checks run once to warm up and `runs` times to time them. A lab that
// cannot start here (lvs needs the kernel's IP_VS) is recorded as skipped with the reason. Lab 1 step 3 is
// also timed with probe sessions off, alternating with the session runs, for a ratio in the same run.
import { catalog, findPack } from '../../electron/labs/catalog.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { applySolution } from '../../electron/checks/actions.js';
import { runStep } from '../../electron/checks/runChecks.js';
import { useProbeSessions } from '../../electron/runtime/probeSession.js';
import { errorMessage } from '../../electron/util/errors.js';
import { round, sleep, spread } from './stats.js';

/** The lab and step whose p50 is timed with and without probe sessions (0-based step). */
const RATIO_LAB = 'vrrp-pair';
const RATIO_STEP = 2;
/**
 * keepalived's first election ends about 3.6 s after a start (three missed adverts plus the skew time), and
 * step 1's solution is written for a lab past it (nonlocal-bind's nginx binds the VIP its node then holds),
 * as it is when a learner has read the step first.
 */
const SETTLE_MS = 6000;

interface StepTiming {
  ms: number[];
  passed: boolean;
}

async function timeStep(lab: RunningLab, index: number, runs: number): Promise<StepTiming> {
  await runStep(lab, index);
  const ms: number[] = [];
  let passed = true;
  for (let i = 0; i < runs; i++) {
    const res = await runStep(lab, index);
    passed &&= res.passed;
    ms.push(round(res.ms, 1));
  }
  return { ms, passed };
}

/** The same step with sessions on and off in turns, so both see the same machine load. */
async function sessionVsExec(lab: RunningLab, index: number, runs: number): Promise<{ session: number; exec: number }> {
  const session: number[] = [];
  const exec: number[] = [];
  const timed = async (on: boolean, into: number[] | undefined): Promise<void> => {
    const restore = useProbeSessions(on);
    try {
      const res = await runStep(lab, index);
      into?.push(res.ms);
    } finally {
      restore();
    }
  };
  await timed(true, undefined);
  await timed(false, undefined);
  for (let i = 0; i < runs; i++) {
    await timed(true, session);
    await timed(false, exec);
  }
  return { session: spread(session).median, exec: spread(exec).median };
}

export async function stepCheckFigures(runs: number, tag: string, log: (line: string) => void): Promise<Record<string, unknown>> {
  const labs = (await catalog()).filter((e) => !e.imported);
  const steps: Record<string, number[]> = {};
  const skipped: Record<string, string> = {};
  const failed: string[] = [];
  let slowest = { ms: -1, step: '' };
  let ratio: { session: number; exec: number } | undefined;
  for (const [n, entry] of labs.entries()) {
    const inst = `${tag}-steps-${n}`;
    let lab: RunningLab;
    try {
      lab = await up(await findPack(entry.dir), { instance: inst });
      await sleep(SETTLE_MS);
    } catch (err) {
      skipped[entry.id] = errorMessage(err).split('\n')[0] ?? '';
      log(`steps: ${entry.id} skipped: ${skipped[entry.id] ?? ''}`);
      await down(inst).catch(() => undefined);
      continue;
    }
    try {
      const p50s: number[] = [];
      for (const [i, step] of lab.pack.manifest.steps.entries()) {
        const where = `${entry.id} step ${i + 1}`;
        await applySolution(lab, step);
        const timing = await timeStep(lab, i, runs);
        const p50 = spread(timing.ms).median;
        p50s.push(p50);
        log(`steps: ${where} p50 ${p50} ms (${timing.ms.join(', ')})${timing.passed ? '' : ' FAILED'}`);
        // A step whose checks fail after its solution waits out its timed checks: not a grading speed.
        if (!timing.passed) failed.push(where);
        else if (p50 > slowest.ms) slowest = { ms: p50, step: where };
        if (entry.id === RATIO_LAB && i === RATIO_STEP) ratio = await sessionVsExec(lab, i, runs);
      }
      steps[entry.id] = p50s;
    } catch (err) {
      skipped[entry.id] = `failed: ${errorMessage(err).split('\n')[0] ?? ''}`;
      log(`steps: ${entry.id} ${skipped[entry.id] ?? ''}`);
    } finally {
      await down(inst);
    }
  }
  return {
    check_ms_p50_slowest_step: slowest.ms,
    check_slowest_step: slowest.step,
    check_steps: steps,
    ...(failed.length ? { check_steps_failed: failed } : {}),
    ...(Object.keys(skipped).length ? { check_steps_skipped: skipped } : {}),
    ...(ratio ? { check_session_vs_exec_ratio: round(ratio.session / ratio.exec, 3), check_session_vs_exec_ms: { session: round(ratio.session, 1), exec: round(ratio.exec, 1) } } : {}),
  };
}
