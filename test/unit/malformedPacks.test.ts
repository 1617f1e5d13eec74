// At least 200 generated malformed packs: each gets a clear located error; nothing outside the pack is
// read into the lab or written. Mutations: broken YAML on every line, wrong types on every field,
// unknown fields and kinds, escaping paths, links out of the pack, oversized files.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadPack } from '../../electron/labs/loadPack.js';
import { PackError } from '../../electron/util/errors.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';

interface Case {
  name: string;
  manifest: string;
  extra?: Record<string, string>;
  prepare?: (dir: string) => Promise<void>;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every path to a scalar inside the parsed manifest. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(root: Json, path: (string | number)[], v: Json): Json {
  const copy = structuredClone(root);
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (last !== undefined) at[last] = v;
  return copy;
}

function objects(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objects(v, [...path, i]));
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => objects(v, [...path, k]))];
  return [];
}

function cases(): Case[] {
  const out: Case[] = [];
  const lines = MINIMAL_MANIFEST.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    out.push({ name: `unclosed flow on line ${i + 1}`, manifest: lines.map((l, j) => (j === i ? `[${l}` : l)).join('\n') });
    out.push({ name: `tab indent on line ${i + 1}`, manifest: lines.map((l, j) => (j === i ? `\t${l}` : l)).join('\n') });
  });
  const doc = parse(MINIMAL_MANIFEST) as Json;
  for (const path of leaves(doc)) {
    out.push({ name: `list instead of scalar at ${path.join('.')}`, manifest: stringify(setAt(doc, path, [[1], { x: 1 }])) });
    out.push({ name: `object instead of scalar at ${path.join('.')}`, manifest: stringify(setAt(doc, path, { nested: true })) });
    const current = path.reduce<Json>((at, key) => (at as Record<string | number, Json>)[key] ?? null, doc);
    out.push({ name: `null at ${path.join('.')}`, manifest: stringify(setAt(doc, path, null)) });
    out.push({ name: `wrong scalar type at ${path.join('.')}`, manifest: stringify(setAt(doc, path, typeof current === 'number' ? 'abc' : 12345)) });
  }
  for (const path of objects(doc)) {
    if (path.length && typeof path[path.length - 1] === 'number' && path[path.length - 2] !== 'nodes' && path[path.length - 2] !== 'checks') continue;
    const bad = structuredClone(doc) as Record<string, Json>;
    let at: Record<string, Json> = bad;
    for (const key of path) at = at[key] as Record<string, Json>;
    if (Array.isArray(at)) continue;
    at.surprise_field = 'x';
    out.push({ name: `unknown field in ${path.join('.') || 'top level'}`, manifest: stringify(bad) });
  }
  for (const kind of ['fortune', 'VIP', 'vip ', '', 'shell']) {
    out.push({ name: `check kind "${kind}"`, manifest: MINIMAL_MANIFEST.replace('kind: file', `kind: "${kind}"`) });
  }
  for (const src of ['../outside.txt', '../../etc/passwd', '/etc/passwd', 'files/../../x', 'files/./../x', './../x']) {
    out.push({ name: `source ${src}`, manifest: MINIMAL_MANIFEST.replace('source: files/keepalived.conf', `source: "${src}"`) });
    out.push({ name: `body ${src}`, manifest: MINIMAL_MANIFEST.replace('en: steps/en.md', `en: "${src}"`) });
  }
  for (const target of ['/etc/passwd', '../outside.txt']) {
    out.push({
      name: `link to ${target}`,
      manifest: MINIMAL_MANIFEST.replace('source: files/keepalived.conf', 'source: files/link.conf'),
      prepare: (dir) => symlink(target, join(dir, 'files/link.conf')),
    });
  }
  out.push({ name: 'huge manifest', manifest: `${MINIMAL_MANIFEST}\n# ${'x'.repeat(1024 * 1024)}\n` });
  out.push({ name: 'huge step text', manifest: MINIMAL_MANIFEST, extra: { 'steps/en.md': 'x'.repeat(1024 * 1024 + 1) } });
  out.push({ name: 'empty manifest', manifest: '' });
  out.push({ name: 'manifest is a list', manifest: '- a\n- b\n' });
  out.push({
    name: 'anchor bomb',
    manifest: `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
  });
  out.push({ name: 'duplicate keys', manifest: MINIMAL_MANIFEST.replace('id: tiny\n', 'id: tiny\nid: other\n') });
  return out;
}

describe('malformed lab packs', () => {
  const all = cases();

  it('generates at least 200 cases', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });

  it('rejects every one with located, readable problems and writes nothing outside the pack', { timeout: 120_000 }, async () => {
    const parent = makeTempDir('halab-malformed-');
    await writeFile(join(parent, 'outside.txt'), 'SECRET-OUTSIDE');
    const accepted: string[] = [];
    for (const [i, c] of all.entries()) {
      const dir = await writePack(c.manifest, c.extra);
      await c.prepare?.(dir);
      try {
        const pack = await loadPack(dir);
        accepted.push(c.name);
        // Had it loaded, no text of the pack may come from outside it.
        for (const s of pack.manifest.steps) expect(await pack.readText(s.body.en)).not.toContain('SECRET-OUTSIDE');
      } catch (err) {
        expect(err, c.name).toBeInstanceOf(PackError);
        const problems = (err as PackError).problems;
        expect(problems.length, c.name).toBeGreaterThan(0);
        for (const p of problems) {
          expect(p.file.startsWith(dir), `${c.name}: ${p.file}`).toBe(true);
          expect(p.line, c.name).toBeGreaterThanOrEqual(1);
          expect(p.message.length, c.name).toBeGreaterThan(5);
        }
      }
      if (i === 0) await mkdir(join(parent, 'seen'), { recursive: true });
    }
    expect(accepted).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual(['outside.txt', 'seen']);
  });
});
