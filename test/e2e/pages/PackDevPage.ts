// The pack preview of `halab pack dev` (#/packdev): the lesson in one or two language columns, the step
// list, the lint findings and the load error.
import type { Locator, Page } from 'playwright-core';

export const PAGE_WAIT_MS = 20_000;

export class PackDevPage {
  constructor(readonly page: Page) {}

  view(): Locator {
    return this.page.getByTestId('packdev');
  }

  /** The lesson column of one language. */
  column(lang: 'en' | 'zh-CN'): Locator {
    return this.page.getByTestId(`packdev-column-${lang}`);
  }

  title(lang: 'en' | 'zh-CN'): Locator {
    return this.page.getByTestId(`packdev-title-${lang}`);
  }

  step(index: number): Locator {
    return this.page.getByTestId(`packdev-step-${index}`);
  }

  findings(): Locator {
    return this.page.getByTestId('packdev-finding');
  }

  finding(file: string, line: number): Locator {
    return this.page.locator(`[data-testid="packdev-finding"][data-file="${file}"][data-line="${line}"]`);
  }

  loadError(): Locator {
    return this.page.getByTestId('packdev-load-error');
  }

  async chooseMode(mode: 'en' | 'zh-CN' | 'both'): Promise<void> {
    await this.page.getByTestId(`packdev-mode-${mode}`).click();
  }

  /** Waits (bounded) until the locator shows the text. */
  async waitForText(where: Locator, text: string): Promise<void> {
    await where.filter({ hasText: text }).first().waitFor({ timeout: PAGE_WAIT_MS });
  }
}
