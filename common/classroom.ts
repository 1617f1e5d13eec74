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

export interface GridCell {
  step: string;
  index: number;
  status: CellStatus;
  attempts: number;
  earnedAt?: string;
  solvedAt?: string;
  lastCheckedAt?: string;
  lastPassed?: boolean;
  failsSincePass: number;
  /** The last check's results, per Check: what was expected and what was seen. */
  lastChecks: CheckOutcome[];
}

export interface ClassGrid {
  at: string;
  labs: { id: string; title: Localized; steps: { id: string; title: Localized }[] }[];
  learners: { learner: Learner; labs: { lab: string; cells: GridCell[] }[] }[];
}
