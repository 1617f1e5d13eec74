// The checks in front of the instructor's methods: the caller is the instructor, and what they name is in
// this class (a learner not taken out of it, one of its labs, a node of that lab).
import type { HandlerContext } from '../api/handlerTypes.js';
import { findPack } from '../labs/catalog.js';
import { UserError } from '../util/errors.js';
import type { Classroom } from './classroom.js';
import type { Learner } from './types.js';

export function requireInstructor(ctx: HandlerContext): void {
  if (ctx.role !== 'instructor') throw new UserError('Only the instructor can do this.', { code: 'E_FORBIDDEN' });
}

/** A learner of the class now; one taken out of it is not (their events stay for the report only). */
export function isClassLearner(room: Classroom, id: string): boolean {
  try {
    const who = room.store.learner(id);
    return who !== undefined && !who.revokedAt;
  } catch {
    return false; // the class's store is closed: the class is over
  }
}

/** The learner `id` of this class, or a refusal: only the class's own learners' labs can be looked at. */
export function requireClassLearner(room: Classroom, id: string): Learner {
  const who = room.store.learner(id);
  if (!who || who.revokedAt) throw new UserError(`There is no learner "${id}" in this class.`, { code: 'E_FORBIDDEN' });
  return who;
}

export function requireClassLabId(room: Classroom, lab: string): void {
  if (!room.labs.some((l) => l.id === lab)) throw new UserError(`"${lab}" is not one of this class's labs.`, { code: 'E_BAD_INPUT' });
}

/** The lab's node names, in the pack's order; a name outside them is refused. */
export async function requireLabNode(lab: string, node: string): Promise<string[]> {
  const names = (await findPack(lab)).manifest.topology.nodes.map((n) => n.name);
  if (!names.includes(node)) throw new UserError(`The lab "${lab}" has no node "${node}" (it has ${names.join(', ')}).`, { code: 'E_NO_SUCH_NODE' });
  return names;
}
