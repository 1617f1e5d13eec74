// How a check's result reaches the learner: runChecks.ts attaches the pack's title and hint (both languages) to
// the evaluation, and runs a step's checks together, one exec per node. Recorded readings, no Docker.
import { describe, expect, it } from 'vitest';
import { runCheck, runStep } from '../../electron/checks/runChecks.js';
import { labManifest, type CheckSpec } from '../../electron/labs/schema.js';
import type { LabPack } from '../../electron/labs/loadPack.js';
import { fakeLab, loadReadings } from '../helpers/fakeRuntime.js';
import { recordedChecks as rc, VIP } from '../fixtures/readings/checks.js';

const pair = loadReadings('pair');
const failover = loadReadings('failover');

/** A check as a pack author wrote it: its own title and hint in both languages. */
const authored = (spec: CheckSpec, id: string): CheckSpec => ({
  ...spec,
  id,
  title: { en: `title of ${id}`, 'zh-CN': `${id} 的标题` },
  hint: { en: `hint for ${id}: run \`ip a\` on lb01`, 'zh-CN': `${id} 的提示：在 lb01 上执行 \`ip a\`` },
});

function packOf(checks: CheckSpec[]): LabPack {
  const manifest = labManifest.parse({
    format: 1,
    id: 'recorded',
    title: { en: 'Recorded', 'zh-CN': '录制' },
    summary: { en: 'Recorded readings', 'zh-CN': '录制的读数' },
    topology: { subnet: '10.0.0.0/24', vips: [VIP], nodes: Object.keys(pair.nodes).map((name, i) => ({ name, role: 'lb', ip: `10.0.0.${i + 5}` })) },
    steps: [{ id: 'start', title: { en: 'Start', 'zh-CN': '启动' }, body: { en: 'en.md', 'zh-CN': 'zh.md' }, checks, solution: {} }],
  });
  return { dir: '/nonexistent', manifest, readText: () => Promise.reject(new Error('not needed')) };
}

describe('runCheck', () => {
  it("carries the pack's hint and title in both languages with the evaluation", async () => {
    const spec = authored(rc.vrrpLb02ByVip, 'lb02-backup');
    const result = await runCheck(fakeLab(failover.nodes), spec);
    expect(result).toMatchObject({
      id: 'lb02-backup',
      kind: 'vrrp',
      passed: false,
      title: spec.title,
      hint: { en: 'hint for lb02-backup: run `ip a` on lb01', 'zh-CN': 'lb02-backup 的提示：在 lb01 上执行 `ip a`' },
      seen: { en: 'lb02: VI_1 MASTER, effective priority 100', 'zh-CN': 'lb02：VI_1 处于 MASTER 状态，当前优先级 100' },
    });
  });

  it('keeps the hint on a passing check too', async () => {
    const spec = authored(rc.vipOne, 'vip-one');
    const result = await runCheck(fakeLab(pair.nodes), spec, { noWait: true });
    expect(result.passed).toBe(true);
    expect(result.hint).toEqual(spec.hint);
  });
});

describe('runStep', () => {
  it('grades every check of the step with one exec per node, and each result keeps its own hint', async () => {
    const checks = [
      authored(rc.vipOne, 'vip-one'),
      authored(rc.vrrpLb01ByVip, 'lb01-master'),
      authored(rc.keepalivedLb01, 'lb01-keepalived'),
      authored(rc.httpVip, 'http-vip'),
      authored(rc.arpVipLb01, 'arp-lb01'),
    ];
    const lab = fakeLab(pair.nodes);
    const step = await runStep({ ...lab, pack: packOf(checks) }, 0);
    expect(step.passed).toBe(true);
    expect(step.checks.map((c) => [c.id, c.passed, c.hint['zh-CN']])).toEqual(checks.map((c) => [c.id, true, c.hint['zh-CN']]));
    // The step's readings of one node went out together: the batch script, once per node.
    for (const [node, container] of lab.containers) expect([node, container.execs.length]).toEqual([node, 1]);
    expect(lab.containers.get('lb01')?.execs[0]?.slice(0, 2)).toEqual(['bash', '-c']);
  });

  it('fails the step when one check fails, and says which', async () => {
    const checks = [authored(rc.vipOne, 'vip-one'), authored(rc.vrrpLb01ByVip, 'lb01-master')];
    const step = await runStep({ ...fakeLab(failover.nodes), pack: packOf(checks) }, 0);
    expect(step.passed).toBe(false);
    expect(step.checks.map((c) => [c.id, c.passed])).toEqual([
      ['vip-one', true],
      ['lb01-master', false],
    ]);
    expect(step.checks[1]?.seen['zh-CN']).toBe('lb01：keepalived 没有运行');
  });
});
