// The instructor's dashboard (#/class): the live grid of learners x steps, a cell's panel with the last
// Check, the message to the class and the report downloads.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface PanelCheck {
  id: string;
  passed: boolean;
  expected: string;
  seen: string;
}

export class ClassDashboardPage {
  constructor(readonly page: Page) {}

  /** Waits until the grid is shown (the class has loaded). */
  async waitFor(timeout = 30_000): Promise<void> {
    await this.page.getByTestId('class-grid').waitFor({ timeout });
  }

  cell(learner: string, lab: string, index: number): Locator {
    return this.page.getByTestId(`cell-${learner}-${lab}-${index}`);
  }

  /** Waits until the cell shows this status and number of Checks, as pushed by the server. */
  async waitCell(learner: string, lab: string, index: number, want: { status: string; attempts: number }, timeout = 60_000): Promise<void> {
    const cell = this.cell(learner, lab, index);
    await expect.poll(async () => ({ status: await cell.getAttribute('data-status'), attempts: Number(await cell.getAttribute('data-attempts')) }), { timeout }).toEqual(want);
  }

  /** Rows of the grid, by learner id, in the order shown. */
  async learnerIds(): Promise<string[]> {
    const rows = await this.page.locator('[data-testid^="class-row-"]').all();
    const ids = await Promise.all(rows.map((r) => r.getAttribute('data-testid')));
    return ids.map((id) => (id ?? '').slice('class-row-'.length));
  }

  panel(): Locator {
    return this.page.getByTestId('class-cell-panel');
  }

  async openCell(learner: string, lab: string, index: number): Promise<void> {
    await this.cell(learner, lab, index).click();
    await this.panel().waitFor({ timeout: 10_000 });
  }

  /** The panel's checks as shown: id, verdict, and the expected and seen texts in the UI's language. */
  async panelChecks(): Promise<PanelCheck[]> {
    const items = await this.panel().locator('[data-testid^="class-check-"][data-passed]').all();
    return Promise.all(
      items.map(async (item) => ({
        id: ((await item.getAttribute('data-testid')) ?? '').slice('class-check-'.length),
        passed: (await item.getAttribute('data-passed')) === 'true',
        expected: (await item.getByTestId('class-check-expected').textContent()) ?? '',
        seen: (await item.getByTestId('class-check-seen').textContent()) ?? '',
      })),
    );
  }

  async sendMessage(text: string): Promise<void> {
    await this.page.getByTestId('class-message-input').fill(text);
    await this.page.getByTestId('class-message-send').click();
    await expect.poll(async () => this.page.getByTestId('class-message-input').inputValue(), { timeout: 10_000 }).toBe('');
  }

  /** Presses a report button and resolves with the file the browser saved. */
  async download(format: 'csv' | 'html' | 'json'): Promise<{ filename: string; content: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), this.page.getByTestId(`class-report-${format}`).click()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), content: await readFile(path, 'utf8') };
  }

  /** Marks the page: `sameDocument()` is true while it was not reloaded since. */
  async mark(): Promise<void> {
    await this.page.evaluate('window.__dashboardMark = true');
  }

  async sameDocument(): Promise<boolean> {
    return this.page.evaluate<boolean>('window.__dashboardMark === true');
  }
}
