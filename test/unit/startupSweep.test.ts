// The app's start removes a killed predecessor's leftovers once the engine answers: right away when Docker
// is up, later when it comes back, never twice, and a failing sweep is retried a bounded number of times.
import { describe, expect, it, vi } from 'vitest';
import { startAppServices } from '../../electron/api/appStart.js';
import { STARTUP_SWEEP_ATTEMPTS, describeSweep, startupSweep } from '../../electron/topology/startupSweep.js';
import type { SweepReport } from '../../electron/topology/manager.js';

const LEFTOVERS: SweepReport = { containers: ['halab-x-lb01', 'halab-x-client'], networks: ['halab-x'] };

describe('start-up sweep', () => {
  it('waits for Docker, sweeps once when the watch first reaches it, and logs what it removed', async () => {
    vi.useFakeTimers();
    try {
      let reachable = false;
      const ping = vi.fn(() => (reachable ? Promise.resolve() : Promise.reject(new Error('connect ENOENT /var/run/docker.sock'))));
      const sweep = vi.fn(() => Promise.resolve(LEFTOVERS));
      const lines: string[] = [];
      const services = startAppServices({ log: (l) => lines.push(l), ping, retryMs: 100, sweep });
      await vi.advanceTimersByTimeAsync(1000);
      expect(ping.mock.calls.length).toBeGreaterThan(2);
      expect(sweep).not.toHaveBeenCalled();
      reachable = true;
      await vi.advanceTimersByTimeAsync(1000); // the retry delay is at most 800 ms by now
      expect(sweep).toHaveBeenCalledTimes(1);
      await expect(services.swept).resolves.toEqual(LEFTOVERS);
      expect(lines).toContain('[start] removed leftovers of an interrupted run: containers halab-x-lb01, halab-x-client; networks halab-x');
      const pings = ping.mock.calls.length;
      await vi.advanceTimersByTimeAsync(20_000); // healthy pings go on; the sweep does not run again
      expect(ping.mock.calls.length).toBeGreaterThan(pings);
      expect(sweep).toHaveBeenCalledTimes(1);
      services.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sweeps at once when Docker answers the first ping', async () => {
    const sweep = vi.fn(() => Promise.resolve({ containers: [], networks: [] }));
    const lines: string[] = [];
    const services = startAppServices({ log: (l) => lines.push(l), ping: () => Promise.resolve(), sweep });
    await expect(services.swept).resolves.toEqual({ containers: [], networks: [] });
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(lines).toEqual(['[start] no leftovers of an interrupted run']);
    services.stop();
  });

  it('never runs two sweeps at once and retries a failed one at the next answer, a bounded number of times', async () => {
    let finishFirst: (r: SweepReport) => void = () => undefined;
    const sweep = vi.fn(
      () =>
        new Promise<SweepReport>((resolve) => {
          finishFirst = resolve;
        }),
    );
    const once = startupSweep(sweep, () => undefined);
    once.reachable();
    once.reachable();
    expect(sweep).toHaveBeenCalledTimes(1);
    finishFirst(LEFTOVERS);
    await expect(once.done).resolves.toEqual(LEFTOVERS);
    once.reachable();
    expect(sweep).toHaveBeenCalledTimes(1);

    const failing = vi.fn(() => Promise.reject(new Error('permission denied')));
    const lines: string[] = [];
    const retried = startupSweep(failing, (l) => lines.push(l));
    for (let i = 0; i < STARTUP_SWEEP_ATTEMPTS + 3; i++) {
      retried.reachable();
      await new Promise((r) => setImmediate(r));
    }
    expect(failing).toHaveBeenCalledTimes(STARTUP_SWEEP_ATTEMPTS);
    await expect(retried.done).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/^\[start\] gave up .*permission denied/);
  });

  it('describes an empty and a partial sweep', () => {
    expect(describeSweep({ containers: [], networks: ['halab-y'] })).toBe('[start] removed leftovers of an interrupted run: networks halab-y');
  });
});
