// What a learner's page shows of the class around the labs: their name and class in the header, the
// instructor's newest message as a banner, every message in the header's list.
import type { Locator, Page } from 'playwright-core';

export class ClassLearnerShell {
  constructor(readonly page: Page) {}

  who(): Locator {
    return this.page.getByTestId('session-who');
  }

  className(): Locator {
    return this.page.getByTestId('session-class');
  }

  banner(): Locator {
    return this.page.getByTestId('class-message-banner');
  }

  /** Waits until the banner shows exactly this message. */
  async waitMessage(text: string, timeout = 30_000): Promise<void> {
    await this.page.getByTestId('class-message-text').filter({ hasText: text }).waitFor({ timeout });
  }
}
