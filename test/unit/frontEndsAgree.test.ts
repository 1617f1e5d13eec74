// The CLI and the app are two front ends over one core: for the same learner's state they must give the
// same answers. Here: the lab list's progress (earned, solved, steps a pack no longer has) and the language
// a front end starts in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabSummary } from '../../common/contract.js';
import { labsHandlers } from '../../electron/api/handlers/labs.js';
import type { HandlerContext } from '../../electron/api/handlerTypes.js';
import { defaultLang } from '../../electron/system/defaultLang.js';
import { projectRoot } from '../../electron/util/paths.js';

const home = mkdtempSync(join(tmpdir(), 'halab-agree-'));
const previousHome = process.env.HALAB_HOME;
const at = '2026-12-01T10:00:00.000Z';

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
});
