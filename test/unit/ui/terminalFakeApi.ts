// A stand-in for the typed API for the terminal's UI tests: records calls, answers them through
// per-method functions, and lets a test push events as the backend would.
import { ApiCallError } from '../../../common/apiError.js';
import type { EventName, EventPayloads, HalabApi, MethodInput, MethodName, MethodOutput } from '../../../common/contract.js';
import type { ErrorCode } from '../../../common/errorCodes.js';

type Answer = (input: unknown) => unknown;

export class FakeApi implements HalabApi {
  readonly calls: { method: MethodName; input: unknown }[] = [];
  private readonly answers = new Map<MethodName, Answer>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private openCount = 0;

  constructor() {
    // By default every open succeeds with a fresh id; other calls answer { ok: true }.
    this.answer('terminal.open', () => ({ id: `t${++this.openCount}` }));
  }

  answer(method: MethodName, fn: Answer): void {
    this.answers.set(method, fn);
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const fn = this.answers.get(method);
    return Promise.resolve().then(() => (fn ? fn(input) : { ok: true })) as Promise<MethodOutput<M>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: EventPayloads[E]) => void)(payload);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  callsOf<M extends MethodName>(method: M): MethodInput<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>);
  }
}

/** An API error as both transports deliver it. */
export function apiError(code: ErrorCode, message: string): ApiCallError {
  return new ApiCallError({ code, message });
}
