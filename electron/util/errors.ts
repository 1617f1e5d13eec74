// Errors that carry a message meant for people, with an optional way forward.

import type { ErrorCode } from '../../common/errorCodes.js';

export interface UserErrorOptions {
  /** What the person can do about it. */
  fix?: string | undefined;
  /** What the UI matches on; E_USER when nothing more specific fits. */
  code?: ErrorCode;
}

/** An error whose message is final and readable as it is (no stack trace shown to users). */
export class UserError extends Error {
  readonly fix: string | undefined;
  readonly code: ErrorCode;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = 'UserError';
    this.fix = options.fix;
    this.code = options.code ?? 'E_USER';
  }
}

/** One problem in a file, located by line (1-based). */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class PackError extends UserError {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'), { code: 'E_PACK' });
    this.name = 'PackError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
