// Watermark flow control with a fake stream: pause above the high mark, resume below the low mark.
import { describe, expect, it } from 'vitest';
import { FlowControl, HIGH_WATERMARK, LOW_WATERMARK } from '../../electron/terminal/flowControl.js';

class FakeStream {
  paused = false;
  calls: string[] = [];
  pause(): void {
    this.paused = true;
    this.calls.push('pause');
  }
  resume(): void {
    this.paused = false;
    this.calls.push('resume');
  }
}

describe('FlowControl', () => {
  it('uses 1 M / 256 K characters by default', () => {
    const f = new FlowControl(new FakeStream());
    expect([f.high, f.low]).toEqual([HIGH_WATERMARK, LOW_WATERMARK]);
    expect([HIGH_WATERMARK, LOW_WATERMARK]).toEqual([1024 * 1024, 256 * 1024]);
  });

  it('pauses only above the high watermark and resumes only below the low one', () => {
    const s = new FakeStream();
    const f = new FlowControl(s, 100, 20);
    f.received(100);
    expect(s.paused).toBe(false);
    f.received(1);
    expect(s.paused).toBe(true);
    f.received(50); // data already in flight when paused
    f.ack(100);
    expect(s.paused).toBe(true); // 51 left: between the marks
    f.ack(31);
    expect(s.paused).toBe(true); // 20 is not below 20
    f.ack(1);
    expect(s.paused).toBe(false);
    expect(s.calls).toEqual(['pause', 'resume']);
    expect(f.maxUnacked).toBe(151);
    expect(f.pauses).toBe(1);
  });

  it('keeps the backlog within high + one chunk for a producer that respects pause (slow consumer)', () => {
    const s = new FakeStream();
    const f = new FlowControl(s, 1000, 250);
    const chunk = 64;
    let produced = 0;
    let delivered = 0;
    for (let tick = 0; tick < 10_000; tick++) {
      // The producer writes whenever it is not paused; the consumer acks a little every fourth tick.
      if (!s.paused) {
        f.received(chunk);
        produced += chunk;
      }
      if (tick % 4 === 0) {
        const n = Math.min(30, f.unacked);
        delivered += n;
        f.ack(n);
      }
      expect(f.unacked).toBeLessThanOrEqual(1000 + chunk);
    }
    expect(f.pauses).toBeGreaterThan(10);
    expect(produced - delivered).toBe(f.unacked);
    expect(f.maxUnacked).toBeLessThanOrEqual(1000 + chunk);
  });

  it('cannot be driven below zero by over-acknowledging', () => {
    const s = new FakeStream();
    const f = new FlowControl(s, 100, 20);
    f.ack(1000);
    expect(f.unacked).toBe(0);
    f.received(101);
    expect(s.paused).toBe(true);
  });

  it('rejects watermarks in the wrong order', () => {
    expect(() => new FlowControl(new FakeStream(), 10, 10)).toThrow(/low watermark/);
  });
});
