// The CLI's human output: in the learner's language from the one catalogue, with columns that line up when
// a cell is Chinese (two terminal columns per character).
import { describe, expect, it } from 'vitest';
import { displayWidth, formatStep, table } from '../../electron/cli/format.js';
import { say } from '../../electron/messages/catalogue.js';
import type { StepResult } from '../../electron/checks/runChecks.js';

const speaker = (lang: 'en' | 'zh-CN'): Parameters<typeof formatStep>[1] => ({ lang, t: (key, ...args) => say(lang, key, ...args) });

describe('CLI output', () => {
  it('measures Chinese text in terminal columns', () => {
    expect(displayWidth('lb01')).toBe(4);
    expect(displayWidth('第一对 VRRP 主备')).toBe(2 * 3 + 1 + 4 + 1 + 2 * 2);
    expect(displayWidth('（1/4）')).toBe(2 + 3 + 2);
  });

  it('lines up a table whose cells mix Chinese and ASCII', () => {
    const lines = table([
      ['实验', '进度'],
      ['vrrp-pair', '25%（1/4）'],
      ['nopreempt', '0%（0/5）'],
    ]).split('\n');
    // The second column starts at the same terminal column on every line.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/\S+$/))));
    expect(new Set(starts).size).toBe(1);
    expect(starts[0]).toBe(displayWidth('vrrp-pair') + 2);
  });

  it('words a failed check in the learner language, labels included', () => {
    const step: StepResult = {
      step: 'configure',
      index: 0,
      title: { en: 'Configure', 'zh-CN': '配置' },
      passed: false,
      ms: 12,
      checks: [
        {
          id: 'vip',
          kind: 'vip',
          title: { en: 'VIP on lb01', 'zh-CN': 'VIP 在 lb01 上' },
          hint: { en: 'start keepalived', 'zh-CN': '启动 keepalived' },
          expected: { en: 'only lb01 holds 10.0.0.3', 'zh-CN': '10.0.0.3 只在 lb01 上' },
          seen: { en: 'holders of 10.0.0.3: -', 'zh-CN': '10.0.0.3 所在节点：无' },
          passed: false,
          ms: 12,
        },
      ],
    };
    const zh = formatStep(step, speaker('zh-CN'));
    expect(zh).toContain('第 1 步：配置');
    expect(zh).toContain('期望：10.0.0.3 只在 lb01 上');
    expect(zh).toContain('实际：10.0.0.3 所在节点：无');
    expect(zh).toContain('提示：启动 keepalived');
    const en = formatStep(step, speaker('en'));
    expect(en).toContain('step 1: Configure');
    expect(en).toContain('expected: only lb01 holds 10.0.0.3');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
