// Pages for the UI figures, in the Chromium the tests use (test/helpers/chromium.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { launchChromium } from '../../helpers/chromium.js';
export const VIEWPORT = { width: 1440, height: 900 };

/** A page in a context of its own: no cookies, storage or memory cache shared with earlier pages. */
export async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  return { context, page };
}

/** The lab view of `lab` straight from the host's URL (token in the query, place in the hash). */
export const labUrl = (hostUrl: string, lab: string): string => `${hostUrl}#/lab/${lab}`;

/**
 * Waits until the page expression is truthy, evaluating it every `intervalMs` up to `timeoutMs`. Polled
 * from here because Playwright's string predicates run through eval() in the page, which the app's CSP
 * (rightly) forbids.
 */
export async function pollInPage(page: Page, expression: string, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate<boolean>(`Boolean(${expression})`)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`still false after ${timeoutMs} ms in the page: ${expression}`);
}
