// The workspace's config editor (Monaco): a file picker per node, Save, and the daemon's verdict as
// markers on the lines it names.
import type { Locator, Page } from 'playwright-core';

export class EditorPanel {
  constructor(private readonly page: Page) {}

  async show(): Promise<void> {
    await this.page.getByTestId('ws-tab-editor').click();
  }

  private editor(): Locator {
    return this.page.locator('.monaco-editor').first();
  }

  /** Opens the node's file from the picker and waits until its text shows `expected`. */
  async open(node: string, path: string, expected: string): Promise<void> {
    await this.page.getByTestId(`editor-file-${node}-${path.replace(/\//g, '_')}`).click();
    await this.editor().waitFor({ timeout: 60_000 });
    await this.editor().locator('.view-lines').filter({ hasText: expected }).waitFor({ timeout: 20_000 });
  }

  /** Adds a line at the end of the file. */
  async appendLine(text: string): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /** Deletes the file's last line (with the line break before it). */
  async removeLastLine(): Promise<void> {
    await this.editor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('Shift+Home');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.press('Backspace');
  }

  async save(): Promise<void> {
    await this.page.getByTestId('editor-save').click();
  }

  /** The problems list's error entries (the daemon's own messages, with their line). */
  errors(): Locator {
    return this.page.locator('.hl-editor-problem-error');
  }

  /** Error squiggles in the text. */
  squiggles(): Locator {
    return this.editor().locator('.squiggly-error');
  }
}
