// Mutations for the pack fuzzer (packFuzz.test.ts), driven by a seeded PRNG: of lab.yaml's text (bit flips,
// truncation, huge numbers, deep nesting, duplicate keys, odd Unicode, aliases, reserved ids), of a pack
// folder (links out, FIFOs, devices, folders where files were) and of a pack's zip bytes.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Rng } from './prng.js';

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

const HUGE = ['1e309', '99999999999999999999999', '-0', '.nan', '.inf', '0x7fffffff', '1_000', '-1', '4294967296', '0.0000001'];
const ODD = ['\u202e', '\u0000', '\ufeff', '\ud800', 'İ', '\u200b', '🦜', '\r', '\t', '\u2028', '\\', '"', "'", '%', '!!binary', '&a', '*a', '? ', '- ', ': ', '#'];
const RESERVED = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty'];

/** One mutation of the manifest's text, and its name for the report. */
export function mutateText(rng: Rng, text: string): { text: string; how: string } {
  const lines = text.split('\n');
  const at = int(rng, lines.length);
  const pos = int(rng, text.length + 1);
  switch (int(rng, 11)) {
    case 0: {
      const bytes = Buffer.from(text);
      const i = int(rng, bytes.length);
      bytes[i] = (bytes[i] ?? 0) ^ (1 << int(rng, 8));
      return { text: bytes.toString('utf8'), how: `bit flip at byte ${i}` };
    }
    case 1:
      return { text: text.slice(0, pos), how: `truncated at ${pos}` };
    case 2:
      return { text: text.replace(/(?<=: )\d+/g, (m) => (rng() < 0.3 ? pick(rng, HUGE) : m)), how: 'huge numbers' };
    case 3: {
      const depth = pick(rng, [10, 40, 1000, 50_000]);
      const [open, close] = rng() < 0.5 ? ['[', ']'] : ['{ a: ', '}'];
      const closed = rng() < 0.5 ? depth : 1;
      return { text: text.slice(0, pos) + open.repeat(depth) + close.repeat(closed) + text.slice(pos), how: `nesting ${depth} (${closed} closed) at ${pos}` };
    }
    case 4:
      return { text: [...lines.slice(0, at + 1), lines[at] ?? '', ...lines.slice(at + 1)].join('\n'), how: `line ${at + 1} twice (duplicate key)` };
    case 5: {
      const odd = pick(rng, ODD);
      return { text: text.slice(0, pos) + odd + text.slice(pos), how: `inserted ${JSON.stringify(odd)} at ${pos}` };
    }
    case 6:
      return { text: lines.filter((_, i) => i !== at).join('\n'), how: `line ${at + 1} removed` };
    case 7: {
      const id = pick(rng, RESERVED);
      return { text: text.replace(/\bid: [a-z0-9-]+/g, (m) => (rng() < 0.4 ? `id: ${id}` : m)).replace(/name: [a-z0-9-]+/, `name: ${id}`), how: `ids "${id}"` };
    }
    case 8:
      return { text: `x: &x [${'y,'.repeat(int(rng, 3000))}y]\nz: [${Array(int(rng, 60)).fill('*x').join(',')}]\n${text}`, how: 'aliases' };
    case 9: {
      const long = 'w'.repeat(pick(rng, [1000, 100_000, 300_000]));
      return { text: text.replace(/(?<=en: )[^\n,}]+/, long), how: `a ${long.length}-char value` };
    }
    default: {
      const other = int(rng, lines.length);
      const copy = [...lines];
      [copy[at], copy[other]] = [copy[other] ?? '', copy[at] ?? ''];
      return { text: copy.join('\n'), how: `lines ${at + 1} and ${other + 1} swapped` };
    }
  }
}

/** One change to a pack folder on disk: a referenced file replaced by something that is not a plain file of the pack. */
export async function mutateFolder(rng: Rng, dir: string, files: readonly string[], outside: string): Promise<string> {
  const rel = pick(rng, files);
  const path = join(dir, rel);
  await rm(path, { recursive: true, force: true });
  await mkdir(dirname(path), { recursive: true });
  switch (int(rng, 7)) {
    case 0:
      await symlink(outside, path);
      return `${rel} -> a file outside the pack`;
    case 1:
      await symlink('/dev/zero', path);
      return `${rel} -> /dev/zero`;
    case 2:
      execFileSync('mkfifo', [path]);
      return `${rel} is a FIFO`;
    case 3:
      await mkdir(path);
      return `${rel} is a folder`;
    case 4:
      await symlink(
        rel
          .split('/')
          .map(() => '..')
          .join('/') + '/..',
        path,
      );
      return `${rel} -> a folder above the pack`;
    case 5:
      await writeFile(path, Buffer.alloc(300 * 1024, 0x41));
      return `${rel} is 300 KiB`;
    default:
      await symlink(rel, path);
      return `${rel} -> itself`;
  }
}

/** One mutation of a zip's bytes. */
export function mutateZip(rng: Rng, zip: Uint8Array): { zip: Uint8Array; how: string } {
  const out = new Uint8Array(zip);
  const at = int(rng, out.length);
  switch (int(rng, 5)) {
    case 0:
      out[at] = (out[at] ?? 0) ^ (1 << int(rng, 8));
      return { zip: out, how: `bit flip at ${at}` };
    case 1:
      return { zip: out.subarray(0, at), how: `truncated at ${at}` };
    case 2: {
      const value = pick(rng, [0, 0xffffffff, 0xffff, 1, int(rng, 2 ** 32)]);
      new DataView(out.buffer).setUint32(Math.min(at, out.length - 4), value, true);
      return { zip: out, how: `u32 ${value} at ${at}` };
    }
    case 3: {
      // A field of the end record or of a central directory entry: counts, sizes, offsets, modes.
      const eocd = out.length - 22;
      const field = pick(rng, [8, 10, 12, 16, 20]);
      new DataView(out.buffer).setUint16(eocd + field, int(rng, 0x10000), true);
      return { zip: out, how: `end record field +${field}` };
    }
    default: {
      const n = 1 + int(rng, 16);
      for (let i = 0; i < n; i++) out[int(rng, out.length)] = int(rng, 256);
      return { zip: out, how: `${n} random bytes` };
    }
  }
}
