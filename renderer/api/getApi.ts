// The one way the UI reaches the backend. Inside Electron the preload exposes `window.halab`; in a browser
// served by the local host there is no preload, so the same interface is carried over a WebSocket.
import type { HalabApi } from '../../common/contract.js';
import { alwaysOpen, type ConnectionStore } from './connection.js';
import { createWsApi } from './wsClient.js';

declare global {
  interface Window {
    halab?: HalabApi;
  }
}

let cached: { api: HalabApi; connection: ConnectionStore } | undefined;

export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api`;
}

function resolve(): { api: HalabApi; connection: ConnectionStore } {
  if (!cached) {
    if (window.halab) {
      cached = { api: window.halab, connection: alwaysOpen() };
    } else {
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
