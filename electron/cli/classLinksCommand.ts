// `halab classroom links`: the learners' links.csv written again from the class folder, with or without a
// server running on it. Only token hashes are kept, so links still in the file are kept, learners never
// given one get one (a first start that failed after making the class), and --reissue revokes a learner's
// links for a new one. The class file is shared in WAL mode: a server running on it notices the revocations
// within a second and ends the pages those links opened.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { linkHostOf } from '../classroom/classAddress.js';
import { OTHER_PROCESS_POLL_MS } from '../classroom/classAccess.js';
import { writeLinks } from '../classroom/classLinks.js';
import { ClassStore } from '../classroom/classStore.js';
import { LEARNER_ID } from '../classroom/roster.js';
import { INSTRUCTOR } from '../classroom/types.js';
import { UserError } from '../util/errors.js';
import { classPlace, DEFAULT_CLASS_PORT } from './classroomCommand.js';
import { UsageError, type Cli } from './context.js';
import { parsePort } from './serveCommand.js';

function reissueOf(option: string | undefined): string[] | 'all' {
  if (option === undefined) return [];
  if (option === 'all') return 'all';
  const ids = option
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.find((id) => !LEARNER_ID.test(id));
  if (bad !== undefined || ids.length === 0) throw new UsageError(`--reissue: learner ids as links.csv lists them (l01,l02) or all; not ${JSON.stringify(bad ?? option)}`);
  return ids;
}

/** The address the links carry: as given (like a start's options), else where the class was last served. */
function originOf(cli: Cli, store: ClassStore): string {
  const o = cli.opts;
  const served = store.classInfo()?.settings.origin;
  if (o.bind === undefined && o.port === undefined && o['url-host'] === undefined && typeof served === 'string') return served;
  const bind = o.bind ?? '127.0.0.1';
  const name = linkHostOf(bind, o['url-host']);
  const secure = bind !== '127.0.0.1' || o.cert !== undefined;
  return `${secure ? 'https' : 'http'}://${isIP(name) === 6 ? `[${name}]` : name}:${o.port === undefined ? DEFAULT_CLASS_PORT : parsePort(o.port)}`;
}

export function cmdClassLinks(cli: Cli): Promise<number> {
  const { dir } = classPlace(cli);
  const reissue = reissueOf(cli.opts.reissue);
  const file = join(dir, 'class.db');
  if (!existsSync(file)) throw new UserError(`There is no class in ${dir}.`, { fix: 'Start it first: halab classroom --roster names.csv --labs vrrp-pair --name NAME.', code: 'E_BAD_INPUT' });
  const store = ClassStore.open(file);
  try {
    const origin = originOf(cli, store);
    const result = writeLinks(store, join(dir, 'links.csv'), origin, reissue);
    const instructorUrl = cli.opts.instructor ? `${origin}/?token=${store.reissue(INSTRUCTOR)}#/class` : undefined;
    cli.emit({ ...result, origin, ...(instructorUrl ? { instructorUrl } : {}) }, () => {
      if (instructorUrl) cli.out(instructorUrl);
      const list = (ids: string[]): string => (ids.length ? ids.join(', ') : 'none');
      cli.progress(`[classroom] wrote ${result.file} (readable by you only), links at ${origin}`);
      cli.progress(`[classroom] new links: ${list(result.issued)}; kept: ${list(result.kept)}`);
      if (result.missing.length) cli.progress(`[classroom] no link to show for ${list(result.missing)} (revoked, or not in the file): --reissue ID gives a new one`);
      if (result.issued.length || instructorUrl) cli.progress(`[classroom] a server running on this class ends the pages of replaced links within ${OTHER_PROCESS_POLL_MS / 1000} s`);
    });
    return Promise.resolve(0);
  } finally {
    store.close();
  }
}
