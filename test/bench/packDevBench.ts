// `halab pack dev`'s reload figure: from a step file saved on disk (a new file renamed over it, as editors
// do) to the open page showing its new text, over several saves. Runs the build in dist/ as a child process
// with Chromium on its page, a copy of a small pack in a temp folder, a private HALAB_HOME; no lab starts.
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { startPackDev } from '../helpers/packDevProcess.js';
import { percentile, round, spreadOf } from './stats.js';

const SAVES = 10;
const STEP_FILE = join('steps', 'en', '01-take-vip.md');
/** A reload that has not shown within this is a failure of the section, not a slow sample. */
const SHOW_TIMEOUT_MS = 15_000;

/**
 * Page source (plain JavaScript, as in ui/pageProbes.ts: evaluated over the DevTools protocol, which the
 * page's CSP does not govern) that settles with the wall-clock time (ms since 1970, this process's clock) of
 * the first frame after `mark` appears in the page's text.
 */
const shownProbe = (mark: string): string => `new Promise((resolve, reject) => {
  const mark = ${JSON.stringify(mark)};
  const shown = () => document.body.textContent.includes(mark);
  let observer;
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error(mark + ' not shown within ${SHOW_TIMEOUT_MS} ms')); }, ${SHOW_TIMEOUT_MS});
  const done = () => { observer.disconnect(); clearTimeout(timer); requestAnimationFrame(() => resolve(Date.now())); };
  observer = new MutationObserver(() => { if (shown()) done(); });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  if (shown()) done();
})`;

const whenShown = (page: Page, mark: string): Promise<number> => page.evaluate<number>(shownProbe(mark));

export async function packDevFigures(log: (line: string) => void): Promise<Record<string, unknown>> {
  const root = mkdtempSync(join(tmpdir(), 'halab-packdev-bench-'));
  const dir = join(root, 'bench-pack');
  await scaffoldPack(dir, 'bench-pack');
  const session = await startPackDev(dir, join(root, 'home'));
  try {
    const page = session.page;
    await page.getByTestId('packdev-step-0').click({ timeout: SHOW_TIMEOUT_MS });
    const original = await readFile(join(dir, STEP_FILE), 'utf8');
    const samples: number[] = [];
    // One save more than counted: the first reload also warms the page's Markdown path.
    for (let i = 0; i <= SAVES; i++) {
      const mark = `reload-mark-${i}-${Date.now()}`;
      const shown = whenShown(page, mark);
      await writeFile(join(dir, `${STEP_FILE}.new`), `${original}\n${mark}\n`);
      const savedAt = Date.now();
      await rename(join(dir, `${STEP_FILE}.new`), join(dir, STEP_FILE));
      const ms = (await shown) - savedAt;
      if (i > 0) samples.push(ms);
      log(`pack dev reload ${i}/${SAVES}${i === 0 ? ' (warm-up, not counted)' : ''}: ${ms} ms`);
    }
    return {
      pack_dev_reload_ms: { p50: round(percentile(samples, 0.5), 1), p95: round(percentile(samples, 0.95), 1), saves: samples.length, cores: cpus().length },
      pack_dev_reload_ms_spread: spreadOf(samples),
    };
  } finally {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  }
}
