// Why the host ends (or refuses) a page's API socket for good, and the WebSocket close code that says it.
// The host sends a `session.ended` event first, then closes with the code: the page stops reconnecting
// (its link will not open a session again) and tells the person what happened and what to do.

/**
 * removed: the instructor took the learner out of the class; replaced: a new link was issued for the same
 * person; revoked: the link was revoked without a new one; tooManyTabs: this person has as many pages open
 * as the host allows one person.
 */
export type SessionEndReason = 'removed' | 'replaced' | 'revoked' | 'tooManyTabs';

/** Application close codes (4000-4999 are the application's by RFC 6455): one per reason. */
export const SESSION_END_CODES: Readonly<Record<SessionEndReason, number>> = {
  removed: 4001,
  replaced: 4002,
  revoked: 4003,
  tooManyTabs: 4008,
};

/** The payload of the `session.ended` event. */
export interface SessionEnded {
  reason: SessionEndReason;
  /** With tooManyTabs: how many pages one person may have open. */
  limit?: number;
}

/** The reason a close code stands for; undefined for any other code (a plain drop: reconnect). */
export function sessionEndReasonOf(code: number): SessionEndReason | undefined {
  for (const [reason, c] of Object.entries(SESSION_END_CODES)) if (c === code) return reason as SessionEndReason;
  return undefined;
}
