// The class's append-only log: every check a learner ran, every step done with the reference solution and
// every such mark withdrawn (a later start from an earlier step), plus the instructor's messages. Each write
// is one transaction; the per-step state is kept by the database's own trigger in that same transaction, so
// it can never disagree with the log.
import type Database from 'better-sqlite3';
import type { Localized } from '../../common/contract.js';
import { hasControlCharacters } from './roster.js';
import type { CheckOutcome, ClassMessage, ProgressEvent, StepCheck, StepState } from './types.js';

export const LAB_OR_STEP_ID = /^[a-z][a-z0-9-]{0,30}$/;
const MAX_STEP_INDEX = 99;
/** Longest expected/seen text kept per language: the grid shows a line, not a log. */
const MAX_TEXT = 2000;
const MAX_MESSAGE = 2000;

interface EventRow {
  seq: number;
  learner_id: string;
  lab: string;
  step: string;
  step_index: number;
  kind: ProgressEvent['kind'];
  passed: number | null;
  checks: string;
  at: string;
}

interface StepRow {
  learner_id: string;
  lab: string;
  step: string;
  step_index: number;
  earned_at: string | null;
  solved_at: string | null;
  attempts: number;
  first_checked_at: string | null;
  last_checked_at: string | null;
  last_passed: number | null;
  fails_since_pass: number;
  last_checks: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : '');
const localized = (value: Localized | undefined): Localized => ({ en: text(value?.en), 'zh-CN': text(value?.['zh-CN']) });

/** Only the fields the class keeps, of the types it writes: a CheckResultView carries more. */
const keptChecks = (checks: readonly CheckOutcome[]): CheckOutcome[] => checks.map((c) => ({ id: c.id, passed: c.passed, expected: localized(c.expected), seen: localized(c.seen) }));

const parseChecks = (json: string): CheckOutcome[] => JSON.parse(json) as CheckOutcome[];

function checkIds(lab: string, step: string, index: number): void {
  if (!LAB_OR_STEP_ID.test(lab)) throw new Error(`not a lab id: ${JSON.stringify(lab)}`);
  if (!LAB_OR_STEP_ID.test(step)) throw new Error(`not a step id: ${JSON.stringify(step)}`);
  if (!Number.isInteger(index) || index < 0 || index > MAX_STEP_INDEX) throw new Error(`not a step index: ${index}`);
}

const eventOf = (r: EventRow): ProgressEvent => ({
  seq: r.seq,
  learner: r.learner_id,
  lab: r.lab,
  step: r.step,
  index: r.step_index,
  kind: r.kind,
  ...(r.passed === null ? {} : { passed: r.passed === 1 }),
  checks: parseChecks(r.checks),
  at: r.at,
});

const stateOf = (r: StepRow): StepState => ({
  learner: r.learner_id,
  lab: r.lab,
  step: r.step,
  index: r.step_index,
  ...(r.earned_at === null ? {} : { earnedAt: r.earned_at }),
  ...(r.solved_at === null ? {} : { solvedAt: r.solved_at }),
  attempts: r.attempts,
  ...(r.first_checked_at === null ? {} : { firstCheckedAt: r.first_checked_at }),
  ...(r.last_checked_at === null ? {} : { lastCheckedAt: r.last_checked_at }),
  ...(r.last_passed === null ? {} : { lastPassed: r.last_passed === 1 }),
  failsSincePass: r.fails_since_pass,
  lastChecks: parseChecks(r.last_checks),
});

type EventValues = [learner: string, lab: string, step: string, index: number, kind: ProgressEvent['kind'], passed: number | null, checks: string, at: string];

