// The lab view: the lesson's steps with Check on the left, the workspace (terminals, topology, editor)
// on the right, and the lab's controls (Start, Stop, Reset) in its header.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { EditorPanel } from './EditorPanel.js';
import { TerminalPanel } from './TerminalPanel.js';
import { TopologyPanel } from './TopologyPanel.js';

/** How long a lab may take to start (or restart from a step) on a busy 2-core machine. */
const START_MS = 180_000;

export class LabPage {
  readonly terminals: TerminalPanel;
  readonly topology: TopologyPanel;
  readonly editor: EditorPanel;

  constructor(
    private readonly page: Page,
    readonly lab: string,
  ) {
    this.terminals = new TerminalPanel(page);
    this.topology = new TopologyPanel(page);
    this.editor = new EditorPanel(page);
  }

  view(): Locator {
    return this.page.getByTestId(`lab-view-${this.lab}`);
  }

  /** Presses Start and waits until the lab runs. */
  async start(): Promise<void> {
    await this.page.getByTestId('lab-up').click();
    await this.waitRunning();
  }

  async waitRunning(): Promise<void> {
    await this.page.locator('[data-testid="lab-status"][data-running="true"]').waitFor({ timeout: START_MS });
  }

  /** "Start from this step" on step `index` (1 or later, 0-based), confirmed; resolves once the lab runs
   *  afresh with the step before it done by its reference solution. */
  async startFrom(index: number): Promise<void> {
    await this.page.getByTestId(`start-from-${index}`).click();
    await this.page.getByTestId('start-from-dialog-confirm').click();
    await expect.poll(async () => this.step(index - 1).getAttribute('data-status'), { timeout: START_MS }).toBe('solved');
    await this.waitRunning();
  }

  /** A step in the step list (0-based); its data-status is todo, earned, solved or failed. */
  step(index: number): Locator {
    return this.page.getByTestId(`step-${index}`);
  }

  async selectStep(index: number): Promise<void> {
    await this.step(index).click();
  }

  async openIntro(): Promise<void> {
    await this.page.getByTestId('step-intro').click();
  }

  /** Presses Check on the step and waits for its result. */
  async check(index: number): Promise<CheckResults> {
    await this.selectStep(index);
    await this.page.getByTestId(`check-step-${index}`).click();
    const results = new CheckResults(this.page);
    await results.summary().waitFor({ timeout: 60_000 });
    return results;
  }

  /** Presses Check on the step and expects every check green (timed checks may take their time). */
  async checkPasses(index: number): Promise<void> {
    const results = await this.check(index);
    await expect.poll(async () => results.summary().getAttribute('data-passed'), { timeout: 60_000 }).toBe('true');
  }

  /** The lab's percent done, as the header's completion meter says. */
  async completion(): Promise<string | null> {
    return this.page.getByTestId('lab-completion').getAttribute('data-percent');
  }

  /** A link in the lesson to another lab (`lab:<id>` in the Markdown). */
  labLink(text: string): Locator {
    return this.page.locator('a.md-lab-link', { hasText: text }).first();
  }
}

/** What Check shows for the selected step: a summary line and one item per check. */
export class CheckResults {
  constructor(private readonly page: Page) {}

  summary(): Locator {
    return this.page.getByTestId('check-summary');
  }

  item(checkId: string): Locator {
    return this.page.getByTestId(`check-${checkId}`);
  }

  failed(): Locator {
    return this.page.locator('[data-testid="check-results"] .check-item.is-fail');
  }
}
