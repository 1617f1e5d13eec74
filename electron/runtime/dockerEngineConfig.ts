// The Docker engines a classroom places labs on, as its configuration file lists them, and how to reach
// each: a Unix socket, tcp:// (TLS with a client certificate, as `docker --tlsverify` uses; plain TCP only on
// loopback), or ssh:// (the engine's host runs `docker system dial-stdio`, as the docker CLI does over SSH).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { z } from 'zod';
import { UserError } from '../util/errors.js';

export interface EngineConfig {
  /** Short and unique: shown to the instructor and in messages to learners. */
  name: string;
  /** unix:///path, tcp://host:port or ssh://user@host[:port]. */
  host: string;
  /** For tcp://: the folder holding ca.pem, cert.pem and key.pem. */
  tls?: string;
  /** At most this many labs on this engine, below what it holds. */
  maxLabs?: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

const engineEntry = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'lowercase letters, digits and "-", at most 20'),
  host: z.string().regex(/^(unix|tcp|ssh):\/\/\S+$/, 'unix:///path/docker.sock, tcp://host:2376 or ssh://user@host'),
  tls: z.string().min(1).optional(),
  maxLabs: z.number().int().min(1).max(1000).optional(),
});
const engineFile = z.strictObject({ engines: z.array(engineEntry).min(1, 'list at least one engine').max(64, 'at most 64 engines') });

/** Reads and checks an engines file; every problem is reported with where it is and what to write. */
export function parseEngineConfig(text: string, file: string): EngineConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not JSON: ${(err as Error).message}`, { fix: 'Write {"engines": [{"name": "local", "host": "unix:///var/run/docker.sock"}]}.', code: 'E_BAD_INPUT' });
  }
  const parsed = engineFile.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new UserError(`${file} lists its engines wrongly:\n${lines.join('\n')}`, {
      fix: 'Each engine is {"name": "...", "host": "unix://… | tcp://… | ssh://…"}, with "tls" (a folder) for tcp://.',
      code: 'E_BAD_INPUT',
    });
  }
  const engines = parsed.data.engines.map((e) => ({ ...e }));
  const seen = new Set<string>();
  for (const [i, e] of engines.entries()) {
    if (seen.has(e.name)) throw new UserError(`${file}: engines.${i}.name "${e.name}" is used twice.`, { fix: 'Give each engine its own name.', code: 'E_BAD_INPUT' });
    seen.add(e.name);
    const url = new URL(e.host);
    if (url.protocol === 'tcp:' && !e.tls && !LOOPBACK.test(url.hostname)) {
      throw new UserError(`${file}: engine "${e.name}" is reached over plain TCP at ${url.host}: anyone on that network could run containers as root there.`, {
        fix: 'Give "tls": a folder with ca.pem, cert.pem and key.pem (the engine started with --tlsverify), or reach it over ssh://.',
        code: 'E_BAD_INPUT',
      });
    }
    if (e.tls && url.protocol !== 'tcp:') throw new UserError(`${file}: engine "${e.name}" has "tls" but is not tcp://.`, { fix: 'Remove "tls", or use tcp://host:2376.', code: 'E_BAD_INPUT' });
  }
  return engines;
}

export function readEngineConfig(file: string): EngineConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read the engines file ${file}: ${(err as Error).message}`, { code: 'E_READ' });
  }
  return parseEngineConfig(text, file);
}

function readPem(dir: string, name: string): Buffer {
  try {
    return readFileSync(join(dir, name));
  } catch {
    throw new UserError(`The TLS folder ${dir} has no readable ${name}.`, { fix: 'It needs ca.pem, cert.pem and key.pem, as `docker --tlsverify` uses.', code: 'E_READ' });
  }
}

/** dockerode's options for one engine. */
export function dockerOptionsOf(e: EngineConfig): Docker.DockerOptions {
  const url = new URL(e.host);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'ssh:') {
    return { protocol: 'ssh', host, port: Number(url.port || 22), username: url.username || 'root', sshOptions: { agent: process.env.SSH_AUTH_SOCK } };
  }
  const port = Number(url.port || (e.tls ? 2376 : 2375));
  if (!e.tls) return { protocol: 'http', host, port };
  return { protocol: 'https', host, port, ca: readPem(e.tls, 'ca.pem'), cert: readPem(e.tls, 'cert.pem'), key: readPem(e.tls, 'key.pem') };
}
