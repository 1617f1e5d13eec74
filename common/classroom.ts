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
  /** The Docker engines the class's labs run on, when it has several. */
  engines?: EngineView[];
  /** Labs that were running on an engine that was lost, until their learner starts them again. */
  lostLabs?: LostLab[];
}

/** One engine of a class with several: whether it answers, and whose labs it holds. */
export interface EngineView {
  name: string;
  health: 'up' | 'lost';
  /** When it was last seen to change health. */
  since: string;
  /** Why it was lost, as the engine's client said. */
  problem?: string;
  running: number;
  capacity: number;
  /** Ids of the learners whose labs it holds. */
  learners: string[];
}

/** A learner's lab that ran on an engine that went away: the learner was told, and may start it again. */
export interface LostLab {
  learner: string;
  lab: string;
  engine: string;
  at: string;
}

/** Who this session is, for the UI: the machine's own user, or a learner or the instructor of a class. */
export interface SessionInfo {
  role: 'owner' | 'learner' | 'instructor';
  /** Set in a class. */
  className?: string;
  learner?: { id: string; name: string };
  /** The class's labs, in order: a learner's list shows these only. */
  labs?: string[];
}

/** One learner's copy of a class lab as the instructor inspects it (class.inspect and its pushes). */
export interface LearnerLabView {
  learner: { id: string; name: string };
  lab: string;
  /** Started and not suspended. */
  running: boolean;
  /** Nodes the learner has a terminal open on, in the lab's node order. */
  terminals: string[];
  /** The learner was taken out of the class: the view ends. */
  removed?: boolean;
}

export interface ClassMessageView {
  seq: number;
  text: string;
  at: string;
}
