// The instructor's dashboard stays readable for a full class in the smallest window it is made for
// (1280x720), in English and Chinese: the real header and dashboard with the app's stylesheets in a test
// page (test/unit/ui/pages/classDashboardPage.ts), 30 learners x 12 steps, then 24 steps. The grid scrolls
// inside its own box with the learners' column and the step header in place, nothing in the header rows
// overlaps, and the window itself never scrolls. No Docker needed. Screenshots: test-artifacts/classroom/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../common/contract.js';
import { projectRoot } from '../../electron/util/paths.js';
import { bundlePage, type BundledPage } from '../helpers/bundlePage.js';
import { launchChromium } from '../helpers/chromium.js';
import { CLASS_VIEWPORT } from './pages/ClassroomBrowser.js';

interface Box {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Layout {
  window: { width: number; height: number; scrollHeight: number };
  grid: Box & { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
  /** Header rows, the learners' column and one body cell, as drawn now. */
  corner: Box;
  firstLearner: Box;
  lastLearner: Box;
  stepHeader: Box;
  /** Texts of the page's header and the dashboard's header rows that must not run into each other. */
  chrome: Box[];
  /** Texts cut short in those rows (their content is wider than their box). */
  clipped: string[];
}

let bundle: BundledPage;
let browser: Browser;
const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'classroom');

async function showClass(lang: Lang, steps: number): Promise<Page> {
  const page = await browser.newPage({ viewport: CLASS_VIEWPORT });
  await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
  await page.addStyleTag({ content: bundle.style });
  await page.addScriptTag({ content: bundle.script });
  await page.evaluate(`window.halabClassPage.show(${JSON.stringify({ lang, learners: 30, steps })})`);
  await page.getByTestId('class-row-l30').waitFor({ timeout: 10_000 });
  return page;
}

/** Reads the layout in the page (a plain script: the page has no access to this file's helpers). */
function layout(page: Page): Promise<Layout> {
  return page.evaluate<Layout>(`(() => {
    const box = (el, name) => { const b = el.getBoundingClientRect(); return { name, left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
    const one = (sel) => document.querySelector(sel);
    const grid = one('[data-testid="class-grid"]');
    const rows = [...document.querySelectorAll('.class-grid-learner')];
    const chromeSel = ['.brand', '.session-badge', '.lang-switch', '.class-title', '.class-counts li', '.class-report', '[data-testid="class-open-labs"]', '.class-message-label', '.class-message-input', '[data-testid="class-message-send"]', '[data-testid="class-sent-button"]', '.class-legend li', '[data-testid="class-updated"]'];
    const chrome = chromeSel.flatMap((sel) => [...document.querySelectorAll(sel)].map((el, i) => box(el, sel + '#' + i)));
    const clipSel = ['.class-counts li', '.class-legend li', '.class-report-label', '.class-message-label', '.session-who', '.class-grid-step', '.class-kicker', '[data-testid="class-open-labs"]'];
    const clipped = clipSel.flatMap((sel) => [...document.querySelectorAll(sel)].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => sel + ': ' + el.textContent));
    return {
      window: { width: innerWidth, height: innerHeight, scrollHeight: document.documentElement.scrollHeight },
      grid: { ...box(grid, 'grid'), scrollWidth: grid.scrollWidth, clientWidth: grid.clientWidth, scrollHeight: grid.scrollHeight, clientHeight: grid.clientHeight },
      corner: box(one('.class-grid-corner'), 'corner'),
      firstLearner: box(rows[0], 'first learner'),
      lastLearner: box(rows[rows.length - 1], 'last learner'),
      stepHeader: box(one('.class-grid-step'), 'step header'),
      chrome,
      clipped,
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

async function scrollGrid(page: Page, to: 'end' | 'right'): Promise<void> {
  await page.evaluate(`(() => { const g = document.querySelector('[data-testid="class-grid"]'); ${to === 'end' ? 'g.scrollTop = g.scrollHeight;' : 'g.scrollLeft = g.scrollWidth;'} })()`);
  await page.waitForFunction(`(() => { const g = document.querySelector('[data-testid="class-grid"]'); return ${to === 'end' ? 'g.scrollTop > 0' : 'g.scrollLeft > 0'}; })()`, undefined, {
    timeout: 5_000,
  });
}

describe('the class grid for 30 learners in 1280x720 (Chromium, test page)', () => {
  beforeAll(async () => {
    bundle = await bundlePage(join(projectRoot(), 'test', 'unit', 'ui', 'pages', 'classDashboardPage.ts'));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each<Lang>(['en', 'zh-CN'])('12 steps in %s: every step in view, the learners scroll under a fixed header, nothing overlaps', async (lang) => {
    const page = await showClass(lang, 12);
    const at = await layout(page);
    expect(at.window.scrollHeight).toBeLessThanOrEqual(at.window.height);
    expect(at.grid.bottom).toBeLessThanOrEqual(at.window.height);
    // Every step of both labs fits across; the 30 rows scroll inside the grid, and about half are in view.
    expect(at.grid.scrollWidth).toBeLessThanOrEqual(at.grid.clientWidth);
    expect(at.grid.scrollHeight).toBeGreaterThan(at.grid.clientHeight);
    expect(at.grid.clientHeight).toBeGreaterThan(10 * 34);
    expect(overlapping(at.chrome)).toEqual([]);
    expect(at.clipped).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `10-grid-30x12-${lang}.png`) });

    await scrollGrid(page, 'end');
    const scrolled = await layout(page);
    expect(scrolled.corner.top).toBeCloseTo(at.corner.top, 0);
    expect(scrolled.stepHeader.top).toBeCloseTo(at.stepHeader.top, 0);
    // The last learner's row is in view, below the header rows, not under them.
    expect(scrolled.lastLearner.top).toBeGreaterThanOrEqual(scrolled.stepHeader.bottom - 0.5);
    expect(scrolled.lastLearner.bottom).toBeLessThanOrEqual(scrolled.grid.bottom);
    await page.screenshot({ path: join(ARTIFACTS, `11-grid-30x12-${lang}-scrolled.png`) });
    await page.close();
  });

  it.each<Lang>(['en', 'zh-CN'])('24 steps in %s: the grid scrolls across with the learners’ column in place', async (lang) => {
    const page = await showClass(lang, 24);
    const at = await layout(page);
    expect(at.grid.scrollWidth).toBeGreaterThan(at.grid.clientWidth);
    expect(at.window.scrollHeight).toBeLessThanOrEqual(at.window.height);
    await scrollGrid(page, 'right');
    const scrolled = await layout(page);
    expect(scrolled.firstLearner.left).toBeCloseTo(at.firstLearner.left, 0);
    expect(scrolled.corner.left).toBeCloseTo(at.corner.left, 0);
    await page.getByTestId('cell-l02-failure-modes-3').click();
    await page.getByTestId('class-cell-panel').waitFor({ timeout: 5_000 });
    // The panel opens beside the grid; the chosen cell is in view, clear of the fixed column and header.
    const withPanel = await layout(page);
    const panel = await page.getByTestId('class-cell-panel').boundingBox();
    const cell = await page.getByTestId('cell-l02-failure-modes-3').boundingBox();
    expect(panel && cell).toBeTruthy();
    if (!panel || !cell) return;
    expect(withPanel.grid.right).toBeLessThanOrEqual(panel.x);
    expect(cell.x).toBeGreaterThanOrEqual(withPanel.firstLearner.right - 0.5);
    expect(cell.x + cell.width).toBeLessThanOrEqual(withPanel.grid.right);
    expect(cell.y).toBeGreaterThanOrEqual(withPanel.stepHeader.bottom - 0.5);
    await page.screenshot({ path: join(ARTIFACTS, `12-grid-30x24-${lang}-across-panel.png`) });
    await page.close();
  });
});
