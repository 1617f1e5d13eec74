// The lab list's order: built-in packs by `order` (ties by id), then imported packs; packs without an
// order follow the ordered ones by title. The catalogue, the API, the report and lint all agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { labsHandlers } from '../../electron/api/handlers/labs.js';
import type { HandlerContext } from '../../electron/api/handlerTypes.js';
import { packDirs, catalog, findPack, userPacksDir } from '../../electron/labs/catalog.js';
import { compareLabs, sortLabs } from '../../common/labOrder.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { buildProgressReport } from '../../electron/reports/progressReport.js';
import { MINIMAL_MANIFEST } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

describe('compareLabs', () => {
  it('puts built-in before imported, then orders by order, id, and title for packs without one', () => {
    const labs = [
      { id: 'zz', title: 'Zed', imported: true, order: 1 },
      { id: 'nb', title: 'Beta' },
      { id: 'b', title: 'B', order: 10 },
      { id: 'na', title: 'Alpha' },
      { id: 'c', title: 'C', order: 5 },
      { id: 'a', title: 'A later', order: 10 },
      { id: 'ib', title: 'Imported, no order', imported: true },
    ];
    expect(sortLabs(labs).map((l) => l.id)).toEqual(['c', 'a', 'b', 'na', 'nb', 'zz', 'ib']);
    expect(compareLabs({ id: 'x', title: 'X', order: 3 }, { id: 'x', title: 'X', order: 3 })).toBe(0);
  });
});

async function writePackAt(dir: string, id: string, extra: { order?: number; title?: string; broken?: boolean }): Promise<void> {
  let manifest = MINIMAL_MANIFEST.replace('id: tiny', `id: ${id}${extra.order ? `\norder: ${extra.order}` : ''}`);
  if (extra.title) manifest = manifest.replace('title: { en: Tiny,', `title: { en: ${extra.title},`);
  if (extra.broken) manifest = manifest.replace(/\nsteps:[\s\S]*$/, '\n');
  const files: Record<string, string> = { 'lab.yaml': manifest, 'files/keepalived.conf': '# empty\n', 'steps/en.md': '# First\n', 'steps/zh.md': '# 第一步\n' };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
}

describe('the catalogue', () => {
  const saved = { labs: process.env.HALAB_LABS, home: process.env.HALAB_HOME };
  let labs = '';

  beforeAll(async () => {
    const root = makeTempDir('halab-order-');
    labs = join(root, 'labs');
    process.env.HALAB_LABS = labs;
    process.env.HALAB_HOME = join(root, 'home');
    // Folder names sort the other way round on purpose: the order comes from the manifests.
    await writePackAt(join(labs, '1-third'), 'third', { order: 30 });
    await writePackAt(join(labs, '2-second-b'), 'second-b', { order: 20 });
    await writePackAt(join(labs, '3-second-a'), 'second-a', { order: 20 });
    await writePackAt(join(labs, '4-first'), 'first', { order: 10 });
    await writePackAt(join(labs, '5-broken'), 'broken', { order: 25, broken: true });
    await writePackAt(join(labs, '0-unordered'), 'unordered', { title: 'Aardvark' });
    await writePackAt(join(userPacksDir(), 'a-mine'), 'mine', { title: 'Zebra' });
    await writePackAt(join(userPacksDir(), 'b-theirs'), 'theirs', { title: 'Antelope' });
    await writePackAt(join(userPacksDir(), 'c-ordered'), 'ordered', { order: 5 });
  });

  afterAll(() => {
    if (saved.labs === undefined) delete process.env.HALAB_LABS;
    else process.env.HALAB_LABS = saved.labs;
    if (saved.home === undefined) delete process.env.HALAB_HOME;
    else process.env.HALAB_HOME = saved.home;
  });

  const expected = ['first', 'second-a', 'second-b', 'broken', 'third', 'unordered', 'ordered', 'theirs', 'mine'];

  it('lists built-in packs by order (ties by id), a broken pack at its place, then imported packs', async () => {
    const entries = await catalog();
    expect(entries.map((e) => e.id)).toEqual(expected);
    expect(entries.map((e) => e.imported)).toEqual([false, false, false, false, false, false, true, true, true]);
    expect((await packDirs()).map((d) => d.split('/').pop())).toEqual(['4-first', '3-second-a', '2-second-b', '5-broken', '1-third', '0-unordered', 'c-ordered', 'b-theirs', 'a-mine']);
    expect((await findPack('theirs')).manifest.id).toBe('theirs');
    await expect(findPack('nothing')).rejects.toMatchObject({ fix: expect.stringMatching(/^Known labs: first, second-a, second-b, broken, third/) as unknown });
  });

  it('gives the same order to the lab list API and the progress report', async () => {
    const listLabs = labsHandlers['labs.list'];
    if (!listLabs) throw new Error('labs.list is not served');
    const list = await listLabs({}, {} as HandlerContext);
    expect(list.map((l) => l.id)).toEqual(expected.map((id) => (id === 'broken' ? '5-broken' : id)));
    expect(list.find((l) => l.id === 'first')?.order).toBe(10);
    expect(list.find((l) => l.id === 'mine')?.imported).toBe(true);
    expect(list.find((l) => l.id === '5-broken')).toMatchObject({ order: 25, error: expect.any(String) as unknown });
    const report = await buildProgressReport(new Date('2026-01-01T00:00:00Z'));
    expect(report.labs.map((l) => l.id)).toEqual(expected.filter((id) => id !== 'broken'));
  });

  it('lint warns about a shared order and a built-in pack without one, not about an imported pack without one', async () => {
    const orderWarnings = async (dir: string): Promise<string[]> => (await lintPack(dir)).filter((f) => /\border\b/.test(f.message)).map((f) => `${f.line}: ${f.message}`);
    expect(await orderWarnings(join(labs, '3-second-a'))).toEqual(['3: order 20 is also the order of "second-b": the two are listed by id; give each lab its own place']);
    expect(await orderWarnings(join(labs, '4-first'))).toEqual([]);
    expect(await orderWarnings(join(labs, '0-unordered'))).toEqual(['2: no order: a built-in lab without one is listed after the ordered ones, by title']);
    expect(await orderWarnings(join(userPacksDir(), 'a-mine'))).toEqual([]);
  });
});
