// Every error code that crosses the API, defined once. The engine throws them, both transports carry them,
// and the UI matches on them: a typo is a type error, not a silent mismatch.

export const ERROR_CODES = [
  // Input and protocol
  'E_INPUT',
  'E_BAD_INPUT',
  'E_PROTOCOL',
  'E_METHOD',
  // Too many calls at once from one window or socket: retry once earlier calls have answered
  'E_BUSY',
  'E_USAGE',
  'E_BAD_PATH',
  // Transport (the UI's own)
  'E_DISCONNECTED',
  'E_CLOSED',
  'E_TIMEOUT',
  // Docker and the machine
  'E_DOCKER',
  'E_DOCKER_UNREACHABLE',
  'E_DOCKER_PERMISSION',
  /** The engine holding this lab stopped answering (a classroom with several engines). */
  'E_ENGINE_LOST',
  'E_IMAGE_BUILD',
  'E_KERNEL_FEATURE',
  'E_SUBNET',
  'E_PORT_IN_USE',
  'E_PORT_DENIED',
  // Labs and nodes
  'E_NO_LAB',
  'E_PACK',
  'E_NOT_RUNNING',
  'E_RUNNING',
  'E_NAME_CLASH',
  'E_STEP',
  'E_NODE',
  'E_NO_SUCH_NODE',
  'E_NODE_STOPPED',
  'E_NODE_MISSING',
  // A classroom: a learner asked for something only the instructor may do, or beyond their share
  'E_FORBIDDEN',
  'E_LIMIT',
  // The lab's protocol observer is gone: nothing records what crosses the lab network
  'E_NO_CAPTURE',
  // Files
  'E_READ',
  'E_WRITE',
  'E_NOT_A_FILE',
  'E_FILE_TOO_BIG',
  'E_FILE_BINARY',
  // Terminals
  'E_NO_TERMINAL',
  'E_TERMINAL_LIMIT',
  'E_SESSION_CLOSED',
  // Anything else
  'E_USER',
  'E_INTERNAL',
  'E_UNKNOWN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
