// Sign-in tokens: 32 random bytes, given out once in clear (in the learner's personal link) and kept only as
// their SHA-256. A token is found by the hash of what was presented, an indexed lookup: no comparison of
// secrets happens in JavaScript, so the time taken tells nothing beyond that lookup.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { INSTRUCTOR, type AuthResult, type Learner, type TokenHolder } from './types.js';

const TOKEN_BYTES = 32;
/** base64url of 32 bytes: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** last_used_at is a write: refreshed at most this often, so authenticating every request stays a read. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

interface TokenRow {
  learner_id: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Why a token no longer signs in: never issued here, its person removed, a newer link issued, or revoked. */
export type TokenRefusal = 'unknown' | 'removed' | 'replaced' | 'revoked';

export class TokenBook {
  private readonly insert: Database.Statement<[Buffer, string | null, string]>;
  private readonly find: Database.Statement<[Buffer], TokenRow>;
  private readonly touch: Database.Statement<[string, Buffer]>;
  private readonly revokeLearner: Database.Statement<[string, string]>;
  private readonly revokeInstructor: Database.Statement<[string]>;
  private readonly newerLive: Database.Statement<[string | null, string], { n: number }>;
  private readonly counts: Database.Statement<[string | null], { issued: number; live: number | null }>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly learner: (id: string) => Learner | undefined,
  ) {
    this.insert = db.prepare('INSERT INTO tokens (hash, learner_id, created_at) VALUES (?, ?, ?)');
    this.find = db.prepare('SELECT learner_id, revoked_at, last_used_at FROM tokens WHERE hash = ?');
    this.touch = db.prepare('UPDATE tokens SET last_used_at = ? WHERE hash = ?');
    this.revokeLearner = db.prepare('UPDATE tokens SET revoked_at = ? WHERE learner_id = ? AND revoked_at IS NULL');
    this.revokeInstructor = db.prepare('UPDATE tokens SET revoked_at = ? WHERE learner_id IS NULL AND revoked_at IS NULL');
    this.counts = db.prepare<[string | null], { issued: number; live: number | null }>('SELECT count(*) AS issued, sum(revoked_at IS NULL) AS live FROM tokens WHERE learner_id IS ?');
    this.newerLive = db.prepare('SELECT count(*) AS n FROM tokens WHERE learner_id IS ? AND revoked_at IS NULL AND created_at >= ?');
  }

  private holderId(holder: TokenHolder): string | null {
    if (holder === INSTRUCTOR) return null;
    const learner = this.learner(holder);
    if (!learner) throw new Error(`no learner ${JSON.stringify(holder)} in this class`);
    if (learner.revokedAt) throw new Error(`learner ${holder} was removed from the class`);
    return holder;
  }

  private issueIn(holder: TokenHolder): string {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.insert.run(tokenHash(token), this.holderId(holder), this.now().toISOString());
    return token;
  }

  /** A new token for a learner or the instructor, returned in clear this once; earlier tokens stay valid. */
  issue(holder: TokenHolder): string {
    return this.db.transaction(() => this.issueIn(holder)).immediate();
  }

  private revokeIn(holder: TokenHolder): number {
    const at = this.now().toISOString();
    return holder === INSTRUCTOR ? this.revokeInstructor.run(at).changes : this.revokeLearner.run(at, holder).changes;
  }

  /** Revokes every live token of the holder. Returns how many were revoked. */
  revoke(holder: TokenHolder): number {
    return this.db.transaction(() => this.revokeIn(holder)).immediate();
  }

  /** Revokes the holder's tokens and issues a new one, in one transaction: a lost link is replaced. */
  reissue(holder: TokenHolder): string {
    return this.db
      .transaction(() => {
        this.revokeIn(holder);
        return this.issueIn(holder);
      })
      .immediate();
  }

  /** How many tokens the holder was ever issued, and how many of them still sign in. */
  count(holder: TokenHolder): { issued: number; live: number } {
    const row = this.counts.get(holder === INSTRUCTOR ? null : holder);
    return { issued: row?.issued ?? 0, live: row?.live ?? 0 };
  }

  /** Why `token` is refused, for the page that says what to do next; undefined while it still signs in. */
  refusal(token: string): TokenRefusal | undefined {
    if (!TOKEN_SHAPE.test(token)) return 'unknown';
    const row = this.find.get(tokenHash(token));
    if (!row) return 'unknown';
    const learner = row.learner_id === null ? undefined : this.learner(row.learner_id);
    if (row.learner_id !== null && (!learner || learner.revokedAt)) return 'removed';
    if (row.revoked_at === null) return undefined;
    // A reissue revokes and issues in one transaction, at one time: a live token from then on replaced this one.
    return (this.newerLive.get(row.learner_id, row.revoked_at)?.n ?? 0) > 0 ? 'replaced' : 'revoked';
  }

  authenticate(token: string): AuthResult {
    if (!TOKEN_SHAPE.test(token)) return { problem: 'unknown' };
    const hash = tokenHash(token);
    const row = this.find.get(hash);
    if (!row) return { problem: 'unknown' };
    if (row.revoked_at !== null) return { problem: 'revoked' };
    const learner = row.learner_id === null ? undefined : this.learner(row.learner_id);
    if (row.learner_id !== null && (!learner || learner.revokedAt)) return { problem: 'revoked' };
    const now = this.now();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
      this.db.transaction(() => this.touch.run(now.toISOString(), hash)).immediate();
    }
    return learner ? { role: 'learner', learner } : { role: 'instructor' };
  }
}
