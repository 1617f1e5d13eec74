// The terminal paints every character: the app's real terminal (mountTerminal with its xterm
// options and the app's CSS, bundled into a blank Chromium page with a stand-in shell, no host or Docker)
// prints a row of underscores, an empty row, a row of CJK text and a row of box-drawing characters; the
// pixels of each written row must differ from the empty row's. Underscores sit at the very bottom of the
// font's descent, where a row as tall as the font clips them: at 14 px in DejaVu Sans Mono they were not
// drawn at all. Checked at the app's font size at Chromium's zoom levels (zoom scales the page, the terminal
// with it), and at the other sizes a font-size control would offer. Screenshots: test-artifacts/terminal-paint/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/util/paths.js';
import { bundlePage, type BundledPage } from '../helpers/bundlePage.js';
import { launchChromium } from '../helpers/chromium.js';

const ARTIFACTS = join(projectRoot(), 'test-artifacts', 'terminal-paint');
const PAGE_ENTRY = join(projectRoot(), 'test', 'unit', 'ui', 'pages', 'terminalPaintPage.ts');

/** Chromium's zoom levels from 67 % to 300 % (Ctrl +/- in the browser host and in Electron). */
const ZOOMS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
/** The sizes a font-size control would reasonably offer, at 100 %. */
const OTHER_SIZES = [10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 22, 24];

const CELLS = 40;
const ROWS = {
  underscores: { row: 0, text: '_'.repeat(CELLS) },
  empty: { row: 1, text: '' },
  cjk: { row: 2, text: '主备切换虚拟地址抢占模式健康检查日志状态' }, // 20 wide characters: 40 cells
  box: { row: 3, text: '┌─┬─┐│ │└─┴─┘├─┼─┤═║╔╗╚╝'.repeat(2).slice(0, CELLS) },
} as const;
/** A pixel counts as painted when a channel differs from the empty row's by more than this (of 255; the
 *  terminal's foreground and background differ by 182). */
const INK_THRESHOLD = 32;

interface Painted {
  differing: number;
  /** Device pixels across the row's written cells: one line of ink that long is the least a row must show. */
  width: number;
}

let browser: Browser;
let bundle: BundledPage;

/** The cell width and row boxes of the terminal's screen, in CSS px (TerminalPageHooks.layout). */
interface Layout {
  left: number;
  top: number;
  width: number;
  height: number;
  cellWidth: number;
}

/** Calls the test page's hooks (test/unit/ui/pages/terminalPaintPage.ts: window.halabTerminalPage). */
function inPage<T = unknown>(page: Page, call: string): Promise<T> {
  return page.evaluate<T>(`window.halabTerminalPage.${call}`);
}

async function openPage(zoom: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 480 }, deviceScaleFactor: zoom });
  await page.setContent('<!doctype html><html><body><div id="term" class="term-pane" style="width: 860px; height: 440px"></div></body></html>');
  await page.addStyleTag({ content: bundle.style });
  await page.addScriptTag({ content: bundle.script });
  return page;
}

/** Mounts a terminal, prints the four rows and measures how each written row differs from the empty one. */
async function paint(page: Page, fontSize: number, shot?: string): Promise<Record<'underscores' | 'cjk' | 'box', Painted>> {
  await inPage(page, `mount(${fontSize})`);
  await inPage(page, `print(${JSON.stringify([ROWS.underscores.text, ROWS.empty.text, ROWS.cjk.text, ROWS.box.text].join('\r\n'))})`);
  // The characters are in the rows (as text, what a copy gives back): what follows is only about painting.
  const texts = await page.locator('.xterm-rows > div').allTextContents();
  expect(texts[ROWS.underscores.row]?.trim()).toBe(ROWS.underscores.text);
  expect(texts[ROWS.cjk.row]?.trim()).toBe(ROWS.cjk.text);
  expect(texts[ROWS.box.row]?.trim()).toBe(ROWS.box.text);

  const layout = await inPage<Layout>(page, 'layout()');
  const png = await page.screenshot({ clip: { x: layout.left, y: layout.top, width: layout.width, height: layout.height } });
  if (shot) await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), clip: { x: 0, y: 0, width: 420, height: 120 } });
  const width = CELLS * layout.cellWidth * (await page.evaluate<number>('devicePixelRatio'));
  const measure = async (row: number): Promise<Painted> => {
    const diff = await inPage<{ differing: number }>(page, `compareRows(${JSON.stringify(png.toString('base64'))}, ${row}, ${ROWS.empty.row}, ${CELLS}, ${INK_THRESHOLD})`);
    return { differing: diff.differing, width: Math.floor(width) };
  };
  return { underscores: await measure(ROWS.underscores.row), cjk: await measure(ROWS.cjk.row), box: await measure(ROWS.box.row) };
}

function expectPainted(what: string, result: Record<string, Painted>): void {
  for (const [row, { differing, width }] of Object.entries(result)) {
    // An underscore is one thin line: at least 80 % of a one-pixel line across its cells, not a stray pixel.
    expect(differing, `${what}: the ${row} row is not painted (${differing} pixels differ from an empty row, want >= ${Math.floor(width * 0.8)})`).toBeGreaterThanOrEqual(Math.floor(width * 0.8));
  }
}

describe('the terminal paints every character (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    bundle = await bundlePage(PAGE_ENTRY);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("paints underscores, CJK and box drawing at the app's font size at every zoom level", async () => {
    const failures: string[] = [];
    for (const zoom of ZOOMS) {
      const page = await openPage(zoom);
      try {
        const size = await inPage<number>(page, 'fontSize');
        const result = await paint(page, size, zoom === 1 || zoom === 2 ? `rows-${size}px-zoom-${zoom * 100}` : undefined);
        try {
          expectPainted(`${size} px at ${Math.round(zoom * 100)} %`, result);
        } catch (err) {
          failures.push((err as Error).message.split('\n')[0] ?? '');
        }
      } finally {
        await page.close();
      }
    }
    expect(failures).toEqual([]);
  });

  it('paints them at the other font sizes a size control would offer', async () => {
    const page = await openPage(1);
    const failures: string[] = [];
    try {
      for (const size of OTHER_SIZES) {
        try {
          expectPainted(`${size} px at 100 %`, await paint(page, size));
        } catch (err) {
          failures.push((err as Error).message.split('\n')[0] ?? '');
        }
      }
    } finally {
      await page.close();
    }
    expect(failures).toEqual([]);
  });
});
