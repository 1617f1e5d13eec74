// @vitest-environment happy-dom
// The live topology: the VIP holder is marked, two holders (split-brain) are shown in red with an alarm,
// VRRP state and priority per load balancer, pushed updates replace the picture, moves listed newest first.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState, type LangState } from '../../../renderer/i18n/langState.js';
import { faultsFor } from '../../../renderer/topology/FaultPanel.js';
import { layoutTopology } from '../../../renderer/topology/layout.js';
import { TopologyPane } from '../../../renderer/topology/TopologyPane.js';
import { useTopology } from '../../../renderer/topology/useTopology.js';
import type { HalabApi, LabDetail } from '../../../common/contract.js';
import { fakeApi, labDetail, topology } from './rendererFakeApi.js';

let langState: LangState;
beforeEach(() => {
  localStorage.clear();
  langState = createLangState();
  langState.choose('en');
});
afterEach(() => {
  cleanup();
});

/** The pane with its live state, as the lab view gives it. */
function LivePane({ api, detail }: { api: HalabApi; detail: LabDetail }) {
  return h(TopologyPane, { api, detail, live: useTopology(api, detail.id, detail.running, 1) });
}

function renderPane(initial = topology({ '10.0.0.3': ['lb01'] })) {
  const api = fakeApi({ 'topology.get': () => initial, 'topology.watch': () => ({ ok: true }), 'faults.apply': () => ({ ok: true }) });
  render(h(I18nProvider, { langState }, h(LivePane, { api, detail: labDetail() })));
  return api;
}

describe('TopologyPane', () => {
  it('marks the node that holds the VIP and shows VRRP state with priority', async () => {
    renderPane();
    await waitFor(() => {
      expect(screen.getByTestId('topo-node-lb01').dataset.holdsVip).toBe('true');
    });
    expect(screen.getByTestId('topo-node-lb02').dataset.holdsVip).toBe('false');
    expect(screen.getByTestId('topo-node-web01').dataset.holdsVip).toBe('false');
    expect(screen.getByTestId('topo-vip-10.0.0.3').dataset.holders).toBe('lb01');
    expect(screen.getByTestId('topo-vrrp-lb01-VI_1').textContent).toBe('VI_1 MASTER · prio 150');
    expect(screen.getByTestId('topo-vrrp-lb02-VI_1').textContent).toBe('VI_1 BACKUP · prio 100');
    expect(screen.queryByTestId('split-brain')).toBeNull();
  });

  it('shows split-brain in red when two nodes hold the same VIP', async () => {
    renderPane(topology({ '10.0.0.3': ['lb01', 'lb02'] }));
    const alarm = await screen.findByTestId('split-brain');
    expect(alarm.getAttribute('role')).toBe('alert');
    expect(alarm.textContent).toContain('10.0.0.3 is held by lb01, lb02');
    expect(screen.getByTestId('topo-node-lb01').dataset.holdsVip).toBe('true');
    expect(screen.getByTestId('topo-node-lb02').dataset.holdsVip).toBe('true');
    expect(screen.getByTestId('topo-node-lb01').getAttribute('class')).toContain('is-split');
    expect(screen.getByTestId('topo-vip-10.0.0.3').dataset.splitBrain).toBe('true');
  });

  it('follows topology.update events for its lab only, keeping the newest reading', async () => {
    const api = renderPane();
    await waitFor(() => {
      expect(screen.getByTestId('topo-node-lb01').dataset.holdsVip).toBe('true');
    });
    api.emit('topology.update', topology({ '10.0.0.3': ['lb02'] }, { lab: 'other-lab', at: Date.now() + 10 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('topo-node-lb01').dataset.holdsVip).toBe('true');
    const t0 = Date.now() + 1000;
    api.emit(
      'topology.update',
      topology(
        { '10.0.0.3': ['lb02'] },
        {
          at: t0,
          timeline: [
            { vip: '10.0.0.3', from: null, to: 'lb01', at: t0 - 5000, gapMs: null },
            { vip: '10.0.0.3', from: 'lb01', to: 'lb02', at: t0 - 100, gapMs: 3125 },
          ],
        },
      ),
    );
    await waitFor(() => {
      expect(screen.getByTestId('topo-node-lb02').dataset.holdsVip).toBe('true');
    });
    expect(screen.getByTestId('topo-node-lb01').dataset.holdsVip).toBe('false');
    // An older reading arriving late does not win.
    api.emit('topology.update', topology({ '10.0.0.3': ['lb01'] }, { at: t0 - 500 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('topo-node-lb02').dataset.holdsVip).toBe('true');
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows[0]?.textContent).toContain('lb01 → lb02');
    expect(rows[0]?.querySelector('[data-testid="timeline-gap"]')?.textContent).toBe('gap 3.13 s');
    expect(rows[1]?.textContent).toContain('nobody → lb01');
  });

  it('says every node stopped, and what to do, when the engine left them all exited; not when one is', async () => {
    const nodes = labDetail().nodes;
    const api = renderPane(topology({ '10.0.0.3': [] }, { nodes: nodes.map((n) => (n.name === 'lb01' ? { ...n, state: 'exited' } : n)) }));
    await screen.findByTestId('topo-node-lb01');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('nodes-stopped')).toBeNull();
    api.emit('topology.update', topology({ '10.0.0.3': [] }, { at: Date.now() + 1000, nodes: nodes.map((n) => ({ ...n, state: 'exited' })) }));
    const note = await screen.findByTestId('nodes-stopped');
    expect(note.textContent).toContain('Reset brings the lab back');
    api.emit('topology.update', topology({ '10.0.0.3': ['lb01'] }, { at: Date.now() + 2000 }));
    await waitFor(() => {
      expect(screen.queryByTestId('nodes-stopped')).toBeNull();
    });
  });

  it('applies a fault to the selected node', async () => {
    const api = renderPane();
    fireEvent.click(await screen.findByTestId('topo-node-lb01'));
    fireEvent.click(await screen.findByTestId('fault-stop-keepalived-lb01'));
    await waitFor(() => {
      expect(api.calls.some((c) => c.method === 'faults.apply')).toBe(true);
    });
    expect(api.calls.find((c) => c.method === 'faults.apply')?.input).toEqual({ lab: 'vrrp-pair', fault: 'stop_service', node: 'lb01', service: 'keepalived' });
  });
});

describe('topology helpers', () => {
  it('lays out clients on top, then VIPs, load balancers, web servers', () => {
    const l = layoutTopology(labDetail().nodes, ['10.0.0.3']);
    const y = (name: string): number => l.nodes.find((n) => n.node.name === name)?.y ?? -1;
    expect(y('client')).toBeLessThan(l.vips[0]?.y ?? 0);
    expect(l.vips[0]?.y ?? 0).toBeLessThan(y('lb01'));
    expect(y('lb01')).toBe(y('lb02'));
    expect(y('lb01')).toBeLessThan(y('web01'));
  });

  it('offers keepalived faults only on load balancers and Start on a stopped node', () => {
    const keys = (n: Parameters<typeof faultsFor>[0]): string[] => faultsFor(n).map((a) => a.key);
    expect(keys({ name: 'lb01', role: 'lb', ip: '10.0.0.5', state: 'running' })).toContain('block-vrrp');
    expect(keys({ name: 'web01', role: 'web', ip: '10.0.0.7', state: 'running' })).not.toContain('stop-keepalived');
    expect(keys({ name: 'lb01', role: 'lb', ip: '10.0.0.5', state: 'exited' })).toEqual(['start']);
  });
});
