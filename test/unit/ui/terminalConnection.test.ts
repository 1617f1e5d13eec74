// The terminal's link logic without a screen: routing by id, acks after rendering, resize, reconnects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalConnection, type ConnectionState, type TerminalView } from '../../../renderer/terminal/connection.js';
import { FakeApi, apiError } from './terminalFakeApi.js';

class FakeView implements TerminalView {
  written: string[] = [];
  /** Render callbacks not yet run: a test decides when the screen "has rendered". */
  pending: (() => void)[] = [];
  cols = 100;
  rows = 30;
  write(data: string, done?: () => void): void {
    this.written.push(data);
    if (done) this.pending.push(done);
  }
  size(): { cols: number; rows: number } {
    return { cols: this.cols, rows: this.rows };
  }
  render(): void {
    for (const d of this.pending.splice(0)) d();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('TerminalConnection', () => {
  let api: FakeApi;
  let view: FakeView;
  let states: ConnectionState['kind'][];
  let reconnects: number;
  let conn: TerminalConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    api = new FakeApi();
    view = new FakeView();
    states = [];
    reconnects = 0;
    conn = new TerminalConnection(
      api,
      { lab: 'vrrp-pair', node: 'lb01' },
      view,
      { onState: (s) => states.push(s.kind), onReconnected: () => reconnects++ },
      { ackBatchChars: 100, ackDelayMs: 10, retryFirstMs: 500, retryMaxMs: 4000 },
    );
  });

  afterEach(() => {
    conn.dispose();
    vi.useRealTimers();
  });

  it('opens with the view size and shows only its own terminal output', async () => {
    conn.start();
    await settle();
    expect(api.callsOf('terminal.open')).toEqual([{ lab: 'vrrp-pair', node: 'lb01', cols: 100, rows: 30 }]);
    expect(conn.state.kind).toBe('open');
    api.emit('terminal.data', { id: 't1', data: '[root@lb01 ~]# ' });
    api.emit('terminal.data', { id: 't99', data: 'someone else' });
    expect(view.written).toEqual(['[root@lb01 ~]# ']);
  });

  it('keeps output that arrives before the open call returns and replays it', async () => {
    let release: (v: { id: string }) => void = () => undefined;
    api.answer('terminal.open', () => new Promise((r) => (release = r)));
    conn.start();
    await settle();
    api.emit('terminal.data', { id: 't7', data: 'early ' });
    api.emit('terminal.data', { id: 't8', data: 'not mine' });
    release({ id: 't7' });
    await settle();
    api.emit('terminal.data', { id: 't7', data: 'late' });
    expect(view.written).toEqual(['early ', 'late']);
  });

  it('acknowledges characters only after the view rendered them, batched', async () => {
    conn.start();
    await settle();
    api.emit('terminal.data', { id: 't1', data: 'a'.repeat(60) });
    api.emit('terminal.data', { id: 't1', data: '你好'.repeat(5) });
    vi.advanceTimersByTime(50);
    expect(api.callsOf('terminal.ack')).toEqual([]); // nothing rendered yet
    view.render();
    expect(api.callsOf('terminal.ack')).toEqual([]); // 70 < batch of 100: waits for the timer
    vi.advanceTimersByTime(10);
    expect(api.callsOf('terminal.ack')).toEqual([{ id: 't1', chars: 70 }]);
    api.emit('terminal.data', { id: 't1', data: 'b'.repeat(150) });
    view.render();
    expect(api.callsOf('terminal.ack')).toEqual([
      { id: 't1', chars: 70 },
      { id: 't1', chars: 150 },
    ]);
  });

  it('forwards input and size while open; queues keys typed while connecting', async () => {
    conn.start();
    conn.input('ip a\r');
    await settle();
    conn.resize(120, 40);
    conn.input('x');
    await settle();
    expect(api.callsOf('terminal.input')).toEqual([
      { id: 't1', data: 'ip a\r' },
      { id: 't1', data: 'x' },
    ]);
    expect(api.callsOf('terminal.resize')).toEqual([{ id: 't1', cols: 120, rows: 40 }]);
  });

  it('reconnects by itself with bounded backoff when the node stopped, and marks the break', async () => {
    conn.start();
    await settle();
    let stopped = true;
    api.answer('terminal.open', () => {
      if (stopped) throw apiError('E_NODE_STOPPED', 'Node "lb01" is stopped.');
      return { id: 't2' };
    });
    api.emit('terminal.exit', { id: 't1', code: null, reason: 'node-stopped' });
    expect(conn.state.kind).toBe('waiting-node');
    const openTimes: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) {
      const before = api.callsOf('terminal.open').length;
      while (api.callsOf('terminal.open').length === before) {
        await vi.advanceTimersByTimeAsync(100);
      }
      openTimes.push(Date.now() - t0);
    }
    const gaps = openTimes.map((t, i) => t - (openTimes[i - 1] ?? 0));
    expect(gaps[0]).toBe(500);
    expect(gaps.slice(1)).toEqual([1000, 2000, 4000, 4000, 4000]); // doubling, capped at retryMaxMs
    expect(conn.state.kind).toBe('waiting-node');
    stopped = false;
    // A topology update saying the node runs again makes it retry at once.
    api.emit('topology.update', { lab: 'vrrp-pair', at: 0, nodes: [{ name: 'lb01', role: 'lb', ip: '10.0.0.5', state: 'running' }], vips: [], vrrp: [], timeline: [] });
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    expect(conn.state.kind).toBe('open');
    expect(reconnects).toBe(1);
    api.emit('terminal.data', { id: 't2', data: 'back' });
    api.emit('terminal.data', { id: 't1', data: 'old shell' });
    expect(view.written).toEqual(['back']);
  });

