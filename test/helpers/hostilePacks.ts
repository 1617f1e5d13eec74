// Hostile lab packs for the budget tests and the pack fuzzer: a valid minimal pack blown up in one way at a time.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import { dirname, join } from 'node:path';
import { MINIMAL_MANIFEST } from './minimalPack.js';
import { makeTempDir } from './tempDirs.js';

/** The steps: block of the minimal pack, re-usable as a template. */
const STEP_BLOCK = MINIMAL_MANIFEST.slice(MINIMAL_MANIFEST.indexOf('  - id: first'));
const HEAD = MINIMAL_MANIFEST.slice(0, MINIMAL_MANIFEST.indexOf('  - id: first'));

/** A manifest with `count` steps; `body(i)` gives step i's en and zh-CN text paths. */
export function manyStepsManifest(count: number, body: (i: number) => { en: string; zh: string }): string {
  const steps = Array.from({ length: count }, (_, i) => {
    const b = body(i);
    return STEP_BLOCK.replace('id: first', `id: s${i}`).replace('body: { en: steps/en.md, zh-CN: steps/zh.md }', `body: { en: ${b.en}, zh-CN: ${b.zh} }`);
  });
  return HEAD + steps.join('');
}

export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
}

/** The pack that once took the host down: 270 short steps (a 67 KB lab.yaml) that all point at two texts of about 1 MiB. */
export async function writeKampPack(): Promise<string> {
  const dir = makeTempDir('halab-kamp-');
  const big = 'x'.repeat(1000 * 1024);
  const step = (i: number): string =>
    `  - {id: s${i}, title: {en: T, zh-CN: T}, body: {en: big/en.md, zh-CN: big/zh.md}, checks: [{id: c, kind: service, node: lb01, service: nginx, running: true, title: {en: T, zh-CN: T}, hint: {en: H, zh-CN: H}}], solution: {run: [{node: lb01, run: x}]}}\n`;
  await writeFiles(dir, {
    'lab.yaml': HEAD + Array.from({ length: 270 }, (_, i) => step(i)).join(''),
    'files/keepalived.conf': '# empty\n',
    'big/en.md': `# Big\n${big}`,
    'big/zh.md': `# 大\n${big}`,
  });
  return dir;
}

/** Zips a folder pack's files (as an instructor's archive would hold them). */
export async function zipOf(dir: string, files: string[]): Promise<string> {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[`p/${f}`] = new Uint8Array(await readFile(join(dir, f)));
  const zip = join(makeTempDir('halab-budget-zip-'), 'p.zip');
  await writeFile(zip, zipSync(entries));
  return zip;
}

export interface HostileCase {
  name: string;
  /** How the pack reaches the app: loaded from a folder, linted, or imported from a zip. */
  mode: 'load' | 'lint' | 'import';
  target: string;
  /** The located message it must be refused with. */
  message: RegExp;
}

/** Hostile packs of every size the budgets must refuse at once: the unit test proves the refusal, `npm run bench` its cost. */
export async function hostilePackCases(): Promise<HostileCase[]> {
  const kamp = await writeKampPack();
  const hugeManifest = makeTempDir('halab-huge-');
  await writeFiles(hugeManifest, { 'lab.yaml': `${MINIMAL_MANIFEST}# ${'z'.repeat(64 * 1024 * 1024)}\n` });
  const flow = makeTempDir('halab-flow-');
  await writeFiles(flow, { 'lab.yaml': `${MINIMAL_MANIFEST}sources: [${'1,'.repeat(120_000)}1]\n` });
  const keys = makeTempDir('halab-keys-');
  await writeFiles(keys, { 'lab.yaml': Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join('\n') });
  const deep = makeTempDir('halab-deep-');
  await writeFiles(deep, { 'lab.yaml': `${MINIMAL_MANIFEST}sources: ${'['.repeat(120_000)}${']'.repeat(120_000)}\n` });
  // Just under the token budget: the most the parser is ever given; 6k wrong values make 6k problems, of which the first 50 are told.
  const nearTokens = makeTempDir('halab-near-');
  await writeFiles(nearTokens, { 'lab.yaml': `${MINIMAL_MANIFEST}sources: [${'1,'.repeat(6_000)}1]\n` });
  const nearKeys = makeTempDir('halab-nearkeys-');
  await writeFiles(nearKeys, { 'lab.yaml': `${MINIMAL_MANIFEST}${Array.from({ length: 2_500 }, (_, i) => `k${i}: 1`).join('\n')}\n` });
  const aliases = makeTempDir('halab-alias-');
  await writeFiles(aliases, { 'lab.yaml': `a: &a [${'x,'.repeat(5_000)}x]\nb: [${Array<string>(45).fill('*a').join(', ')}]\n` });
  return [
    { name: '270 steps pointing at 1 MiB texts (load)', mode: 'load', target: kamp, message: /lab\.yaml:\d+:\d+: YAML: more than 20000 tokens/ },
    { name: '270 steps pointing at 1 MiB texts (lint)', mode: 'lint', target: kamp, message: /lab\.yaml:\d+: YAML: more than 20000 tokens/ },
    {
      name: '270 steps pointing at 1 MiB texts (import)',
      mode: 'import',
      target: await zipOf(kamp, ['lab.yaml', 'files/keepalived.conf', 'big/en.md', 'big/zh.md']),
      message: /more than 20000 tokens/,
    },
    { name: 'a 64 MiB lab.yaml', mode: 'load', target: hugeManifest, message: /lab\.yaml:1:1: "lab\.yaml" is larger than 256 KiB/ },
    { name: '120k items in one flow list', mode: 'load', target: flow, message: /lab\.yaml:\d+:\d+: .*YAML/ },
    { name: '25k keys in one map', mode: 'load', target: keys, message: /lab\.yaml:\d+:\d+: .*YAML/ },
    { name: '120k-deep nesting', mode: 'load', target: deep, message: /lab\.yaml:\d+:\d+: .*(deep|YAML)/ },
    { name: '6k items, just under the token budget', mode: 'load', target: nearTokens, message: /lab\.yaml:\d+:\d+: sources\.0: each entry of sources must be a text[\s\S]*: and 5951 more problems$/ },
    { name: '2.5k unknown keys, just under the token budget', mode: 'load', target: nearKeys, message: /lab\.yaml:\d+:\d+: unknown field\(s\) "k0", .* and 2490 more/ },
    { name: '45 aliases of a 5k-item list', mode: 'load', target: aliases, message: /lab\.yaml:\d+:\d+: .*(alias|values)/ },
  ];
}
