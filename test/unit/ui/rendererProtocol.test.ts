// @vitest-environment happy-dom
// The protocol tab: rows grouped from the feed (a reset replaces them, a batch follows them), a changed field
// marked, Pause that holds the list while events are counted, the filters, the status line in both
// languages, and one watch per lab, dropped on unmount and renewed after a reconnect.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HalabApi, ProtocolFeed } from '../../../common/contract.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState, type LangState } from '../../../renderer/i18n/langState.js';
import { ProtocolPane } from '../../../renderer/protocol/ProtocolPane.js';
import { useProtocol } from '../../../renderer/protocol/useProtocol.js';
import { fakeApi, type FakeApi } from './rendererFakeApi.js';
import { advert, adverts, arpRequest, feed, garps, T0 } from './protocolFeed.js';

const NODES = ['client', 'lb01', 'lb02', 'web01'];
let langState: LangState;
beforeEach(() => {
  localStorage.clear();
  langState = createLangState();
  langState.choose('en');
});
afterEach(() => {
  cleanup();
});

function Live({ api, running, session }: { api: HalabApi; running: boolean; session: number }) {
  return h(ProtocolPane, { store: useProtocol(api, 'vrrp-pair', running, session), nodes: NODES, active: true });
}

function renderPane(initial: ProtocolFeed, opts: { running?: boolean; session?: number } = {}): { api: FakeApi; rerender: (o: { running?: boolean; session?: number }) => void } {
  const api = fakeApi({ 'protocol.get': () => initial, 'protocol.watch': () => ({ ok: true }) });
  const tree = (o: { running?: boolean; session?: number }) => h(I18nProvider, { langState }, h(Live, { api, running: o.running ?? true, session: o.session ?? 1 }));
  const r = render(tree(opts));
  return {
    api,
    rerender: (o) => {
      r.rerender(tree(o));
    },
  };
}

const rows = (): HTMLElement[] => screen.queryAllByTestId('protocol-row');
const push = async (api: FakeApi, f: ProtocolFeed): Promise<void> => {
  await act(() => {
    api.emit('protocol.events', f);
  });
};

