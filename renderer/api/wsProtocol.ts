// The frames the browser host and this client exchange over the `/api` WebSocket (JSON text frames).
//   client -> host  { id, method, input }
//   host -> client  { id, result } | { id, error: ApiError }   (an `ok` flag is accepted too)
//   host -> client  { event, payload }
import { normalizeApiError } from '../../common/apiError.js';
import type { ApiError, EventName, MethodName } from '../../common/contract.js';

export interface WsRequest {
  id: number;
  method: MethodName;
  input: unknown;
}

export type WsReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ApiError };

export interface WsEvent {
  event: EventName;
  payload: unknown;
}

export type WsIncoming = WsReply | WsEvent;

/** Parses one frame from the host; anything malformed is dropped rather than trusted. */
export function parseIncoming(text: string): WsIncoming | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!msg || typeof msg !== 'object') return undefined;
  const o = msg as Record<string, unknown>;
  if (typeof o.event === 'string') return { event: o.event as EventName, payload: o.payload };
  if (typeof o.id !== 'number') return undefined;
  // The dispatcher's result shape, { result } | { error }, with or without an explicit `ok` flag.
  const failed = o.ok === false || ('error' in o && o.error !== undefined && o.ok !== true);
  if (!failed) return 'result' in o || o.ok === true ? { id: o.id, ok: true, result: o.result } : undefined;
  // Unknown codes, missing or oversized texts: decided once for both transports, in common/apiError.ts.
  return { id: o.id, ok: false, error: normalizeApiError(o.error) };
}
