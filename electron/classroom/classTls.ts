// TLS for a classroom on a network: the instructor's certificate, or a self-signed one kept with the class
// (so learners accept it once) and reused while it is valid for the address, made anew when it is about to
// expire or names another host. The server prints its SHA-256 fingerprint at every start for learners to
// compare with what their browser shows.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { UserError, errorMessage } from '../util/errors.js';

export interface ClassTls {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it. */
  fingerprint: string;
  selfSigned: boolean;
  /** For a self-signed one: why it was made at this start (absent when the kept one was reused). */
  madeBecause?: string;
}

/** Days a self-signed certificate is valid: a term of classes, short enough that a copied key soon expires. */
export const SELF_SIGNED_DAYS = 90;
/** A kept certificate expiring sooner than this is made anew: it must last the class days in between. */
export const RENEW_BEFORE_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read the ${what} ${file}: ${errorMessage(err)}`, { code: 'E_READ' });
  }
}

function fingerprintOf(cert: string, file: string): string {
  try {
    return new X509Certificate(cert).fingerprint256;
  } catch (err) {
    throw new UserError(`${file} is not a PEM certificate: ${errorMessage(err)}`, { code: 'E_BAD_INPUT' });
  }
}

/** The given certificate and key, both or neither. */
export function givenTls(certFile: string, keyFile: string): ClassTls {
  const cert = read(certFile, 'certificate');
  return { cert, key: read(keyFile, 'key'), fingerprint: fingerprintOf(cert, certFile), selfSigned: false };
}

/** Why the kept certificate cannot serve `address` any more, or undefined when it can. */
function renewalReason(certFile: string, keyFile: string, address: string, now: Date): string | undefined {
  if (!existsSync(certFile) || !existsSync(keyFile)) return 'there was none';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(readFileSync(certFile));
    if (!cert.checkPrivateKey(createPrivateKey(readFileSync(keyFile)))) return 'its key does not match';
  } catch (err) {
    return `the kept one is unreadable (${errorMessage(err)})`;
  }
  const expires = Date.parse(cert.validTo);
  if (!(expires - now.getTime() > RENEW_BEFORE_EXPIRY_MS)) return `the kept one expires ${new Date(expires).toISOString()}`;
  if (!(isIP(address) ? cert.checkIP(address) : cert.checkHost(address))) return `the kept one is not for ${address}`;
  return undefined;
}

/** A self-signed certificate for `address`, kept in `dir` and reused while valid; made with openssl when needed. */
export function selfSignedTls(dir: string, address: string, options: { days?: number; now?: () => Date } = {}): ClassTls {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const madeBecause = renewalReason(certFile, keyFile, address, (options.now ?? (() => new Date()))());
  if (madeBecause !== undefined) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const san = isIP(address) ? `IP:${address}` : `DNS:${address}`;
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          String(options.days ?? SELF_SIGNED_DAYS),
          '-subj',
          '/CN=HA Lab classroom',
          '-addext',
          `subjectAltName=${san}`,
          '-keyout',
          keyFile,
          '-out',
          certFile,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
      );
      chmodSync(keyFile, 0o600);
    } catch (err) {
      throw new UserError(`Could not make a self-signed certificate with openssl: ${errorMessage(err)}`, { fix: 'Install openssl, or give your own with --cert FILE --key FILE.', code: 'E_USAGE' });
    }
  }
  const cert = read(certFile, 'certificate');
  return { cert, key: read(keyFile, 'key'), fingerprint: fingerprintOf(cert, certFile), selfSigned: true, ...(madeBecause === undefined ? {} : { madeBecause }) };
}
