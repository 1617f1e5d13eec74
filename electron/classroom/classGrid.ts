// The instructor's live grid: learners × steps of the session's labs, each cell one status. Earned wins (it
// never goes back), then solved (the step was skipped with the reference solution: the learner works further
// on), then stuck, which is what the instructor walks over to help with.
import type { CellStatus, ClassGrid, ClassLab, GridCell, Learner, StepState, StuckRules } from './types.js';

export const DEFAULT_STUCK_RULES: StuckRules = { failedChecks: 3, workingMs: 15 * 60_000 };

export function cellStatus(state: StepState | undefined, now: Date, rules: StuckRules = DEFAULT_STUCK_RULES): CellStatus {
  if (!state) return 'not-started';
  if (state.earnedAt) return 'earned';
  if (state.solvedAt) return 'solved';
  if (state.attempts === 0 || !state.firstCheckedAt) return 'not-started';
  if (state.failsSincePass >= rules.failedChecks) return 'stuck';
  if (now.getTime() - Date.parse(state.firstCheckedAt) > rules.workingMs) return 'stuck';
  return 'working';
}

const key = (learner: string, lab: string, step: string): string => `${learner}\u0000${lab}\u0000${step}`;

/** Step states by learner, lab and step, for lookups while walking the labs' steps in order. */
export function statesByStep(states: readonly StepState[]): Map<string, StepState> {
  return new Map(states.map((s) => [key(s.learner, s.lab, s.step), s]));
}

export function stateOf(index: Map<string, StepState>, learner: string, lab: string, step: string): StepState | undefined {
  return index.get(key(learner, lab, step));
}

function cellOf(state: StepState | undefined, step: string, index: number, now: Date, rules: StuckRules): GridCell {
  return {
    step,
    index,
    status: cellStatus(state, now, rules),
    attempts: state?.attempts ?? 0,
    ...(state?.earnedAt ? { earnedAt: state.earnedAt } : {}),
    ...(!state?.earnedAt && state?.solvedAt ? { solvedAt: state.solvedAt } : {}),
    ...(state?.lastCheckedAt ? { lastCheckedAt: state.lastCheckedAt } : {}),
    ...(state?.lastPassed === undefined ? {} : { lastPassed: state.lastPassed }),
    failsSincePass: state?.failsSincePass ?? 0,
    lastChecks: state?.lastChecks ?? [],
  };
}

/** The grid of these learners over these labs; steps the labs no longer have are left out. */
export function buildGrid(labs: readonly ClassLab[], learners: readonly Learner[], states: readonly StepState[], now: Date, rules: StuckRules = DEFAULT_STUCK_RULES): ClassGrid {
  const index = statesByStep(states);
  return {
    at: now.toISOString(),
    labs: labs.map((lab) => ({ id: lab.id, title: lab.title, steps: lab.steps.map((s) => ({ id: s.id, title: s.title })) })),
    learners: learners.map((learner) => ({
      learner,
      labs: labs.map((lab) => ({
        lab: lab.id,
        cells: lab.steps.map((s, i) => cellOf(stateOf(index, learner.id, lab.id, s.id), s.id, i, now, rules)),
      })),
    })),
  };
}
