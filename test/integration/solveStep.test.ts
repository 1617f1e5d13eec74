// `halab solve <lab> --step N` leaves the learner on step N+1: a plain `halab check` then grades that step,
// also when an earlier run had solved the steps after N.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const STEPS = ['s1', 's2', 's3', 's4'];

/** One client node; each step's check wants the file its solution touches. */
async function writeStepsPack(id: string): Promise<string> {
  const dir = join(makeTempDir('halab-solve-'), id);
  const steps = STEPS.map(
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
        - { node: client, run: 'touch /tmp/${s}' }
`,
  );
  const manifest = `format: 1
id: ${id}
title: { en: Steps, zh-CN: 步骤 }
summary: { en: One client, zh-CN: 一个客户端 }
topology:
  subnet: 10.0.0.0/24
  nodes:
    - { name: client, role: client, ip: 10.0.0.100 }
steps:
${steps.join('')}`;
  await mkdir(join(dir, 'steps'), { recursive: true });
  await writeFile(join(dir, 'lab.yaml'), manifest);
  await writeFile(join(dir, 'steps', 'en.md'), '# Steps\n\nMake the files.\n');
  await writeFile(join(dir, 'steps', 'zh.md'), '# 步骤\n\n创建文件。\n');
  return dir;
}

/** The step a plain `halab check` grades, as [index, id]. */
function gradedStep(instance: string): [number, string][] {
  const check = halab(['check', instance, '--json']);
  return (JSON.parse(check.stdout) as { index: number; step: string }[]).map((r) => [r.index, r.step]);
}

describe('halab solve --step N', () => {
  const instance = `td-solve-${process.pid}`;

  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    const up = halab(['up', await writeStepsPack('td-solve-steps'), '--instance', instance]);
    expect(up.status, up.stderr).toBe(0);
  });

  afterAll(async () => {
    halab(['down', instance]);
    expect(await leftovers(instance)).toEqual({ containers: 0, networks: 0 });
  });

  it('leaves the learner on the step after the last one solved, even after an earlier run solved them all', () => {
    const all = halab(['solve', instance]);
    expect(all.status, all.stderr).toBe(0);
    // A fresh copy of the lab, as after a reset: nothing of the earlier run is left on the node, nothing was earned.
    expect(halab(['exec', instance, 'client', '--', 'bash', '-c', 'rm -f /tmp/s?']).status).toBe(0);
    // Every step solved: the current step is the last one.
    expect(gradedStep(instance)).toEqual([[3, 's4']]);
    const one = halab(['solve', instance, '--step', '1']);
    expect(one.status, one.stderr).toBe(0);
    expect(gradedStep(instance)).toEqual([[1, 's2']]);
    expect(JSON.parse(halab(['steps', instance, '--json']).stdout)).toMatchObject({ step: 2, id: 's2', status: 'todo' });
    const two = halab(['solve', instance, '--step', '2']);
    expect(two.status, two.stderr).toBe(0);
    expect(gradedStep(instance)).toEqual([[2, 's3']]);
  });
});
