// What the UI knows about its link to the host: drives the "connection lost — reconnecting" banner
// and tells views to re-subscribe (watches, terminals) after a reconnect, since the host forgets a
// session's subscriptions when its socket closes.
import type { SessionEnded } from '../../common/sessionEnd.js';
import { createStore, type Store } from '../util/store.js';

export interface ConnectionState {
  /** ended: the host ended this page's session for good (see `ended`); nothing reconnects. */
  status: 'connecting' | 'open' | 'reconnecting' | 'ended';
  /** Failed attempts since the link was last open. */
  attempt: number;
  /** When the next attempt starts (ms since epoch), while reconnecting. */
  retryAt?: number;
  /** Increments on every successful (re)connection: a change means "new session". */
  session: number;
  /** Why the host ended the session, once status is 'ended'. */
  ended?: SessionEnded;
}

export type ConnectionStore = Store<ConnectionState>;

/** The Electron transport has no link to lose: it is always open. */
export function alwaysOpen(): ConnectionStore {
  return createStore<ConnectionState>({ status: 'open', attempt: 0, session: 1 });
}
