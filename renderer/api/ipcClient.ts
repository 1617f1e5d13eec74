// HalabApi over Electron's IPC: wraps the preload's bridge (window.halab, contract.ts IpcBridge), which hands
// over the dispatcher's reply as data. Here, right after the IPC call, an error reply becomes the same
// ApiCallError the WebSocket client throws, and a call with no answer within its budget fails with the same
// E_TIMEOUT; the preload cannot do either (it runs sandboxed, may import nothing but 'electron', and an Error
// crossing the contextBridge loses its class).
import { ApiCallError, callTimeoutError, rebuildApiError } from '../../common/apiError.js';
import { callBudgetMs } from '../../common/callBudgets.js';
import type { HalabApi, IpcBridge, MethodInput, MethodName, MethodOutput } from '../../common/contract.js';

export interface IpcApiOptions {
  /** Injected in tests; the budgets of common/callBudgets.ts otherwise. */
  timeoutFor?: (method: MethodName) => number;
}

/** How Electron words a rejected ipcRenderer.invoke: "Error invoking remote method 'ch': Error: text". */
const INVOKE_PREFIX = 'Error invoking remote method ';

/**
 * The invoke itself failed (the main process threw before the dispatcher answered, e.g. it refused the
 * frame): the text main threw, without the wrapping Electron puts around it.
 */
export function invokeFailure(err: unknown): ApiCallError {
  let text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  if (text.startsWith(INVOKE_PREFIX)) {
    const afterChannel = text.indexOf("': ", INVOKE_PREFIX.length);
    if (afterChannel >= 0) text = text.slice(afterChannel + 3);
    // Then main's error as `${err}`: "Error: …", "TypeError: …".
    const colon = text.indexOf(': ');
    const name = colon > 0 ? text.slice(0, colon) : '';
    if (name.endsWith('Error') && !name.includes(' ')) text = text.slice(colon + 2);
  }
  return rebuildApiError({ code: 'E_INTERNAL', message: text || 'The call could not reach HA Lab.' });
}

function isReply(value: unknown): value is { result: unknown } | { error: unknown } {
  return typeof value === 'object' && value !== null && ('result' in value || 'error' in value);
}

export function createIpcApi(bridge: IpcBridge, opts: IpcApiOptions = {}): HalabApi {
  const timeoutFor = opts.timeoutFor ?? callBudgetMs;
  return {
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        const ms = timeoutFor(method);
        // An answer after the budget is dropped: the caller has already been told.
        let settled = false;
        const finish = (): boolean => {
          if (settled) return false;
          settled = true;
          clearTimeout(timer);
          return true;
        };
        const timer = setTimeout(() => {
          if (finish()) reject(callTimeoutError(method, ms));
        }, ms);
        let sent: Promise<unknown>;
        try {
          sent = bridge.call(method, input);
        } catch (err) {
          sent = Promise.reject(err instanceof Error ? err : new Error(String(err)));
        }
        sent.then(
          (reply) => {
            if (!finish()) return;
            if (!isReply(reply)) reject(rebuildApiError({ code: 'E_PROTOCOL', message: `${method} got a malformed answer.` }));
            else if ('error' in reply && reply.error !== undefined) reject(rebuildApiError(reply.error));
            else resolve((reply as { result: unknown }).result as MethodOutput<M>);
          },
          (err: unknown) => {
            if (finish()) reject(invokeFailure(err));
          },
        );
      });
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
