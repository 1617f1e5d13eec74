// A TLS front for a test engine: Docker's API on 127.0.0.1 over TLS with client certificates, as a dockerd
// started with --tlsverify serves it on a remote machine. The test engine lives in its own network namespace,
// where its own TCP listener is out of this host's reach, so this front (in the test process) does the TLS
// and relays the bytes to the engine's socket. A client must show a certificate signed by the front's CA.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { join } from 'node:path';

export interface TlsFront {
  /** tcp://127.0.0.1:PORT */
  host: string;
  /** ca.pem, cert.pem and key.pem for a client, as `docker --tlsverify` reads them. */
  clientDir: string;
  close(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, in `dir`. */
function makeCertificates(dir: string): void {
  mkdirSync(join(dir, 'client'), { recursive: true });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=halab test CA', '-keyout', 'ca-key.pem', '-out', 'ca.pem'], dir);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [who, cn] of [
    ['server', '127.0.0.1'],
    ['client', 'halab classroom'],
  ] as const) {
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${who}-key.pem`, '-out', `${who}.csr`], dir);
    openssl(['x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', `${who}.ext`, '-out', `${who}-cert.pem`], dir);
  }
  writeFileSync(join(dir, 'client', 'ca.pem'), readFileSync(join(dir, 'ca.pem')));
  writeFileSync(join(dir, 'client', 'cert.pem'), readFileSync(join(dir, 'client-cert.pem')));
  writeFileSync(join(dir, 'client', 'key.pem'), readFileSync(join(dir, 'client-key.pem')));
}

export async function startTlsFront(socketPath: string, dir: string): Promise<TlsFront> {
  makeCertificates(dir);
  const read = (f: string): Buffer => readFileSync(join(dir, f));
  const server: Server = createServer({ key: read('server-key.pem'), cert: read('server-cert.pem'), ca: read('ca.pem'), requestCert: true, rejectUnauthorized: true }, (client) => {
    const engine = connect(socketPath);
    const end = (): void => {
      client.destroy();
      engine.destroy();
    };
    client.on('error', end);
    engine.on('error', end);
    client.on('close', end);
    engine.on('close', end);
    client.pipe(engine).pipe(client);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `tcp://127.0.0.1:${port}`,
    clientDir: join(dir, 'client'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
