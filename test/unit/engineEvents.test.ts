// The Docker side of the seam turns the engine's event lines into RuntimeEvents: the action before any
// ":" detail, the actor's labels, and the engine's own clock in ms.
import { describe, expect, it } from 'vitest';
import { parseEngineEvent } from '../../electron/runtime/dockerRuntime.js';

describe('parseEngineEvent', () => {
  it('keeps the action, the labels and the engine time (ns preferred over s)', () => {
    const line = JSON.stringify({ Type: 'container', Action: 'die', Actor: { Attributes: { 'io.halab.node': 'lb01', exitCode: '137' } }, time: 1700000000, timeNano: 1700000000123456000 });
    expect(parseEngineEvent(line)).toEqual({ action: 'die', labels: { 'io.halab.node': 'lb01', exitCode: '137' }, at: 1700000000123 });
    expect(parseEngineEvent(JSON.stringify({ Action: 'start', time: 1700000001 }))).toEqual({ action: 'start', labels: {}, at: 1700000001000 });
  });

  it('cuts the detail off "exec_start: bash -l" and drops lines that are not events', () => {
    expect(parseEngineEvent(JSON.stringify({ Action: 'exec_start: bash -l', timeNano: 5e15 }))?.action).toBe('exec_start');
    expect(parseEngineEvent('{"Type":"container"}')).toBeUndefined();
    expect(parseEngineEvent('not json')).toBeUndefined();
  });
});
