// A class in one SQLite file: its session, its learners and their sign-in tokens, every check they ran, and
// the instructor's messages. One process writes (the classroom server); it reads through the same connection.
// Statements are prepared once; every write is one IMMEDIATE transaction, so another process holding the file
// (an export) makes a write wait up to the busy timeout rather than fail half-way.
import type Database from 'better-sqlite3';
import type { Lang } from '../../common/contract.js';
import { openClassDb } from './classDb.js';
import { EventLog, LAB_OR_STEP_ID } from './classEvents.js';
import { DEFAULT_STUCK_RULES, buildGrid } from './classGrid.js';
import { buildClassReport, classReportCsv } from './classReport.js';
import { renderClassReportHtml } from './classReportHtml.js';
import { TokenBook, type TokenRefusal } from './classTokens.js';
import { LEARNER_ID, nameKey, nameProblem } from './roster.js';
import { INSTRUCTOR } from './types.js';
import type { AuthResult, ClassGrid, ClassInfo, ClassLab, ClassMessage, ClassReport, Learner, ProgressEvent, StepCheck, StepState, StuckRules, TokenHolder } from './types.js';

export { ClassStoreError } from './classDb.js';

export interface ClassStoreOptions {
  /** Make the file when it does not exist (default: it must exist). */
  create?: boolean;
  /** The time written into events and tokens (tests set it). */
  clock?: () => Date;
}

interface LearnerRow {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

interface ClassRow {
  name: string;
  created_at: string;
  labs: string;
  settings: string;
}

const learnerOf = (r: LearnerRow): Learner => ({ id: r.id, name: r.name, createdAt: r.created_at, ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }) });

export class ClassStore {
  private readonly tokens: TokenBook;
  private readonly log: EventLog;
  private readonly selectClass: Database.Statement<[], ClassRow>;
  private readonly upsertClass: Database.Statement<[string, string, string, string]>;
  private readonly selectLearner: Database.Statement<[string], LearnerRow>;
  private readonly selectLearners: Database.Statement<[], LearnerRow>;
  private readonly insertLearner: Database.Statement<[string, string, string, string]>;
  private readonly removeLearnerRow: Database.Statement<[string, string]>;
  /** Told after this connection revoked tokens: the server ends the sockets they opened. */
  private readonly tokenListeners = new Set<() => void>();
  private lastDataVersion: number;

  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.selectClass = db.prepare('SELECT name, created_at, labs, settings FROM class WHERE id = 1');
    this.upsertClass = db.prepare(
      'INSERT INTO class (id, name, created_at, labs, settings) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, labs = excluded.labs, settings = excluded.settings',
    );
    this.selectLearner = db.prepare('SELECT id, name, created_at, revoked_at FROM learners WHERE id = ?');
    this.selectLearners = db.prepare('SELECT id, name, created_at, revoked_at FROM learners ORDER BY id');
    this.insertLearner = db.prepare('INSERT INTO learners (id, name, name_key, created_at) VALUES (?, ?, ?, ?)');
    this.removeLearnerRow = db.prepare('UPDATE learners SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.tokens = new TokenBook(db, now, (id) => this.learner(id));
    this.lastDataVersion = this.dataVersion();
    this.log = new EventLog(db, now, (id) => {
      const learner = this.learner(id);
      if (!learner) throw new Error(`no learner ${JSON.stringify(id)} in this class`);
      if (learner.revokedAt) throw new Error(`learner ${id} was removed from the class`);
    });
  }

  /** Opens the class file, checking its pages and bringing its schema up to date; throws ClassStoreError. */
  static open(file: string, options: ClassStoreOptions = {}): ClassStore {
    return new ClassStore(file, openClassDb(file, options.create === true), options.clock ?? (() => new Date()));
  }

  close(): void {
    this.db.close();
  }

  private dataVersion(): number {
    return Number(this.db.pragma('data_version', { simple: true }));
  }

  /**
   * True when another connection (another process: `halab classroom links`) committed to the file since the
   * last call. SQLite's data_version moves only for other connections' commits, so this is one cheap read.
   */
  changedElsewhere(): boolean {
    if (!this.db.open) return false; // closed under a watcher still stopping
    const now = this.dataVersion();
    const changed = now !== this.lastDataVersion;
    this.lastDataVersion = now;
    return changed;
  }

