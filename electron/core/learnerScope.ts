// Whose labs and progress an operation works on. The app and the CLI serve the one learner of this machine:
// a lab runs under its own id and progress is progress.json. A classroom server serves many: each learner's
// labs run under names of their own (their own networks, nodes and subnets) and their progress lives in the
// class's database. Every front end passes a scope to the core, so the same operations serve both.
import { jsonProgressBook, type ProgressBook } from '../progress/progressBook.js';

export interface LearnerScope {
  /** Tells scopes apart (events reach only the sessions of their own scope); 'local' for this machine's learner. */
  key: string;
  /** The learner in a class; null for this machine's learner. */
  learner: { id: string; name: string } | null;
  /** The instance name this learner's copy of `lab` runs under. */
  instance(lab: string): string;
  progress: ProgressBook;
}

/** What a session may do: the machine's own user (everything), a learner of a class, or its instructor. */
export type SessionRole = 'owner' | 'learner' | 'instructor';

/** Who a session is: whose labs it works on, and in which role. */
export interface SessionIdentity {
  scope: LearnerScope;
  role: SessionRole;
}

export const localScope: LearnerScope = {
  key: 'local',
  learner: null,
  instance: (lab) => lab,
  progress: jsonProgressBook,
};

/** The machine's own user: the desktop app, `halab serve` and the CLI. */
export const ownerIdentity: SessionIdentity = { scope: localScope, role: 'owner' };
