// Where a learner's progress is kept, as the core sees it: the single learner's JSON file (progressStore.ts)
// or, in a class, the class's database. Both keep the same rules: an earned step never goes back, a solved
// step is shown apart and earned only by passing its Check.
import { loadProgress, markSolvedThrough, recordStep, type Progress, type StepOutcome } from './progressStore.js';

/** One graded step as a book records it: the outcome, and each check's verdict for a class's live grid. */
export interface GradedOutcome extends StepOutcome {
  index: number;
  checks: readonly { id: string; passed: boolean; expected: { en: string; 'zh-CN': string }; seen: { en: string; 'zh-CN': string } }[];
}

export interface ProgressBook {
  /** `recovered` says the store was damaged and what was done about it. */
  load(): Promise<{ progress: Progress; recovered?: string }>;
  /** Records a Check of a step; true when the step was earned just now. */
  recordStep(lab: string, outcome: GradedOutcome): Promise<boolean>;
  /**
   * The lab was started afresh with the solutions of `solvedIds` applied: they are marked done with the
   * solution, and `laterIds` lose a solved mark an earlier start left, so the learner's current step is the
   * first of `laterIds`. Earned steps stay earned.
   */
  markSolvedThrough(lab: string, solvedIds: readonly string[], laterIds: readonly string[]): Promise<void>;
}

/** The single learner of this machine: progress.json in $HALAB_HOME. */
export const jsonProgressBook: ProgressBook = {
  load: loadProgress,
  recordStep: (lab, outcome) => recordStep(lab, outcome),
  markSolvedThrough,
};
