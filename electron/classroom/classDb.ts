// Opening a class file: WAL, durable commits, foreign keys, a check of the pages, then the migrations. Any
// failure becomes a ClassStoreError that names the file and says what to do, never a bare SQLite error.
import Database from 'better-sqlite3';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './classSchema.js';

/** How long a write waits for another process's lock (an export run while the server writes) before failing. */
export const BUSY_TIMEOUT_MS = 5000;

export type ClassStoreProblem = 'missing' | 'damaged' | 'foreign' | 'newer' | 'busy' | 'unreadable';

export class ClassStoreError extends Error {
  constructor(
    readonly file: string,
    readonly problem: ClassStoreProblem,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ClassStoreError';
  }
}

const sqliteCode = (err: unknown): string => (err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '');

/** The ClassStoreError for a SQLite failure on this file (a ClassStoreError passes through). */
export function classStoreError(file: string, err: unknown): ClassStoreError {
  if (err instanceof ClassStoreError) return err;
  const code = sqliteCode(err);
  const reason = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new ClassStoreError(file, 'damaged', `the class file is damaged (${reason}): restore it from a copy, or start a new class file`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ClassStoreError(file, 'busy', `the class file is locked by another process (${reason}): stop the other classroom server or export first`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_PERM')) {
    return new ClassStoreError(file, 'unreadable', `the class file cannot be opened for writing (${reason}): check the folder exists and its permissions`);
  }
  return new ClassStoreError(file, 'unreadable', `the class file cannot be used (${reason})`);
}

function openAndCheck(db: Database.Database, file: string): void {
  // WAL: readers never block the writer, and a commit is one append to the log.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new ClassStoreError(file, 'unreadable', `the class file cannot use write-ahead logging (journal mode ${String(mode)})`);
  // FULL: the log is fsync'd at every commit, so a write acknowledged to a learner or the instructor survives
  // a power cut as well as a crash. NORMAL in WAL mode survives a crash of the process but may lose the last
  // commits on power loss. 200 learners checking every few seconds write tens of events a second; FULL took
  // 4,500 to 5,500 one-event transactions a second on a 2-core test machine (NORMAL about 24,000), so the
  // durability costs nothing that matters.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const pages = db.pragma('quick_check', { simple: true });
  if (pages !== 'ok') throw new ClassStoreError(file, 'damaged', `the class file is damaged (${String(pages)}): restore it from a copy, or start a new class file`);
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0)) {
    throw new ClassStoreError(file, 'foreign', 'this SQLite file is not an HA Lab class file: choose another file name');
  }
  if (version > SCHEMA_VERSION) {
    throw new ClassStoreError(file, 'newer', `the class file was written by a newer HA Lab (schema ${version}, this one knows up to ${SCHEMA_VERSION}): update HA Lab`);
  }
  migrate(db);
}

/** Opens (or, with create, makes) a class file at the current schema version. */
export function openClassDb(file: string, create: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS, fileMustExist: !create });
  } catch (err) {
    if (!create && sqliteCode(err) === 'SQLITE_CANTOPEN') throw new ClassStoreError(file, 'missing', 'no class file here: create the class first');
    throw classStoreError(file, err);
  }
  try {
    openAndCheck(db, file);
    return db;
  } catch (err) {
    db.close();
    throw classStoreError(file, err);
  }
}
