// The class database's tables, one migration per schema version. PRAGMA user_version holds the version the
// file is at; each migration runs in its own transaction together with the version bump, so a file is always
// at exactly one version, never half-way.
import type Database from 'better-sqlite3';

/** PRAGMA application_id of a class file ("HALC"): tells it from any other SQLite file. */
export const APPLICATION_ID = 0x48414c43;

// The per-step state is derived from the events by one upsert, written once and used twice: by the trigger
// that keeps it current as events arrive, and by the rebuild that replays every event in order. The rules
// are the learner's own progress store's: attempts count checks only; earned is set by the first passed
// check and never cleared; solved is set (again) only while the step is not earned, and an 'unsolved' event
// (the learner started the lab again before that step) clears it. The upsert sees only the values it would
// insert, not the event's kind: an unsolved event proposes solved_at '' for "clear", which is never stored
// (one is written only for a step that has a row already).
const STEP_COLUMNS = 'learner_id, lab, step, step_index, earned_at, solved_at, attempts, first_checked_at, last_checked_at, last_passed, fails_since_pass, last_checks, last_seq';

function stepValues(e: string): string {
  const check = `${e}kind = 'check'`;
  return `${e}learner_id, ${e}lab, ${e}step, ${e}step_index,
    CASE WHEN ${e}passed = 1 THEN ${e}at END,
    CASE ${e}kind WHEN 'solved' THEN ${e}at WHEN 'unsolved' THEN '' END,
    CASE WHEN ${check} THEN 1 ELSE 0 END,
    CASE WHEN ${check} THEN ${e}at END,
    CASE WHEN ${check} THEN ${e}at END,
    ${e}passed,
    CASE WHEN ${e}passed = 0 THEN 1 ELSE 0 END,
    CASE WHEN ${check} THEN ${e}checks ELSE '[]' END,
    ${e}seq`;
}

const STEP_ON_CONFLICT = `ON CONFLICT (learner_id, lab, step) DO UPDATE SET
    step_index = excluded.step_index,
    earned_at = COALESCE(earned_at, excluded.earned_at),
    solved_at = CASE WHEN excluded.solved_at = '' THEN NULL WHEN earned_at IS NULL AND excluded.solved_at IS NOT NULL THEN excluded.solved_at ELSE solved_at END,
    attempts = attempts + excluded.attempts,
    first_checked_at = COALESCE(first_checked_at, excluded.first_checked_at),
    last_checked_at = COALESCE(excluded.last_checked_at, last_checked_at),
    last_passed = COALESCE(excluded.last_passed, last_passed),
    fails_since_pass = CASE excluded.last_passed WHEN 1 THEN 0 WHEN 0 THEN fails_since_pass + 1 ELSE fails_since_pass END,
    last_checks = CASE WHEN excluded.last_passed IS NULL THEN last_checks ELSE excluded.last_checks END,
    last_seq = excluded.last_seq`;

/** Recomputes step_progress from the events (a migration that changes the derivation runs this). */
export const REBUILD_STEP_PROGRESS = `DELETE FROM step_progress;
  INSERT INTO step_progress (${STEP_COLUMNS}) SELECT ${stepValues('e.')} FROM progress_events e WHERE true ORDER BY e.seq
  ${STEP_ON_CONFLICT};`;

