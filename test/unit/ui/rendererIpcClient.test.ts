// The Electron transport on the page's side: the preload hands over the dispatcher's reply as data, and this
// client turns errors into the same ApiCallError and the same E_TIMEOUT as the WebSocket client.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../common/apiError.js';
import { callBudgetMs } from '../../../common/callBudgets.js';
import type { CallReply, IpcBridge, MethodName } from '../../../common/contract.js';
import { createIpcApi, invokeFailure } from '../../../renderer/api/ipcClient.js';
import { createWsApi } from '../../../renderer/api/wsClient.js';

/** The preload's bridge with a scripted ipcRenderer.invoke behind it. */
function fakeBridge(invoke: (method: MethodName, input: unknown) => Promise<CallReply>): IpcBridge & { calls: { method: MethodName; input: unknown }[] } {
  const calls: { method: MethodName; input: unknown }[] = [];
  return {
    calls,
    call: (method, input) => {
      calls.push({ method, input });
      return invoke(method, input);
    },
    on: () => () => undefined,
  };
}

/** What a caught rejection is, for assertions. */
async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  );
}

const never = (): Promise<CallReply> => new Promise<CallReply>(() => undefined);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createIpcApi', () => {
  it('resolves with the result and passes method and input to the bridge', async () => {
    const bridge = fakeBridge(() => Promise.resolve({ result: [{ id: 'vrrp-pair' }] }));
    const api = createIpcApi(bridge);
    await expect(api.call('labs.list', {})).resolves.toEqual([{ id: 'vrrp-pair' }]);
    expect(bridge.calls).toEqual([{ method: 'labs.list', input: {} }]);
  });

  it('rebuilds an error reply as ApiCallError, unknown codes as E_UNKNOWN', async () => {
    const replies: CallReply[] = [
      { error: { code: 'E_NOT_RUNNING', message: 'The lab "x" is not running.', fix: 'Start it.' } },
      { error: { code: 'E_GONE_FROM_THE_UNION', message: 'odd' } } as unknown as CallReply,
    ];
    const api = createIpcApi(fakeBridge(() => Promise.resolve(replies.shift() ?? { result: null })));
    const first = await failureOf(api.call('checks.run', { lab: 'x', step: 0 }));
    expect(first).toBeInstanceOf(ApiCallError);
    expect(first).toMatchObject({ code: 'E_NOT_RUNNING', message: 'The lab "x" is not running.', fix: 'Start it.' });
    expect(await failureOf(api.call('labs.list', {}))).toMatchObject({ code: 'E_UNKNOWN', message: 'odd' });
  });

  it("unwraps Electron's rejected invoke (\"Error invoking remote method 'x': Error: ...\") into E_INTERNAL", async () => {
    const wrapped = new Error("Error invoking remote method 'halab:call': Error: Refused: this frame may not call the HA Lab API.");
    const api = createIpcApi(fakeBridge(() => Promise.reject(wrapped)));
    const err = await failureOf(api.call('labs.list', {}));
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'E_INTERNAL', message: 'Refused: this frame may not call the HA Lab API.' });

    expect(invokeFailure(new Error("Error invoking remote method 'halab:call': TypeError: x is not a function")).message).toBe('x is not a function');
    expect(invokeFailure(new Error("Error invoking remote method 'halab:call': No handler registered for 'halab:call'")).message).toBe("No handler registered for 'halab:call'");
    expect(invokeFailure(new Error('Some other failure: kept as it is')).message).toBe('Some other failure: kept as it is');
    expect(invokeFailure(undefined)).toMatchObject({ code: 'E_INTERNAL', message: 'The call could not reach HA Lab.' });
  });

  it('turns a malformed reply or a bridge that throws into an ApiCallError', async () => {
    const api = createIpcApi(fakeBridge(() => Promise.resolve('not a reply' as unknown as CallReply)));
    expect(await failureOf(api.call('labs.list', {}))).toMatchObject({ code: 'E_PROTOCOL' });
    const throwing = createIpcApi({
      call: () => {
        throw new Error('bridge gone');
      },
      on: () => () => undefined,
    });
    expect(await failureOf(throwing.call('labs.list', {}))).toMatchObject({ code: 'E_INTERNAL', message: 'bridge gone' });
  });

  it("times out a call the main process never answers, after the method's own budget, and drops a late answer", async () => {
    let answer: ((reply: CallReply) => void) | undefined;
    const api = createIpcApi(
      fakeBridge((method) =>
        method === 'labs.list'
          ? new Promise<CallReply>((resolve) => {
              answer = resolve;
            })
          : never(),
      ),
    );
    const quick = failureOf(api.call('labs.list', {}));
    const slow = failureOf(api.call('lab.up', { lab: 'vrrp-pair' }));
    let quickSettled = false;
    let slowSettled = false;
    void quick.then(() => {
      quickSettled = true;
    });
    void slow.then(() => {
      slowSettled = true;
    });

    await vi.advanceTimersByTimeAsync(callBudgetMs('labs.list') - 1);
    expect(quickSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await quick;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'E_TIMEOUT', message: 'labs.list got no answer within 60 s.' });
    answer?.({ result: ['too late'] }); // ignored: the caller was already told
    await vi.advanceTimersByTimeAsync(0);

    // lab.up has minutes, not seconds.
    expect(slowSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(callBudgetMs('lab.up') - callBudgetMs('labs.list'));
    expect(await slow).toMatchObject({ code: 'E_TIMEOUT', message: 'lab.up got no answer within 600 s.' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind once a call is answered', async () => {
    const api = createIpcApi(fakeBridge(() => Promise.resolve({ result: { ok: true } })));
    await api.call('terminal.close', { id: 't1' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('both transports', () => {
  it('fail a call that gets no answer with the same class, code and message', async () => {
    // A socket that opens and then never answers anything.
    let framesSent = 0;
    class SilentSocket {
      readyState = 0;
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onmessage: ((ev: { data: unknown }) => void) | null = null;
      constructor() {
        queueMicrotask(() => {
          this.readyState = 1;
          this.onopen?.();
        });
      }
      send(): void {
        framesSent++;
      }
      close(): void {}
    }
    const ws = createWsApi({ url: 'ws://127.0.0.1:1/api', WebSocketCtor: SilentSocket as unknown as new (url: string) => WebSocket });
    const ipc = createIpcApi(fakeBridge(never));
    const overWs = failureOf(ws.call('checks.run', { lab: 'vrrp-pair', step: 0 }));
    const overIpc = failureOf(ipc.call('checks.run', { lab: 'vrrp-pair', step: 0 }));
    await vi.advanceTimersByTimeAsync(callBudgetMs('checks.run'));
    const [a, b] = await Promise.all([overWs, overIpc]);
    ws.close();
    expect(framesSent).toBe(1); // the call went out; no answer came
    expect(a).toBeInstanceOf(ApiCallError);
    expect(b).toBeInstanceOf(ApiCallError);
    const shape = (e: unknown): object => {
      const { name, code, message, fix } = e as ApiCallError;
      return { name, code, message, fix };
    };
    expect(shape(a)).toEqual(shape(b));
    expect(a).toMatchObject({ code: 'E_TIMEOUT', message: 'checks.run got no answer within 300 s.' });
  });
});