export class EventLog {
  private readonly insertEvent: Database.Statement<EventValues>;
  private readonly earnedAt: Database.Statement<[string, string, string], { earned_at: string | null }>;
  private readonly solvedAt: Database.Statement<[string, string, string], { solved_at: string | null }>;
  private readonly since: Database.Statement<[number, number], EventRow>;
  private readonly statesOf: Database.Statement<[string], StepRow>;
  private readonly allStates: Database.Statement<[], StepRow>;
  private readonly insertMessage: Database.Statement<[string, string]>;
  private readonly messagesSince: Database.Statement<[number], ClassMessage>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly requireLearner: (id: string) => void,
  ) {
    this.insertEvent = db.prepare('INSERT INTO progress_events (learner_id, lab, step, step_index, kind, passed, checks, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.earnedAt = db.prepare('SELECT earned_at FROM step_progress WHERE learner_id = ? AND lab = ? AND step = ?');
    this.solvedAt = db.prepare('SELECT solved_at FROM step_progress WHERE learner_id = ? AND lab = ? AND step = ?');
    this.since = db.prepare('SELECT * FROM progress_events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.statesOf = db.prepare('SELECT * FROM step_progress WHERE learner_id = ? ORDER BY lab, step_index, step');
    this.allStates = db.prepare('SELECT * FROM step_progress ORDER BY learner_id, lab, step_index, step');
    this.insertMessage = db.prepare('INSERT INTO messages (text, at) VALUES (?, ?)');
    this.messagesSince = db.prepare('SELECT seq, text, at FROM messages WHERE seq > ? ORDER BY seq');
  }

  /** Records one run of a step's Check. newlyEarned: the step was earned by this run. */
  recordCheck(learner: string, lab: string, result: StepCheck): { seq: number; newlyEarned: boolean } {
    checkIds(lab, result.step, result.index);
    const checks = JSON.stringify(keptChecks(result.checks));
    return this.db
      .transaction(() => {
        this.requireLearner(learner);
        const before = this.earnedAt.get(learner, lab, result.step);
        const at = this.now().toISOString();
        const { lastInsertRowid } = this.insertEvent.run(learner, lab, result.step, result.index, 'check', result.passed ? 1 : 0, checks, at);
        return { seq: Number(lastInsertRowid), newlyEarned: result.passed && !before?.earned_at };
      })
      .immediate();
  }

  /** Records steps done with the reference solution (a start from a later step). Returns their events' seqs. */
  recordSolved(learner: string, lab: string, steps: readonly { step: string; index: number }[]): number[] {
    return this.recordSolvedThrough(learner, lab, steps, []);
  }

  /**
   * The lab was started afresh with `solved` done by the reference solution: they are solved, and the `later`
   * steps lose a solved mark an earlier start left (an 'unsolved' event each, only where there is a mark), so
   * the learner's current step is the one after them. Earned steps stay earned. Returns the events' seqs.
   */
  recordSolvedThrough(learner: string, lab: string, solved: readonly { step: string; index: number }[], later: readonly { step: string; index: number }[]): number[] {
    for (const s of [...solved, ...later]) checkIds(lab, s.step, s.index);
    return this.db
      .transaction(() => {
        this.requireLearner(learner);
        const at = this.now().toISOString();
        const seqs = solved.map((s) => Number(this.insertEvent.run(learner, lab, s.step, s.index, 'solved', null, '[]', at).lastInsertRowid));
        for (const s of later) {
          if (this.solvedAt.get(learner, lab, s.step)?.solved_at) seqs.push(Number(this.insertEvent.run(learner, lab, s.step, s.index, 'unsolved', null, '[]', at).lastInsertRowid));
        }
        return seqs;
      })
      .immediate();
  }

  /** Events after `seq`, oldest first, at most `limit`: a dashboard polls with the last seq it has. */
  eventsSince(seq: number, limit = 1000): ProgressEvent[] {
    return this.since.all(seq, limit).map(eventOf);
  }

  /** Per-step state of one learner, or of everyone. */
  steps(learner?: string): StepState[] {
    return (learner === undefined ? this.allStates.all() : this.statesOf.all(learner)).map(stateOf);
  }

  postMessage(message: string): ClassMessage {
    const trimmed = message.replace(/\r\n?/g, '\n').trim();
    if (!trimmed) throw new Error('a message needs some text');
    if (trimmed.length > MAX_MESSAGE) throw new Error(`a message has at most ${MAX_MESSAGE} characters`);
    // Line breaks and tabs are fine in a message; other control characters and bidi overrides are not.
    if (hasControlCharacters(trimmed.replace(/[\n\t]/g, ''))) throw new Error('a message cannot hold control characters');
    return this.db
      .transaction(() => {
        const at = this.now().toISOString();
        const { lastInsertRowid } = this.insertMessage.run(trimmed, at);
        return { seq: Number(lastInsertRowid), text: trimmed, at };
      })
      .immediate();
  }

  messages(sinceSeq = 0): ClassMessage[] {
    return this.messagesSince.all(sinceSeq);
  }
}