  it('waits for Enter after the shell exited, then opens a new one', async () => {
    conn.start();
    await settle();
    api.emit('terminal.exit', { id: 't1', code: 0, reason: 'shell-exited' });
    expect(conn.state).toEqual({ kind: 'closed', why: 'shell-exited', code: 0 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.callsOf('terminal.open')).toHaveLength(1);
    conn.input('a');
    await settle();
    expect(api.callsOf('terminal.open')).toHaveLength(1);
    conn.input('\r');
    await settle();
    expect(api.callsOf('terminal.open')).toHaveLength(2);
    expect(conn.state.kind).toBe('open');
    expect(api.callsOf('terminal.input')).toEqual([]); // the Enter only reconnected
  });

  it('shows why opening failed and retries on Enter or when the lab starts', async () => {
    api.answer('terminal.open', () => {
      throw apiError('E_NOT_RUNNING', 'The lab "vrrp-pair" is not running.');
    });
    conn.start();
    await settle();
    expect(conn.state).toEqual({ kind: 'failed', code: 'E_NOT_RUNNING', message: 'The lab "vrrp-pair" is not running.' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.callsOf('terminal.open')).toHaveLength(1); // no retry loop for this
    api.answer('terminal.open', () => ({ id: 't5' }));
    api.emit('lab.changed', { lab: 'vrrp-pair', running: true });
    await settle();
    expect(conn.state.kind).toBe('open');
  });

  it('treats a terminal the backend no longer knows as closed', async () => {
    conn.start();
    await settle();
    api.answer('terminal.input', () => {
      throw apiError('E_NO_TERMINAL', 'There is no open terminal "t1".');
    });
    conn.input('ls\r');
    await settle();
    expect(conn.state.kind).toBe('closed');
  });

  it('closes its shell and stops listening when disposed, even if the open was still in flight', async () => {
    let release: (v: { id: string }) => void = () => undefined;
    api.answer('terminal.open', () => new Promise((r) => (release = r)));
    conn.start();
    await settle();
    conn.dispose();
    release({ id: 't3' });
    await settle();
    expect(api.callsOf('terminal.close')).toEqual([{ id: 't3' }]);
    expect(api.listenerCount()).toBe(0);
    expect(states.at(-1)).toBe('disposed');
  });
});
