// One Chromium for a class: each person (a learner, the instructor) in their own browser context, so each
// page holds its own session cookie as it would on its own machine. Screenshots go to
// test-artifacts/<artifacts>/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../../electron/util/paths.js';
import { launchChromium } from '../../helpers/chromium.js';

/** The smallest window the dashboard is made for. */
export const CLASS_VIEWPORT = { width: 1280, height: 720 };

export class ClassroomBrowser {
  private browser: Browser | undefined;

  constructor(private readonly artifacts: string) {}

  async start(): Promise<void> {
    mkdirSync(join(projectRoot(), 'test-artifacts', this.artifacts), { recursive: true });
    this.browser = await launchChromium();
  }

  /** Opens a personal link in a fresh context (no cookie shared with anyone else's page). */
  async open(link: string, viewport = CLASS_VIEWPORT): Promise<Page> {
    if (!this.browser) throw new Error('the classroom browser is not started');
    const context = await this.browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(link);
    return page;
  }

  async shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(projectRoot(), 'test-artifacts', this.artifacts, `${name}.png`) });
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
  }
}
