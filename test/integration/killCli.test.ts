// SIGKILL the CLI in the middle of `up` and of `check`, 20 times: the next start leaves no orphaned
// container or network, and a running lab survives a killed `check` untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAIR, halab, isolateHome, leftovers, requireDockerAndImage, spawnHalab, waitForNetwork } from '../helpers/integration.js';

const ROUNDS = 20;
const STEADY = `it-steady-${process.pid}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function startCli(args: string[]): { kill: () => Promise<void> } {
  const child = spawnHalab(args);
  const exited = new Promise<void>((r) => child.once('exit', () => { r(); }));
  return {
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('SIGKILL during up and check', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    expect(halab(['up', FIXTURE_PAIR, '--instance', STEADY]).status).toBe(0);
  });

  afterAll(() => {
    halab(['down', '--all']);
  });

  it(`leaves nothing behind after ${ROUNDS} kills`, { timeout: 900_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        const instance = `it-k${round}-${process.pid}`;
        const cli = startCli(['up', FIXTURE_PAIR, '--instance', instance]);
        // Wait for the network, then kill at a different point of node creation each round.
        await waitForNetwork(instance);
        await sleep((round * 97) % 1200);
        await cli.kill();
        const res = halab(['status', '--json']);
        expect(res.status, res.stderr).toBe(0);
        // A kill after `up` finished leaves a complete, recorded lab: adopted, whole. Anything else is gone.
        const adopted = (JSON.parse(res.stdout) as { labs: { instance: string; state: string; nodes: { state: string }[] }[] }).labs.find((l) => l.instance === instance);
        if (adopted) {
          expect(adopted.state, `round ${round}`).toBe('up');
          expect(adopted.nodes.map((n) => n.state), `round ${round}`).toEqual(['running', 'running', 'running']);
          expect(halab(['down', instance]).status).toBe(0);
        }
        expect(await leftovers(instance), `round ${round}`).toEqual({ containers: 0, networks: 0 });
      } else {
        const cli = startCli(['check', STEADY, '--all']);
        await sleep(300 + ((round * 131) % 1500));
        await cli.kill();
        const res = halab(['status', '--json']);
        expect(res.status, res.stderr).toBe(0);
        const labs = (JSON.parse(res.stdout) as { labs: { instance: string; nodes: { state: string }[] }[] }).labs;
        const steady = labs.find((l) => l.instance === STEADY);
        expect(steady?.nodes.map((n) => n.state), `round ${round}`).toEqual(['running', 'running', 'running']);
      }
    }
    expect(halab(['down', STEADY]).status).toBe(0);
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });
});
