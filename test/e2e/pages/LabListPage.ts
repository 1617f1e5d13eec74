// The lab list: one card per lab pack with its progress and the button that opens it.
import type { Locator, Page } from 'playwright-core';

export class LabListPage {
  constructor(private readonly page: Page) {}

  card(lab: string): Locator {
    return this.page.getByTestId(`lab-card-${lab}`);
  }

  /** Waits until the lab's card is shown (the list has loaded). */
  async waitFor(lab: string, timeout = 30_000): Promise<void> {
    await this.card(lab).waitFor({ timeout });
  }

  /** Lab ids of the cards, in the order shown. */
  async labIds(): Promise<string[]> {
    const cards = await this.page.locator('[data-testid^="lab-card-"]').all();
    const ids = await Promise.all(cards.map((c) => c.getAttribute('data-testid')));
    return ids.map((id) => (id ?? '').slice('lab-card-'.length));
  }

  /** The card's "earned / steps" text. */
  progress(lab: string): Locator {
    return this.card(lab).getByTestId('lab-progress');
  }

  async open(lab: string): Promise<void> {
    await this.page.getByTestId(`lab-open-${lab}`).click();
    await this.page.getByTestId(`lab-view-${lab}`).waitFor({ timeout: 30_000 });
  }
}
