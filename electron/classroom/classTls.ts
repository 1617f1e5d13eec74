// TLS for a classroom on a network: the instructor's certificate, or a self-signed one made once per class
// (kept with the class, so learners accept it once) whose SHA-256 fingerprint the server prints for them
// to compare with what their browser shows.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
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
}

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

/** A self-signed certificate for `address`, made with openssl on first use and kept in `dir`. */
export function selfSignedTls(dir: string, address: string): ClassTls {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
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
          '90',
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
  return { cert, key: read(keyFile, 'key'), fingerprint: fingerprintOf(cert, certFile), selfSigned: true };
}
