import { describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { exportPack, importPack } from '../../electron/labs/packZip.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { scaffoldPack } from '../../electron/labs/scaffoldPack.js';
import { writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const tmp = (): Promise<string> => Promise.resolve(makeTempDir('halab-kit-'));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function zipFile(entries: Record<string, Uint8Array>, unixModes: Record<string, number> = {}): Promise<string> {
  const dir = await tmp();
  const opts = Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, unixModes[name] ? [data, { os: 3, attrs: unixModes[name] * 65536 }] : data]));
  const path = join(dir, 'pack.zip');
  await writeFile(path, zipSync(opts as Parameters<typeof zipSync>[0]));
  return path;
}

describe('instructor kit', () => {
  it('scaffolds a pack that lints clean', async () => {
    const dir = join(await tmp(), 'new-lab');
    await scaffoldPack(dir, 'new-lab');
    expect((await lintPack(dir)).filter((f) => f.level === 'error')).toEqual([]);
    await expect(scaffoldPack(dir, 'new-lab')).rejects.toThrow(/not empty/);
  });

  it('exports and imports a pack unchanged', async () => {
    const src = await writePack();
    const zip = join(await tmp(), 'tiny.zip');
    expect(await exportPack(src, zip)).toEqual({ id: 'tiny', files: 4 });
    const dest = await tmp();
    const pack = await importPack(zip, dest);
    expect(pack.manifest.id).toBe('tiny');
    expect(await pack.readText('steps/zh.md')).toContain('第一步');
    await expect(importPack(zip, dest)).rejects.toThrow(/already exists/);
  });

  it('refuses archives escaping the pack, links, bombs and non-packs, writing nothing', async () => {
    const dest = await tmp();
    const ok = { 'p/lab.yaml': enc('format: 1') };
    await expect(importPack(await zipFile({ ...ok, 'p/../../evil': enc('x') }), dest)).rejects.toThrow(/Refused entry/);
    await expect(importPack(await zipFile({ '/etc/evil': enc('x'), 'lab.yaml': enc('') }), dest)).rejects.toThrow(/Refused entry/);
    await expect(importPack(await zipFile({ ...ok, 'p/link': enc('/etc/passwd') }, { 'p/link': 0o120777 }), dest)).rejects.toThrow(/links and special files/);
    await expect(importPack(await zipFile({ 'p/big': new Uint8Array(2 * 1024 * 1024), ...ok }), dest)).rejects.toThrow(/larger than 1 MiB/);
    await expect(importPack(await zipFile({ 'a/x': enc('x'), 'b/y': enc('y') }), dest)).rejects.toThrow(/no lab.yaml/);
    const notZip = join(await tmp(), 'x.zip');
    await writeFile(notZip, 'not a zip');
    await expect(importPack(notZip, dest)).rejects.toThrow(/zip/);
    await expect(importPack(await zipFile(ok), dest)).rejects.toThrow(/format|lab.yaml/);
    expect(await readdir(dest)).toEqual([]);
  });

  it('lint flags remote content, raw HTML and a step without a solution', async () => {
    const manifest = (await import('../helpers/minimalPack.js')).MINIMAL_MANIFEST.replace(/ {4}solution:\n[\s\S]*$/, '    solution: {}\n');
    const dir = await writePack(manifest, { 'steps/en.md': '# First\n\n![x](https://example.com/a.png)\n\n<script>x</script>\n' });
    const messages = (await lintPack(dir)).map((f) => `${f.level}: ${f.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error: remote content is not allowed/),
        expect.stringMatching(/^error: raw HTML/),
        expect.stringMatching(/^error: step "first" has no reference solution/),
      ]),
    );
  });
});
