// A Node client of the browser host's WebSocket API, speaking exactly as the page does: for tests and
// benchmarks that drive the app without a browser.
import WebSocket from 'ws';
import type { EventName, EventPayloads, MethodName } from '../../common/contract.js';
import type { Host } from '../../electron/host/startHost.js';

export interface ApiClient {
  call<T>(method: MethodName, input: unknown): Promise<T>;
  /** How many events arrived so far: pass it to waitFor to look only at later ones. */
  mark(): number;
  /** Resolves with the first event of this name matching `pred`, from the `from`-th event received on. */
  waitFor<E extends EventName>(event: E, pred: (p: EventPayloads[E]) => boolean, ms: number, from?: number): Promise<{ payload: EventPayloads[E]; at: number }>;
  close(): void;
  /** Resolves when the socket has closed, by either side. */
  closed: Promise<void>;
}

/** Opens the API socket as the page does: token in the URL, the host's own Origin (wss:// on a TLS host, trusting `ca`). */
export async function connectApi(host: Pick<Host, 'port' | 'token' | 'origin'>, tls: { ca?: string } = {}): Promise<ApiClient> {
  const ws = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/api?token=${host.token}`, { origin: host.origin, ...(tls.ca ? { ca: tls.ca } : {}) });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  let nextId = 1;
  let closedBy: Error | undefined;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  // A host that dies (or is killed) resets the connection: every call still waiting fails at once.
  let socketError = '';
  ws.on('error', (err) => {
    socketError ||= `: ${err.message}`;
  });
  const closed = new Promise<void>((resolve) => {
    ws.once('close', (code) => {
      closedBy = new Error(`the API socket closed (${code})${socketError}`);
      for (const p of pending.values()) p.reject(closedBy);
      pending.clear();
      resolve();
    });
  });
  const events: { event: string; payload: unknown; at: number }[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown; error?: { code: string; message: string }; event?: string; payload?: unknown };
    if (msg.event) {
      events.push({ event: msg.event, payload: msg.payload, at: performance.now() });
      for (const w of [...waiters]) w();
      return;
    }
    const p = pending.get(msg.id ?? -1);
    if (!p) return;
    pending.delete(msg.id ?? -1);
    if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
    else p.resolve(msg.result);
  });
  return {
    call: <T>(method: MethodName, input: unknown) =>
      new Promise<T>((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) {
          reject(closedBy ?? new Error('the API socket is closing'));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method, input }));
      }),
    mark: () => events.length,
    waitFor: (event, pred, ms, from = 0) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = events.slice(from).find((e) => e.event === event && pred(e.payload as never));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve({ payload: hit.payload as never, at: hit.at });
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const last = events.filter((e) => e.event === event).at(-1);
          reject(new Error(`no ${event} as expected within ${ms} ms; last: ${JSON.stringify(last?.payload)}`));
        }, ms);
        if (!check()) waiters.add(check);
      }),
    close: () => {
      ws.close();
    },
    closed,
  };
}
