// Fuzzes the browser host's API frames against a real `halab serve` on 127.0.0.1: random and
// mutated frames from a seeded PRNG (apiFrames.ts; the seed is printed, HALAB_FUZZ_SEED replays it) for
// ~10 s, or HALAB_FUZZ_SECONDS. The host must stay up, answer every frame with an id with its result or
// a known error code (never E_INTERNAL: an unexpected failure is a finding), answer the rest with
// E_PROTOCOL, log no uncaught fault, and touch no file outside its HALAB_HOME.
// The host gets a Docker address that leads nowhere, so no call can start a container or a build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { isErrorCode } from '../../common/errorCodes.js';
import { projectRoot } from '../../electron/util/paths.js';
import { connectApi } from '../helpers/hostClient.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { frameSource, type Frame } from './apiFrames.js';

const DEFAULT_SECONDS = 10;
const BUDGET_MS = Number(process.env.HALAB_FUZZ_SECONDS ?? DEFAULT_SECONDS) * 1000;
const SEED = Number(process.env.HALAB_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** How long one frame may wait for its answer: labs.get of a large lab on a busy 2-core machine is ~1 s. */
const ANSWER_MS = 15_000;

/** Every file and folder under `dir` with its size and mtime: what "untouched" is compared on. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      out.set(p, `${st.size}:${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [p, v] of after) if (before.get(p) !== v) changes.push(`${before.has(p) ? 'changed' : 'new'} ${p}`);
  for (const p of before.keys()) if (!after.has(p)) changes.push(`removed ${p}`);
  return changes;
}

interface Link {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  closedWith?: number;
  wake?: () => void;
}

async function connect(serve: ServeProcess): Promise<Link> {
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`, { origin: serve.origin, maxPayload: 64 * 1024 * 1024 });
  const link: Link = { ws, messages: [] };
  ws.on('message', (data: Buffer) => {
    link.messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    link.wake?.();
  });
  ws.on('close', (code) => {
    link.closedWith = code;
    link.wake?.();
  });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  return link;
}

function send(link: Link, frame: Frame): void {
  const data = typeof frame.data === 'string' ? Buffer.from(frame.data, 'utf8') : frame.data;
  const parts = frame.fragments ?? 1;
  const size = Math.ceil(data.length / parts);
  for (let i = 0; i < parts; i++) link.ws.send(data.subarray(i * size, (i + 1) * size), { binary: frame.binary ?? false, fin: i === parts - 1 });
}

/** Waits until `done` holds for what arrived, the socket closes, or the time is up. */
async function waitFor(link: Link, done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (link.closedWith !== undefined || Date.now() > deadline) return done();
    await new Promise<void>((resolve) => {
      link.wake = resolve;
      setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
  }
  return true;
}

describe('API frame fuzzer', () => {
  let serve: ServeProcess;
  let exited: number | string | undefined;
  const watched: string[] = [];

  beforeAll(async () => {
    const base = makeTempDir('halab-apifuzz-');
    const dirs = { home: join(base, 'halab-home'), user: join(base, 'user-home'), tmp: join(base, 'tmp'), cwd: join(base, 'cwd') };
    for (const d of Object.values(dirs)) mkdirSync(d);
    // Its own copy of the packs: the host must not write there either, and the tree's own labs/ is being edited.
    const labs = join(base, 'labs');
    cpSync(join(projectRoot(), 'labs'), labs, { recursive: true });
    watched.push(dirs.user, dirs.tmp, dirs.cwd, labs);
    serve = await startServe(
      { HALAB_HOME: dirs.home, HALAB_LABS: labs, HOME: dirs.user, TMPDIR: dirs.tmp, XDG_DATA_HOME: join(dirs.user, '.local', 'share'), DOCKER_HOST: `unix://${join(base, 'no-docker.sock')}` },
      30_000,
      'source',
      { cwd: dirs.cwd },
    );
    void serve.exited.then((code) => (exited = code));
  }, 60_000);

  afterAll(async () => {
    await serve.kill('SIGKILL');
  });

  it(`keeps the host up and answers every frame clearly for ${BUDGET_MS / 1000} s`, { timeout: BUDGET_MS + 120_000 }, async () => {
    process.stdout.write(`[fuzz] API frames: seed ${SEED} (HALAB_FUZZ_SEED=${SEED} replays it), budget ${BUDGET_MS / 1000} s\n`);
    const before = new Map(watched.flatMap((d) => [...snapshot(d)]));
    const next = frameSource(SEED);
    const findings: string[] = [];
    const kinds = new Map<string, number>();
    let link = await connect(serve);
    let sent = 0;
    const started = Date.now();
    while (Date.now() - started < BUDGET_MS && findings.length < 10) {
      if (link.closedWith !== undefined) link = await connect(serve);
      const frame = next();
      const seen = link.messages.length;
      send(link, frame);
      sent += 1;
      kinds.set(frame.kind.split(' ')[0] ?? '', (kinds.get(frame.kind.split(' ')[0] ?? '') ?? 0) + 1);
      const expect = frame.expect;
      const fresh = (): Record<string, unknown>[] => link.messages.slice(seen).filter((m) => !('event' in m));
      const what = `${frame.kind} (${String(frame.data.length)} bytes${frame.fragments ? ` in ${frame.fragments} fragments` : ''})`;
      if ('close' in expect) {
        await waitFor(link, () => false, ANSWER_MS);
        if (link.closedWith !== expect.close) findings.push(`${what}: closed with ${String(link.closedWith)}, not ${expect.close}`);
        continue;
      }
      const match = (m: Record<string, unknown>): boolean => ('reply' in expect ? m.id === expect.reply : m.id === null);
      if (!(await waitFor(link, () => fresh().some(match), ANSWER_MS))) {
        findings.push(`${what}: no answer${link.closedWith !== undefined ? ` (socket closed ${link.closedWith})` : ` within ${ANSWER_MS} ms`}`);
        continue;
      }
      const reply = fresh().find(match) ?? {};
      const error = reply.error as { code?: unknown; message?: unknown } | undefined;
      if ('protocolError' in expect && error?.code !== 'E_PROTOCOL') findings.push(`${what}: ${JSON.stringify(reply).slice(0, 200)} instead of E_PROTOCOL`);
      if (error && (!isErrorCode(error.code) || error.code === 'E_INTERNAL' || typeof error.message !== 'string' || !error.message))
        findings.push(`${what}: unclear error ${JSON.stringify(error).slice(0, 300)}`);
      if (!error && !('result' in reply)) findings.push(`${what}: neither result nor error: ${JSON.stringify(reply).slice(0, 200)}`);
      link.messages.length = 0;
    }
    link.ws.close();
    process.stdout.write(`[fuzz] ${sent} frames in ${((Date.now() - started) / 1000).toFixed(1)} s: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);

    // Still up, still serving a new client, nothing escaped to the process-wide handlers.
    expect(exited).toBeUndefined();
    const probe = await connectApi(serve);
    expect(await probe.call('labs.list', {})).toBeInstanceOf(Array);
    probe.close();
    expect(serve.log()).not.toMatch(/uncaught exception|unhandled rejection/i);
    expect(findings, `seed ${SEED}`).toEqual([]);
    // Nothing written outside HALAB_HOME.
    const after = new Map(watched.flatMap((d) => [...snapshot(d)]));
    expect(diff(before, after)).toEqual([]);
  });
});
