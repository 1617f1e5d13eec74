// The one way the UI reaches the backend. Inside Electron the preload exposes `window.halab`, which
// ipcClient makes a HalabApi of; in a browser served by the local host there is no preload, so the same
// interface is carried over a WebSocket. Both fail with ApiCallError (common/apiError.ts) and time out alike.
import type { HalabApi, IpcBridge } from '../../common/contract.js';
import { alwaysOpen, type ConnectionStore } from './connection.js';
import { createIpcApi } from './ipcClient.js';
import { dropCredentialsFromAddressBar } from './launchUrl.js';
import { createWsApi } from './wsClient.js';

declare global {
  interface Window {
    halab?: IpcBridge;
  }
}

let cached: { api: HalabApi; connection: ConnectionStore } | undefined;

export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api`;
}

function resolve(): { api: HalabApi; connection: ConnectionStore } {
  if (!cached) {
    if (window.halab) {
      cached = { api: createIpcApi(window.halab), connection: alwaysOpen() };
    } else {
      dropCredentialsFromAddressBar(window.location, window.history);
      const ws = createWsApi({ url: wsUrl(window.location) });
      cached = { api: ws, connection: ws.connection };
    }
  }
  return cached;
}

export function getApi(): HalabApi {
  return resolve().api;
}

/** The state of the link to the host, for the reconnect banner. */
export function getConnection(): ConnectionStore {
  return resolve().connection;
}
