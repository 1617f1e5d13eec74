// One class being taught: its store, its labs and the limits each learner works within. The classroom
// server's handlers and its access both read it.
import type { SessionIdentity, LearnerScope } from '../core/learnerScope.js';
import { jsonProgressBook } from '../progress/progressBook.js';
import type { HostAccess } from '../host/auth.js';
import { classLearnerScope } from './classScope.js';
import type { ClassStore } from './classStore.js';
import type { ClassLab } from './types.js';

export interface ClassLimits {
  /** Labs one learner may run at once (each lab is 5 to 8 containers). */
  runningLabs: number;
  /** Labs the whole class may run at once, below what the machine holds (the instructor's cap). */
  maxLabs?: number;
}

export const DEFAULT_CLASS_LIMITS: ClassLimits = { runningLabs: 1 };

export interface Classroom {
  name: string;
  store: ClassStore;
  /** The session's labs, loaded: ids, titles and steps in the order the class works them. */
  labs: ClassLab[];
  limits: ClassLimits;
}

/**
 * The instructor's own copies of the labs (to try a step before the class does) run under names no
 * learner id can take, with the server's own progress file.
 */
export const instructorScope: LearnerScope = {
  key: 'instructor',
  learner: null,
  instance: (lab) => `teacher-${lab}`,
  progress: jsonProgressBook,
};

/** Tokens of the class: a learner's opens that learner's labs only; the instructor's, the dashboard. */
export function classAccess(store: ClassStore): HostAccess {
  return {
    identify: (token): SessionIdentity | undefined => {
      const who = store.authenticate(token);
      if ('problem' in who) return undefined;
      if (who.role === 'instructor') return { scope: instructorScope, role: 'instructor' };
      return { scope: classLearnerScope(store, who.learner), role: 'learner' };
    },
  };
}
