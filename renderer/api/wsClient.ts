// HalabApi over the browser host's `/api` WebSocket. The host authenticates the socket with the cookie it
// set when it served the page, so connecting to the same origin is all it takes.
// Calls carry request ids and time out (common/callBudgets.ts, the same budgets as over IPC); when the link
// drops, calls in flight fail (their answers are lost with the session), calls not yet sent wait for the
// next connection, and the client reconnects with a backoff that grows to a bound and stays there, except
// after a close whose code says the host ended the session for good (common/sessionEnd.ts): a revoked link
// would only be refused again, so the page stops and says why.
import { ApiCallError, callTimeoutError, rebuildApiError } from '../../common/apiError.js';
import { callBudgetMs } from '../../common/callBudgets.js';
import type { EventName, EventPayloads, HalabApi, MethodInput, MethodName, MethodOutput } from '../../common/contract.js';
import { sessionEndReasonOf, type SessionEnded } from '../../common/sessionEnd.js';
import { createStore } from '../util/store.js';
import type { ConnectionState, ConnectionStore } from './connection.js';
import { parseIncoming, type WsRequest } from './wsProtocol.js';

export interface WsApiOptions {
  url: string;
  /** Injected in tests; the browser's WebSocket otherwise. */
  WebSocketCtor?: new (url: string) => WebSocket;
  /** Injected in tests; the budgets of common/callBudgets.ts otherwise. */
  timeoutFor?: (method: MethodName) => number;
  backoff?: { initialMs: number; maxMs: number };
}

export interface WsApi extends HalabApi {
  connection: ConnectionStore;
  /** Stops reconnecting and fails every pending call (tests, page unload). */
  close: () => void;
}

/** WebSocket.OPEN; a constant so injected test sockets need not carry the static. */
const OPEN = 1;

interface Pending {
  frame: string;
  sent: boolean;
  method: MethodName;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsApi(opts: WsApiOptions): WsApi {
  const Ctor = opts.WebSocketCtor ?? WebSocket;
  const timeoutFor = opts.timeoutFor ?? callBudgetMs;
  const { initialMs, maxMs } = opts.backoff ?? { initialMs: 500, maxMs: 8_000 };
  const connection = createStore<ConnectionState>({ status: 'connecting', attempt: 0, session: 0 });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** The `session.ended` event the host sends just before such a close. */
  let endedBy: SessionEnded | undefined;

  const setState = (patch: Partial<ConnectionState>): void => {
    connection.set({ ...connection.get(), ...patch });
  };

  const flush = (): void => {
    const ws = socket;
    if (ws?.readyState !== OPEN) return;
    for (const p of pending.values()) {
      if (p.sent) continue;
      ws.send(p.frame);
      p.sent = true;
    }
  };

  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    return p;
  };

  const onMessage = (ev: MessageEvent): void => {
    if (typeof ev.data !== 'string') return;
    const msg = parseIncoming(ev.data);
    if (!msg) return;
    if ('event' in msg) {
      if (msg.event === 'session.ended') endedBy = msg.payload as SessionEnded;
      for (const l of [...(listeners.get(msg.event) ?? [])]) {
        try {
          l(msg.payload);
        } catch (err) {
          console.error(`listener for ${msg.event} failed`, err);
        }
      }
      return;
    }
    const p = settle(msg.id);
    if (!p) return;
    if (msg.ok) p.resolve(msg.result);
    else p.reject(rebuildApiError(msg.error));
  };

  const scheduleReconnect = (): void => {
    if (closed) return;
    const attempt = connection.get().attempt + 1;
    // Exponential, capped at maxMs, with a little jitter so many tabs do not reconnect in lockstep.
    const delay = Math.min(maxMs, initialMs * 2 ** (attempt - 1)) * (0.85 + Math.random() * 0.3);
    setState({ status: 'reconnecting', attempt, retryAt: Date.now() + delay });
    retryTimer = setTimeout(connect, delay);
  };

  function connect(): void {
    retryTimer = undefined;
    if (closed) return;
    let ws: WebSocket;
    try {
      ws = new Ctor(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      setState({ status: 'open', attempt: 0, retryAt: undefined, session: connection.get().session + 1 });
      flush();
    };
    ws.onmessage = onMessage;
    ws.onerror = () => {
      // onclose follows and does the work.
    };
    ws.onclose = (ev?: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      const reason = sessionEndReasonOf(ev?.code ?? 0);
      if (reason) {
        closed = true;
        setState({ status: 'ended', retryAt: undefined, ended: endedBy?.reason === reason ? endedBy : { reason } });
        for (const id of [...pending.keys()]) settle(id)?.reject(new ApiCallError({ code: 'E_CLOSED', message: 'This page was signed out of HA Lab.' }));
        return;
      }
      // Answers to sent calls died with the session; unsent ones wait for the next link.
      for (const [id, p] of [...pending]) {
        if (!p.sent) continue;
        settle(id);
        p.reject(new ApiCallError({ code: 'E_DISCONNECTED', message: `The connection to HA Lab was lost during ${p.method}.`, fix: 'Try again once the connection is back.' }));
      }
      scheduleReconnect();
    };
  }

  const api: WsApi = {
    connection,
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      if (closed) return Promise.reject(new ApiCallError({ code: 'E_CLOSED', message: 'The API client is closed.' }));
      const id = nextId++;
      const request: WsRequest = { id, method, input };
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        const ms = timeoutFor(method);
        const timer = setTimeout(() => {
          if (settle(id)) reject(callTimeoutError(method, ms));
        }, ms);
        pending.set(id, {
          frame: JSON.stringify(request),
          sent: false,
          method,
          resolve: (v) => {
            resolve(v as MethodOutput<M>);
          },
          reject,
          timer,
        });
        flush();
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        listeners.get(event)?.delete(l);
      };
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      socket = undefined;
      for (const id of [...pending.keys()]) settle(id)?.reject(new ApiCallError({ code: 'E_CLOSED', message: 'The API client is closed.' }));
    },
  };
  connect();
  return api;
}
