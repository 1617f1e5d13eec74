// The lab list and the lessons as a learner meets them in Chromium through the browser host: the cards in the
// course's order, a lesson in both languages, and a link in a lesson that opens the lab it names. No lab is
// started. Screenshots go to test-artifacts/lessons/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../electron/util/paths.js';
import { isolateHome } from '../helpers/integration.js';
import { launchChromium } from '../helpers/chromium.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';

const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'lessons');
/** The first cards of the lab list, in the order the course teaches them. */
const COURSE_START = ['nginx-warmup', 'lb-layer', 'vrrp-pair', 'nopreempt', 'failure-modes'];

let host: ServeProcess;
let browser: Browser;
let page: Page;

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

describe('lessons in the app (Chromium + browser host)', () => {
  beforeAll(async () => {
    expect(existsSync(join(projectRoot(), 'dist/renderer/index.html')), 'build the UI first: npm run build').toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    host = await startServe({ HALAB_HOME: isolateHome() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser.close().catch(() => undefined);
    await host.kill('SIGTERM');
  });

  it('lists the labs in the course order, in both languages', async () => {
    await page.goto(host.url);
    await page.getByTestId('lab-card-failure-modes').waitFor({ timeout: 30_000 });
    const cards = await page.locator('[data-testid^="lab-card-"]').all();
    const ids = (await Promise.all(cards.map((c) => c.getAttribute('data-testid')))).map((id) => id?.slice('lab-card-'.length));
    expect(ids.slice(0, COURSE_START.length)).toEqual(COURSE_START);
    await shot('01-lab-list-en');
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await page.getByText('主节点真的挂了：几种故障方式').first().waitFor();
    await shot('02-lab-list-zh');
  });

  it('opens another lab from a link in a lesson, in zh-CN and in English', async () => {
    await page.getByTestId('lab-open-failure-modes').click();
    await page.getByTestId('step-intro').click();
    const zhLink = page.locator('a.md-lab-link', { hasText: '第一对 VRRP 主备' }).first();
    await zhLink.waitFor({ timeout: 15_000 });
    await shot('03-failure-modes-intro-zh');
    await zhLink.click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/lab/vrrp-pair');
    await page.getByTestId('lab-view-vrrp-pair').waitFor();

    await page.goBack();
    await page.getByTestId('lab-view-failure-modes').waitFor();
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('step-intro').click();
    const enLink = page.locator('a.md-lab-link', { hasText: 'The first VRRP pair' }).first();
    await enLink.waitFor({ timeout: 15_000 });
    await page.getByText('When the master really fails').first().waitFor();
    await shot('04-failure-modes-intro-en');
    await page.getByTestId('step-1').click(); // 0-based: the second step
    await page.getByRole('heading', { name: 'Step 2: keepalived killed with SIGKILL' }).waitFor();
    await shot('05-failure-modes-step2-en');
  });
});
