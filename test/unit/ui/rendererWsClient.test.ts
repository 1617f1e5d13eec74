// @vitest-environment happy-dom
// The browser transport: request ids, replies and errors routed to their calls, events to listeners,
// call timeouts, and reconnection with a bounded backoff that the banner can show.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, MAX_ERROR_MESSAGE_CHARS } from '../../../common/apiError.js';
import { wsUrl } from '../../../renderer/api/getApi.js';
import { createWsApi, type WsApi } from '../../../renderer/api/wsClient.js';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; method: string; input: unknown }[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text) as FakeSocket['sent'][number]);
  }
  close(): void {
    this.drop();
  }
  // test controls
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  reply(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }
}

const last = (): FakeSocket => {
  const s = FakeSocket.all[FakeSocket.all.length - 1];
  if (!s) throw new Error('no socket');
  return s;
};

let api: WsApi;
beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5); // jitter factor 1.0
  api = createWsApi({
    url: 'ws://127.0.0.1:4000/api',
    WebSocketCtor: FakeSocket as unknown as new (url: string) => WebSocket,
    backoff: { initialMs: 500, maxMs: 4000 },
    timeoutFor: (m) => (m === 'checks.run' ? 60_000 : 1000),
  });
});
afterEach(() => {
  api.close();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createWsApi', () => {
  it('connects to the same-origin /api endpoint', () => {
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/api');
    expect(wsUrl({ protocol: 'https:', host: 'lab.example:443' })).toBe('wss://lab.example:443/api');
    expect(last().url).toBe('ws://127.0.0.1:4000/api');
  });

  it('queues calls until open, gives each an id and routes replies and errors', async () => {
    const a = api.call('labs.list', {});
    const b = api.call('labs.get', { lab: 'vrrp-pair' });
    expect(last().sent).toEqual([]);
    last().open();
    expect(api.connection.get()).toMatchObject({ status: 'open', session: 1 });
    const [ra, rb] = last().sent;
    expect(ra?.method).toBe('labs.list');
    expect(rb).toMatchObject({ method: 'labs.get', input: { lab: 'vrrp-pair' } });
    expect(ra?.id).not.toBe(rb?.id);
    last().reply({ id: rb?.id, error: { code: 'E_NO_LAB', message: 'no lab', fix: 'run halab labs' } });
    last().reply({ id: ra?.id, result: [] });
    await expect(a).resolves.toEqual([]);
    const err: unknown = await b.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'E_NO_LAB', message: 'no lab', fix: 'run halab labs' });
  });

  it('rebuilds a malformed or hostile error frame into the same class, E_UNKNOWN and cut to size', async () => {
    last().open();
    const a = api.call('labs.list', {}).catch((e: unknown) => e);
    const b = api.call('labs.list', {}).catch((e: unknown) => e);
    const [ra, rb] = last().sent;
    last().reply({ id: ra?.id, error: { code: 7, message: 'x'.repeat(100_000), fix: { no: 'string' } } });
    last().reply({ id: rb?.id, ok: false });
    const [errA, errB] = await Promise.all([a, b]);
    expect(errA).toBeInstanceOf(ApiCallError);
    expect(errA).toMatchObject({ code: 'E_UNKNOWN' });
    expect((errA as ApiCallError).fix).toBeUndefined();
    expect((errA as Error).message.length).toBe(MAX_ERROR_MESSAGE_CHARS);
    expect(errB).toBeInstanceOf(ApiCallError);
    expect(errB).toMatchObject({ code: 'E_UNKNOWN', message: 'The call failed without saying why.' });
  });

  it('delivers events to listeners until they unsubscribe', () => {
    last().open();
    const seen: unknown[] = [];
    const off = api.on('lab.changed', (p) => seen.push(p));
    last().reply({ event: 'lab.changed', payload: { lab: 'x', running: true } });
    off();
    last().reply({ event: 'lab.changed', payload: { lab: 'x', running: false } });
    last().reply('garbage');
    expect(seen).toEqual([{ lab: 'x', running: true }]);
  });

  it('times a call out, with a per-method limit', async () => {
    last().open();
    const quick = api.call('labs.list', {});
    const slow = api.call('checks.run', { lab: 'vrrp-pair', step: 0 });
    vi.advanceTimersByTime(1001);
    await expect(quick).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    const slowId = last().sent[1]?.id;
    last().reply({ id: slowId, result: { ok: 1 } });
    await expect(slow).resolves.toEqual({ ok: 1 });
  });

  it('reconnects with a growing backoff capped at the bound; calls in flight fail, new ones wait', async () => {
    last().open();
    const inflight = api.call('labs.list', {});
    last().drop();
    await expect(inflight).rejects.toMatchObject({ code: 'E_DISCONNECTED' });
    expect(api.connection.get()).toMatchObject({ status: 'reconnecting', attempt: 1 });

    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = FakeSocket.all.length;
      const retryAt = api.connection.get().retryAt ?? 0;
      delays.push(retryAt - Date.now());
      vi.advanceTimersByTime(retryAt - Date.now());
      expect(FakeSocket.all.length).toBe(before + 1);
      last().drop(); // the host is still away
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000]);

    // Waits for the link within its own time limit (60 s for checks.run here).
    const queued = api.call('checks.run', { lab: 'vrrp-pair', step: 1 });
    vi.advanceTimersByTime((api.connection.get().retryAt ?? 0) - Date.now());
    last().open();
    expect(api.connection.get()).toMatchObject({ status: 'open', attempt: 0, session: 2 });
    const id = last().sent[0]?.id;
    last().reply({ id, result: ['back'] });
    await expect(queued).resolves.toEqual(['back']);
  });
});
