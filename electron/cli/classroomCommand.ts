// `halab classroom`: serves a class until Ctrl-C. Prints the instructor's link on stdout (scripts read its
// first line) and, on stderr, where the learners' links are and how to check the certificate.
import { join } from 'node:path';
import { startClassroom, type ClassroomOptions } from '../classroom/classroomServer.js';
import { readEngineConfig } from '../runtime/dockerEngineConfig.js';
import { keepServingOnFaults, untilStopSignal } from '../host/processGuards.js';
import { isWildcardAddress } from '../classroom/classAddress.js';
import { halabHome } from '../util/paths.js';
import { UsageError, type Cli } from './context.js';
import { parsePort } from './serveCommand.js';

export const DEFAULT_CLASS_PORT = 7420;
const CLASS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** The class's folder and name, from --dir or --name (default "class"). */
export function classPlace(cli: Cli): { dir: string; name: string } {
  const name = cli.opts.name ?? 'class';
  if (!CLASS_NAME.test(name)) throw new UsageError('--name: letters, digits, "-" and "_", at most 40');
  return { dir: cli.opts.dir ?? join(halabHome(), 'classes', name), name };
}

/** How the instructor gets a fresh instructor link for this class, as the page for a dead link says it. */
const instructorLinkCommand = (cli: Cli, name: string): string => `halab classroom links ${cli.opts.dir === undefined ? `--name ${name}` : '--dir <class folder>'} --instructor`;

function classOptions(cli: Cli): ClassroomOptions {
  const o = cli.opts;
  const { dir, name } = classPlace(cli);
  if (o.bind !== undefined && isWildcardAddress(o.bind) && o['url-host'] === undefined)
    throw new UsageError(`--bind ${o.bind} listens on every address: add --url-host NAME, the name or address learners type to reach this server`);
  if (o.roster && o.learners) throw new UsageError('give either --roster FILE or --learners N, not both');
  let roster: ClassroomOptions['roster'];
  if (o.roster) roster = { file: o.roster };
  else if (o.learners !== undefined) {
    const n = Number(o.learners);
    if (!/^\d+$/.test(o.learners) || n < 1 || n > 200) throw new UsageError('--learners must be a number from 1 to 200');
    roster = { count: n };
  }
  if ((o.cert === undefined) !== (o.key === undefined)) throw new UsageError('give --cert and --key together');
  return {
    dir,
    name,
    instructorLinkCommand: instructorLinkCommand(cli, name),
    ...(roster ? { roster } : {}),
    ...(o.labs
      ? {
          labs: o.labs
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
        }
      : {}),
    port: o.port === undefined ? DEFAULT_CLASS_PORT : parsePort(o.port),
    bind: o.bind ?? '127.0.0.1',
    ...(o['url-host'] !== undefined ? { urlHost: o['url-host'] } : {}),
    ...(o.cert && o.key ? { tls: { cert: o.cert, key: o.key } } : {}),
    ...(o.engines !== undefined ? { engines: readEngineConfig(o.engines) } : {}),
  };
}

export async function cmdClassroom(cli: Cli, sub?: string): Promise<number> {
  if (sub !== undefined) throw new UsageError(`unknown classroom command "${sub}" (there is: links)`);
  const options = classOptions(cli); // a usage error before anything is started
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const stopGuarding = keepServingOnFaults(log);
  const room = await startClassroom({ ...options, log });
  const learners = room.room.store.learners().length;
  process.stdout.write(`${room.instructorUrl}\n`);
  log(`[classroom] ${room.room.name}: ${learners} learners, labs ${room.room.labs.map((l) => l.id).join(', ')}; instructor's link above (new at every start)`);
  log(`[classroom] the learners' personal links: ${room.linksFile} (readable by you only)`);
  if (room.tls) {
    const kind = !room.tls.selfSigned ? '' : room.tls.madeBecause === undefined ? ' with the self-signed certificate of earlier starts' : ' with a new self-signed certificate';
    log(`[classroom] HTTPS${kind}, SHA-256 ${room.tls.fingerprint}: learners compare it with what their browser shows`);
  }
  await untilStopSignal(async () => {
    log('[classroom] stopping (running labs keep running; the next start adopts them)');
    await room.close();
  }, log);
  stopGuarding();
  return 0;
}
