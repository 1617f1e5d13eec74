// The one entry point of the API for both transports: finds the method, validates the input with the
// contract's zod schema, runs the handler and turns every failure into an ApiError (data, never a throw).
// Also keeps the live sessions (one per window or WebSocket), so events can reach all of them.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { methods, type ApiError, type CallReply, type EventName, type EventPayloads, type MethodName } from '../../common/contract.js';
import type { Handler, HandlerContext, Handlers } from './handlerTypes.js';
import { UserError, errorMessage } from '../util/errors.js';
import { ownerIdentity, type LearnerScope, type SessionIdentity } from '../core/learnerScope.js';

/** Both transports carry it as it is; the UI's clients rebuild an ApiCallError from the error (common/apiError.ts). */
export type DispatchResult = CallReply;
export type Log = (line: string) => void;

const stderrLog: Log = (line) => void process.stderr.write(`${line}\n`);

function isMethod(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** Keys named in an error: enough to find the typo, never the whole of a hostile input (80,000 keys). */
const MAX_KEYS_NAMED = 10;
const MAX_KEY_CHARS = 64;

function listKeys(keys: string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map((k) => JSON.stringify(k.slice(0, MAX_KEY_CHARS)));
  return `${named.join(', ')}${keys.length > MAX_KEYS_NAMED ? ` and ${keys.length - MAX_KEYS_NAMED} more` : ''}`;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((i) => {
      const where = i.path.length ? i.path.map(String).join('.') : 'input';
      const detail = i.code === 'unrecognized_keys' ? `unknown key(s) ${listKeys(i.keys)}` : i.message;
      return `${where}: ${detail}`;
    })
    .join('; ');
}

/** Maps anything a handler threw to what crosses the transport. Unexpected errors keep their stack in the log only. */
export function toApiError(err: unknown, method: string, log: Log = stderrLog): ApiError {
  if (err instanceof UserError) return { code: err.code, message: err.message, ...(err.fix ? { fix: err.fix } : {}) };
  log(`[api] ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  const first = (errorMessage(err).split('\n')[0] ?? '').slice(0, 200);
  return { code: 'E_INTERNAL', message: `${method} failed unexpectedly${first ? `: ${first}` : ''}.` };
}

export interface Dispatcher {
  dispatch(method: unknown, input: unknown, ctx: HandlerContext): Promise<DispatchResult>;
}

export function createDispatcher(handlers: Handlers, log: Log = stderrLog): Dispatcher {
  return {
    async dispatch(method, input, ctx) {
      if (!isMethod(method)) {
        const name = typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : typeof method;
        return { error: { code: 'E_METHOD', message: `Unknown method ${name}.` } };
      }
      // A generic view of the handler: its input type was checked against the same schema just below.
      const handler = handlers[method] as Handler<MethodName> | undefined;
      if (!handler) return { error: { code: 'E_METHOD', message: `The method "${method}" is not available in this build.` } };
      // Methods without parameters may be called with no input at all.
      const parsed = methods[method].safeParse(input === undefined ? {} : input);
      if (!parsed.success) return { error: { code: 'E_INPUT', message: `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}` } };
      try {
        return { result: await handler(parsed.data, ctx) };
      } catch (err) {
        return { error: toApiError(err, method, log) };
      }
    },
  };
}

// ---------- sessions ----------

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Session {
  ctx: HandlerContext;
  /** Ends the session: runs every cleanup registered with onClose, once. */
  close(): void;
}

const live = new Map<string, Session>();

export function createSession(emit: Emit, log: Log = stderrLog, identity: SessionIdentity = ownerIdentity): Session {
  const id = `s${randomBytes(6).toString('hex')}`;
  const cleanups: (() => void)[] = [];
  let closed = false;
  const session: Session = {
    ctx: {
      session: id,
      scope: identity.scope,
      role: identity.role,
      emit: (event, payload) => {
        if (closed) return;
        try {
          emit(event, payload);
        } catch (err) {
          log(`[api] emitting ${event} to ${id} failed: ${errorMessage(err)}`);
        }
      },
      onClose: (cleanup) => {
        if (closed) cleanup();
        else cleanups.push(cleanup);
      },
    },
    close: () => {
      if (closed) return;
      closed = true;
      live.delete(id);
      // Newest first, like a stack of acquired resources; one failing cleanup does not stop the others.
      for (const cleanup of cleanups.reverse()) {
        try {
          cleanup();
        } catch (err) {
          log(`[api] cleanup of ${id} failed: ${errorMessage(err)}`);
        }
      }
    },
  };
  live.set(id, session);
  return session;
}

/** Sends an event to every open session (Docker gone or back, image build lines). */
export function broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  for (const s of live.values()) s.ctx.emit(event, payload);
}

/** Sends an event to the open sessions of one scope (a lab of that learner started or stopped). */
export function broadcastTo<E extends EventName>(scope: LearnerScope, event: E, payload: EventPayloads[E]): void {
  for (const s of live.values()) if (s.ctx.scope.key === scope.key) s.ctx.emit(event, payload);
}

export function openSessions(): number {
  return live.size;
}