describe('ProtocolPane', () => {
  it('groups a steady stream of adverts into one row with its fields, count and rhythm', async () => {
    renderPane(feed(adverts('lb01', 150, T0, 42)));
    await waitFor(() => {
      expect(rows()).toHaveLength(1);
    });
    const row = rows()[0];
    expect(row?.dataset).toMatchObject({ kind: 'advert', from: 'lb01', priority: '150', vrid: '50', count: '42' });
    expect(row?.textContent).toContain('VRID 50');
    expect(row?.textContent).toContain('prio 150');
    expect(row?.textContent).toContain('advert_int 1 s');
    expect(row?.textContent).toContain('VRRPv2');
    expect(row?.textContent).toContain('auth_type PASS');
    expect(row?.textContent).toContain('VIP 10.0.0.3');
    expect(row?.querySelector('[data-testid="protocol-count"]')?.textContent).toBe('×42every 1.00 s');
    expect(screen.getByRole('list', { name: 'Captured packets, grouped by sender' })).toBeTruthy();
  });

  it('appends batches to the rows and marks a changed priority; a reset replaces everything', async () => {
    const { api } = renderPane(feed(adverts('lb01', 150, T0, 3)));
    await waitFor(() => {
      expect(rows()[0]?.dataset.count).toBe('3');
    });
    await push(api, feed(adverts('lb01', 150, T0 + 3000, 2), { reset: false }));
    await waitFor(() => {
      expect(rows()[0]?.dataset.count).toBe('5');
    });
    await push(api, feed([advert(T0 + 5300, 'lb01', 0), ...adverts('lb02', 100, T0 + 5912, 2), ...garps('lb02', T0 + 5914)], { reset: false }));
    await waitFor(() => {
      expect(rows().map((r) => r.dataset.kind)).toEqual(['advert', 'prio0', 'advert', 'garp']);
    });
    const resign = rows()[1];
    expect(resign?.dataset.changed).toBe('priority');
    const changed = resign?.querySelector('.proto-field.is-changed');
    expect(changed?.getAttribute('data-field')).toBe('priority');
    expect(changed?.textContent).toBe('prio 150 → 0');
    expect(rows()[3]?.textContent).toContain('10.0.0.3 is-at 02:42:0a:00:00:06');
    expect(rows()[3]?.dataset.count).toBe('5');
    expect(rows()[3]?.querySelector('[data-testid="protocol-count"]')?.textContent).toBe('×5within 4 ms');
    // Another lab's feed is not this one's.
    await push(api, feed(adverts('lb02', 100, T0, 9), { lab: 'other' }));
    await push(api, feed(adverts('lb02', 100, T0 + 60_000, 2)));
    await waitFor(() => {
      expect(rows()).toHaveLength(1);
    });
    expect(rows()[0]?.dataset).toMatchObject({ from: 'lb02', count: '2' });
  });

  it('Pause holds the list and counts what arrives; Resume shows it', async () => {
    const { api } = renderPane(feed(adverts('lb01', 150, T0, 3)));
    await waitFor(() => {
      expect(rows()[0]?.dataset.count).toBe('3');
    });
    fireEvent.click(screen.getByTestId('protocol-pause'));
    expect(screen.getByTestId('protocol-pause').getAttribute('aria-pressed')).toBe('true');
    await push(api, feed(adverts('lb01', 150, T0 + 3000, 4), { reset: false }));
    await push(api, feed([arpRequest(T0 + 7100)], { reset: false }));
    await waitFor(() => {
      expect(screen.getByTestId('protocol-waiting').dataset.waiting).toBe('5');
    });
    expect(screen.getByTestId('protocol-waiting').textContent).toContain('5 waiting');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]?.dataset.count).toBe('3');
    fireEvent.click(screen.getByTestId('protocol-pause'));
    await waitFor(() => {
      expect(rows()).toHaveLength(2);
    });
    expect(rows()[0]?.dataset.count).toBe('7');
    expect(rows()[1]?.dataset.kind).toBe('arp-request');
    expect(rows()[1]?.textContent).toContain('who-has 10.0.0.3 tell 10.0.0.100');
    expect(screen.queryByTestId('protocol-waiting')).toBeNull();
  });

  it('follows new rows at the bottom; scrolled up, it counts them on a button that goes back down', async () => {
    const { api } = renderPane(feed(adverts('lb01', 150, T0, 3)));
    await waitFor(() => {
      expect(rows()).toHaveLength(1);
    });
    // happy-dom lays nothing out: the list gets a height and a content height by hand.
    const list = screen.getByTestId('protocol-list');
    let top = 0;
    Object.defineProperty(list, 'clientHeight', { value: 200, configurable: true });
    Object.defineProperty(list, 'scrollHeight', { value: 1000, configurable: true });
    Object.defineProperty(list, 'scrollTop', { get: () => top, set: (v: number) => (top = v), configurable: true });
    await push(api, feed([advert(T0 + 3100, 'lb01', 0)], { reset: false }));
    await waitFor(() => {
      expect(rows()).toHaveLength(2);
    });
    expect(top).toBe(1000);
    top = 100;
    fireEvent.scroll(list);
    await push(api, feed([...adverts('lb02', 100, T0 + 3700, 2), ...garps('lb02', T0 + 3702)], { reset: false }));
    const button = await screen.findByTestId('protocol-new');
    expect(button.textContent).toBe('2 new ↓');
    expect(top).toBe(100);
    fireEvent.click(button);
    expect(top).toBe(1000);
    await waitFor(() => {
      expect(screen.queryByTestId('protocol-new')).toBeNull();
    });
  });

  it('filters by VRID, by sender and by kind', async () => {
    renderPane(feed([...adverts('lb01', 150, T0, 3), ...adverts('lb02', 100, T0 + 10, 3, { vrid: 51 }), ...garps('lb02', T0 + 5000), arpRequest(T0 + 6000)]));
    await waitFor(() => {
      expect(rows()).toHaveLength(4);
    });
    const vrid = screen.getByTestId<HTMLSelectElement>('protocol-filter-vrid');
    expect([...vrid.options].map((o) => o.value)).toEqual(['', '50', '51']);
    fireEvent.change(vrid, { target: { value: '51' } });
    await waitFor(() => {
      expect(rows().map((r) => `${r.dataset.from}/${r.dataset.vrid}`)).toEqual(['lb02/51']);
    });
    fireEvent.change(vrid, { target: { value: '' } });
    const node = screen.getByTestId<HTMLSelectElement>('protocol-filter-node');
    expect([...node.options].map((o) => o.value)).toEqual(['', ...NODES]);
    fireEvent.change(node, { target: { value: 'lb02' } });
    await waitFor(() => {
      expect(rows().map((r) => r.dataset.kind)).toEqual(['advert', 'garp']);
    });
    fireEvent.change(node, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('protocol-kind-advert'));
    await waitFor(() => {
      expect(rows().map((r) => r.dataset.kind)).toEqual(['garp', 'arp-request']);
    });
    fireEvent.click(screen.getByTestId('protocol-kind-garp'));
    fireEvent.click(screen.getByTestId('protocol-kind-arp'));
    await waitFor(() => {
      expect(rows()).toHaveLength(0);
    });
    expect(screen.getByTestId('protocol-empty').textContent).toBe('No row matches the filters.');
  });

  it('says where it captures, or why not, in English and in Chinese', async () => {
    const { api } = renderPane(feed([]));
    const status = await screen.findByTestId('protocol-status');
    await waitFor(() => {
      expect(status.dataset.state).toBe('capturing');
    });
    expect(status.textContent).toContain('Capturing live in the network namespace of client');
    await act(() => {
      langState.choose('zh-CN');
    });
    expect(screen.getByTestId('protocol-status').textContent).toContain('正在实时抓包（client 的网络命名空间）');
    await push(api, feed([], { capturing: false, problem: 'noObserver' }));
    await waitFor(() => {
      expect(screen.getByTestId('protocol-status').dataset.state).toBe('noObserver');
    });
    expect(screen.getByTestId('protocol-status').textContent).toBe('未在抓包：抓包容器不在了。HA Lab 会自动重试，重启实验即可恢复。');
    await act(() => {
      langState.choose('en');
    });
    expect(screen.getByTestId('protocol-status').textContent).toBe('Not capturing: the observer container is gone. HA Lab keeps retrying; restarting the lab brings it back.');
  });

  it('says the lab is not running without asking the host', async () => {
    const { api } = renderPane(feed([]), { running: false });
    const status = await screen.findByTestId('protocol-status');
    expect(status.dataset.state).toBe('notRunning');
    expect(status.textContent).toBe('Not capturing: the lab is not running. Start it to watch the adverts.');
    expect(api.calls).toHaveLength(0);
  });

  it('watches once, renews the watch after a reconnect and drops it on unmount', async () => {
    const { api, rerender } = renderPane(feed(adverts('lb01', 150, T0, 2)));
    const watches = (): unknown[] => api.calls.filter((c) => c.method === 'protocol.watch').map((c) => c.input);
    await waitFor(() => {
      expect(watches()).toEqual([{ lab: 'vrrp-pair', on: true }]);
    });
    expect(api.listenerCount('protocol.events')).toBe(1);
    rerender({ session: 2 });
    await waitFor(() => {
      expect(watches()).toEqual([
        { lab: 'vrrp-pair', on: true },
        { lab: 'vrrp-pair', on: false },
        { lab: 'vrrp-pair', on: true },
      ]);
    });
    expect(api.listenerCount('protocol.events')).toBe(1);
    cleanup();
    expect(watches().at(-1)).toEqual({ lab: 'vrrp-pair', on: false });
    expect(api.listenerCount('protocol.events')).toBe(0);
  });
});