  /** Calls `listener` after every revocation through this store; returns the unsubscribe. */
  onTokensRevoked(listener: () => void): () => void {
    this.tokenListeners.add(listener);
    return () => {
      this.tokenListeners.delete(listener);
    };
  }

  private tokensRevoked(): void {
    for (const listener of [...this.tokenListeners]) listener();
  }

  /** The connection's settings, as SQLite reports them. */
  settings(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra'; foreignKeys: boolean; busyTimeoutMs: number; schemaVersion: number } {
    const simple = (name: string): unknown => this.db.pragma(name, { simple: true });
    const synchronous = (['off', 'normal', 'full', 'extra'] as const)[Number(simple('synchronous'))] ?? 'off';
    return {
      journalMode: String(simple('journal_mode')),
      synchronous,
      foreignKeys: simple('foreign_keys') === 1,
      busyTimeoutMs: Number(simple('busy_timeout')),
      schemaVersion: Number(simple('user_version')),
    };
  }

  /** PRAGMA integrity_check: [] when the file is sound, else SQLite's findings. */
  integrityCheck(): string[] {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
  }

  // ---------- the class ----------

  /** Names the class and its session's labs; created_at is kept from the first call. */
  setClass(info: { name: string; labs: readonly string[]; settings?: Record<string, unknown> }): ClassInfo {
    const name = info.name.trim();
    if (!name || nameProblem(name)) throw new Error(`not a class name: ${JSON.stringify(info.name)}`);
    const badLab = info.labs.find((id) => !LAB_OR_STEP_ID.test(id));
    if (badLab !== undefined) throw new Error(`not a lab id: ${JSON.stringify(badLab)}`);
    this.db.transaction(() => this.upsertClass.run(name, this.now().toISOString(), JSON.stringify(info.labs), JSON.stringify(info.settings ?? {}))).immediate();
    const saved = this.classInfo();
    if (!saved) throw new Error('the class was not saved');
    return saved;
  }

  classInfo(): ClassInfo | undefined {
    const row = this.selectClass.get();
    return row && { name: row.name, createdAt: row.created_at, labs: JSON.parse(row.labs) as string[], settings: JSON.parse(row.settings) as Record<string, unknown> };
  }

  // ---------- learners ----------

  /** Adds learners (from parseRoster), all or none: an id or a name already in the class is refused. */
  addLearners(learners: readonly { id: string; name: string }[]): Learner[] {
    for (const l of learners) {
      if (!LEARNER_ID.test(l.id) || l.id === INSTRUCTOR) throw new Error(`not a learner id: ${JSON.stringify(l.id)}`);
      const problem = nameProblem(l.name);
      if (problem) throw new Error(`learner ${l.id}: ${problem}`);
    }
    const at = this.now().toISOString();
    this.db
      .transaction(() => {
        for (const l of learners) {
          if (this.selectLearner.get(l.id)) throw new Error(`learner id ${l.id} is already in the class`);
          try {
            this.insertLearner.run(l.id, l.name.trim(), nameKey(l.name), at);
          } catch (err) {
            if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new Error(`a learner named ${JSON.stringify(l.name.trim())} is already in the class`);
            throw err;
          }
        }
      })
      .immediate();
    return learners.map((l) => this.learner(l.id)).filter((l): l is Learner => l !== undefined);
  }

  learner(id: string): Learner | undefined {
    const row = this.selectLearner.get(id);
    return row && learnerOf(row);
  }

  /** The class's learners by id; removed ones only when asked for (reports keep them, the grid does not). */
  learners(options: { includeRemoved?: boolean } = {}): Learner[] {
    return this.selectLearners
      .all()
      .map(learnerOf)
      .filter((l) => options.includeRemoved === true || !l.revokedAt);
  }

  /** Takes a learner out of the class: their tokens stop working; their events stay for the report. */
  removeLearner(id: string): void {
    this.db
      .transaction(() => {
        this.removeLearnerRow.run(this.now().toISOString(), id);
        this.tokens.revoke(id);
      })
      .immediate();
    this.tokensRevoked();
  }

