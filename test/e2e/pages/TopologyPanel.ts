// The workspace's live topology: nodes, who holds each VIP, VRRP state, the fault panel and the VIP moves.
import type { Locator, Page } from 'playwright-core';

export class TopologyPanel {
  constructor(private readonly page: Page) {}

  async show(): Promise<void> {
    await this.page.getByTestId('ws-tab-topology').click();
  }

  /** Waits until the diagram shows the node holding the VIP. */
  async waitVipOn(node: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="topo-node-${node}"][data-holds-vip="true"]`).waitFor({ timeout });
  }

  /** Selects a node in the diagram: the fault panel then offers its faults. */
  async select(node: string): Promise<void> {
    await this.page.getByTestId(`topo-node-${node}`).click();
    await this.page.getByTestId(`faults-${node}`).waitFor({ timeout: 10_000 });
  }

  /** Presses a fault button (stop-keepalived, kill, ...) of the selected node and waits until it is done. */
  async fault(action: string, node: string, timeout = 60_000): Promise<void> {
    const button = this.page.getByTestId(`fault-${action}-${node}`);
    await button.click();
    await this.page.getByTestId(`faults-${node}`).locator('.fault-message').filter({ hasText: /\S/ }).waitFor({ timeout });
  }

  /** The newest row of the VIP moves list from one node to another. */
  move(from: string, to: string): Locator {
    return this.page
      .getByTestId('timeline-row')
      .filter({ hasText: new RegExp(`${from}\\s*→\\s*${to}`) })
      .first();
  }
}
