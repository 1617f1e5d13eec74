// Checkpoints on real containers: `halab up --from-step N` and the app's lab.startFrom bring a lab up with
// the earlier steps' reference solutions applied, record those steps as solved (not earned), and the
// earlier steps' own checks pass on the nodes; passing them upgrades the steps to earned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabDetail, StepResultView } from '../../common/contract.js';
import { down } from '../../electron/topology/manager.js';
import { projectRoot } from '../../electron/util/paths.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { connectApi, type ApiClient } from '../helpers/hostClient.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';

const CLI_INSTANCE = `it-cp-${process.pid}`;
const API_LAB = `it-cp-api-${process.pid}`;

interface LabRow {
  id: string;
  earned: number;
  solved: number;
  steps: number;
}
const labRow = (): LabRow | undefined => {
  const res = halab(['labs', '--json']);
  return (JSON.parse(res.stdout) as LabRow[]).find((r) => r.id === 'vrrp-pair');
};

describe('start from a step', () => {
  let serve: ServeProcess | undefined;
  let client: ApiClient | undefined;

  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  });

  afterAll(async () => {
    client?.close();
    await serve?.kill('SIGKILL');
    await down(CLI_INSTANCE);
    await down(API_LAB);
    expect(await leftovers(CLI_INSTANCE)).toEqual({ containers: 0, networks: 0 });
    expect(await leftovers(API_LAB)).toEqual({ containers: 0, networks: 0 });
  });

  it('refuses a step out of range with a usage error', () => {
    const res = halab(['up', 'vrrp-pair', '--instance', CLI_INSTANCE, '--from-step', '9']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--from-step must be a number from 1 to 4/);
  });

  it('halab up --from-step 3: steps 1-2 solved, their checks pass on the nodes, then they are earned', () => {
    const started = Date.now();
    const res = halab(['up', 'vrrp-pair', '--instance', CLI_INSTANCE, '--from-step', '3', '--json']);
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ fromStep: 3, solvedSteps: 2 });
    process.stderr.write(`[checkpoint] up --from-step 3: ${Date.now() - started} ms\n`);
    expect(labRow()).toMatchObject({ earned: 0, solved: 2, steps: 4 });
    const current = halab(['steps', CLI_INSTANCE, '--json']);
    expect(JSON.parse(current.stdout)).toMatchObject({ step: 3, status: 'todo' });
    expect(JSON.parse(halab(['steps', CLI_INSTANCE, '--step', '2', '--json']).stdout)).toMatchObject({ status: 'solved' });
    for (const step of ['1', '2']) {
      const check = halab(['check', CLI_INSTANCE, '--step', step, '--json']);
      expect(check.status, check.stdout).toBe(0);
    }
    // Passing the Check upgrades solved to earned.
    expect(labRow()).toMatchObject({ earned: 2, solved: 0 });
    // The next step was not solved for the learner: its check still fails.
    expect(halab(['check', CLI_INSTANCE, '--step', '3', '--json']).status).toBe(1);
  }, 300_000);

  it('lab.startFrom over the browser host: progress events, solved steps, checks pass', async () => {
    const labs = join(process.env.HALAB_HOME ?? '', 'labs');
    await mkdir(labs, { recursive: true });
    await cp(join(projectRoot(), 'labs', 'vrrp-pair'), join(labs, API_LAB), { recursive: true });
    const manifest = join(labs, API_LAB, 'lab.yaml');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(/^id: vrrp-pair$/m, `id: ${API_LAB}`));
    serve = await startServe({ HALAB_LABS: labs });
    client = await connectApi(serve);
    await expect(client.call('lab.startFrom', { lab: API_LAB, step: '2' })).rejects.toThrow(/E_INVALID|invalid|step/i);
    await expect(client.call('lab.startFrom', { lab: API_LAB, step: 9 })).rejects.toThrow(/no step 10/);
    const mark = client.mark();
    const started = Date.now();
    const r = await client.call<{ backup: string | null; detail: LabDetail; solved: number }>('lab.startFrom', { lab: API_LAB, step: 2 });
    process.stderr.write(`[checkpoint] lab.startFrom step 3: ${Date.now() - started} ms\n`);
    expect(r.solved).toBe(2);
    expect(r.detail.running).toBe(true);
    expect(r.detail.steps.map((s) => [!!s.solvedAt, !!s.earnedAt])).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, false],
    ]);
    await client.waitFor('lab.checkpoint', (p) => p.lab === API_LAB && p.index === 1 && p.total === 2, 1000, mark);
    const list = await client.call<{ id: string; earned: number }[]>('labs.list', {});
    expect(list.find((l) => l.id === API_LAB)?.earned).toBe(0);
    for (const step of [0, 1]) {
      const res = await client.call<StepResultView>('checks.run', { lab: API_LAB, step });
      expect(res.passed, JSON.stringify(res.checks.filter((c) => !c.passed))).toBe(true);
      expect(res.earned).toBe(true);
    }
    const after = await client.call<LabDetail>('labs.get', { lab: API_LAB });
    expect(after.steps.map((s) => [!!s.solvedAt, !!s.earnedAt])).toEqual([
      [false, true],
      [false, true],
      [false, false],
      [false, false],
    ]);
    // Starting again from step 2 never takes an earned step back.
    const again = await client.call<{ detail: LabDetail }>('lab.startFrom', { lab: API_LAB, step: 1 });
    expect(again.detail.steps[0]?.earnedAt).toBeTruthy();
    expect(again.detail.steps[0]?.solvedAt).toBeUndefined();
    await client.call('lab.down', { lab: API_LAB });
  }, 300_000);
});
