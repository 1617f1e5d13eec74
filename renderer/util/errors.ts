// Turns a caught error into text for people. A failed API call arrives as one class from both transports,
// ApiCallError (common/apiError.ts), already cleaned by its transport's client; anything else is the UI's
// own bug or a browser failure, shown by its message.
import { isApiCallError } from '../../common/apiError.js';
import type { ErrorCode } from '../../common/errorCodes.js';

export interface ErrorInfo {
  code?: ErrorCode;
  message: string;
  fix?: string;
}

export function errorInfo(err: unknown): ErrorInfo {
  if (isApiCallError(err)) {
    const info: ErrorInfo = { code: err.code, message: err.message };
    if (err.fix) info.fix = err.fix;
    return info;
  }
  if (err instanceof Error) return { message: err.message || err.name };
  return { message: String(err) };
}