  // ---------- tokens ----------

  /** A new sign-in token, returned in clear this once (only its hash is stored). */
  issueToken(holder: TokenHolder): string {
    return this.tokens.issue(holder);
  }

  authenticate(token: string): AuthResult {
    return this.tokens.authenticate(token);
  }

  /** Why a token no longer signs in (undefined while it does). */
  tokenRefusal(token: string): TokenRefusal | undefined {
    return this.tokens.refusal(token);
  }

  /** How many tokens the holder was ever issued, and how many still sign in. */
  tokenCount(holder: TokenHolder): { issued: number; live: number } {
    return this.tokens.count(holder);
  }

  /** Revokes all of a learner's (or the instructor's) tokens. Returns how many. */
  revokeTokens(holder: TokenHolder): number {
    const revoked = this.tokens.revoke(holder);
    this.tokensRevoked();
    return revoked;
  }

  /** Revokes the holder's tokens and returns a new one. */
  reissue(holder: TokenHolder): string {
    const token = this.tokens.reissue(holder);
    this.tokensRevoked();
    return token;
  }

  // ---------- progress ----------

  recordCheck(learner: string, lab: string, result: StepCheck): { seq: number; newlyEarned: boolean } {
    return this.log.recordCheck(learner, lab, result);
  }

  recordSolved(learner: string, lab: string, steps: readonly { step: string; index: number }[]): number[] {
    return this.log.recordSolved(learner, lab, steps);
  }

  /** A start afresh with `solved` done by the solution: `later` steps lose a solved mark an earlier start left. */
  recordSolvedThrough(learner: string, lab: string, solved: readonly { step: string; index: number }[], later: readonly { step: string; index: number }[]): number[] {
    return this.log.recordSolvedThrough(learner, lab, solved, later);
  }

  eventsSince(seq: number, limit?: number): ProgressEvent[] {
    return this.log.eventsSince(seq, limit);
  }

  /** The derived per-step state of one learner, or of everyone. */
  stepStates(learner?: string): StepState[] {
    return this.log.steps(learner);
  }

  grid(labs?: readonly ClassLab[], options: { now?: Date; rules?: Partial<StuckRules> } = {}): ClassGrid {
    const rules = { ...DEFAULT_STUCK_RULES, ...options.rules };
    return buildGrid(labs ?? this.labsFromEvents(), this.learners(), this.log.steps(), options.now ?? this.now(), rules);
  }

  // ---------- messages ----------

  postMessage(text: string): ClassMessage {
    return this.log.postMessage(text);
  }

  messages(sinceSeq = 0): ClassMessage[] {
    return this.log.messages(sinceSeq);
  }

  // ---------- reports ----------

  classReport(labs?: readonly ClassLab[]): ClassReport {
    const info = this.classInfo() ?? { name: '', createdAt: '', labs: [], settings: {} };
    return buildClassReport(info, labs ?? this.labsFromEvents(), this.learners({ includeRemoved: true }), this.log.steps(), this.now());
  }

  classReportCsv(labs?: readonly ClassLab[]): string {
    return classReportCsv(this.classReport(labs));
  }

  classReportHtml(lang: Lang, labs?: readonly ClassLab[]): string {
    const used = labs ?? this.labsFromEvents();
    return renderClassReportHtml(this.classReport(used), used, lang);
  }

  /**
   * Without the packs at hand: the session's labs, then any other lab with events, each with the steps that
   * have events, titled by their ids.
   */
  private labsFromEvents(): ClassLab[] {
    const states = this.log.steps();
    const ids = [...new Set([...(this.classInfo()?.labs ?? []), ...states.map((s) => s.lab)])];
    return ids.map((id) => {
      const steps = new Map<string, number>();
      for (const s of states) if (s.lab === id && !steps.has(s.step)) steps.set(s.step, s.index);
      const ordered = [...steps].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
      return { id, title: { en: id, 'zh-CN': id }, steps: ordered.map(([step]) => ({ id: step, title: { en: step, 'zh-CN': step } })) };
    });
  }
}
