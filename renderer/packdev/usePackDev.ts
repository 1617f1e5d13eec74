// The open pack folder as the page knows it: its state on load and after every reconnect (the host forgets
// a session's watch when its socket closes), then each reload as the host pushes it. Also whether its lab
// runs, and the self-test's readings as they come.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HalabApi, Localized } from '../../common/contract.js';
import type { PackDevSelfTestEvent, PackDevSelfTestReport, PackDevState, SelfTestPhase } from '../../common/packDev.js';

export interface Reading {
  passed: boolean;
  expected: Localized;
  seen: Localized;
}

/** The self-test's readings per "step/check", each phase's last. */
export type Readings = ReadonlyMap<string, Partial<Record<SelfTestPhase, Reading>>>;

export interface SelfTestView {
  running: boolean;
  readings: Readings;
  lastLine?: string;
  report?: PackDevSelfTestReport;
  error?: unknown;
}

export const readingKey = (step: string, check: string): string => `${step}/${check}`;

/** Adds one event to what the page shows: pure, so a test can feed it events. */
export function withSelfTestEvent(view: SelfTestView, event: PackDevSelfTestEvent): SelfTestView {
  if (event.kind === 'progress') return { ...view, lastLine: event.line };
  const key = readingKey(event.step, event.check);
  const readings = new Map(view.readings);
  readings.set(key, { ...readings.get(key), [event.phase]: { passed: event.passed, expected: event.expected, seen: event.seen } });
  return { ...view, readings };
}

export function usePackDev(api: HalabApi, connectionSession: number): { state: PackDevState | null; error: unknown } {
  const [state, setState] = useState<PackDevState | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    // A reload pushed while the first answer is on its way must not be overwritten by it: newer wins.
    const accept = (s: PackDevState): void => {
      if (alive) setState((prev) => (prev && prev.dir === s.dir && prev.revision > s.revision ? prev : s));
    };
    const offUpdate = api.on('packdev.update', accept);
    const offLab = api.on('lab.changed', ({ lab, running }) => {
      if (alive) setState((prev) => (prev?.preview?.id === lab ? { ...prev, running } : prev));
    });
    api.call('packdev.watch', { on: true }).then(
      (s) => {
        accept(s);
        setError(null);
      },
      (err: unknown) => {
        if (alive) setError(err);
      },
    );
    return () => {
      alive = false;
      offUpdate();
      offLab();
    };
  }, [api, connectionSession]);
  // Off when the page leaves the preview only: sent on a reconnect, it could reach the host after the new watch.
  useEffect(
    () => () => {
      void api.call('packdev.watch', { on: false }).catch(() => undefined);
    },
    [api],
  );
  return { state, error };
}

export function useSelfTest(api: HalabApi): [SelfTestView, () => void] {
  const [view, setView] = useState<SelfTestView>({ running: false, readings: new Map() });
  useEffect(
    () =>
      api.on('packdev.selfTest', (event) => {
        setView((prev) => withSelfTestEvent(prev, event));
      }),
    [api],
  );
  const run = useCallback(() => {
    setView({ running: true, readings: new Map() });
    api.call('packdev.selfTest', {}).then(
      (report) => {
        setView((prev) => ({ ...prev, running: false, report }));
      },
      (error: unknown) => {
        setView((prev) => ({ ...prev, running: false, error }));
      },
    );
  }, [api]);
  return [view, run];
}
