// links.csv: one personal link per learner, for the instructor to hand out. Only token hashes are kept
// in the class file, so a link can be printed only while it is new or still in this file: a link that
// still signs in is kept as it is, a learner never given one gets one, and a reissue revokes a learner's
// links and gives a new one. The file is readable by its owner only.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UserError } from '../util/errors.js';
import type { ClassStore } from './classStore.js';

export interface LinksResult {
  file: string;
  /** Learners given a new link now. */
  issued: string[];
  /** Learners whose link in the file still signs in, kept. */
  kept: string[];
  /** Learners with no link this file can show (revoked, or not in the file): `--reissue ID` gives one. */
  missing: string[];
}

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The tokens links.csv holds, by learner id (the file as this module writes it). */
function tokensInFile(file: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(file)) return found;
  for (const line of readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)) {
    const m = /,([a-z0-9-]+),[^,]*\/\?token=([A-Za-z0-9_-]+)$/.exec(line);
    if (m?.[1] && m[2]) found.set(m[1], m[2]);
  }
  return found;
}

/** The server's address of the links in the file, if it has any. */
export function originInLinks(file: string): string | undefined {
  return /,(https?:\/\/[^/,]+)\/\?token=/.exec(existsSync(file) ? readFileSync(file, 'utf8') : '')?.[1];
}

/**
 * Writes `file` with every current learner's link at `origin`. `reissue`: learner ids (or 'all') whose links
 * are revoked and replaced; any other learner keeps a link of the file that still signs in, or is given one
 * if they never had any.
 */
export function writeLinks(store: ClassStore, file: string, origin: string, reissue: readonly string[] | 'all' = []): LinksResult {
  const known = tokensInFile(file);
  const result: LinksResult = { file, issued: [], kept: [], missing: [] };
  const learners = store.learners();
  const unknown = reissue === 'all' ? [] : reissue.filter((id) => !learners.some((l) => l.id === id));
  if (unknown.length) throw new UserError(`No learner ${unknown.join(', ')} in this class.`, { fix: 'Give learner ids as links.csv lists them (l01, l02, ...), or all.', code: 'E_BAD_INPUT' });
  const rows = learners.map((l) => {
    let token: string | undefined;
    const kept = known.get(l.id);
    if (reissue === 'all' || reissue.includes(l.id)) token = store.reissue(l.id);
    else if (kept !== undefined && ((who) => 'role' in who && who.role === 'learner' && who.learner.id === l.id)(store.authenticate(kept))) {
      token = kept;
      result.kept.push(l.id);
    } else if (store.tokenCount(l.id).issued === 0) token = store.issueToken(l.id);
    if (token === undefined) result.missing.push(l.id);
    else if (token !== kept) result.issued.push(l.id);
    return [l.name, l.id, token === undefined ? '' : `${origin}/?token=${token}`].map(csvCell).join(',');
  });
  // A BOM and CRLF: spreadsheet programs then read the Chinese names right. Written aside and renamed, so
  // a reader never sees half a file; the mode is set before the links are in it.
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, `\ufeff${['name,id,link', ...rows].join('\r\n')}\r\n`, { mode: 0o600 });
  chmodSync(aside, 0o600);
  renameSync(aside, file);
  return result;
}
