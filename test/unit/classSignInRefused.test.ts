// A dead link opened in a browser: HTTP 401 with a page saying what to do next, in the browser's language
// (any Chinese tag gives zh-CN), with the host's CSP and nothing of the token it came with. Requests that
// are not a browser opening a page still get a bare 401.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classHostAccess } from '../../electron/classroom/classAccess.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import { signInRefusedPage } from '../../electron/classroom/signInRefusedPage.js';
import { langOfAcceptLanguage } from '../../electron/host/acceptLanguage.js';
import { cookieName } from '../../electron/host/auth.js';
import { startHost, type Host } from '../../electron/host/startHost.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/staticFiles.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const COMMAND = 'halab classroom links --name ops-101 --instructor';
let host: Host;
let store: ClassStore;
let revoked: string;
let replaced: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeAll(async () => {
  const dir = makeTempDir('halab-refused-');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  store = ClassStore.open(join(dir, 'class.db'), { create: true });
  store.setClass({ name: 'ops-101', labs: ['vrrp-pair'] });
  store.addLearners(rosterOfCount(2));
  revoked = store.issueToken('l01');
  store.revokeTokens('l01');
  replaced = store.issueToken('l02');
  store.reissue('l02');
  host = await startHost({
    port: 0,
    rendererDir: join(dir, 'renderer'),
    handlers: {},
    access: { access: classHostAccess(store), ownerToken: store.issueToken('instructor') },
    refusedPage: (lang) => signInRefusedPage(lang, COMMAND),
    dockerPing: false,
    log: () => undefined,
  });
});
afterAll(async () => {
  await host.close();
  store.close();
});

describe('the page for a link that no longer signs in', () => {
  it('answers 401 in Chinese to a Chinese browser: the link is dead, ask the instructor, and the command for a fresh instructor link', async () => {
    const res = await get(`/?token=${revoked}`, { ...BROWSER, 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('这个链接已经失效');
    expect(res.body).toContain('请向讲师要新的个人链接');
    expect(res.body).toContain(COMMAND);
    expect(res.body).not.toContain(revoked);
    expect(res.body).not.toMatch(/<script/i);
  });

  it('answers in English otherwise, for an unknown token, a replaced one, or a dead cookie alike', async () => {
    for (const [path, headers] of [
      ['/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { 'Accept-Language': 'fr-FR,fr;q=0.9' }],
      [`/?token=${replaced}`, { 'Accept-Language': 'en-US,en;q=0.9' }],
      ['/', { Cookie: `${cookieName(host.port)}=${revoked}` }],
    ] as const) {
      const res = await get(path, { ...BROWSER, ...headers });
      expect(res.status, path).toBe(401);
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).toContain('This link is no longer valid');
      expect(res.body).toContain('revoked it or gave you a new one, or it is a link from an earlier class');
      expect(res.body).toContain('Ask your instructor for your new personal link');
      expect(res.body).toContain(COMMAND);
      expect(res.body).not.toContain(revoked);
      expect(res.body).not.toContain(replaced);
    }
  });

  it('gives a bare 401 to what is not a browser opening a page', async () => {
    const res = await get(`/assets/app.js?token=${revoked}`, { Accept: '*/*' });
    expect(res).toMatchObject({ status: 401, body: '' });
  });
});

describe("the browser's language", () => {
  it('takes the most preferred tag the app has, any Chinese tag as zh-CN, English otherwise', () => {
    expect(langOfAcceptLanguage('zh')).toBe('zh-CN');
    expect(langOfAcceptLanguage('zh-TW,en;q=0.5')).toBe('zh-CN');
    expect(langOfAcceptLanguage('fr,en;q=0.8,zh;q=0.9')).toBe('zh-CN');
    expect(langOfAcceptLanguage('en-GB,zh;q=0.9')).toBe('en');
    expect(langOfAcceptLanguage('zh;q=0,en')).toBe('en');
    expect(langOfAcceptLanguage('de')).toBe('en');
    expect(langOfAcceptLanguage(undefined)).toBe('en');
  });
});
