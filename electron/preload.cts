// The preload: exposes window.halab = { call, on } (the IpcBridge of contract.ts) and nothing else.
// It runs in Chromium's sandbox, where a preload must be CommonJS and may require only 'electron': hence
// the .cts extension and type-only imports. The channel names are typed against the contract's constants,
// so a change there fails the build here.
// `call` hands over the dispatcher's reply as data, errors included: the page's side (renderer/api/ipcClient.ts)
// turns it into the same ApiCallError the WebSocket client throws, and applies the call's time budget.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallReply, EventName, EventPayloads, IpcBridge, MethodName, IPC_CALL as CallChannel, IPC_EVENT as EventChannel } from '../common/contract.js';

const IPC_CALL: typeof CallChannel = 'halab:call';
const IPC_EVENT: typeof EventChannel = 'halab:event';

type AnyListener = (payload: unknown) => void;

const listeners = new Map<string, Set<AnyListener>>();

ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
  if (typeof message.event !== 'string') return;
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (err) {
      console.error(`halab: a listener for ${message.event} failed`, err);
    }
  }
});

const api: IpcBridge = {
  call: (method: MethodName, input: unknown) => ipcRenderer.invoke(IPC_CALL, method, input) as Promise<CallReply>,
  on: <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
    const set = listeners.get(event) ?? new Set<AnyListener>();
    listeners.set(event, set);
    const wrapped: AnyListener = (payload) => {
      listener(payload as EventPayloads[E]);
    };
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('halab', api);
