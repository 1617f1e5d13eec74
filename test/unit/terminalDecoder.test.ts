// The terminal output decoder: multi-byte characters are never split, whatever the chunk edges.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputDecoder } from '../../electron/terminal/outputDecoder.js';

const SAMPLE = '你好，世界！高可用实验 keepalived + nginx 漂移 VIP 10.0.0.3 → lb02 ✓ 😀 ü é\r\n'.repeat(8);

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomChunks(bytes: Buffer, rand: () => number, maxLen: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(rand() * maxLen);
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return chunks;
}

describe('OutputDecoder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never splits a multi-byte character, for any chunk boundaries (Chinese, emoji, accents)', () => {
    const bytes = Buffer.from(SAMPLE, 'utf8');
    for (let seed = 1; seed <= 300; seed++) {
      const pieces: string[] = [];
      let counted = 0;
      // maxBatchChars 1: every decoded piece is emitted at once, the hardest case for splitting.
      const d = new OutputDecoder((t) => pieces.push(t), { maxBatchChars: 1, onDecoded: (n) => (counted += n) });
      for (const c of randomChunks(bytes, rng(seed), 1 + (seed % 7))) d.push(c);
      d.end();
      // A piece is whole characters: no replacement character, no lone surrogate half at either edge,
      // and it survives a round trip through UTF-8 unchanged. (One expect per seed keeps this fast.)
      const broken = pieces.filter((p) => p.includes('\uFFFD') || /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p) || Buffer.from(p, 'utf8').toString('utf8') !== p);
      expect(broken).toEqual([]);
      expect(pieces.join('')).toBe(SAMPLE);
      expect(counted).toBe(SAMPLE.length);
    }
  });

  it('splits even inside a character one byte at a time without damage', () => {
    const bytes = Buffer.from('你好😀', 'utf8');
    const out: string[] = [];
    const d = new OutputDecoder((t) => out.push(t), { maxBatchChars: 1 });
    for (let i = 0; i < bytes.length; i++) d.push(bytes.subarray(i, i + 1));
    expect(out).toEqual(['你', '好', '😀']);
  });

  it('sends a chunk after a quiet moment at once, and coalesces the burst that follows within the delay', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const d = new OutputDecoder((t) => out.push(t), { delayMs: 5 });
    d.push(Buffer.from('l'));
    expect(out).toEqual(['l']);
    vi.advanceTimersByTime(50);
    for (const ch of '[root@lb01 ~]# ') d.push(Buffer.from(ch));
    expect(out).toEqual(['l', '[']);
    vi.advanceTimersByTime(5);
    expect(out).toEqual(['l', '[', 'root@lb01 ~]# ']);
    // A chunk 1 ms after the one before it is part of a burst: it waits for company.
    vi.advanceTimersByTime(50);
    d.push(Buffer.from('a'));
    vi.advanceTimersByTime(1);
    d.push(Buffer.from('b'));
    expect(out.slice(3)).toEqual(['a']);
    vi.advanceTimersByTime(5);
    expect(out.slice(3)).toEqual(['a', 'b']);
  });

  it('sends a big backlog at once instead of waiting', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const d = new OutputDecoder((t) => out.push(t), { delayMs: 5, maxBatchChars: 1000 });
    d.push(Buffer.from('x'.repeat(1500)));
    expect(out.map((s) => s.length)).toEqual([1500]);
  });

  it('shows a truncated sequence at the very end as one replacement character', () => {
    const out: string[] = [];
    const d = new OutputDecoder((t) => out.push(t), { maxBatchChars: 1 });
    d.push(Buffer.from('你', 'utf8').subarray(0, 2));
    expect(out).toEqual([]);
    d.end();
    expect(out).toEqual(['\uFFFD']);
  });
});
