// The shape every live view's watch method shares (topology, protocol): a watch per session and lab, kept
// until turned off or until the session ends; the hub works on the caller's own instance of the lab, and
// what it pushes is labelled with the lab's id, as the UI knows it.
import type { EventName, EventPayloads } from '../../../common/contract.js';
import type { HandlerContext } from '../handlerTypes.js';
import { findPack } from '../../labs/catalog.js';

export interface WatchHub<T> {
  watch(instance: string, session: string, listener: (value: T) => void, labId: string): Promise<void>;
  unwatch(instance: string, session: string): Promise<void>;
  unwatchSession(session: string): Promise<void>;
}

type LabEvent = { [E in EventName]: EventPayloads[E] extends { lab: string } ? E : never }[EventName];

export function watchMethod<E extends LabEvent>(hub: WatchHub<EventPayloads[E]>, event: E): (input: { lab: string; on: boolean }, ctx: HandlerContext) => Promise<{ ok: true }> {
  /** Sessions whose end already releases their watches. */
  const released = new Set<string>();
  return async ({ lab, on }, ctx) => {
    const instance = ctx.scope.instance(lab);
    if (!on) {
      await hub.unwatch(instance, ctx.session);
      return { ok: true };
    }
    await findPack(lab); // an unknown lab is an error, not a silent watch
    if (!released.has(ctx.session)) {
      released.add(ctx.session);
      ctx.onClose(() => {
        released.delete(ctx.session);
        void hub.unwatchSession(ctx.session);
      });
    }
    await hub.watch(
      instance,
      ctx.session,
      (value) => {
        ctx.emit(event, { ...value, lab });
      },
      lab,
    );
    return { ok: true };
  };
}
