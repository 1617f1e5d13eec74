// The frames the browser host and this client exchange over the `/api` WebSocket (JSON text frames).
//   client -> host  { id, method, input }
//   host -> client  { id, result } | { id, error: ApiError }   (an `ok` flag is accepted too)
//   host -> client  { event, payload }
import type { ApiError, EventName, MethodName } from '../../common/contract.js';
import { isErrorCode } from '../../common/errorCodes.js';

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
  const e = (o.error ?? {}) as Partial<ApiError>;
  const error: ApiError = { code: isErrorCode(e.code) ? e.code : 'E_UNKNOWN', message: typeof e.message === 'string' ? e.message : 'Unknown error' };
  if (typeof e.fix === 'string') error.fix = e.fix;
  return { id: o.id, ok: false, error };
}
