// The flood pacing in front of xterm: quiet output goes straight through, a flood is handed over once
// per interval, text keeps its order, every acknowledgement callback runs exactly once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLOOD_CHARS, FLOOD_INTERVAL_MS, WriteCoalescer } from '../../../renderer/terminal/writeCoalescer.js';

class FakeScreen {
  writes: string[] = [];
  private parsed: (() => void)[] = [];
  readonly sink = (data: string, done: () => void): void => {
    this.writes.push(data);
    this.parsed.push(done);
  };
  /** xterm has taken in everything written so far. */
  parse(): void {
    for (const d of this.parsed.splice(0)) d();
  }
}

describe('WriteCoalescer', () => {
  let screen: FakeScreen;
  let out: WriteCoalescer;
  const big = 'x'.repeat(FLOOD_CHARS);

  beforeEach(() => {
    vi.useFakeTimers();
    screen = new FakeScreen();
    out = new WriteCoalescer(screen.sink, { now: () => Date.now() });
  });
  afterEach(() => {
    out.dispose();
    vi.useRealTimers();
  });

  it('writes small output at once, even many pieces in a row (typing, prompts)', () => {
    for (const key of ['l', 's', '\r\n', 'a.conf  b.conf\r\n', '[root@lb01 ~]# ']) out.write(key);
    expect(screen.writes).toEqual(['l', 's', '\r\n', 'a.conf  b.conf\r\n', '[root@lb01 ~]# ']);
  });

  it('after a large write, gathers what follows and hands it over one interval later, in order', () => {
    out.write(big);
    out.write('a');
    out.write('b');
    out.write('c');
    expect(screen.writes).toEqual([big]);
    vi.advanceTimersByTime(FLOOD_INTERVAL_MS - 1);
    expect(screen.writes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(screen.writes).toEqual([big, 'abc']);
  });

  it('keeps a flood at one write per interval, so the screen is drawn that often and not per chunk', () => {
    const chunk = 'y'.repeat(FLOOD_CHARS);
    let chunks = 0;
    // 1 s of output arriving every 2 ms.
    for (let t = 0; t < 1000; t += 2) {
      out.write(chunk);
      chunks++;
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(FLOOD_INTERVAL_MS);
    expect(screen.writes.join('')).toHaveLength(chunks * chunk.length);
    expect(screen.writes.length).toBeLessThanOrEqual(Math.ceil(1000 / FLOOD_INTERVAL_MS) + 2);
    expect(screen.writes.length).toBeGreaterThanOrEqual(Math.floor(1000 / FLOOD_INTERVAL_MS));
  });

  it('writes at once again once the flood is over for an interval (the echo of the next key)', () => {
    out.write(big);
    vi.advanceTimersByTime(FLOOD_INTERVAL_MS);
    out.write('k');
    expect(screen.writes).toEqual([big, 'k']);
  });

  it('runs every done callback once, after the write that carried its text was taken in', () => {
    const done: string[] = [];
    out.write(big, () => done.push('big'));
    out.write('1', () => done.push('1'));
    out.write('2');
    out.write('3', () => done.push('3'));
    screen.parse();
    expect(done).toEqual(['big']);
    vi.advanceTimersByTime(FLOOD_INTERVAL_MS);
    expect(done).toEqual(['big']); // handed over, not yet parsed
    screen.parse();
    expect(done).toEqual(['big', '1', '3']);
    screen.parse();
    expect(done).toEqual(['big', '1', '3']);
  });

  it('drops what waits when disposed and writes nothing afterwards', () => {
    out.write(big);
    out.write('late');
    out.dispose();
    vi.advanceTimersByTime(FLOOD_INTERVAL_MS * 2);
    out.write('after');
    expect(screen.writes).toEqual([big]);
  });
});
