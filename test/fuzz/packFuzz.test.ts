// Fuzzes the pack loader, lint and import: valid packs (the minimal one and built-in labs) mutated
// by a seeded PRNG (packMutations.ts; the seed is printed, HALAB_FUZZ_SEED replays it) for ~10 s, or
// HALAB_FUZZ_SECONDS. Each case must load (or lint, or import) or be refused with a PackError/UserError that
// says something, within a per-case time limit; memory stays bounded; and nothing is written outside the
// fuzzer's temp folder (the import's staging folder is under a TMPDIR of the fuzzer's own).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { MAX_PACK_TEXT_BYTES } from '../../electron/labs/budgets.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { loadPack } from '../../electron/labs/loadPack.js';
import { importPack } from '../../electron/labs/packZip.js';
import { UserError } from '../../electron/util/errors.js';
import { projectRoot } from '../../electron/util/paths.js';
import { MINIMAL_MANIFEST } from '../helpers/minimalPack.js';
import { makeTempDir } from '../helpers/tempDirs.js';
import { mutateFolder, mutateText, mutateZip } from './packMutations.js';
import { prng, type Rng } from './prng.js';

const DEFAULT_SECONDS = 10;
const BUDGET_MS = Number(process.env.HALAB_FUZZ_SECONDS ?? DEFAULT_SECONDS) * 1000;
const SEED = Number(process.env.HALAB_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** One case: load + lint + reading every text, or one import. Refusals take milliseconds; a hang is a finding. */
const CASE_MS = 5_000;
/** What the process may grow by over the run: the budgets keep one pack to a few MB. */
const MAX_RSS_GROWTH_MB = 300;

type Files = Record<string, Uint8Array>;

function readTree(dir: string, base = dir, out: Files = {}): Files {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) readTree(full, base, out);
    else if (e.isFile()) out[relative(base, full)] = new Uint8Array(readFileSync(full));
  }
  return out;
}

/** The packs mutations start from: the minimal pack and three built-in labs. */
function seeds(): Files[] {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const minimal = { 'lab.yaml': enc(MINIMAL_MANIFEST), 'files/keepalived.conf': enc('# empty\n'), 'steps/en.md': enc('# First\n'), 'steps/zh.md': enc('# 第一步\n') };
  return [minimal, ...['vrrp-pair', 'nginx-warmup', 'health-check'].map((id) => readTree(join(projectRoot(), 'labs', id)))];
}

async function writeTree(dir: string, files: Files): Promise<void> {
  for (const [rel, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), data);
  }
}

/** Resolves with the outcome, or "hung" after CASE_MS. */
async function timed(work: () => Promise<void>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<string>((res) => {
    timer = setTimeout(() => {
      res('hung');
    }, CASE_MS);
  });
  try {
    return await Promise.race([
      work().then(
        () => 'ok',
        (err: unknown) => err,
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A finding, or undefined when the outcome is success or a readable refusal. */
function judge(outcome: unknown): string | undefined {
  if (outcome === 'ok') return undefined;
  if (outcome === 'hung') return `no answer within ${CASE_MS} ms`;
  if (outcome instanceof UserError && outcome.message.trim().length > 5) return undefined;
  return (outcome instanceof Error ? `${outcome.constructor.name}: ${outcome.stack ?? outcome.message}` : String(outcome)).slice(0, 800);
}

async function folderCase(rng: Rng, base: Files, dir: string, outside: string): Promise<{ how: string; outcome: unknown }> {
  const files = { ...base };
  const hows: string[] = [];
  if (rng() < 0.8) {
    const m = mutateText(rng, new TextDecoder().decode(files['lab.yaml']));
    files['lab.yaml'] = new TextEncoder().encode(m.text);
    hows.push(m.how);
  }
  await writeTree(dir, files);
  if (rng() < 0.3) hows.push(await mutateFolder(rng, dir, Object.keys(files), outside));
  const outcome = await timed(async () => {
    const pack = await loadPack(dir);
    let read = 0;
    const m = pack.manifest;
    for (const s of m.steps) for (const rel of [s.body.en, s.body['zh-CN']]) read += Buffer.byteLength(await pack.readText(rel));
    if (read > MAX_PACK_TEXT_BYTES) throw new Error(`read ${read} bytes of text, over the budget`);
    await lintPack(dir);
  });
  // Lint must agree with the loader about refusals; it returns findings instead of throwing.
  const lint =
    outcome === 'hung'
      ? 'hung'
      : await timed(async () => {
          await lintPack(dir);
        });
  return { how: hows.join('; ') || 'unchanged', outcome: outcome === 'ok' ? lint : outcome };
}

async function zipCase(rng: Rng, base: Files, zipPath: string, dest: string): Promise<{ how: string; outcome: unknown }> {
  const entries: Files = {};
  for (const [rel, data] of Object.entries(base)) entries[`p/${rel}`] = data;
  const m = mutateZip(rng, zipSync(entries));
  await writeFile(zipPath, m.zip);
  const outcome = await timed(async () => {
    const pack = await importPack(zipPath, dest);
    await rm(pack.dir, { recursive: true, force: true });
  });
  return { how: m.how, outcome };
}

describe('pack fuzzer', () => {
  const root = makeTempDir('halab-packfuzz-');
  const previousTmp = process.env.TMPDIR;
  afterAll(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  });

  it('loads, lints or imports every mutated pack, or refuses it with a readable error', { timeout: BUDGET_MS + 120_000 }, async () => {
    process.stdout.write(`[fuzz] packs: seed ${SEED} (HALAB_FUZZ_SEED=${SEED} replays it), budget ${BUDGET_MS / 1000} s\n`);
    const rng = prng(SEED);
    const bases = seeds();
    const staging = join(root, 'tmp');
    const dest = join(root, 'dest');
    mkdirSync(staging);
    mkdirSync(dest);
    const outside = join(root, 'outside.md');
    await writeFile(outside, 'SECRET-OUTSIDE');
    process.env.TMPDIR = staging; // importPack stages under os.tmpdir()
    const findings: string[] = [];
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const started = Date.now();
    let cases = 0;
    let refused = 0;
    while (Date.now() - started < BUDGET_MS && findings.length < 10) {
      cases += 1;
      const base = bases[Math.floor(rng() * bases.length)] ?? {};
      const dir = join(root, 'src', String(cases));
      const { how, outcome } = rng() < 0.7 ? await folderCase(rng, base, dir, outside) : await zipCase(rng, base, join(root, `${cases}.zip`), dest);
      const finding = judge(outcome);
      if (finding) findings.push(`case ${cases} (${how}): ${finding}`);
      if (outcome !== 'ok') refused += 1;
      await rm(dir, { recursive: true, force: true });
      await rm(join(root, `${cases}.zip`), { force: true });
      const left = await readdir(staging);
      if (left.length) findings.push(`case ${cases} (${how}): left ${left.join(', ')} in the staging folder`);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const growth = (peak - baseline) / 1024 / 1024;
    process.stdout.write(`[fuzz] packs: ${cases} cases (${refused} refused), rss peak +${growth.toFixed(0)} MB\n`);
    expect(findings, `seed ${SEED}`).toEqual([]);
    expect(cases).toBeGreaterThan(20);
    expect(growth).toBeLessThan(MAX_RSS_GROWTH_MB);
    // Nothing outside the fuzzer's folder: only what it made itself is there, and imports went to dest only.
    expect((await readdir(root)).sort()).toEqual(['dest', 'outside.md', 'src', 'tmp']);
    expect(readFileSync(outside, 'utf8')).toBe('SECRET-OUTSIDE');
    expect(await readdir(dest)).toEqual([]);
  });
});
