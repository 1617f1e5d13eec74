// Debian's Chromium driven by playwright-core, started the way this machine allows: no sandbox as root,
// no GPU, and none of Chromium's own background connections (they would only be refused here).
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** `extraArgs` are added to the command line (for instance `--lang=zh-CN`, the browser's UI language). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Types a command into a node's terminal tab, as a learner would, and presses Enter. */
export async function typeIn(page: Page, node: string, command: string): Promise<void> {
  await page.getByTestId(`term-tab-${node}`).click();
  const term = page.getByTestId(`term-${node}`);
  await term.locator('.xterm-screen').waitFor({ timeout: 30_000 });
  await term.click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** Waits until the node's terminal shows the text (xterm renders rows as DOM text). */
export async function seeInTerminal(page: Page, node: string, text: string, timeout = 20_000): Promise<void> {
  await page.getByTestId(`term-${node}`).locator('.xterm-rows').filter({ hasText: text }).waitFor({ timeout });
}
