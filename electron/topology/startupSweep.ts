// The first sweep of an app start: a killed predecessor (the desktop app, `halab serve`, the CLI) may have
// left containers and networks of an unfinished `up` behind. They are removed as soon as the engine
// answers, once; a failed attempt is retried at the next answer, a bounded number of times.
import type { SweepReport } from './manager.js';
import { errorMessage } from '../util/errors.js';

export const STARTUP_SWEEP_ATTEMPTS = 5;

export interface StartupSweep {
  /** Call whenever the engine answers: starts the sweep unless it ran, runs, or gave up. */
  reachable(): void;
  /** Settles with what was removed once a sweep succeeded; undefined after the last failed attempt. */
  readonly done: Promise<SweepReport | undefined>;
}

export function describeSweep(report: SweepReport): string {
  if (!report.containers.length && !report.networks.length) return '[start] no leftovers of an interrupted run';
  const parts = [report.containers.length ? `containers ${report.containers.join(', ')}` : '', report.networks.length ? `networks ${report.networks.join(', ')}` : ''].filter(Boolean);
  return `[start] removed leftovers of an interrupted run: ${parts.join('; ')}`;
}

export function startupSweep(sweep: () => Promise<SweepReport>, log: (line: string) => void): StartupSweep {
  let state: 'waiting' | 'running' | 'finished' = 'waiting';
  let attempts = 0;
  let settle: (report: SweepReport | undefined) => void = () => undefined;
  const done = new Promise<SweepReport | undefined>((resolve) => {
    settle = resolve;
  });
  const finish = (report: SweepReport | undefined): void => {
    state = 'finished';
    settle(report);
  };
  return {
    done,
    reachable: () => {
      if (state !== 'waiting') return;
      state = 'running';
      attempts += 1;
      sweep().then(
        (report) => {
          log(describeSweep(report));
          finish(report);
        },
        (err: unknown) => {
          if (attempts >= STARTUP_SWEEP_ATTEMPTS) {
            log(`[start] gave up removing leftovers of an interrupted run: ${errorMessage(err)} (halab status retries)`);
            finish(undefined);
            return;
          }
          log(`[start] could not remove leftovers of an interrupted run yet: ${errorMessage(err)}`);
          state = 'waiting';
        },
      );
    },
  };
}
