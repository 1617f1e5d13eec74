// The pack author's commands on real containers: `halab exec` in a node, `solve --step N` then `check`, and
// `test-pack --verbose` with a solution that cannot run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execInNode } from '../../electron/core/exec.js';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const STEP_IDS = ['s1', 's2', 's3'];

/** One client node; each step's check wants a file its solution makes. `broken` steps stop a service without naming it. */
async function writeStepsPack(id: string, steps: string[], broken: string[] = []): Promise<string> {
  const dir = join(makeTempDir('halab-authoring-'), id);
  const stepYaml = steps.map(
    (s) => `  - id: ${s}
    title: { en: Step ${s}, zh-CN: 步骤 ${s} }
    body: { en: steps/en.md, zh-CN: steps/zh.md }
    checks:
      - id: ${s}-file
        kind: command
        node: client
        run: 'test -f /tmp/${s}'
        exit_code: 0
        title: { en: /tmp/${s} exists, zh-CN: /tmp/${s} 存在 }
        hint: { en: touch it, zh-CN: 创建它 }
    solution:
      run:
        - ${broken.includes(s) ? '{ fault: stop_service, node: client }' : `{ node: client, run: 'touch /tmp/${s}' }`}
`,
  );
  const manifest = `format: 1
id: ${id}
title: { en: Steps, zh-CN: 步骤 }
summary: { en: One client, zh-CN: 一个客户端 }
intro: { en: steps/en.md, zh-CN: steps/zh.md }
topology:
  subnet: 10.0.0.0/24
  nodes:
    - { name: client, role: client, ip: 10.0.0.100 }
steps:
${stepYaml.join('')}`;
  await mkdir(join(dir, 'steps'), { recursive: true });
  await writeFile(join(dir, 'lab.yaml'), manifest);
  await writeFile(join(dir, 'steps', 'en.md'), '# Steps\n\nMake the files.\n');
  await writeFile(join(dir, 'steps', 'zh.md'), '# 步骤\n\n创建文件。\n');
  return dir;
}

describe('pack authoring on a running lab', () => {
  const instance = `pauth-steps-${process.pid}`;

  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    const dir = await writeStepsPack('pauth-steps', STEP_IDS);
    const up = halab(['up', dir, '--instance', instance]);
    expect(up.status, up.stderr).toBe(0);
  });

  afterAll(async () => {
    halab(['down', instance]);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });

  it('leaves the learner on step 3 after solve --step 2: check and steps grade and show step 3', () => {
    const solve = halab(['solve', instance, '--step', '2']);
    expect(solve.status, solve.stderr).toBe(0);
    const check = halab(['check', instance, '--json']);
    expect(check.status).toBe(1);
    expect((JSON.parse(check.stdout) as { index: number; step: string; passed: boolean }[]).map((r) => [r.index, r.step, r.passed])).toEqual([[2, 's3', false]]);
    expect(JSON.parse(halab(['steps', instance, '--json']).stdout)).toMatchObject({ step: 3, id: 's3', status: 'todo' });
    // The files of steps 1 and 2 are there: the solutions ran, and the grader sees the nodes as they are.
    expect(halab(['check', instance, '--step', '2', '--json']).status).toBe(0);
  });

  it('runs a command in a node: its output and exit code passed through, options after -- left to it', () => {
    const plain = halab(['exec', instance, 'client', '--', 'bash', '-c', 'echo out; echo err >&2; exit 7']);
    expect([plain.status, plain.stdout, plain.stderr]).toEqual([7, 'out\n', 'err\n']);
    const json = halab(['exec', instance, 'client', '--json', '--', 'bash', '-c', 'echo out; echo err >&2; exit 7']);
    expect(json.status).toBe(7);
    expect(JSON.parse(json.stdout)).toEqual({ exitCode: 7, stdout: 'out\n', stderr: 'err\n', timedOut: false, truncated: [] });
    const listing = halab(['exec', instance, 'client', '--', 'ls', '-1', '-d', '/tmp/s1', '/tmp/s2']);
    expect([listing.status, listing.stdout]).toEqual([0, '/tmp/s1\n/tmp/s2\n']);
    expect(halab(['exec', instance, 'client', '--', 'no-such-program']).status).toBe(127);
  });

  it('stops a command at its time limit and says so; cuts output at the bound and says so', async () => {
    const slow = halab(['exec', instance, 'client', '--timeout', '1', '--', 'sleep', '30']);
    expect(slow.status).toBe(124);
    expect(slow.stderr).toMatch(/halab exec: stopped after 1 s \(--timeout\), exit code 124/);
    const cut = await execInNode(instance, 'client', ['head', '-c', '5000', '/dev/zero'], { maxBytes: 1000 });
    expect([cut.exitCode, cut.stdout.length, cut.truncated, cut.timedOut]).toEqual([0, 1000, ['stdout'], false]);
    const whole = await execInNode(instance, 'client', ['head', '-c', '1000', '/dev/zero'], { maxBytes: 1000 });
    expect([whole.stdout.length, whole.truncated]).toEqual([1000, []]);
  });

  it('answers a missing node or lab with exit 3 and what exists', () => {
    const node = halab(['exec', instance, 'lb09', '--', 'true']);
    expect(node.status).toBe(3);
    expect(node.stderr).toMatch(/has no node "lb09"[\s\S]*Nodes: client/);
    const lab = halab(['exec', `pauth-none-${process.pid}`, 'client', '--', 'true']);
    expect(lab.status).toBe(3);
    expect(lab.stderr).toMatch(/is not running/);
  });
});

describe('test-pack --verbose', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
  });

  it("prints every reading of every phase, and a broken solution's reason without an internal class name", async () => {
    const instance = `pauth-tp-${process.pid}`;
    const dir = await writeStepsPack('pauth-tp', ['s1', 's2'], ['s2']);
    const res = halab(['test-pack', dir, '--verbose', '--json', '--instance', instance]);
    expect(res.status, res.stderr).toBe(1);
    const report = JSON.parse(res.stdout) as {
      passed: boolean;
      defects: { step: string; phase: string; message: string }[];
      readings: { phase: string; step: string; check: string; passed: boolean; expected: string; seen: string }[];
    };
    expect(report.passed).toBe(false);
    expect(report.readings.map((r) => `${r.phase} ${r.step}/${r.check} ${r.passed}`)).toEqual([
      'fresh s1/s1-file false',
      'fresh s2/s2-file false',
      'after-solution s1/s1-file true',
      'before-solution s2/s2-file false',
    ]);
    expect(report.readings[0]?.expected).toMatch(/on client: exit 0$/);
    expect(report.defects).toEqual([{ step: 's2', check: '-', phase: 'solution', message: 'the reference solution failed: stop_service needs a service: one of keepalived, nginx, cron.' }]);
    const text = halab(['test-pack', dir, '--verbose', '--instance', instance]);
    expect(text.stdout).toMatch(/^ok \[fresh\] s1\/s1-file: fails/m);
    expect(text.stdout).toMatch(/^ok \[after-solution\] s1\/s1-file: passes/m);
    expect(text.stdout).toMatch(/^\s+expected: /m);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });
});
