// The instructor's live grid: one reading at once, then every class.update the server pushes while the
// dashboard is open. The watch is switched off when the dashboard goes away and on again after a reconnect
// (the host forgets a session's watches when its socket closes).
import { useEffect, useState } from 'preact/hooks';
import type { ClassGrid } from '../../common/classroom.js';
import type { HalabApi, Localized } from '../../common/contract.js';

export interface LiveClassGrid {
  grid: ClassGrid | null;
  error: unknown;
  retry: () => void;
}

export function useClassGrid(api: HalabApi, connectionSession: number): LiveClassGrid {
  const [grid, setGrid] = useState<ClassGrid | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    // Keep only the newest reading: a push can overtake the first answer.
    const accept = (g: ClassGrid): void => {
      if (!alive) return;
      setGrid((prev) => (prev && prev.at > g.at ? prev : g));
      setError(null);
    };
    const fail = (err: unknown): void => {
      if (alive) setError(err);
    };
    const off = api.on('class.update', accept);
    api.call('class.grid', {}).then(accept, fail);
    api.call('class.watch', { on: true }).catch(fail);
    return () => {
      alive = false;
      off();
      api.call('class.watch', { on: false }).catch(() => undefined);
    };
  }, [api, connectionSession, attempt]);

  return {
    grid,
    error,
    retry: () => {
      setAttempt((n) => n + 1);
    },
  };
}

/** `${lab}/${step index}/${check id}`: the key of a check's title. */
export const checkKey = (lab: string, index: number, check: string): string => `${lab}/${index}/${check}`;

/**
 * The titles of the class labs' checks (the grid names checks by id only), read once from the labs
 * themselves. Without them the panel shows the ids.
 */
export function useCheckTitles(api: HalabApi, labs: readonly string[]): ReadonlyMap<string, Localized> {
  const [titles, setTitles] = useState<ReadonlyMap<string, Localized>>(new Map());
  const key = labs.join(',');
  useEffect(() => {
    if (!key) return;
    let alive = true;
    void Promise.all(key.split(',').map((lab) => api.call('labs.get', { lab }).catch(() => null))).then((details) => {
      if (!alive) return;
      const found = new Map<string, Localized>();
      for (const d of details)
        d?.steps.forEach((s, i) => {
          for (const c of s.checks) found.set(checkKey(d.id, i, c.id), c.title);
        });
      setTitles(found);
    });
    return () => {
      alive = false;
    };
  }, [api, key]);
  return titles;
}
