// One Docker client per process, and the one place that turns "cannot reach Docker" into advice.
import Docker from 'dockerode';
import { UserError, errorMessage } from '../util/errors.js';

let shared: Docker | undefined;

export function docker(): Docker {
  shared ??= new Docker();
  return shared;
}

/** Where the default client connects, as Docker's own DOCKER_HOST names it. */
export function defaultEngineAddress(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** Turns a connection failure into a message that says how to fix it. */
export function dockerUnreachable(err: unknown, where = defaultEngineAddress()): UserError {
  const raw = errorMessage(err);
  if (/EACCES|permission denied/i.test(raw)) {
    return new UserError(`Docker is running but this user may not use it (${where}: permission denied).`, {
      fix: 'Add yourself to the "docker" group (sudo usermod -aG docker $USER, then log in again), or run as root.',
      code: 'E_DOCKER_PERMISSION',
    });
  }
  return new UserError(`Docker is not reachable at ${where} (${raw.split('\n')[0] ?? raw}).`, {
    fix: 'Start the Docker engine (sudo systemctl start docker, or sudo dockerd &). If it is not installed: sudo apt-get install docker.io (Debian/Ubuntu) or Docker Desktop (macOS/Windows).',
    code: 'E_DOCKER_UNREACHABLE',
  });
}

/** Resolves with the engine version, or throws a UserError with the way forward. Bounded in time. */
export async function ensureDocker(timeoutMs = 5000, d: Docker = docker(), where = defaultEngineAddress()): Promise<{ version: string; apiVersion: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const v = await Promise.race([d.version(), timeout]);
    return { version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    throw dockerUnreachable(err, where);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the error is Docker's 404 (no such container/network/image). */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === 404;
}
