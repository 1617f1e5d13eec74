// Container state changes of one lab instance, pushed by the runtime (`docker events`), not polled.
import { LABEL, ownedFilter } from '../docker/labels.js';
import { runtime } from '../runtime/current.js';

export interface ContainerEvent {
  node: string;
  /** start, die, stop, kill, destroy, pause, unpause, ... */
  action: string;
  at: number; // ms since epoch, the engine's clock
}

/** The state a container is in after an event, as `docker ps` names it. */
export function stateAfter(action: string): string | undefined {
  const map: Record<string, string> = { start: 'running', unpause: 'running', die: 'exited', stop: 'exited', pause: 'paused', destroy: 'missing', create: 'created' };
  return map[action];
}

export function watchContainerEvents(instance: string, onEvent: (e: ContainerEvent) => void, onEnd: () => void): Promise<{ stop(): void }> {
  return runtime().watchEvents(
    [...ownedFilter(instance).label, `${LABEL.role}=node`],
    (e) => {
      const node = e.labels[LABEL.node];
      if (node) onEvent({ node, action: e.action, at: e.at });
    },
    onEnd,
  );
}