const V1 = `
CREATE TABLE class (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  labs TEXT NOT NULL CHECK (json_valid(labs) AND json_type(labs) = 'array'),
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings) AND json_type(settings) = 'object')
);

CREATE TABLE learners (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 16 AND id NOT GLOB '*[^a-z0-9-]*' AND id NOT GLOB '-*'),
  name TEXT NOT NULL,
  -- The name folded (NFKC, lower case): two learners never share it.
  name_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;

-- Only the SHA-256 of a token is kept: a copy of the file signs no one in. learner_id NULL is the instructor.
CREATE TABLE tokens (
  hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
  learner_id TEXT REFERENCES learners (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
) WITHOUT ROWID;
CREATE INDEX tokens_by_learner ON tokens (learner_id);

CREATE TABLE progress_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  learner_id TEXT NOT NULL REFERENCES learners (id),
  lab TEXT NOT NULL,
  step TEXT NOT NULL,
  step_index INTEGER NOT NULL CHECK (step_index >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('check', 'solved')),
  passed INTEGER CHECK ((kind = 'check' AND passed IN (0, 1)) OR (kind = 'solved' AND passed IS NULL)),
  checks TEXT NOT NULL CHECK (json_valid(checks) AND json_type(checks) = 'array'),
  at TEXT NOT NULL
);
CREATE INDEX progress_events_by_learner ON progress_events (learner_id, seq);
CREATE TRIGGER progress_events_no_update BEFORE UPDATE ON progress_events BEGIN SELECT RAISE(ABORT, 'progress events are append-only'); END;
CREATE TRIGGER progress_events_no_delete BEFORE DELETE ON progress_events BEGIN SELECT RAISE(ABORT, 'progress events are append-only'); END;

CREATE TABLE step_progress (
  learner_id TEXT NOT NULL REFERENCES learners (id),
  lab TEXT NOT NULL,
  step TEXT NOT NULL,
  step_index INTEGER NOT NULL,
  earned_at TEXT,
  solved_at TEXT,
  attempts INTEGER NOT NULL,
  first_checked_at TEXT,
  last_checked_at TEXT,
  last_passed INTEGER,
  fails_since_pass INTEGER NOT NULL,
  last_checks TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (learner_id, lab, step)
) WITHOUT ROWID;
CREATE TRIGGER progress_events_derive AFTER INSERT ON progress_events BEGIN
  INSERT INTO step_progress (${STEP_COLUMNS}) VALUES (${stepValues('NEW.')})
  ${STEP_ON_CONFLICT};
END;

CREATE TABLE messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

const PROGRESS_EVENTS_GUARDS = `
CREATE INDEX progress_events_by_learner ON progress_events (learner_id, seq);
CREATE TRIGGER progress_events_no_update BEFORE UPDATE ON progress_events BEGIN SELECT RAISE(ABORT, 'progress events are append-only'); END;
CREATE TRIGGER progress_events_no_delete BEFORE DELETE ON progress_events BEGIN SELECT RAISE(ABORT, 'progress events are append-only'); END;
CREATE TRIGGER progress_events_derive AFTER INSERT ON progress_events BEGIN
  INSERT INTO step_progress (${STEP_COLUMNS}) VALUES (${stepValues('NEW.')})
  ${STEP_ON_CONFLICT};
END;`;

/**
 * V2: the 'unsolved' event. SQLite cannot change a CHECK constraint in place, so progress_events is copied into
 * a table that allows it (every event kept, seq included) and its index and triggers are made again.
 */
const V2 = `
DROP TRIGGER progress_events_derive;
DROP TRIGGER progress_events_no_update;
DROP TRIGGER progress_events_no_delete;
CREATE TABLE progress_events_v2 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  learner_id TEXT NOT NULL REFERENCES learners (id),
  lab TEXT NOT NULL,
  step TEXT NOT NULL,
  step_index INTEGER NOT NULL CHECK (step_index >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('check', 'solved', 'unsolved')),
  passed INTEGER CHECK ((kind = 'check' AND passed IN (0, 1)) OR (kind IN ('solved', 'unsolved') AND passed IS NULL)),
  checks TEXT NOT NULL CHECK (json_valid(checks) AND json_type(checks) = 'array'),
  at TEXT NOT NULL
);
INSERT INTO progress_events_v2 (seq, learner_id, lab, step, step_index, kind, passed, checks, at)
  SELECT seq, learner_id, lab, step, step_index, kind, passed, checks, at FROM progress_events ORDER BY seq;
DROP TABLE progress_events;
ALTER TABLE progress_events_v2 RENAME TO progress_events;
${PROGRESS_EVENTS_GUARDS}
`;

/** Migration i takes a file from version i to i + 1. */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) => {
    db.exec(V1);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  },
  (db) => {
    db.exec(V2);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file to SCHEMA_VERSION (an older `target` for tests of a migration). Returns the version it was at. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (let version = from; version < target; version++) {
    const step = MIGRATIONS[version];
    if (!step) break;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return from;
}
