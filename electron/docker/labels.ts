// Every Docker object this app creates carries these labels; cleanup touches nothing without them.
import { createHash } from 'node:crypto';
import { halabHome } from '../util/paths.js';

export const LABEL = {
  managed: 'io.halab.managed',
  home: 'io.halab.home',
  instance: 'io.halab.instance',
  lab: 'io.halab.lab',
  node: 'io.halab.node',
  role: 'io.halab.role',
} as const;

/** Identifies the HALAB_HOME that owns an object, so two homes (e.g. parallel tests) never clean each other's labs. */
export function homeId(): string {
  return createHash('sha256').update(halabHome()).digest('hex').slice(0, 12);
}

export function labelsFor(instance: string, lab: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL.managed]: '1', [LABEL.home]: homeId(), [LABEL.instance]: instance, [LABEL.lab]: lab, ...extra };
}

/** Docker list filter selecting this home's objects, optionally one instance's. */
export function ownedFilter(instance?: string): { label: string[] } {
  const label = [`${LABEL.managed}=1`, `${LABEL.home}=${homeId()}`];
  if (instance) label.push(`${LABEL.instance}=${instance}`);
  return { label };
}
