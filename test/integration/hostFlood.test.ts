// The browser host under an authenticated flood: 2,000 labs.get on one socket whose client
// never reads. The host must stay responsive to a second client, go back to its resting memory and to idle
// once the flooder leaves, and still stop within 5 s of SIGTERM in the middle of a flood.
// Runs `halab serve` as a child process, so its memory and CPU are measured apart from the test's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectApi } from '../helpers/hostClient.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { cpuSeconds, rssMb } from '../helpers/procStats.js';

const FLOOD_CALLS = 2_000;
/** The largest built-in lab: the most bytes per labs.get reply. */
const FLOOD_LAB = 'full-design';
/**
 * A second client's labs.list must be answered within this while the flood runs, or within
 * RESPONSIVE_FACTOR times its latency on the quiet host just before, on a machine that is busy anyway.
 * Measured on 2 cores: 200-800 ms quiet, 0.4-2.3 s during the flood, when the flooder's 8 running calls
 * (callGate.ts) share the CPU with it; without them, the second client got no answer for over 12 s.
 */
const RESPONSIVE_BOUND_MS = 5_000;
const RESPONSIVE_FACTOR = 8;
/**
 * After the flooder leaves, RSS must come back within this of the resting figure. V8 gives its heap back
 * lazily, so the test waits (up to RSS_WAIT_MS) for it to come within RSS_GOAL_MB, and fails past the slack.
 * Without the limits the host grew to 2 GB.
 */
const RSS_SLACK_MB = 80;
const RSS_GOAL_MB = 30;
const RSS_WAIT_MS = 20_000;
/** After the flooder leaves, the host must be idle: at most this share of one core over IDLE_WINDOW_MS. */
const IDLE_CPU_SHARE = 0.1;
const IDLE_WINDOW_MS = 2_000;
/** Before that window: the few calls already running when the client left (callGate.ts) may finish. */
const IN_FLIGHT_SETTLE_MS = 2_000;
/** The budget for a clean stop on SIGTERM. */
const SIGTERM_BUDGET_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Opens the API socket, then stops reading from it: replies pile up on the host's side. */
async function openDeafSocket(serve: ServeProcess): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`, { origin: serve.origin });
  ws.on('error', () => undefined); // the host may close it: that is allowed
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  ws.pause();
  return ws;
}

function flood(ws: WebSocket): void {
  for (let id = 1; id <= FLOOD_CALLS; id++) ws.send(JSON.stringify({ id, method: 'labs.get', input: { lab: FLOOD_LAB } }));
}

describe('the browser host under a flood of calls from a client that does not read', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await startServe({ HALAB_HOME: makeTempDir('halab-flood-') });
  });

  afterAll(async () => {
    await serve.kill('SIGKILL');
  });

  it(`stays responsive to a second client, then returns to its resting memory and to idle`, { timeout: 120_000 }, async () => {
    const probe = await connectApi(serve);
    await probe.call('labs.get', { lab: FLOOD_LAB }); // warm: modules loaded, the pack parsed once
    await sleep(500);
    const rest = rssMb(serve.pid);
    const quiet: number[] = [];
    for (const method of ['labs.list', 'labs.get'] as const) {
      const started = performance.now();
      await probe.call(method, method === 'labs.get' ? { lab: FLOOD_LAB } : {});
      quiet.push(Math.round(performance.now() - started));
    }
    const idleBefore = cpuSeconds(serve.pid);
    await sleep(IDLE_WINDOW_MS);
    const restingCpu = (cpuSeconds(serve.pid) - idleBefore) / (IDLE_WINDOW_MS / 1000);
    process.stdout.write(`[flood] quiet host: labs.list ${quiet[0]} ms, labs.get ${quiet[1]} ms, CPU ${(restingCpu * 100).toFixed(0)} % of a core\n`);

    let peak = rest;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(serve.pid));
    }, 100);
    const deaf = await openDeafSocket(serve);
    flood(deaf);
    try {
      // The second client, three times during the flood: each answer within the bound.
      const latencies: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await Promise.race([probe.call('labs.list', {}), sleep(RESPONSIVE_BOUND_MS * 4).then(() => Promise.reject(new Error('no answer at all')))]);
        latencies.push(Math.round(performance.now() - started));
        await sleep(300);
      }
      process.stdout.write(`[flood] second client's labs.list during the flood: ${latencies.join(', ')} ms\n`);
      expect(Math.max(...latencies)).toBeLessThanOrEqual(Math.max(RESPONSIVE_BOUND_MS, RESPONSIVE_FACTOR * (quiet[0] ?? 0)));
    } finally {
      deaf.terminate();
      clearInterval(sampler);
    }

    // Gone client: the host stops working for it and gives its memory back.
    const deadline = Date.now() + RSS_WAIT_MS;
    let after = rssMb(serve.pid);
    while (after > rest + RSS_GOAL_MB && Date.now() < deadline) {
      await sleep(250);
      after = rssMb(serve.pid);
    }
    await sleep(IN_FLIGHT_SETTLE_MS);
    const cpuBefore = cpuSeconds(serve.pid);
    await sleep(IDLE_WINDOW_MS);
    const cpuShare = (cpuSeconds(serve.pid) - cpuBefore) / (IDLE_WINDOW_MS / 1000);
    process.stdout.write(
      `[flood] host RSS: resting ${rest.toFixed(1)} MB, peak ${peak.toFixed(1)} MB, after ${after.toFixed(1)} MB; CPU after the client left ${(cpuShare * 100).toFixed(0)} % of a core\n`,
    );
    expect(after).toBeLessThanOrEqual(rest + RSS_SLACK_MB);
    expect(cpuShare).toBeLessThanOrEqual(IDLE_CPU_SHARE);
    // And it still answers.
    expect(await probe.call('labs.list', {})).toBeInstanceOf(Array);
    probe.close();
  });

  it(`stops within ${SIGTERM_BUDGET_MS / 1000} s of SIGTERM in the middle of a flood, closing every socket`, { timeout: 60_000 }, async () => {
    const victim = await startServe({ HALAB_HOME: makeTempDir('halab-flood-term-') });
    try {
      const watcher = await connectApi(victim);
      const deaf = await openDeafSocket(victim);
      flood(deaf);
      await sleep(500); // mid-flood
      const started = performance.now();
      victim.child.kill('SIGTERM');
      const code = await Promise.race([victim.exited, sleep(SIGTERM_BUDGET_MS * 4).then(() => 'still running')]);
      const ms = Math.round(performance.now() - started);
      process.stdout.write(`[flood] SIGTERM mid-flood: exited (${String(code)}) after ${ms} ms\n`);
      expect(code).toBe(0);
      expect(ms).toBeLessThanOrEqual(SIGTERM_BUDGET_MS);
      await watcher.closed; // its socket was closed, not left hanging
      deaf.terminate();
    } finally {
      await victim.kill('SIGKILL');
    }
  });
});
