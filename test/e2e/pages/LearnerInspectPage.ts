// The instructor's read-only view of one learner's lab, opened from the learner's row in the dashboard's
// grid: the learner's topology, their open terminals as tabs, a read-only mark and a way back.
import type { Locator, Page } from 'playwright-core';

export class LearnerInspectPage {
  constructor(readonly page: Page) {}

  /** Presses the row's "watch live" button for the lab and waits for the view. */
  async openFromGrid(learner: string, lab: string): Promise<void> {
    await this.page.getByTestId(`class-inspect-${learner}-${lab}`).click();
    await this.root().waitFor({ timeout: 10_000 });
  }

  root(): Locator {
    return this.page.getByTestId('class-inspect');
  }

  readOnlyMark(): Locator {
    return this.page.getByTestId('inspect-readonly');
  }

  notRunning(): Locator {
    return this.page.getByTestId('inspect-not-running');
  }

  node(name: string): Locator {
    return this.root().getByTestId(`topo-node-${name}`);
  }

  /** Waits until the learner's terminal into `node` is listed, and shows it. */
  async showTerminal(node: string, timeout = 30_000): Promise<void> {
    const tab = this.page.getByTestId(`inspect-tab-${node}`);
    await tab.waitFor({ timeout });
    await tab.click();
    await this.terminal(node).locator('.xterm-screen').waitFor({ timeout });
  }

  terminal(node: string): Locator {
    return this.page.getByTestId(`inspect-term-${node}`);
  }

  /** Waits until the read-only screen of `node` shows the text. */
  async see(node: string, text: string, timeout = 20_000): Promise<void> {
    await this.terminal(node).locator('.xterm-rows').filter({ hasText: text }).waitFor({ timeout });
  }

  async back(): Promise<void> {
    await this.page.getByTestId('inspect-back').click();
    await this.page.getByTestId('class-grid').waitFor({ timeout: 10_000 });
  }
}
