// SIGKILL the browser host (`halab serve`) in the middle of `lab.up` and of `checks.run`, 20 times each:
// the next start removes every orphaned container and network on its own, a lab whose `up` had finished
// stays whole, and a running lab survives a killed check untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabDetail } from '../../common/contract.js';
import { downAll } from '../../electron/topology/manager.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage, waitForNetwork } from '../helpers/integration.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { watchExecStarts } from '../helpers/dockerEvents.js';

const ROUNDS = 20;
const UP_LAB = `it-kh-up-${process.pid}`;
const STEADY = `it-kh-steady-${process.pid}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The fixture pair under a lab id of its own: its containers' names cannot clash with anyone's. */
async function copyFixture(labs: string, id: string): Promise<void> {
  await cp(FIXTURE_PAIR, join(labs, id), { recursive: true });
  const manifest = join(labs, id, 'lab.yaml');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(/^id: fixture-pair$/m, `id: ${id}`));
}

/** Waits (at most 60 s) for the start-up sweep's log line: until then the new host may not have cleaned up. */
async function waitForStartSweep(serve: ServeProcess): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const line = /^\[start\] .*$/m.exec(serve.log())?.[0];
    if (line) return line;
    await sleep(50);
  }
  throw new Error(`the restarted host logged no start-up sweep within 60 s; its log: ${serve.log()}`);
}

describe('SIGKILL of the browser host during lab.up and checks.run', () => {
  const started = new Set<ServeProcess>();
  let serve: ServeProcess;
  let client: ApiClient;

  /** The "next start": a fresh `halab serve` in the same HALAB_HOME, and a socket to it. */
  async function restart(): Promise<string> {
    serve = await startServe();
    started.add(serve);
    client = await connectApi(serve);
    return waitForStartSweep(serve);
  }

  async function killHost(): Promise<void> {
    await serve.kill('SIGKILL');
    await client.closed;
  }

  async function nodeStates(lab: string): Promise<{ running: boolean; states: string[] }> {
    const detail = await client.call<LabDetail>('labs.get', { lab });
    return { running: detail.running, states: detail.nodes.map((n) => n.state) };
  }

  beforeAll(async () => {
    const home = isolateHome();
    await requireDockerAndImage();
    const labs = join(home, 'labs');
    await mkdir(labs);
    await copyFixture(labs, UP_LAB);
    await copyFixture(labs, STEADY);
    process.env.HALAB_LABS = labs; // the serve processes inherit it, and HALAB_HOME
    await restart();
    await client.call('lab.up', { lab: STEADY });
    expect(await nodeStates(STEADY)).toEqual({ running: true, states: ['running', 'running', 'running'] });
  });

  afterAll(async () => {
    for (const s of started) await s.kill('SIGKILL');
    await downAll();
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it(`cleans up after ${ROUNDS} kills during lab.up`, { timeout: 600_000 }, async () => {
    const midUp: number[] = [];
    const afterUp: number[] = [];
    // How long node creation takes on this machine (network to answer), so the kills spread over it.
    const calibration = client.call('lab.up', { lab: UP_LAB });
    await waitForNetwork(UP_LAB);
    const calibratedFrom = performance.now();
    await calibration;
    const upMs = performance.now() - calibratedFrom;
    await client.call('lab.down', { lab: UP_LAB });
    for (let round = 0; round < ROUNDS; round++) {
      let upDone = false;
      const upCall = client.call('lab.up', { lab: UP_LAB }).then(
        () => {
          upDone = true;
        },
        (err: unknown) => err,
      );
      await waitForNetwork(UP_LAB);
      const networkAt = performance.now();
      if ((await leftovers(UP_LAB)).networks !== 1) {
        throw new Error(`round ${round}: lab.up created no network within 60 s; lab.up: ${String(await Promise.race([upCall, sleep(1000)]))}`);
      }
      // Every fifth round kills a host whose lab.up has answered; the others kill at a different point of
      // node creation each round (a slow round may also have finished).
      if (round % 5 === 4) await Promise.race([upCall, sleep(120_000)]);
      else await sleep(Math.round(((round * 0.37) % 1) * 0.9 * upMs));
      const killedAt = Math.round(performance.now() - networkAt);
      const upHadAnswered = upDone;
      await killHost();
      (upHadAnswered ? afterUp : midUp).push(killedAt);
      const before = await leftovers(UP_LAB);

      const sweepLine = await restart();
      const lab = await nodeStates(UP_LAB);
      if (upHadAnswered) expect(lab.running, `round ${round}: a lab whose up had finished is gone`).toBe(true);
      if (lab.running) {
        // `up` had finished and recorded the lab: the new start keeps it, whole.
        expect(lab.states, `round ${round}`).toEqual(['running', 'running', 'running']);
        await client.call('lab.down', { lab: UP_LAB });
      } else {
        expect(lab.states, `round ${round}`).toEqual(['missing', 'missing', 'missing']);
        // Removed by the start itself, before any call could have swept them.
        if (before.containers + before.networks > 0) expect(sweepLine, `round ${round}`).toMatch(/removed leftovers .*it-kh-up-/);
      }
      expect(await leftovers(UP_LAB), `round ${round}`).toEqual({ containers: 0, networks: 0 });
      expect(await nodeStates(STEADY), `round ${round}`).toEqual({ running: true, states: ['running', 'running', 'running'] });
    }
    process.stdout.write(`[killHost] lab.up took ${Math.round(upMs)} ms after its network appeared; kills at ms: ${midUp.join(', ')}; after lab.up answered: ${afterUp.join(', ')}\n`);
    expect(afterUp.length).toBeGreaterThanOrEqual(ROUNDS / 5);
    expect(midUp.length).toBeGreaterThanOrEqual(ROUNDS / 2);
  });

  it(`leaves a running lab untouched after ${ROUNDS} kills during checks.run`, { timeout: 600_000 }, async () => {
    const steadyObjects = await leftovers(STEADY);
    for (let round = 0; round < ROUNDS; round++) {
      const execs = await watchExecStarts(STEADY);
      try {
        const checkCall = client.call('checks.run', { lab: STEADY, step: 0 }).catch((err: unknown) => err);
        // The grader polls the VIP for up to 8 s: kill it once it is really reading the nodes.
        await execs.first(15_000);
        await sleep((round * 131) % 1500);
        const outcome = await Promise.race([checkCall.then(() => 'finished'), sleep(0).then(() => 'running')]);
        expect(outcome, `round ${round}: checks.run was over before the kill`).toBe('running');
        await killHost();
      } finally {
        execs.close();
      }
      await restart();
      expect(await nodeStates(STEADY), `round ${round}`).toEqual({ running: true, states: ['running', 'running', 'running'] });
      // Nothing of the steady lab was removed or added, and nothing else of this home exists.
      expect(await leftovers(STEADY), `round ${round}`).toEqual(steadyObjects);
      expect(await leftovers(), `round ${round}`).toEqual(steadyObjects);
    }
  });
});
