// A class on several engines, as its people see it when one engine goes away (Chromium, the real components
// and stylesheets in a test page, no Docker): the instructor's engine panel says which engine stopped
// answering and whose labs it took, above a full grid that still fits the window; the learner whose lab was
// lost reads what happened and what to do. Both languages. Screenshots: test-artifacts/classroom/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../common/contract.js';
import { projectRoot } from '../../electron/util/paths.js';
import { bundlePage, type BundledPage } from '../helpers/bundlePage.js';
import { launchChromium } from '../helpers/chromium.js';
import { CLASS_VIEWPORT } from './pages/ClassroomBrowser.js';

let bundle: BundledPage;
let browser: Browser;
const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'classroom');

async function blankPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: CLASS_VIEWPORT });
  await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
  await page.addStyleTag({ content: bundle.style });
  await page.addScriptTag({ content: bundle.script });
  return page;
}

interface Box {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The boxes of each engine row's parts, and the page's height against the window's. */
function engineLayout(page: Page): Promise<{ parts: Box[][]; scrollHeight: number; height: number; gridHeight: number }> {
  return page.evaluate(`(() => {
    const box = (el, name) => { const b = el.getBoundingClientRect(); return { name, left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
    const rows = [...document.querySelectorAll('.engine-item')];
    return {
      parts: rows.map((r) => [...r.children].filter((c) => c.getBoundingClientRect().width > 0).map((c) => box(c, c.className))),
      scrollHeight: document.documentElement.scrollHeight,
      height: innerHeight,
      gridHeight: document.querySelector('[data-testid="class-grid"]').clientHeight,
    };
  })()`);
}

const overlapping = (boxes: Box[]): string[] =>
  boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      .map((b) => `${a.name} x ${b.name}`),
  );

describe('a class on several engines, one of them lost (Chromium, test page)', () => {
  beforeAll(async () => {
    bundle = await bundlePage(join(projectRoot(), 'test', 'unit', 'ui', 'pages', 'classDashboardPage.ts'));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each<[Lang, RegExp, RegExp]>([
    ['en', /^Affected: 王小明, Alan Turing$/, /not answering since/],
    ['zh-CN', /^受影响：王小明、Alan Turing$/, /起无响应/],
  ])('%s: the instructor sees which engine is lost and whose labs it took', async (lang, affected, lostSince) => {
    const page = await blankPage();
    await page.evaluate(`window.halabClassPage.show(${JSON.stringify({ lang, learners: 30, steps: 12, engines: true })})`);
    await page.getByTestId('engine-panel').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('engine-rack-2').getAttribute('data-health')).toBe('lost');
    expect(await page.getByTestId('engine-rack-2-learners').textContent()).toMatch(affected);
    expect(await page.getByTestId('engine-rack-2').textContent()).toMatch(lostSince);
    expect(await page.getByTestId('engine-main').getAttribute('data-health')).toBe('up');
    const lost = (await page.getByTestId('engine-lost-labs').textContent()) ?? '';
    expect(lost).toContain('王小明');
    expect(lost).toContain('Alan Turing');
    const at = await engineLayout(page);
    for (const row of at.parts) expect(overlapping(row)).toEqual([]);
    // The panel takes room, but the window still does not scroll and the grid keeps several rows in view.
    expect(at.scrollHeight).toBeLessThanOrEqual(at.height);
    expect(at.gridHeight).toBeGreaterThan(5 * 34);
    await page.screenshot({ path: join(ARTIFACTS, `20-engines-lost-${lang}.png`) });
    await page.close();
  });

  it.each<[Lang, RegExp]>([
    ['en', /“The first VRRP pair” ran on the Docker engine “rack-2”.*files and your progress are kept/],
    ['zh-CN', /“第一对 VRRP 主备”运行在 Docker 引擎“rack-2”上.*文件和进度都还在/],
  ])('%s: the learner is told what happened and what to do', async (lang, body) => {
    const page = await blankPage();
    await page.evaluate(`window.halabClassPage.showLabLost(${JSON.stringify(lang)})`);
    const notice = page.getByTestId('lab-lost-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toMatch(body);
    await page.screenshot({ path: join(ARTIFACTS, `21-lab-lost-${lang}.png`) });
    await page.close();
  });
});
