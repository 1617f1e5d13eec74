// The shapes of a class: who is in it, what they did, and what the instructor sees.
import type { Localized } from '../../common/contract.js';
import type { CheckOutcome, Learner, StepRecord } from '../../common/classroom.js';

export type { CellStatus, CheckOutcome, ClassGrid, GridCell, Learner } from '../../common/classroom.js';

/** The labs of a session as the packs define them: ids and titles, steps in order (a pack manifest fits). */
export interface ClassLab {
  id: string;
  title: Localized;
  steps: readonly { id: string; title: Localized }[];
}

export interface ClassInfo {
  name: string;
  createdAt: string;
  /** The session's lab ids, in the order the class works them. */
  labs: string[];
  settings: Record<string, unknown>;
}

export type TokenHolder = string; // a learner id, or 'instructor'
export const INSTRUCTOR = 'instructor';

export type AuthResult = { role: 'learner'; learner: Learner } | { role: 'instructor' } | { problem: 'unknown' | 'revoked' };

export interface StepCheck {
  step: string;
  /** 0-based position of the step in its lab. */
  index: number;
  passed: boolean;
  checks: readonly CheckOutcome[];
}

export interface ProgressEvent {
  seq: number;
  learner: string;
  lab: string;
  step: string;
  index: number;
  /** 'unsolved': a solved mark withdrawn, the lab having been started again before this step. */
  kind: 'check' | 'solved' | 'unsolved';
  /** Absent for 'solved' and 'unsolved' (nothing was checked). */
  passed?: boolean;
  checks: CheckOutcome[];
  at: string;
}

/** One learner × step, derived from the events: the same rules as the learner's own progress store. */
export interface StepState extends StepRecord {
  learner: string;
  lab: string;
  firstCheckedAt?: string;
}

export interface StuckRules {
  /** Failed checks on a step since its last pass that make it stuck (default 3). */
  failedChecks: number;
  /** Time since the first check of a step not yet earned that makes it stuck (default 15 minutes). */
  workingMs: number;
}

export interface ClassMessage {
  seq: number;
  text: string;
  at: string;
}

export interface ReportStep {
  lab: string;
  step: string;
  index: number;
  earnedAt?: string;
  solvedAt?: string;
  attempts: number;
  firstCheckedAt?: string;
  lastCheckedAt?: string;
}

export interface ClassReport {
  class: { name: string; createdAt: string; labs: string[] };
  generatedAt: string;
  /** Every step of every lab, in order: the columns of the report. */
  steps: { lab: string; step: string; index: number; title: Localized }[];
  learners: { id: string; name: string; revokedAt?: string; earned: number; solved: number; attempts: number; steps: ReportStep[] }[];
}
