// Which token a request signs in with: a link just opened wins over the cookie the browser still holds, so
// on a shared classroom PC the next learner's own link opens that learner's work, never the previous one's.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieName, credential, type HostAccess } from '../../electron/host/auth.js';
import { localScope, type SessionIdentity } from '../../electron/core/learnerScope.js';

const PORT = 7420;
const who = (key: string): SessionIdentity => ({ scope: { ...localScope, key }, role: 'learner' });
const access: HostAccess = { identify: (token) => ({ 'token-a': who('a'), 'token-b': who('b') })[token] };
const request = (cookie?: string): IncomingMessage => Object.assign(Object.create(null) as IncomingMessage, { headers: cookie ? { cookie: `${cookieName(PORT)}=${cookie}` } : {} });
const url = (token?: string): URL => new URL(`http://127.0.0.1:${PORT}/${token ? `?token=${token}` : ''}`);

describe('the credential of a request', () => {
  it("takes a valid link's token over the cookie of whoever used the browser before", () => {
    const c = credential(request('token-a'), url('token-b'), access, PORT);
    expect(c).toMatchObject({ ok: true, fromQuery: true, token: 'token-b' });
    expect(c.identity?.scope.key).toBe('b');
  });

  it('keeps the cookie when the link carries no token or a dead one', () => {
    expect(credential(request('token-a'), url(), access, PORT)).toMatchObject({ ok: true, fromQuery: false, token: 'token-a' });
    expect(credential(request('token-a'), url('revoked'), access, PORT)).toMatchObject({ ok: true, fromQuery: false, token: 'token-a' });
  });

  it('refuses when neither is valid', () => {
    expect(credential(request('nope'), url('nope'), access, PORT)).toEqual({ ok: false, fromQuery: false });
    expect(credential(request(), url(), access, PORT)).toEqual({ ok: false, fromQuery: false });
  });
});
