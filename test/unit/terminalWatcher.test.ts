// A read-only watcher of a terminal gets a copy of its output, bounded: what it has not rendered stays under
// its limit, what waits beyond that is cut to the newest text, and it is told how much it missed. The
// terminal's recent output (shown to a new watcher) is bounded too and starts at a line.
import { describe, expect, it } from 'vitest';
import { RecentOutput, RECENT_OUTPUT_CHARS } from '../../electron/terminal/recentOutput.js';
import { TerminalWatcher } from '../../electron/terminal/terminalWatcher.js';

function watcher(limits = { unacked: 100, pending: 40 }): { w: TerminalWatcher; sent: string[] } {
  const sent: string[] = [];
  const w = new TerminalWatcher((text) => sent.push(text), limits);
  return { w, sent };
}

describe('TerminalWatcher', () => {
  it('passes output on at once while the watcher keeps up', () => {
    const { w, sent } = watcher();
    w.push('ls\r\n');
    w.push('a b c\r\n');
    expect(sent).toEqual(['ls\r\n', 'a b c\r\n']);
    w.ack(11);
    expect(w.stats()).toEqual({ unacked: 0, pending: 0, dropped: 0, sent: 11 });
  });

  it('holds what would pass its limit, keeps only the newest text, and says how much was skipped', () => {
    const { w, sent } = watcher();
    for (let i = 0; i < 10; i++) w.push(String(i).repeat(30)); // 300 characters
    expect(sent.join('').length).toBeLessThanOrEqual(100);
    expect(w.stats().pending).toBeLessThanOrEqual(40);
    const held = sent.join('').length;
    // Rendering a little is not enough to resume: half the limit must be free.
    w.ack(10);
    expect(sent.join('').length).toBe(held);
    w.ack(held);
    const last = sent.at(-1) ?? '';
    expect(last).toMatch(/\[… \d+ characters not shown …\]/);
    expect(last.endsWith('9'.repeat(30))).toBe(true);
    const dropped = Number(/… (\d+) characters/.exec(last)?.[1]);
    const tail = last.slice(last.indexOf('\x1b[0m\r\n') + '\x1b[0m\r\n'.length);
    expect(held + dropped + tail.length).toBe(300); // every character sent, or counted as skipped
    expect(w.stats().dropped).toBe(dropped);
  });

  it('never sends more than its limit while it renders nothing, however much comes', () => {
    const { w, sent } = watcher({ unacked: 1000, pending: 100 });
    for (let i = 0; i < 10_000; i++) w.push('x'.repeat(37));
    expect(sent.join('').length).toBeLessThanOrEqual(1000);
    expect(w.stats().pending).toBe(100);
    expect(w.stats().dropped).toBe(370_000 - sent.join('').length - 100);
  });

  it('keeps the order of text once it catches up', () => {
    const { w, sent } = watcher({ unacked: 10, pending: 100 });
    w.push('abcdefgh'); // sent
    w.push('ijkl'); // held: 12 > 10
    w.push('mn'); // held behind it, never before it
    expect(sent).toEqual(['abcdefgh']);
    w.ack(8);
    expect(sent).toEqual(['abcdefgh', 'ijklmn']);
  });
});

describe('RecentOutput', () => {
  it('keeps everything while it is short', () => {
    const r = new RecentOutput(100);
    r.push('[root@client ~]# ');
    r.push('echo hi\r\nhi\r\n');
    expect(r.text()).toBe('[root@client ~]# echo hi\r\nhi\r\n');
  });

  it('keeps the newest text within its limit, from a line start', () => {
    const r = new RecentOutput(50);
    for (let i = 0; i < 20; i++) r.push(`line ${i}\r\n`);
    const text = r.text();
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.endsWith('line 19\r\n')).toBe(true);
  });

  it('is bounded by default', () => {
    const r = new RecentOutput();
    for (let i = 0; i < 1000; i++) r.push('y'.repeat(1000));
    expect(r.text().length).toBeLessThanOrEqual(RECENT_OUTPUT_CHARS);
  });
});
