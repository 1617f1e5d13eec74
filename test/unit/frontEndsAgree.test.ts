// The CLI and the app are two front ends over one core: for the same learner's state they must give the
// same answers. Here: the lab list's progress (earned, solved, steps a pack no longer has), the learner's
// current step, the language a front end starts in, and the error a failure gives.
import { localScope } from '../../electron/core/learnerScope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallReply, LabDetail, LabSummary } from '../../common/contract.js';
import { labsHandlers } from '../../electron/api/handlers/labs.js';
import { allHandlers } from '../../electron/api/handlers/index.js';
import { createDispatcher } from '../../electron/api/dispatch.js';
import type { HandlerContext } from '../../electron/api/handlerTypes.js';
import { currentStep, earnedFromDetail } from '../../renderer/lab/earned.js';
import { defaultLang } from '../../electron/system/defaultLang.js';
import { projectRoot } from '../../electron/util/paths.js';

const home = mkdtempSync(join(tmpdir(), 'halab-agree-'));
const previousHome = process.env.HALAB_HOME;
const at = '2026-12-01T10:00:00.000Z';

const api = createDispatcher(allHandlers, () => undefined);
const call = (method: string, input: unknown): Promise<CallReply> =>
  api.dispatch(method, input, { session: 'test', scope: localScope, role: 'owner', emit: () => undefined, onClose: () => undefined });

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'electron', 'cli', 'halab.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, HALAB_HOME: home, NO_COLOR: '1', HALAB_LANG: '', LC_ALL: '', LC_MESSAGES: '', ...env },
  });
  return { status: res.status, stdout: res.stdout };
}

beforeAll(() => {
  process.env.HALAB_HOME = home;
  writeFileSync(
    join(home, 'progress.json'),
    JSON.stringify({
      format: 1,
      labs: {
        'vrrp-pair': { steps: { configure: { earnedAt: at, attempts: 2 }, start: { solvedAt: at, attempts: 0 }, 'a-step-since-removed': { earnedAt: at, attempts: 1 } } },
        nopreempt: { steps: { 'master-trap': { solvedAt: at, earnedAt: at, attempts: 1 } } },
      },
    }),
  );
});

afterAll(() => {
  if (previousHome === undefined) delete process.env.HALAB_HOME;
  else process.env.HALAB_HOME = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe('the CLI and the API', () => {
  it('count the same progress for every lab', async () => {
    const listLabs = labsHandlers['labs.list'];
    if (!listLabs) throw new Error('labs.list is not served');
    const api: LabSummary[] = await listLabs({}, {} as HandlerContext);
    const res = cli(['labs', '--json']);
    expect(res.status).toBe(0);
    const rows = JSON.parse(res.stdout) as { id: string; steps: number; earned: number; solved: number }[];
    expect(rows.map((r) => r.id)).toEqual(api.map((l) => l.id));
    expect(rows.map((r) => [r.id, r.steps, r.earned])).toEqual(api.map((l) => [l.id, l.steps, l.earned]));
    // A step the pack no longer has counts nowhere; a solved step is not earned; earned beats solved.
    expect(rows.find((r) => r.id === 'vrrp-pair')).toMatchObject({ earned: 1, solved: 1 });
    expect(rows.find((r) => r.id === 'nopreempt')).toMatchObject({ earned: 1, solved: 0 });
  }, 60_000);

  it('start in the language the system locale asks for, by one rule', () => {
    const env = { LANG: 'zh_CN.UTF-8' };
    expect(defaultLang({ ...env }, 'en-US')).toBe('zh-CN');
    const zh = cli(['labs'], env);
    expect(zh.stdout).toMatch(/第一对 VRRP 主备/);
    expect(cli(['labs'], { LANG: 'C.UTF-8' }).stdout).toMatch(/The first VRRP pair/);
  }, 60_000);

  it('show the same current step: the first neither earned nor solved', async () => {
    const reply = await call('labs.get', { lab: 'vrrp-pair' });
    if (!('result' in reply)) throw new Error(JSON.stringify(reply.error));
    const detail = reply.result as LabDetail;
    const shown = currentStep(detail, earnedFromDetail(new Set(), detail));
    const res = cli(['steps', 'vrrp-pair', '--json']);
    expect(res.status).toBe(0);
    const step = JSON.parse(res.stdout) as { step: number; id: string };
    // configure is earned and start solved: both front ends open the third step.
    expect(step.step).toBe(3);
    expect(shown + 1).toBe(step.step);
    expect(detail.steps[shown]?.id).toBe(step.id);
  }, 60_000);

  it('fail with the same error code for the same failure', async () => {
    const noLab = await call('labs.get', { lab: 'no-such-lab' });
    const cliNoLab = cli(['steps', 'no-such-lab', '--json']);
    expect(cliNoLab.status).toBe(3);
    expect('error' in noLab && noLab.error.code).toBe('E_NO_LAB');
    expect((JSON.parse(cliNoLab.stdout) as { code: string }).code).toBe('E_NO_LAB');

    // Grading needs the engine: with none at the address, both say so with one code.
    const nowhere = `unix://${join(home, 'no-docker.sock')}`;
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = nowhere;
    try {
      const noEngine = await call('checks.run', { lab: 'vrrp-pair', step: 0 });
      const cliNoEngine = cli(['check', 'vrrp-pair', '--json'], { DOCKER_HOST: nowhere });
      expect(cliNoEngine.status).toBe(3);
      expect('error' in noEngine && noEngine.error.code).toBe('E_DOCKER_UNREACHABLE');
      expect((JSON.parse(cliNoEngine.stdout) as { code: string }).code).toBe('E_DOCKER_UNREACHABLE');
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  }, 60_000);
});
