// The language a learner first sees through the browser host is their browser's, not the host process's:
// a Chinese Chromium (--lang=zh-CN, locale zh-CN) gets Chinese from a host whose own
// locale is English, an English one gets English from a Chinese host, and a language picked in the UI wins
// and survives a reload. Each host is given the locale opposite to the browser's, so the server's default
// can never make a case pass. DOCKER_HOST names a socket that does not exist: no lab, no engine is touched,
// and the first screen is the "Docker is not available" card. Screenshots go to test-artifacts/i18n-default/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/util/paths.js';
import { launchChromium } from '../helpers/chromium.js';
import { startServe, type ServeProcess } from '../helpers/serveProcess.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'i18n-default');
const VIEWPORT = { width: 1280, height: 800 };
const DOCKER_TITLE = { en: 'Docker is not available', 'zh-CN': 'Docker 不可用' } as const;

/** The host process's own locale; every variable defaultLang() reads is set, so the machine's cannot leak in. */
function serverLocale(lang: string): Record<string, string> {
  return { HALAB_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: lang };
}

let englishHost: ServeProcess | undefined;
let chineseHost: ServeProcess | undefined;
let browser: Browser | undefined;

/** One Chromium at a time, with its UI language and its context's locale both set to `locale`. */
async function openBrowser(locale: string, host: ServeProcess | undefined): Promise<Page> {
  if (!host) throw new Error('the host did not start');
  browser = await launchChromium([`--lang=${locale}`]);
  const context = await browser.newContext({ locale, viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(host.url);
  return page;
}

/**
 * The first screen once system.status has answered. The card and the server's default language come from the
 * same answer and are rendered in the same pass, so the language read here is the one the learner keeps.
 */
async function firstScreen(page: Page): Promise<{ title: string; htmlLang: string; switchValue: string }> {
  await page.getByTestId('setup-docker').waitFor({ timeout: 30_000 });
  return {
    title: (await page.locator('#setup-title').textContent()) ?? '',
    htmlLang: await page.evaluate<string>('document.documentElement.lang'),
    switchValue: await page.getByTestId('lang-switch').inputValue(),
  };
}

describe('the default language is the browser’s (Chromium + browser host, no Docker)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const noDocker = { DOCKER_HOST: `unix://${join(makeTempDir('halab-e2e-nodocker-'), 'docker.sock')}` };
    englishHost = await startServe({ HALAB_HOME: makeTempDir('halab-e2e-lang-en-'), ...noDocker, ...serverLocale('en_US.UTF-8') }, 30_000, 'dist');
    chineseHost = await startServe({ HALAB_HOME: makeTempDir('halab-e2e-lang-zh-'), ...noDocker, ...serverLocale('zh_CN.UTF-8') }, 30_000, 'dist');
  });

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  afterAll(async () => {
    await englishHost?.kill('SIGTERM');
    await chineseHost?.kill('SIGTERM');
  });

  it('a zh-CN browser sees Chinese, from a host whose own locale is English', async () => {
    const page = await openBrowser('zh-CN', englishHost);
    expect(await page.evaluate<string>('navigator.languages[0]')).toMatch(/^zh/);
    const seen = await firstScreen(page);
    await page.screenshot({ path: join(ARTIFACTS, '01-zh-CN-browser.png') });
    expect(seen).toEqual({ title: DOCKER_TITLE['zh-CN'], htmlLang: 'zh-CN', switchValue: 'zh-CN' });
  });

  it('an en-US browser sees English, from a host whose own locale is Chinese', async () => {
    const page = await openBrowser('en-US', chineseHost);
    expect(await page.evaluate<string>('navigator.languages[0]')).toMatch(/^en/);
    const seen = await firstScreen(page);
    await page.screenshot({ path: join(ARTIFACTS, '02-en-US-browser.png') });
    expect(seen).toEqual({ title: DOCKER_TITLE.en, htmlLang: 'en', switchValue: 'en' });
  });

  it('a language chosen in the UI wins over the browser’s and survives a reload', async () => {
    const page = await openBrowser('zh-CN', chineseHost);
    expect((await firstScreen(page)).title).toBe(DOCKER_TITLE['zh-CN']);
    await page.getByTestId('lang-switch').selectOption('en');
    await page.locator('#setup-title', { hasText: DOCKER_TITLE.en }).waitFor();
    await page.reload();
    expect(await firstScreen(page)).toEqual({ title: DOCKER_TITLE.en, htmlLang: 'en', switchValue: 'en' });
    await page.screenshot({ path: join(ARTIFACTS, '03-en-chosen-in-zh-CN-browser-after-reload.png') });
    // And back: the newest choice is the one remembered.
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await page.locator('#setup-title', { hasText: DOCKER_TITLE['zh-CN'] }).waitFor();
    await page.reload();
    expect(await firstScreen(page)).toEqual({ title: DOCKER_TITLE['zh-CN'], htmlLang: 'zh-CN', switchValue: 'zh-CN' });
    await page.screenshot({ path: join(ARTIFACTS, '04-zh-CN-chosen-again-after-reload.png') });
  });
});
