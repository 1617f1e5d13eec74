// The pack preview's self-test readings: each event lands under its step and check, per phase, and the
// progress line follows the last one, without losing what came before.
import { describe, expect, it } from 'vitest';
import { readingKey, withSelfTestEvent, type SelfTestView } from '../../../renderer/packdev/usePackDev.js';

const text = (en: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': en });

describe('withSelfTestEvent', () => {
  it('keeps each check’s fresh, before- and after-solution readings apart, and the last progress line', () => {
    let view: SelfTestView = { running: true, readings: new Map() };
    view = withSelfTestEvent(view, { kind: 'progress', line: '[test-pack] fresh lab: all 2 checks must fail' });
    view = withSelfTestEvent(view, { kind: 'reading', phase: 'fresh', step: 's1', check: 'a', passed: false, expected: text('x'), seen: text('-'), ms: 5 });
    view = withSelfTestEvent(view, { kind: 'reading', phase: 'fresh', step: 's2', check: 'a', passed: true, expected: text('y'), seen: text('y'), ms: 5 });
    view = withSelfTestEvent(view, { kind: 'reading', phase: 'after-solution', step: 's1', check: 'a', passed: true, expected: text('x'), seen: text('x'), ms: 7 });
    expect(view.lastLine).toMatch(/fresh lab/);
    expect(view.readings.get(readingKey('s1', 'a'))).toEqual({
      fresh: { passed: false, expected: text('x'), seen: text('-') },
      'after-solution': { passed: true, expected: text('x'), seen: text('x') },
    });
    expect(view.readings.get(readingKey('s2', 'a'))?.fresh?.passed).toBe(true);
    expect(view.running).toBe(true);
  });
});
