// A dead class link opened in Chromium: the 401 page in the browser's language, laid out as a page
// (heading, what happened, what learners and the instructor do), under the host's CSP, with nothing of
// the token on it. Screenshots: test-artifacts/sign-in-refused/{en,zh-CN}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classHostAccess } from '../../electron/classroom/classAccess.js';
import { ClassStore } from '../../electron/classroom/classStore.js';
import { rosterOfCount } from '../../electron/classroom/roster.js';
import { signInRefusedPage } from '../../electron/classroom/signInRefusedPage.js';
import { startHost, type Host } from '../../electron/host/startHost.js';
import { projectRoot } from '../../electron/util/paths.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const SHOTS = join(projectRoot(), 'test-artifacts', 'sign-in-refused');
const COMMAND = 'halab classroom links --name ops-101 --instructor';
let host: Host;
let store: ClassStore;
let browser: Browser;
let dead: string;

describe('the page of a dead class link (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = ClassStore.open(join(makeTempDir('halab-e2e-refused-'), 'class.db'), { create: true });
    store.setClass({ name: 'ops-101', labs: ['vrrp-pair'] });
    store.addLearners(rosterOfCount(1));
    dead = store.issueToken('l01');
    store.reissue('l01');
    host = await startHost({
      port: 0,
      access: { access: classHostAccess(store), ownerToken: store.issueToken('instructor') },
      handlers: {},
      refusedPage: (lang) => signInRefusedPage(lang, COMMAND),
      dockerPing: false,
      log: () => undefined,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await host.close();
    store.close();
  });

  for (const [locale, heading, ask] of [
    ['en-US', 'This link is no longer valid', 'Ask your instructor for your new personal link'],
    ['zh-CN', '这个链接已经失效', '请向讲师要新的个人链接'],
  ] as const) {
    it(`shows what to do in ${locale}`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const res = await page.goto(`${host.origin}/?token=${dead}`);
      expect(res?.status()).toBe(401);
      const main = page.getByTestId('sign-in-refused');
      expect(await main.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      expect(await main.textContent()).toContain(ask);
      expect(await page.getByTestId('instructor-command').textContent()).toBe(COMMAND);
      expect(await page.content()).not.toContain(dead);
      // The style sheet applied (a card, not the browser's default page) and nothing was refused by the CSP.
      const style = (el: unknown): string => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopWidth: string } }).getComputedStyle(el).borderTopWidth;
      expect(await main.evaluate(style)).toBe('5px');
      expect(violations).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${locale === 'en-US' ? 'en' : 'zh-CN'}.png`) });
      await context.close();
    });
  }
});
