// Validates a saved file with the daemon's own test mode (the probes' checks) and turns the problems into
// editor markers for that one file. Problems located in another file (an include, the main nginx.conf)
// are shown at line 0 with that file named, so the learner still sees why the config is invalid.
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { checkKeepalivedConfig, checkNginxConfig, type ConfigProblem, type ConfigReading } from '../probes/configCheck.js';
import type { ConfigMarker, SaveResult } from '../../common/contract.js';
import { render } from '../messages/catalogue.js';
import { nodeRefusal } from './nodeFile.js';

export type Validator = NonNullable<SaveResult['validator']>;

/** Which daemon validates this path, if any. */
export function validatorFor(path: string): Validator | undefined {
  if (path.startsWith('/etc/keepalived/') && path.endsWith('.conf')) return 'keepalived';
  if (path.startsWith('/etc/nginx/')) return 'nginx';
  return undefined;
}

/** keepalived prefixes what does not stop it with "WARNING"; everything else counts as an error. */
function severityOf(message: string): ConfigMarker['severity'] {
  return /^WARNING\b/i.test(message) ? 'warning' : 'error';
}

/**
 * Markers for `file` from a validator's problems. `isThisFile` decides whether a problem's file is the
 * edited one (nginx names a file by the path it was included through, e.g. sites-enabled/ for a
 * sites-available/ file). A problem with no file (nginx's bind() failures) belongs to this file, line 0.
 */
export function problemsToMarkers(problems: ConfigProblem[], file: string, isThisFile: (f: string) => boolean = (f) => f === file): ConfigMarker[] {
  return problems.map((p) => {
    if (!p.file || isThisFile(p.file)) return { line: p.line, message: p.message, severity: severityOf(p.message) };
    const where = p.line ? `${p.file}:${p.line}` : p.file;
    return { line: 0, message: `${where}: ${p.message}`, severity: severityOf(p.message) };
  });
}

/** Resolves symlinks of the edited file and of the files the problems name, in one exec. */
async function sameFileAs(container: ContainerHandle, path: string, problems: ConfigProblem[]): Promise<(f: string) => boolean> {
  const others = [...new Set(problems.map((p) => p.file).filter((f) => f && f !== path))];
  if (!others.length) return (f) => f === path;
  const res = await container.exec(['readlink', '-m', '--', path, ...others], { timeoutMs: 5000 });
  const real = res.stdout.split('\n');
  if (res.exitCode !== 0 || real.length < others.length + 1) return (f) => f === path;
  const mine = real[0];
  const aliases = new Set([path, ...others.filter((_, i) => real[i + 1] === mine)]);
  return (f) => aliases.has(f);
}

async function readingFor(container: ContainerHandle, validator: Validator, path: string): Promise<ConfigReading> {
  // keepalived's test mode takes the file itself; nginx tests its whole configuration (nginx.conf and all
  // it includes), which is the only way a conf.d or sites file is ever read by nginx.
  return validator === 'keepalived' ? checkKeepalivedConfig(container, path) : checkNginxConfig(container);
}

/**
 * Validates node:path when it is a keepalived or nginx config; other files get no validator. A node that is
 * stopped or gone is refused as read and write refuse it (E_NODE_STOPPED, E_NODE_MISSING), never with the
 * runtime's raw text. `node` names it in those messages (the container's name when not given).
 */
export async function validateNodeFile(container: ContainerHandle, path: string, node = container.ref): Promise<Omit<SaveResult, 'saved'>> {
  try {
    return await validate(container, path);
  } catch (err) {
    if ((err as { statusCode?: number } | null)?.statusCode !== undefined) throw nodeRefusal(err, node);
    throw err;
  }
}

async function validate(container: ContainerHandle, path: string): Promise<Omit<SaveResult, 'saved'>> {
  const validator = validatorFor(path);
  if (!validator) return { markers: [] };
  const reading = await readingFor(container, validator, path);
  let markers = problemsToMarkers(reading.problems, path, await sameFileAs(container, path, reading.problems));
  if (!reading.valid && !markers.some((m) => m.severity === 'error')) {
    // The daemon refused the config without a message we could place: still say so.
    // Markers carry one language (the contract's ConfigMarker.message): the catalogue's English, like the daemons' own.
    markers = [...markers, { line: 0, message: render(reading.verdict).en, severity: 'error' }];
  }
  return { validator, valid: reading.valid, markers };
}
