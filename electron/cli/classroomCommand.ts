// `halab classroom`: serves a class until Ctrl-C. Prints the instructor's link on stdout (scripts read its
// first line) and, on stderr, where the learners' links are and how to check the certificate.
import { join } from 'node:path';
import { startClassroom, type ClassroomOptions } from '../classroom/classroomServer.js';
import { keepServingOnFaults, untilStopSignal } from '../host/processGuards.js';
import { halabHome } from '../util/paths.js';
import { UsageError, type Cli } from './context.js';
import { parsePort } from './serveCommand.js';

export const DEFAULT_CLASS_PORT = 7420;
const CLASS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

function classOptions(cli: Cli): ClassroomOptions {
  const o = cli.opts;
  const name = o.name ?? 'class';
  if (!CLASS_NAME.test(name)) throw new UsageError('--name: letters, digits, "-" and "_", at most 40');
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
    dir: o.dir ?? join(halabHome(), 'classes', name),
    name,
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
    ...(o.cert && o.key ? { tls: { cert: o.cert, key: o.key } } : {}),
  };
}

export async function cmdClassroom(cli: Cli): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const stopGuarding = keepServingOnFaults(log);
  const room = await startClassroom({ ...classOptions(cli), log });
  const learners = room.room.store.learners().length;
  process.stdout.write(`${room.instructorUrl}\n`);
  log(`[classroom] ${room.room.name}: ${learners} learners, labs ${room.room.labs.map((l) => l.id).join(', ')}; instructor's link above (new at every start)`);
  log(`[classroom] the learners' personal links: ${room.linksFile} (readable by you only)`);
  if (room.tls) log(`[classroom] HTTPS${room.tls.selfSigned ? ' with a self-signed certificate' : ''}, SHA-256 ${room.tls.fingerprint}: learners compare it with what their browser shows`);
  await untilStopSignal(async () => {
    log('[classroom] stopping (running labs keep running; the next start adopts them)');
    await room.close();
  }, log);
  stopGuarding();
  return 0;
}
