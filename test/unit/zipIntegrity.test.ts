// The special-entry check read another entry count than fflate (Zip64 ignored), CRCs were not
// checked, and declared sizes silently truncated (or capped a bomb after inflating it all). The import now
// reads one central directory, refuses Zip64, and checks every entry's size and CRC as it inflates it.
import { describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, zipSync, type Zippable } from 'fflate';
import { importPack } from '../../electron/labs/packZip.js';
import { UserError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PACK: Zippable = {
  'p/lab.yaml': enc(MINIMAL_MANIFEST),
  'p/files/keepalived.conf': enc('# empty\n'),
  'p/steps/en.md': enc(`# First\n${'Some text of the step. '.repeat(40)}\n`),
  'p/steps/zh.md': enc('# 第一步\n'),
};
const LINK: Zippable = { 'p/link': [enc('/etc/passwd'), { os: 3, attrs: 0o120777 * 65536 }] };

/** Offsets of the end record and of each central directory entry, by name. */
function layout(zip: Uint8Array): { eocd: number; entries: Map<string, number> } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.byteLength - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd -= 1;
  const entries = new Map<string, number>();
  let at = view.getUint32(eocd + 16, true);
  for (let n = 0; n < view.getUint16(eocd + 10, true); n++) {
    const nameLen = view.getUint16(at + 28, true);
    entries.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen)), at);
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { eocd, entries };
}

async function importBytes(zip: Uint8Array): Promise<{ error?: unknown; dest: string; ms: number }> {
  const path = join(makeTempDir('halab-zipint-'), 'p.zip');
  await writeFile(path, zip);
  const dest = makeTempDir('halab-zipint-dest-');
  const started = performance.now();
  const error = await importPack(path, dest).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, dest, ms: performance.now() - started };
}

async function expectRefused(zip: Uint8Array, message: RegExp): Promise<void> {
  const { error, dest, ms } = await importBytes(zip);
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toMatch(message);
  expect(await readdir(dest)).toEqual([]);
  expect(ms).toBeLessThan(1000);
}

describe('zip integrity', () => {
  it('imports an honest archive', async () => {
    const { error, dest } = await importBytes(zipSync(PACK));
    expect(error).toBeUndefined();
    expect(await readdir(dest)).toEqual(['tiny']);
  });

  it('refuses an archive whose two entry counts disagree (a link hid behind the smaller one)', async () => {
    const zip = zipSync({ ...PACK, ...LINK });
    const view = new DataView(zip.buffer);
    const { eocd } = layout(zip);
    view.setUint16(eocd + 10, view.getUint16(eocd + 10, true) - 1, true);
    await expectRefused(zip, /entry count/);
  });

  it('refuses Zip64 (whose count fflate honoured and the link check ignored)', async () => {
    const plain = zipSync({ ...PACK, ...LINK });
    const { eocd } = layout(plain);
    const view = new DataView(plain.buffer);
    const entries = view.getUint16(eocd + 8, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    // A Zip64 end record and its locator before the classic end record, which now claims one entry fewer.
    const z64 = new DataView(new ArrayBuffer(56 + 20));
    z64.setUint32(0, 0x06064b50, true);
    z64.setBigUint64(4, 44n, true);
    z64.setUint16(12, 45, true);
    z64.setUint16(14, 45, true);
    z64.setBigUint64(24, BigInt(entries), true);
    z64.setBigUint64(32, BigInt(entries), true);
    z64.setBigUint64(40, BigInt(cdSize), true);
    z64.setBigUint64(48, BigInt(cdOffset), true);
    z64.setUint32(56, 0x07064b50, true);
    z64.setBigUint64(64, BigInt(eocd), true);
    z64.setUint32(72, 1, true);
    const end = plain.slice(eocd);
    new DataView(end.buffer).setUint16(8, entries - 1, true);
    new DataView(end.buffer).setUint16(10, entries - 1, true);
    const zip = new Uint8Array([...plain.subarray(0, eocd), ...new Uint8Array(z64.buffer), ...end]);
    await expectRefused(zip, /Zip64/);
  });

  it('refuses an entry whose CRC is wrong', async () => {
    const zip = zipSync(PACK);
    const at = layout(zip).entries.get('p/steps/en.md') ?? 0;
    zip[at + 16] = (zip[at + 16] ?? 0) ^ 0xff;
    await expectRefused(zip, /"p\/steps\/en\.md".*CRC/);
  });

  it('refuses an entry whose real size differs from the declared one, either way', async () => {
    for (const delta of [-10, 10]) {
      const zip = zipSync(PACK);
      const view = new DataView(zip.buffer);
      const at = layout(zip).entries.get('p/steps/en.md') ?? 0;
      view.setUint32(at + 24, view.getUint32(at + 24, true) + delta, true);
      await expectRefused(zip, /"p\/steps\/en\.md".*size/);
    }
  });

  it('refuses a lying-size bomb without inflating it all', async () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024));
    const zip = zipSync({ ...PACK, 'p/steps/en.md': [enc('x'.repeat(1000)), { level: 9 }] });
    // Replace the entry's data with the bomb, keeping its declared size of 1000 bytes.
    const { entries } = layout(zip);
    const view = new DataView(zip.buffer);
    const cd = entries.get('p/steps/en.md') ?? 0;
    const local = view.getUint32(cd + 42, true);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const oldSize = view.getUint32(cd + 20, true);
    const out = new Uint8Array([...zip.subarray(0, dataAt), ...bomb, ...zip.subarray(dataAt + oldSize)]);
    const grow = bomb.length - oldSize;
    const o = new DataView(out.buffer);
    o.setUint32(local + 18, bomb.length, true);
    for (const [name, at] of layout(zip).entries) {
      const moved = at + grow;
      if (name === 'p/steps/en.md') o.setUint32(moved + 20, bomb.length, true);
      if (view.getUint32(at + 42, true) > local) o.setUint32(moved + 42, view.getUint32(at + 42, true) + grow, true);
    }
    const eocd = layout(zip).eocd + grow;
    o.setUint32(eocd + 16, o.getUint32(eocd + 16, true) + grow, true);
    await expectRefused(out, /"p\/steps\/en\.md".*size/);
  });
});
