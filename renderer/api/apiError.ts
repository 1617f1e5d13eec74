import type { ApiError } from '../../common/contract.js';
import type { ErrorCode } from '../../common/errorCodes.js';

/** An API failure as an Error, keeping the host's code and fix text for the UI. */
export class ApiCallError extends Error implements ApiError {
  readonly code: ErrorCode;
  readonly fix?: string;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    if (error.fix !== undefined) this.fix = error.fix;
  }
}
