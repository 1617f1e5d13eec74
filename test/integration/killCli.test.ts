// SIGKILL the CLI in the middle of `up` and of `check`, 20 times each: the next start leaves no orphaned
// container or network, and a running lab survives a killed `check` untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, downAll } from '../../electron/topology/manager.js';
import { FIXTURE_PAIR, halab, isolateHome, leftovers, requireDockerAndImage, spawnHalab, waitForNetwork } from '../helpers/integration.js';
import { watchExecStarts } from '../helpers/dockerEvents.js';

const ROUNDS = 20;
const STEADY = `it-steady-${process.pid}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface LabStatus {
  instance: string;
  state: string;
  nodes: { state: string }[];
}

function startCli(args: string[]): { running: () => boolean; kill: () => Promise<void> } {
  const child = spawnHalab(args);
  let exited = false;
  const gone = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  return {
    running: () => !exited,
    kill: async () => {
      child.kill('SIGKILL');
      await gone;
    },
  };
}

/** The next start: `halab status` sweeps what an interrupted run left, then lists the labs. */
function statusAfterKill(): LabStatus[] {
  const res = halab(['status', '--json']);
  expect(res.status, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as { labs: LabStatus[] }).labs;
}

describe('SIGKILL of the CLI during up and check', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    expect(halab(['up', FIXTURE_PAIR, '--instance', STEADY]).status).toBe(0);
  });

  afterAll(async () => {
    // In this process: a CLI that cannot start must not leave the labs behind.
    await downAll();
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it(`leaves nothing behind after ${ROUNDS} kills during up`, { timeout: 600_000 }, async () => {
    let whole = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const instance = `it-k${round}-${process.pid}`;
      const cli = startCli(['up', FIXTURE_PAIR, '--instance', instance]);
      // Wait for the network, then kill at a different point of node creation each round.
      await waitForNetwork(instance);
      expect((await leftovers(instance)).networks, `round ${round}: up created no network`).toBe(1);
      await sleep((round * 97) % 2000);
      await cli.kill();
      // A kill after `up` finished leaves a complete, recorded lab: adopted, whole. Anything else is gone.
      const adopted = statusAfterKill().find((l) => l.instance === instance);
      if (adopted) {
        whole += 1;
        expect(adopted.state, `round ${round}`).toBe('up');
        expect(
          adopted.nodes.map((n) => n.state),
          `round ${round}`,
        ).toEqual(['running', 'running', 'running']);
        await down(instance);
      }
      expect(await leftovers(instance), `round ${round}`).toEqual({ containers: 0, networks: 0 });
    }
    process.stdout.write(`[killCli] ${ROUNDS} kills during up: ${whole} found whole, ${ROUNDS - whole} removed\n`);
  });

  it(`leaves a running lab untouched after ${ROUNDS} kills during check`, { timeout: 600_000 }, async () => {
    const steadyObjects = await leftovers(STEADY);
    for (let round = 0; round < ROUNDS; round++) {
      const execs = await watchExecStarts(STEADY);
      const cli = startCli(['check', STEADY, '--all']);
      try {
        // The CLI needs a few seconds to start; the grader then polls the VIP for up to 8 s: kill it once
        // it is really reading the nodes.
        await execs.first(30_000);
        await sleep((round * 131) % 1500);
        expect(cli.running(), `round ${round}: check was over before the kill`).toBe(true);
        await cli.kill();
      } finally {
        execs.close();
        if (cli.running()) await cli.kill();
      }
      const steady = statusAfterKill().find((l) => l.instance === STEADY);
      expect(
        steady?.nodes.map((n) => n.state),
        `round ${round}`,
      ).toEqual(['running', 'running', 'running']);
      expect(await leftovers(), `round ${round}`).toEqual(steadyObjects);
    }
    expect(halab(['down', STEADY]).status).toBe(0);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });
});
