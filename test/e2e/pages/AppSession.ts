// One browser host (the built app in dist/) and one Chromium page for a whole e2e file: started once in
// beforeAll, closed in afterAll. `restart()` is "the next day": a new host process and a new browser on
// the same HALAB_HOME.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../../electron/util/paths.js';
import { launchChromium } from '../../helpers/chromium.js';
import { startServe, type ServeProcess } from '../../helpers/serveProcess.js';
import type { Lang } from '../../../common/contract.js';

const VIEWPORT = { width: 1440, height: 900 };

export class AppSession {
  private host: ServeProcess | undefined;
  private browser: Browser | undefined;
  private current: Page | undefined;

  /** Screenshots go to test-artifacts/<artifacts>/. */
  constructor(
    private readonly home: string,
    private readonly artifacts: string,
  ) {}

  get page(): Page {
    if (!this.current) throw new Error('the app session is not started');
    return this.current;
  }

  /** The host's URL with its token, as `halab serve` printed it. */
  get url(): string {
    return this.host?.url ?? '';
  }

  async start(): Promise<void> {
    if (!existsSync(join(projectRoot(), 'dist', 'renderer', 'index.html'))) throw new Error('build the app first: npm run build');
    mkdirSync(join(projectRoot(), 'test-artifacts', this.artifacts), { recursive: true });
    this.host = await startServe({ HALAB_HOME: this.home }, 30_000, 'dist');
    this.browser = await launchChromium();
    this.current = await this.browser.newPage({ viewport: VIEWPORT });
  }

  /** Opens the app at its start page (the lab list). */
  async open(): Promise<void> {
    await this.page.goto(this.url);
  }

  /** Closes the browser and the host, then starts both again on the same HALAB_HOME. */
  async restart(): Promise<void> {
    await this.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
    this.current = undefined;
    await this.host?.kill('SIGTERM');
    this.host = undefined;
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(projectRoot(), 'test-artifacts', this.artifacts, `${name}.png`) });
  }

  /** The language switch in the header, present on every screen. */
  async chooseLanguage(lang: Lang): Promise<void> {
    await this.page.getByTestId('lang-switch').selectOption(lang);
  }
}
