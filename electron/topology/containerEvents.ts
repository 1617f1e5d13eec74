// Container state changes of one lab instance, pushed by the engine (`docker events`), not polled.
import type { Readable } from 'node:stream';
import { docker } from '../docker/client.js';
import { LABEL, ownedFilter } from '../docker/labels.js';
import { lineSplitter } from './addrMonitor.js';

export interface ContainerEvent {
  node: string;
  /** start, die, stop, kill, destroy, pause, unpause, ... */
  action: string;
  at: number; // ms since epoch, the engine's clock
}

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { Attributes?: Record<string, string> };
  timeNano?: number;
  time?: number;
}

/** The state a container is in after an event, as `docker ps` names it. */
export function stateAfter(action: string): string | undefined {
  const map: Record<string, string> = { start: 'running', unpause: 'running', die: 'exited', stop: 'exited', pause: 'paused', destroy: 'missing', create: 'created' };
  return map[action];
}

export async function watchContainerEvents(instance: string, onEvent: (e: ContainerEvent) => void, onEnd: () => void): Promise<{ stop(): void }> {
  const filters = { type: ['container' as const], label: [...ownedFilter(instance).label, `${LABEL.role}=node`] };
  // The engine answers with a never-ending HTTP body: dockerode types it as a web stream, it is a Node one.
  const stream = (await docker().getEvents({ filters })) as unknown as Readable;
  const lines = lineSplitter((line) => {
    if (!line.trim()) return;
    let e: EngineEvent;
    try {
      e = JSON.parse(line) as EngineEvent;
    } catch {
      return;
    }
    const node = e.Actor?.Attributes?.[LABEL.node];
    if (!node || !e.Action) return;
    const at = e.timeNano ? Math.round(e.timeNano / 1e6) : (e.time ?? Date.now() / 1000) * 1000;
    onEvent({ node, action: e.Action.split(':')[0] ?? e.Action, at });
  });
  let stopped = false;
  stream.on('data', (chunk: Buffer) => { lines.push(chunk); });
  const ended = (): void => {
    if (!stopped) onEnd();
    stopped = true;
  };
  stream.on('end', ended);
  stream.on('close', ended);
  stream.on('error', ended);
  return {
    stop() {
      stopped = true;
      stream.destroy();
    },
  };
}
