// Errors that carry a message meant for people, with an optional way forward.

/** An error whose message is final and readable as it is (no stack trace shown to users). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
    readonly code = 'E_USER',
  ) {
    super(message);
    this.name = 'UserError';
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
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'), undefined, 'E_PACK');
    this.name = 'PackError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
