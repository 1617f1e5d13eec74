// A learner of a class as the core sees one: their own instance of every lab (named after their id, so
// their networks, nodes and files are theirs alone) and their progress in the class's database.
import type { LearnerScope } from '../core/learnerScope.js';
import { findPack } from '../labs/catalog.js';
import type { ProgressBook } from '../progress/progressBook.js';
import type { Progress, StepProgress } from '../progress/progressStore.js';
import type { ClassStore } from './classStore.js';
import type { Learner } from './types.js';

/** The instance of `lab` this learner runs: `l07-vrrp-pair`. Ids are [a-z0-9-] and short, so it is a valid instance name. */
export const learnerInstance = (learnerId: string, lab: string): string => `${learnerId}-${lab}`;

function progressOf(store: ClassStore, learnerId: string): Progress {
  const labs = Object.create(null) as Progress['labs'];
  for (const s of store.stepStates(learnerId)) {
    const steps = (labs[s.lab] ??= { steps: Object.create(null) as Record<string, StepProgress> }).steps;
    steps[s.step] = {
      attempts: s.attempts,
      ...(s.earnedAt ? { earnedAt: s.earnedAt } : {}),
      ...(s.solvedAt ? { solvedAt: s.solvedAt } : {}),
      ...(s.lastCheckedAt ? { lastCheckedAt: s.lastCheckedAt } : {}),
      ...(s.lastPassed !== undefined ? { lastPassed: s.lastPassed } : {}),
    };
  }
  return { format: 1, labs };
}

export function classProgressBook(store: ClassStore, learnerId: string): ProgressBook {
  return {
    load: () => Promise.resolve({ progress: progressOf(store, learnerId) }),
    recordStep: (lab, outcome) =>
      Promise.resolve(
        store.recordCheck(learnerId, lab, {
          step: outcome.step,
          index: outcome.index,
          passed: outcome.passed,
          checks: outcome.checks.map((c) => ({ id: c.id, passed: c.passed, expected: c.expected, seen: c.seen })),
        }).newlyEarned,
      ),
    markSolvedThrough: async (lab, solvedIds, laterIds) => {
      const steps = (await findPack(lab)).manifest.steps;
      const indexed = (ids: readonly string[]): { step: string; index: number }[] => ids.map((step) => ({ step, index: steps.findIndex((s) => s.id === step) }));
      store.recordSolvedThrough(learnerId, lab, indexed(solvedIds), indexed(laterIds));
    },
  };
}

export function classLearnerScope(store: ClassStore, learner: Learner): LearnerScope {
  return {
    key: `class:${learner.id}`,
    learner: { id: learner.id, name: learner.name },
    instance: (lab) => learnerInstance(learner.id, lab),
    progress: classProgressBook(store, learner.id),
  };
}
