// The one error class the UI sees from a failed API call, whichever transport carried it. Errors cross
// both transports as plain data (ApiError in contract.ts): Electron's IPC and contextBridge copy objects
// without their prototype, and JSON has none. Each transport's client rebuilds this class from that data
// with rebuildApiError, the only place that decides what a malformed or hostile error object becomes.
import type { ApiError, MethodName } from './contract.js';
import { isErrorCode, type ErrorCode } from './errorCodes.js';

/** Longer texts are cut: an error is shown to people, and a peer must not fill the page or the memory. */
export const MAX_ERROR_MESSAGE_CHARS = 2_000;
export const MAX_ERROR_FIX_CHARS = 1_000;

export class ApiCallError extends Error implements ApiError {
  readonly code: ErrorCode;
  declare readonly fix?: string; // declared, not a field: absent (not undefined) when the host gave no fix
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    if (error.fix !== undefined) this.fix = error.fix;
  }
}

export function isApiCallError(err: unknown): err is ApiCallError {
  return err instanceof ApiCallError;
}

/** True when `err` is an API error with this code: the way the UI asks "was it X?". */
export function hasErrorCode(err: unknown, code: ErrorCode): boolean {
  return err instanceof ApiCallError && err.code === code;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A string field of a plain object, read defensively (no getters run on prototypes, no throw escapes). */
function ownString(o: object, key: 'code' | 'message' | 'fix'): string | undefined {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d && typeof d.value === 'string' ? d.value : undefined;
}

/**
 * The ApiError data in `value`, whatever arrived: a code outside the union becomes E_UNKNOWN, a missing
 * message gets a generic one, an empty fix is dropped, long texts are cut. Never throws.
 */
export function normalizeApiError(value: unknown): ApiError {
  if (typeof value === 'string') return { code: 'E_UNKNOWN', message: cut(value || 'The call failed.', MAX_ERROR_MESSAGE_CHARS) };
  if (value === null || typeof value !== 'object') return { code: 'E_UNKNOWN', message: 'The call failed without saying why.' };
  let code: string | undefined;
  let message: string | undefined;
  let fix: string | undefined;
  try {
    code = ownString(value, 'code');
    message = ownString(value, 'message');
    fix = ownString(value, 'fix');
  } catch {
    // A proxy that throws on inspection: treat it as saying nothing.
  }
  const error: ApiError = {
    code: isErrorCode(code) ? code : 'E_UNKNOWN',
    message: cut(message || 'The call failed without saying why.', MAX_ERROR_MESSAGE_CHARS),
  };
  if (fix) error.fix = cut(fix, MAX_ERROR_FIX_CHARS);
  return error;
}

/** The error a caller sees for the error data a transport delivered. */
export function rebuildApiError(value: unknown): ApiCallError {
  return value instanceof ApiCallError ? value : new ApiCallError(normalizeApiError(value));
}

/** The same timeout on every transport: the method had no answer within its budget (common/callBudgets.ts). */
export function callTimeoutError(method: MethodName, ms: number): ApiCallError {
  return new ApiCallError({ code: 'E_TIMEOUT', message: `${method} got no answer within ${Math.round(ms / 1000)} s.` });
}
