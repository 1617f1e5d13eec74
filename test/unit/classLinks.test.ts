// links.csv written again from the class folder (`halab classroom links`): after a first start that failed
// once the class file existed, every learner gets a link; a link still in the file is kept; --reissue
// revokes a learner's links for a new one; --instructor prints a fresh instructor link. The file is 0600.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeLinks } from '../../electron/classroom/classLinks.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import { cmdClassLinks } from '../../electron/cli/classLinksCommand.js';
import { createCli, parseCommandLine } from '../../electron/cli/context.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const ORIGIN = 'https://192.168.1.10:7420';

/** links.csv as id -> token (empty: no link shown). */
function linksIn(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\ufeffname,id,link\r\n')).toBe(true);
  const rows = text.slice(1).trim().split('\r\n').slice(1);
  return new Map(rows.map((r) => r.split(',')).map(([, id, link]) => [id ?? '', link ? (new URL(link).searchParams.get('token') ?? '') : '']));
}

/** A class as a first start leaves it when it fails after making the class file: learners, no tokens. */
function classWithoutLinks(): { dir: string; store: ClassStore } {
  const dir = makeTempDir('halab-links-');
  const store = ClassStore.open(join(dir, 'class.db'), { create: true });
  store.setClass({ name: 'ops-101', labs: ['vrrp-pair'], settings: { origin: ORIGIN } });
  store.addLearners(rosterOfCount(3));
  return { dir, store };
}

const signsInAs = (store: ClassStore, token: string | undefined): string | undefined => {
  const who = store.authenticate(token ?? '');
  return 'role' in who && who.role === 'learner' ? who.learner.id : undefined;
};

describe('links.csv written from the class file', () => {
  it('gives every learner a link after a failed first start, then keeps the links that still sign in', () => {
    const { dir, store } = classWithoutLinks();
    const file = join(dir, 'links.csv');
    const first = writeLinks(store, file, ORIGIN);
    expect(first).toMatchObject({ issued: ['l01', 'l02', 'l03'], kept: [], missing: [] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const links = linksIn(file);
    for (const id of ['l01', 'l02', 'l03']) expect(signsInAs(store, links.get(id))).toBe(id);
    expect(readFileSync(file, 'utf8')).toContain(`${ORIGIN}/?token=`);

    expect(writeLinks(store, file, ORIGIN)).toMatchObject({ issued: [], kept: ['l01', 'l02', 'l03'] });
    expect(linksIn(file)).toEqual(links);
    store.close();
  });

  it('reissues one learner or all: the old links stop signing in ("replaced"), and a revoked learner shows no link', () => {
    const { dir, store } = classWithoutLinks();
    const file = join(dir, 'links.csv');
    writeLinks(store, file, ORIGIN);
    const before = linksIn(file);
    expect(writeLinks(store, file, ORIGIN, ['l02'])).toMatchObject({ issued: ['l02'], kept: ['l01', 'l03'] });
    const after = linksIn(file);
    expect(store.tokenRefusal(before.get('l02') ?? '')).toBe('replaced');
    expect(signsInAs(store, after.get('l02'))).toBe('l02');
    expect(after.get('l01')).toBe(before.get('l01'));

    store.revokeTokens('l03');
    expect(writeLinks(store, file, ORIGIN)).toMatchObject({ missing: ['l03'] });
    expect(linksIn(file).get('l03')).toBe('');
    expect(writeLinks(store, file, ORIGIN, 'all')).toMatchObject({ issued: ['l01', 'l02', 'l03'], missing: [] });
    expect(() => writeLinks(store, file, ORIGIN, ['l09'])).toThrow(/No learner l09/);
    store.close();
  });
});

describe('halab classroom links', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => (out.push(String(text)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => (out.push(String(text)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const run = async (...args: string[]): Promise<number> => cmdClassLinks(createCli(parseCommandLine(['classroom', 'links', ...args]).values));

  it('writes links.csv at the address the class was served, says where, and prints a fresh instructor link on request', async () => {
    const { dir, store } = classWithoutLinks();
    const teacherBefore = store.issueToken('instructor');
    store.close();
    expect(await run('--dir', dir, '--instructor')).toBe(0);
    const file = join(dir, 'links.csv');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(out.join('')).toContain(`wrote ${file}`);
    const instructorUrl = out.find((l) => l.startsWith(`${ORIGIN}/?token=`)) ?? '';
    expect(instructorUrl).toMatch(/#\/class\n$/);

    const check = ClassStore.open(join(dir, 'class.db'));
    expect(check.authenticate(new URL(instructorUrl.trim()).searchParams.get('token') ?? '')).toEqual({ role: 'instructor' });
    expect(check.tokenRefusal(teacherBefore)).toBe('replaced');
    for (const [id, token] of linksIn(file)) expect(signsInAs(check, token)).toBe(id);
    check.close();
  });

  it('takes another address with --bind/--url-host/--port, and refuses a wildcard bind without --url-host', async () => {
    const { dir, store } = classWithoutLinks();
    store.close();
    expect(await run('--dir', dir, '--bind', '0.0.0.0', '--url-host', 'lab.example.org', '--port', '8443')).toBe(0);
    expect(readFileSync(join(dir, 'links.csv'), 'utf8')).toContain('https://lab.example.org:8443/?token=');
    await expect(run('--dir', dir, '--bind', '0.0.0.0')).rejects.toThrow(/--url-host/);
  });
});
