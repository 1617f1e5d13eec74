// One learner's lab, live, for the instructor's view of it: what class.inspect answers and pushes (whether it
// runs, which nodes have a terminal open, whether the learner is still in the class) and the learner's
// topology (class.topology). On while the view is open, off when it goes; on again after a reconnect (the
// host forgets a session's watches with its socket).
import { useEffect, useState } from 'preact/hooks';
import type { HalabApi, LearnerLabView, TopologyState } from '../../common/contract.js';
import type { LiveTopology } from '../topology/useTopology.js';

export interface LiveLearnerLab {
  view: LearnerLabView | null;
  topology: LiveTopology;
  error: unknown;
}

export function useLearnerLab(api: HalabApi, learner: string, lab: string, connectionSession: number): LiveLearnerLab {
  const [view, setView] = useState<LearnerLabView | null>(null);
  const [state, setState] = useState<TopologyState | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    const mine = (v: { learner: string | { id: string }; lab: string }): boolean => alive && v.lab === lab && (typeof v.learner === 'string' ? v.learner : v.learner.id) === learner;
    const offView = api.on('class.inspect', (v) => {
      if (mine(v)) setView(v);
    });
    // Keep only the newest reading: a push can overtake an older one.
    const offTopology = api.on('class.topology', (s) => {
      if (mine(s)) setState((prev) => (prev && prev.at > s.at ? prev : s));
    });
    api.call('class.inspect', { learner, lab, on: true }).then(
      (v) => {
        if (!alive) return;
        setView(v);
        setError(null);
      },
      (err: unknown) => {
        if (alive) setError(err);
      },
    );
    return () => {
      alive = false;
      offView();
      offTopology();
      api.call('class.inspect', { learner, lab, on: false }).catch(() => undefined);
    };
  }, [api, learner, lab, connectionSession]);

  return { view, topology: { state, error: null }, error };
}
