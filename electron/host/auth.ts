// The browser host's access token: random per start, given once in the printed URL, then kept by the
// browser in an HttpOnly, SameSite=Strict cookie. Compared in constant time.
// A browser that `halab serve` opens itself gets a one-time launch code instead (see launchFile.ts): a
// command line is readable by every local user, so what goes on one must be worthless once used.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

export interface Credential {
  ok: boolean;
  /** True when the token came in the query: the response sets the cookie. */
  fromQuery: boolean;
}

export function credential(req: IncomingMessage, url: URL, token: string, port: number): Credential {
  if (sameToken(cookieValue(req, cookieName(port)), token)) return { ok: true, fromQuery: false };
  if (sameToken(url.searchParams.get('token'), token)) return { ok: true, fromQuery: true };
  return { ok: false, fromQuery: false };
}

export const setCookieHeader = (port: number, token: string): string => `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;

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
