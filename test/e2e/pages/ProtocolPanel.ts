// The workspace's protocol tab: the capture's status, the grouped packet rows, the time axis.
import type { Locator, Page } from 'playwright-core';
import type { LabelBox } from '../topologyLabelsFixture.js';

/** How long a capture may take to show a packet on a busy machine. */
const SEE_MS = 60_000;

export interface RowMatch {
  kind: 'advert' | 'prio0' | 'garp' | 'arp-request' | 'arp-reply' | 'probe';
  from?: string;
  priority?: number;
  vrid?: number;
}

export class ProtocolPanel {
  constructor(private readonly page: Page) {}

  async show(): Promise<void> {
    await this.page.getByTestId('ws-tab-protocol').click();
    await this.page.getByTestId('protocol-pane').waitFor({ timeout: 10_000 });
  }

  status(): Locator {
    return this.page.getByTestId('protocol-status');
  }

  /** Waits until the status line says the capture runs live. */
  async waitCapturing(timeout = SEE_MS): Promise<void> {
    await this.page.locator('[data-testid="protocol-status"][data-state="capturing"]').waitFor({ timeout });
  }

  /** The rows that match, oldest first. */
  rows(m: RowMatch): Locator {
    let sel = `[data-testid="protocol-row"][data-kind="${m.kind}"]`;
    if (m.from !== undefined) sel += `[data-from="${m.from}"]`;
    if (m.priority !== undefined) sel += `[data-priority="${m.priority}"]`;
    if (m.vrid !== undefined) sel += `[data-vrid="${m.vrid}"]`;
    return this.page.locator(sel);
  }

  /** The newest row that matches, once there is one. */
  async waitRow(m: RowMatch, timeout = SEE_MS): Promise<Locator> {
    const row = this.rows(m).last();
    await row.waitFor({ timeout });
    return row;
  }

  /** How many packets a row groups (its "×N"). */
  async count(row: Locator): Promise<number> {
    return Number(await row.getAttribute('data-count'));
  }

  /** Every text the tab draws around the time axis and its controls, as boxes on the page. */
  async labelBoxes(): Promise<LabelBox[]> {
    return this.page.evaluate<LabelBox[]>(`[...document.querySelectorAll(
      '[data-testid="protocol-axis"] text, .proto-lane-label, .proto-legend-item, .proto-controls label, .proto-controls button, .proto-waiting, .proto-status > span'
    )].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    })`);
  }

  /** The lanes of the time axis that hold marks of `kind` (advert, prio0, garp, ...). */
  async lanesWith(kind: RowMatch['kind']): Promise<string[]> {
    return this.page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="protocol-axis"] .proto-lane')].filter((g) => g.querySelector('.mark-${kind}')).map((g) => g.getAttribute('data-lane'))`,
    );
  }

  /** Waits until the time axis draws a mark of this kind in the node's lane (it redraws a few times a second). */
  async waitLane(kind: RowMatch['kind'], node: string, timeout = 10_000): Promise<void> {
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would need.
    const deadline = Date.now() + timeout;
    while (!(await this.lanesWith(kind)).includes(node)) {
      if (Date.now() > deadline) throw new Error(`no ${kind} mark in ${node}'s lane of the time axis after ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
