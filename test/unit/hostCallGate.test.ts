// The per-socket gate of the browser host's API: a bounded number of calls run, a bounded
// number wait, the rest are refused at once; a held gate starts nothing; a closed one drops what waits.
import { describe, expect, it } from 'vitest';
import { createCallGate } from '../../electron/host/callGate.js';

function deferredWork(): { work: () => Promise<void>; started: () => boolean; finish: () => void } {
  let started = false;
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: () => {
      started = true;
      return done;
    },
    started: () => started,
    finish: () => {
      finish();
    },
  };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('the call gate', () => {
  it('runs up to its limit, queues up to its bound, refuses the rest, and starts waiting calls in order', async () => {
    const gate = createCallGate(2, 1);
    const calls = [deferredWork(), deferredWork(), deferredWork(), deferredWork()];
    expect(calls.map((c) => gate.admit(c.work))).toEqual([true, true, true, false]);
    expect(calls.map((c) => c.started())).toEqual([true, true, false, false]);
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    calls[0]?.finish();
    await settle();
    expect(calls[2]?.started()).toBe(true);
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
  });

  it('starts nothing while held, and catches up when released', async () => {
    const gate = createCallGate(2, 4);
    gate.hold(true);
    const a = deferredWork();
    const b = deferredWork();
    gate.admit(a.work);
    gate.admit(b.work);
    expect([a.started(), b.started(), gate.waiting]).toEqual([false, false, 2]);
    gate.hold(false);
    await settle();
    expect([a.started(), b.started(), gate.running]).toEqual([true, true, 2]);
  });

  it('drops waiting calls unstarted when closed, and admits nothing after', async () => {
    const gate = createCallGate(1, 4);
    const running = deferredWork();
    const waiting = deferredWork();
    gate.admit(running.work);
    gate.admit(waiting.work);
    gate.close();
    running.finish();
    await settle();
    expect(waiting.started()).toBe(false);
    expect(gate.admit(deferredWork().work)).toBe(false);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a call that fails', async () => {
    const gate = createCallGate(1, 1);
    gate.admit(() => Promise.reject(new Error('boom')));
    const next = deferredWork();
    gate.admit(next.work);
    await settle();
    expect(next.started()).toBe(true);
  });
});
