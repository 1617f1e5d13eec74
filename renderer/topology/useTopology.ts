// The live state of a running lab: one reading at once, then pushed updates while the view is open.
// The watch is switched off when the view goes away, and switched on again after a reconnect
// (the host forgets a session's watches when its socket closes).
import { useEffect, useState } from 'preact/hooks';
import type { HalabApi, TopologyState } from '../../common/contract.js';

export interface LiveTopology {
  state: TopologyState | null;
  error: unknown;
}

/**
 * Every node of a running lab stopped: what the engine leaves after it restarts. A fault that stops one
 * node on purpose does not count.
 */
export function everyNodeStopped(state: TopologyState | null): boolean {
  return state !== null && state.nodes.length > 0 && state.nodes.every((n) => n.state !== 'running');
}

export function useTopology(api: HalabApi, lab: string, running: boolean, session: number): LiveTopology {
  const [state, setState] = useState<TopologyState | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!running) {
      setState(null);
      return;
    }
    let alive = true;
    // Keep only the newest reading: updates can overtake the initial get.
    const accept = (s: TopologyState): void => {
      if (!alive || s.lab !== lab) return;
      setState((prev) => (prev && prev.at > s.at ? prev : s));
      setError(null);
    };
    const off = api.on('topology.update', accept);
    api.call('topology.get', { lab }).then(accept, (err: unknown) => {
      if (alive) setError(err);
    });
    api.call('topology.watch', { lab, on: true }).catch((err: unknown) => {
      if (alive) setError(err);
    });
    return () => {
      alive = false;
      off();
      api.call('topology.watch', { lab, on: false }).catch(() => undefined);
    };
  }, [api, lab, running, session]);

  return { state, error };
}
