// The workspace's live topology: nodes, who holds each VIP, VRRP state.
import type { Page } from 'playwright-core';

export class TopologyPanel {
  constructor(private readonly page: Page) {}

  async show(): Promise<void> {
    await this.page.getByTestId('ws-tab-topology').click();
  }

  /** Waits until the diagram shows the node holding the VIP. */
  async waitVipOn(node: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="topo-node-${node}"][data-holds-vip="true"]`).waitFor({ timeout });
  }
}
