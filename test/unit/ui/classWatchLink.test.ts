// The link behind the instructor's read-only screen of a learner's terminal, without a screen: the recent
// output first, then only its own watch's events (those that came before the answer too), acks after
// rendering, the learner's resizes, the end of the learner's terminal, and never a call that types.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatchLink, type WatchState, type WatchView } from '../../../renderer/classroom/watchLink.js';
import { FakeApi, apiError } from './terminalFakeApi.js';

class FakeView implements WatchView {
  written: string[] = [];
  pending: (() => void)[] = [];
  sizes: { cols: number; rows: number; reset: boolean }[] = [];
  write(data: string, done?: () => void): void {
    this.written.push(data);
    if (done) this.pending.push(done);
  }
  reset(cols: number, rows: number): void {
    this.written = [];
    this.sizes.push({ cols, rows, reset: true });
  }
  resize(cols: number, rows: number): void {
    this.sizes.push({ cols, rows, reset: false });
  }
  render(): void {
    for (const d of this.pending.splice(0)) d();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const TARGET = { learner: 'l07', lab: 'vrrp-pair', node: 'lb01' };

describe('WatchLink', () => {
  let api: FakeApi;
  let view: FakeView;
  let states: WatchState[];
  let link: WatchLink;

  beforeEach(() => {
    api = new FakeApi();
    view = new FakeView();
    states = [];
    link = new WatchLink(api, TARGET, view, (s) => states.push(s));
  });

  afterEach(() => {
    link.dispose();
  });

  it('shows the recent output, then its own watch only, including what came before the answer', async () => {
    api.answer('class.watchTerminal', () => {
      // Pushed while the answer is on its way: the link cannot know yet that it is its own.
      api.emit('terminal.data', { id: 'tw1', data: 'early ' });
      api.emit('terminal.data', { id: 'tother', data: 'not mine ' });
      return { id: 'tw1', cols: 90, rows: 20, recent: '[root@lb01 ~]# ' };
    });
    await link.open();
    expect(api.callsOf('class.watchTerminal')).toEqual([TARGET]);
    expect(view.sizes).toEqual([{ cols: 90, rows: 20, reset: true }]);
    api.emit('terminal.data', { id: 'tw1', data: 'ls\r\n' });
    api.emit('terminal.data', { id: 't9', data: 'another terminal' });
    expect(view.written).toEqual(['[root@lb01 ~]# ', 'early ', 'ls\r\n']);
    expect(link.state).toEqual({ kind: 'open' });
  });

  it('acknowledges what was rendered, follows resizes, and says when the learner closed the terminal', async () => {
    api.answer('class.watchTerminal', () => ({ id: 'tw1', cols: 80, rows: 24, recent: '' }));
    await link.open();
    api.emit('terminal.data', { id: 'tw1', data: 'x'.repeat(70_000) });
    expect(api.callsOf('terminal.ack')).toEqual([]);
    view.render();
    await settle();
    expect(api.callsOf('terminal.ack')).toEqual([{ id: 'tw1', chars: 70_000 }]);
    api.emit('terminal.resized', { id: 'tw1', cols: 120, rows: 40 });
    expect(view.sizes.at(-1)).toEqual({ cols: 120, rows: 40, reset: false });
    api.emit('terminal.exit', { id: 'tw1', code: null, reason: 'node-stopped' });
    expect(link.state).toEqual({ kind: 'ended', nodeStopped: true });
    // Never a call that types or resizes the learner's terminal.
    expect(api.calls.filter((c) => c.method === 'terminal.input' || c.method === 'terminal.resize' || c.method === 'terminal.open')).toEqual([]);
  });

  it('waits quietly when the learner has no terminal there, and closes its watch when disposed', async () => {
    api.answer('class.watchTerminal', () => {
      throw apiError('E_NO_TERMINAL', 'No terminal is open on lb01 now.');
    });
    await link.open();
    expect(states.at(-1)).toEqual({ kind: 'none' });
    api.answer('class.watchTerminal', () => ({ id: 'tw2', cols: 80, rows: 24, recent: '' }));
    await link.open();
    expect(link.state).toEqual({ kind: 'open' });
    link.dispose();
    await settle();
    expect(api.callsOf('terminal.close')).toEqual([{ id: 'tw2' }]);
    expect(api.listenerCount()).toBe(0);
  });
});
