// The browser host's access token: random per start, given once in the printed URL, then kept by the
// browser in an HttpOnly, SameSite=Strict cookie. Compared in constant time.
// A browser that `halab serve` opens itself gets a one-time launch code instead (see launchFile.ts): a
// command line is readable by every local user, so what goes on one must be worthless once used.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ownerIdentity, type SessionIdentity } from '../core/learnerScope.js';

export const newToken = (): string => randomBytes(24).toString('base64url');

/** One cookie name per port: two hosts on 127.0.0.1 (cookies ignore ports) must not overwrite each other. */
export const cookieName = (port: number): string => `halab_token_${port}`;

export function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who may use a host: `identify` names the session a token opens, or refuses it. `halab serve` has one
 * token for the machine's own user; a classroom has one per person.
 */
export interface HostAccess {
  identify(token: string): SessionIdentity | undefined;
  /** Why a token `identify` refuses no longer signs in (a class knows); undefined for a token never issued. */
  refusal?(token: string): 'removed' | 'replaced' | 'revoked' | undefined;
  /** Calls `onChange` whenever tokens may have stopped signing in; returns the unsubscribe. The host then ends their sockets. */
  watch?(onChange: () => void): () => void;
}

/** One token, the machine's own user. */
export function singleTokenAccess(token: string): HostAccess {
  return { identify: (given) => (sameToken(given, token) ? ownerIdentity : undefined) };
}

export interface Credential {
  ok: boolean;
  /** True when the token came in the query: the response sets the cookie. */
  fromQuery: boolean;
  /** The token that was accepted, and whose session it opens. */
  token?: string;
  identity?: SessionIdentity;
}

/**
 * A link just opened (the query) first, then a page already signed in (the cookie): in a class, a browser
 * that still holds one learner's cookie must open the next learner's own link as that learner.
 */
export function credential(req: IncomingMessage, url: URL, access: HostAccess, port: number): Credential {
  const query = url.searchParams.get('token');
  const fromQuery = query ? access.identify(query) : undefined;
  if (query && fromQuery) return { ok: true, fromQuery: true, token: query, identity: fromQuery };
  const cookie = cookieValue(req, cookieName(port));
  const fromCookie = cookie ? access.identify(cookie) : undefined;
  if (cookie && fromCookie) return { ok: true, fromQuery: false, token: cookie, identity: fromCookie };
  return { ok: false, fromQuery: false };
}

/**
 * Why the credential a request carries stopped signing in, when it is one the host once issued (a page
 * whose link was revoked while it was away reconnects with its cookie): undefined for anything else.
 */
export function deadCredential(req: IncomingMessage, url: URL, access: HostAccess, port: number): 'removed' | 'replaced' | 'revoked' | undefined {
  const given = [url.searchParams.get('token'), cookieValue(req, cookieName(port))];
  for (const token of given) {
    const why = token ? access.refusal?.(token) : undefined;
    if (why) return why;
  }
  return undefined;
}

/** Secure on a TLS host: the cookie never travels in clear. */
export const setCookieHeader = (port: number, token: string, secure = false): string => `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;

/**
 * How long a launch code stays valid. A cold browser start on a slow machine takes seconds; a code that
 * outlives that only widens the window for someone who found it.
 */
export const LAUNCH_CODE_TTL_MS = 120_000;
/** Codes alive at once: serve issues one per start; the bound only keeps a bug from growing the map. */
const MAX_LIVE_LAUNCH_CODES = 16;

export interface LaunchCodes {
  /** A new code, valid once, for LAUNCH_CODE_TTL_MS. */
  issue(): string;
  /** True once for a live code; the code is spent whatever happens next. */
  redeem(given: string | null): boolean;
}

export function createLaunchCodes(now: () => number = Date.now): LaunchCodes {
  const live = new Map<string, number>(); // code -> when it expires
  const prune = (): void => {
    for (const [code, expires] of live) if (expires <= now()) live.delete(code);
  };
  return {
    issue() {
      prune();
      if (live.size >= MAX_LIVE_LAUNCH_CODES) live.delete(live.keys().next().value ?? '');
      const code = newToken();
      live.set(code, now() + LAUNCH_CODE_TTL_MS);
      return code;
    },
    redeem(given) {
      prune();
      for (const code of live.keys()) {
        if (!sameToken(given, code)) continue;
        live.delete(code);
        return true;
      }
      return false;
    },
  };
}
