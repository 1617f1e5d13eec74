// The self-signed certificate a class keeps: reused across starts while valid for the address, made anew
// when it expires within RENEW_BEFORE_EXPIRY_MS or names another host (openssl, as the server runs it).
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RENEW_BEFORE_EXPIRY_MS, selfSignedTls } from '../../electron/classroom/classTls.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const validTo = (pem: string): number => Date.parse(new X509Certificate(pem).validTo);

describe('the self-signed certificate of a class', () => {
  it('replaces a certificate about to expire, then reuses the new one', () => {
    const dir = makeTempDir('halab-tls-');
    const shortLived = selfSignedTls(dir, '127.0.0.2', { days: 1 });
    expect(shortLived.madeBecause).toBe('there was none');
    expect(validTo(shortLived.cert) - Date.now()).toBeLessThan(RENEW_BEFORE_EXPIRY_MS);

    const renewed = selfSignedTls(dir, '127.0.0.2');
    expect(renewed.madeBecause).toMatch(/^the kept one expires /);
    expect(renewed.fingerprint).not.toBe(shortLived.fingerprint);
    expect(validTo(renewed.cert) - Date.now()).toBeGreaterThan(RENEW_BEFORE_EXPIRY_MS);

    const reused = selfSignedTls(dir, '127.0.0.2');
    expect(reused.madeBecause).toBeUndefined();
    expect(reused.fingerprint).toBe(renewed.fingerprint);
  });

  it('makes a new one when the class is served under another name or address', () => {
    const dir = makeTempDir('halab-tls-');
    const first = selfSignedTls(dir, '127.0.0.2');
    const moved = selfSignedTls(dir, 'lab.example.org');
    expect(moved.madeBecause).toBe('the kept one is not for lab.example.org');
    expect(new X509Certificate(moved.cert).checkHost('lab.example.org')).toBe('lab.example.org');
    expect(moved.fingerprint).not.toBe(first.fingerprint);
    expect(selfSignedTls(dir, 'lab.example.org').fingerprint).toBe(moved.fingerprint);
  });

  it('counts "within 7 days" from now: a certificate good for 8 more days is kept, for 6 is not', () => {
    const dir = makeTempDir('halab-tls-');
    const cert = selfSignedTls(dir, '127.0.0.2', { days: 30 });
    const expires = validTo(cert.cert);
    const day = 24 * 60 * 60 * 1000;
    expect(selfSignedTls(dir, '127.0.0.2', { now: () => new Date(expires - 8 * day) }).fingerprint).toBe(cert.fingerprint);
    expect(selfSignedTls(dir, '127.0.0.2', { now: () => new Date(expires - 6 * day) }).madeBecause).toMatch(/expires/);
  });
});
