// What a class looks like over the API: the learners, each Check's verdict, and the instructor's grid of
// learners x steps. The classroom server (electron/classroom/) keeps these; the dashboard shows them.
import type { Localized } from './contract.js';

export interface Learner {
  /** Short and Docker-safe: part of the learner's container names. */
  id: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

/** What the class keeps of one Check of a step: enough to show the instructor why it failed. */
export interface CheckOutcome {
  id: string;
  passed: boolean;
  expected: Localized;
  seen: Localized;
}

export type CellStatus = 'not-started' | 'working' | 'earned' | 'solved' | 'stuck';

/** What the class knows of one learner's step: kept per step by the store, shown per cell of the grid. */
export interface StepRecord {
  step: string;
  /** 0-based position of the step in its lab. */
  index: number;
  attempts: number;
  earnedAt?: string;
  solvedAt?: string;
  lastCheckedAt?: string;
  lastPassed?: boolean;
  /** Failed checks since the step last passed (all of them when it never passed). */
  failsSincePass: number;
  /** The last check's results, per Check: what was expected and what was seen. */
  lastChecks: CheckOutcome[];
}

export interface GridCell extends StepRecord {
  status: CellStatus;
}

export interface ClassGrid {
  at: string;
  labs: { id: string; title: Localized; steps: { id: string; title: Localized }[] }[];
  learners: { learner: Learner; labs: { lab: string; cells: GridCell[] }[] }[];
}
