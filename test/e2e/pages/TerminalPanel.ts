// The workspace's terminals: one tab per node, a real shell in each.
import type { Page } from 'playwright-core';
import { seeInTerminal, typeIn } from '../../helpers/chromium.js';

export class TerminalPanel {
  constructor(private readonly page: Page) {}

  /** Types the command into the node's terminal, as a learner would, and presses Enter. */
  async run(node: string, command: string): Promise<void> {
    await typeIn(this.page, node, command);
  }

  /** Waits until the node's terminal shows the text. */
  async see(node: string, text: string, timeout = 20_000): Promise<void> {
    await seeInTerminal(this.page, node, text, timeout);
  }
}
