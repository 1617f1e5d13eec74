// How an area of the main process serves its part of the API. Each area exports a Handlers object
// (electron/api/handlers/<area>.ts); the dispatcher merges them and validates every input first.
import type { EventName, EventPayloads, MethodInput, MethodName, MethodOutput } from '../../common/contract.js';
import type { LearnerScope, SessionRole } from '../core/learnerScope.js';

/** One connected UI: an Electron window or a browser-host WebSocket. Its resources die with it. */
export interface HandlerContext {
  session: string;
  /** Whose labs and progress this session works on (the machine's learner, or one learner of a class). */
  scope: LearnerScope;
  /** The classroom's instructor-only methods check it; everything else is scoped by `scope`. */
  role: SessionRole;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Registers cleanup to run when this session ends (window closed, socket gone). */
  onClose(cleanup: () => void): void;
}

export type Handler<M extends MethodName> = (input: MethodInput<M>, ctx: HandlerContext) => Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };
