// The API over one WebSocket: JSON text frames {id, method, input} -> {id, result} | {id, error}, and
// events {event, payload}. Each socket is one session; its resources (watches, terminals) end with it.
import type { WebSocket, RawData } from 'ws';
import type { ApiError } from '../../common/contract.js';
import type { Dispatcher, Log } from '../api/dispatch.js';
import { createSession } from '../api/dispatch.js';

type RequestId = string | number;

function parseRequest(data: RawData, isBinary: boolean): { id: RequestId; method: unknown; input: unknown } | { id: RequestId | null; bad: string } {
  if (isBinary) return { id: null, bad: 'binary frames are not accepted' };
  let msg: unknown;
  try {
    msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
  } catch {
    return { id: null, bad: 'the frame is not JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { id: null, bad: 'the frame is not an object' };
  const o = msg as Record<string, unknown>;
  const id = o.id;
  const validId = (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!validId) return { id: null, bad: 'the frame has no valid id' };
  return { id, method: o.method, input: o.input };
}

export function serveApiSocket(ws: WebSocket, dispatcher: Dispatcher, log: Log): void {
  const send = (msg: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const session = createSession((event, payload) => {
    send({ event, payload });
  }, log);
  ws.on('message', (data, isBinary) => {
    const req = parseRequest(data, isBinary);
    if ('bad' in req) {
      const error: ApiError = { code: 'E_PROTOCOL', message: `Malformed request: ${req.bad}.` };
      send({ id: req.id, error });
      return;
    }
    void dispatcher.dispatch(req.method, req.input, session.ctx).then((reply) => {
      send({ id: req.id, ...reply });
    });
  });
  ws.on('close', () => {
    session.close();
  });
  ws.on('error', (err) => {
    log(`[host] socket error: ${err.message}`);
    session.close();
  });
}
