// @vitest-environment happy-dom
// The VIP moves list explains a move from the captured packets: the takeover against the protocol's floor
// and the cause beside the measured gap, a disclosure with the packets in order; "no capture" when the
// events do not cover the move, and nothing made up.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HalabApi, LabDetail, ProtocolFeed, TopologyState } from '../../../common/contract.js';
import { I18nProvider } from '../../../renderer/i18n/context.js';
import { createLangState, type LangState } from '../../../renderer/i18n/langState.js';
import { useProtocol } from '../../../renderer/protocol/useProtocol.js';
import { TopologyPane } from '../../../renderer/topology/TopologyPane.js';
import { useTopology } from '../../../renderer/topology/useTopology.js';
import { fakeApi, labDetail, topology } from './rendererFakeApi.js';
import { adverts, feed, gracefulStop, T0, VIP } from './protocolFeed.js';

let langState: LangState;
beforeEach(() => {
  localStorage.clear();
  langState = createLangState();
  langState.choose('en');
});
afterEach(() => {
  cleanup();
});

function LivePane({ api, detail }: { api: HalabApi; detail: LabDetail }) {
  const live = useTopology(api, detail.id, detail.running, 1);
  const protocol = useProtocol(api, detail.id, detail.running, 1);
  return h(TopologyPane, { api, detail, live, protocol });
}

function renderMoves(timeline: TopologyState['timeline'], capture: ProtocolFeed) {
  const api = fakeApi({
    'topology.get': () => topology({ [VIP]: ['lb02'] }, { timeline }),
    'topology.watch': () => ({ ok: true }),
    'protocol.get': () => capture,
    'protocol.watch': () => ({ ok: true }),
  });
  render(h(I18nProvider, { langState }, h(LivePane, { api, detail: labDetail() })));
  return api;
}

/** The explanations follow the capture once a second. */
const SLOW = { timeout: 4000 };

describe('Timeline with the protocol feed', () => {
  it('shows the takeover and its floor for a graceful stop, with the packets in order', async () => {
    const { events, takeoverAt } = gracefulStop();
    renderMoves([{ vip: VIP, from: 'lb01', to: 'lb02', at: takeoverAt + 30, gapMs: 700 }], feed(events));
    const line = await screen.findByTestId('timeline-protocol', {}, SLOW);
    expect(line.dataset.cause).toBe('graceful');
    expect(screen.getByTestId('timeline-takeover').textContent).toBe('takeover 612 ms');
    expect(screen.getByTestId('timeline-floor').textContent).toBe('floor 609 ms');
    expect(screen.getByTestId('timeline-cause').textContent).toBe('(graceful: skew)');
    expect(screen.getByTestId('timeline-gap').textContent).toBe('gap 700 ms');
    const details = screen.getByTestId('timeline-details');
    fireEvent.click(details.querySelector('summary') as HTMLElement);
    const steps = [...details.querySelectorAll('li')].map((li) => li.textContent);
    expect(steps).toEqual([
      '+0 mslb01 sends priority 0',
      '+609 msfloor: the earliest the backup may take over',
      '+612 mslb02’s first advert as master (prio 100)',
      '+614 msgratuitous ARP from lb02 ×5',
      '+762 msthe client gets its first answer',
    ]);
    await act(() => {
      langState.choose('zh-CN');
    });
    expect(screen.getByTestId('timeline-takeover').textContent).toBe('接管 612 ms');
    expect(screen.getByTestId('timeline-floor').textContent).toBe('下限 609 ms');
    expect(screen.getByTestId('timeline-cause').textContent).toBe('（主动让位：skew）');
  });

  it('shows a crash floor of 3 x advert_int + skew', async () => {
    const lastAt = T0 + 3000;
    const takeoverAt = lastAt + 3580;
    const events = [...adverts('lb01', 150, T0, 4), ...adverts('lb02', 100, takeoverAt, 3)];
    renderMoves([{ vip: VIP, from: 'lb01', to: 'lb02', at: takeoverAt, gapMs: 3900 }], feed(events));
    const line = await screen.findByTestId('timeline-protocol', {}, SLOW);
    expect(line.dataset.cause).toBe('crash');
    expect(screen.getByTestId('timeline-takeover').textContent).toBe('takeover 3.58 s');
    expect(screen.getByTestId('timeline-floor').textContent).toBe('floor 3.61 s');
    expect(screen.getByTestId('timeline-cause').textContent).toBe('(crash: 3 × advert_int + skew)');
  });

  it('says no capture covers a move when the events miss it, without figures', async () => {
    // The capture holds lb01's adverts only, long after the move.
    renderMoves([{ vip: VIP, from: 'lb01', to: 'lb02', at: T0 - 600_000, gapMs: 800 }], feed(adverts('lb01', 150, T0, 5)));
    const none = await screen.findByTestId('timeline-nocapture', {}, SLOW);
    expect(none.textContent).toBe('no captured packets around this move');
    expect(screen.queryByTestId('timeline-takeover')).toBeNull();
    expect(screen.queryByTestId('timeline-floor')).toBeNull();
    expect(screen.getByTestId('timeline-gap').textContent).toBe('gap 800 ms');
  });

  it('explains a move once its packets arrive', async () => {
    const { events, takeoverAt } = gracefulStop();
    const before = events.filter((e) => e.at < takeoverAt);
    const api = renderMoves([{ vip: VIP, from: 'lb01', to: 'lb02', at: takeoverAt + 30, gapMs: 700 }], feed(before));
    await screen.findByTestId('timeline-nocapture', {}, SLOW);
    await act(() => {
      api.emit('protocol.events', feed(events.slice(before.length), { reset: false }));
    });
    await waitFor(() => {
      expect(screen.getByTestId('timeline-floor').textContent).toBe('floor 609 ms');
    }, SLOW);
    expect(screen.queryByTestId('timeline-nocapture')).toBeNull();
  });
});
