// A progress book in memory, with the same rules as the stores: for tests of scopes and front ends.
import type { ProgressBook } from '../../electron/progress/progressBook.js';
import { markSolvedThroughIn, type Progress } from '../../electron/progress/progressStore.js';

export function memoryProgressBook(): ProgressBook & { progress: Progress } {
  const progress: Progress = { format: 1, labs: Object.create(null) as Progress['labs'] };
  return {
    progress,
    load: () => Promise.resolve({ progress: structuredClone(progress) }),
    recordStep: (lab, outcome) => {
      const steps = (progress.labs[lab] ??= { steps: Object.create(null) as Progress['labs'][string]['steps'] }).steps;
      const step = (steps[outcome.step] ??= { attempts: 0 });
      step.attempts += 1;
      step.lastPassed = outcome.passed;
      const newly = outcome.passed && !step.earnedAt;
      if (newly) step.earnedAt = new Date().toISOString();
      return Promise.resolve(newly);
    },
    markSolvedThrough: (lab, solvedIds, laterIds) => {
      markSolvedThroughIn(progress, lab, solvedIds, laterIds);
      return Promise.resolve();
    },
  };
}
