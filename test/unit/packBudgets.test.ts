// Budgets of the pack format: a 7 KB pack of 270 steps pointing at two ~1 MiB texts passed
// lint and import and then took the host to 1.9 GB. Every budget is refused alike by the loader, lint and
// import, with the file and line. What a refusal costs (time, memory) is measured by `npm run bench`.
import { describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPack } from '../../electron/labs/loadPack.js';
import { lintPack } from '../../electron/labs/lintPack.js';
import { importPack } from '../../electron/labs/packZip.js';
import { PackError } from '../../electron/util/errors.js';
import { projectRoot } from '../../electron/util/paths.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';
import { hostilePackCases, manyStepsManifest, writeFiles, writeKampPack, zipOf, type HostileCase } from '../helpers/hostilePacks.js';
import { makeTempDir } from '../helpers/tempDirs.js';

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadPack(dir);
  } catch (err) {
    if (err instanceof PackError) return err.problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}: ${p.message}`);
    throw err;
  }
  return [];
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** How the app answers a hostile pack: the message it is refused with, and the error's type (lint reports, it does not throw). */
async function refusal(c: HostileCase): Promise<{ message: string; type: string } | undefined> {
  try {
    if (c.mode === 'lint') {
      const errors = (await lintPack(c.target)).filter((f) => f.level === 'error');
      return errors.length ? { message: errors.map((f) => `${f.file}:${f.line}: ${f.message}`).join('\n'), type: 'LintFinding' } : undefined;
    }
    if (c.mode === 'import') await importPack(c.target, makeTempDir('halab-hostile-dest-'));
    else await loadPack(c.target);
    return undefined;
  } catch (err) {
    return { message: err instanceof Error ? err.message : String(err), type: err instanceof Error ? err.constructor.name : typeof err };
  }
}

describe('pack budgets', () => {
  it('refuses the 270-step pack in the loader, lint and import, located', async () => {
    const dir = await writeKampPack();
    // Written as compactly as YAML allows, its 270 steps break the token budget before the step budget.
    const problems = await problemsOf(dir);
    expect(problems).toEqual([expect.stringMatching(/^lab\.yaml:\d+: YAML: more than 20000 tokens \(budget\)/)]);
    const lint = await lintPack(dir);
    expect(lint.some((f) => f.level === 'error' && /more than 20000 tokens/.test(f.message) && f.line > 100)).toBe(true);
    const dest = makeTempDir('halab-budget-dest-');
    await expect(importPack(await zipOf(dir, ['lab.yaml', 'files/keepalived.conf', 'big/en.md', 'big/zh.md']), dest)).rejects.toThrow(/more than 20000 tokens/);
    expect(await readdir(dest)).toEqual([]);
  });

  it('refuses more than 24 steps at the start of the list, in the loader, lint and import', async () => {
    const manifest = manyStepsManifest(25, () => ({ en: 'steps/en.md', zh: 'steps/zh.md' }));
    const dir = await writePack(manifest);
    const expected = `lab.yaml:${lineOf(manifest, '- id: s0')}: steps: at most 24 steps in a pack (budget)`;
    expect(await problemsOf(dir)).toEqual([expected]);
    expect((await lintPack(dir)).filter((f) => f.level === 'error').map((f) => `${f.file.slice(dir.length + 1)}:${f.line}: ${f.message}`)).toEqual([expected]);
    const dest = makeTempDir('halab-budget-dest-');
    await expect(importPack(await zipOf(dir, ['lab.yaml', 'files/keepalived.conf', 'steps/en.md', 'steps/zh.md']), dest)).rejects.toThrow(/at most 24 steps/);
    expect(await readdir(dest)).toEqual([]);
  });

  it('refuses too many nodes and checks, each at its line', async () => {
    const nodes = Array.from({ length: 17 }, (_, i) => `    - name: n${i}\n      role: web\n      ip: 10.0.0.${10 + i}\n`).join('');
    const manyNodes = MINIMAL_MANIFEST.replace('  nodes:\n', `  nodes:\n${nodes}`);
    expect(await problemsOf(await writePack(manyNodes))).toContain(`lab.yaml:${lineOf(manyNodes, '- name: n0')}: topology.nodes: at most 16 nodes in a pack (budget)`);
    const check = MINIMAL_MANIFEST.slice(MINIMAL_MANIFEST.indexOf('      - id: has-file'), MINIMAL_MANIFEST.indexOf('    solution:'));
    const checks = Array.from({ length: 25 }, (_, i) => check.replace('id: has-file', `id: c${i}`)).join('');
    const manyChecks = MINIMAL_MANIFEST.replace(check, checks);
    expect(await problemsOf(await writePack(manyChecks))).toContain(`lab.yaml:${lineOf(manyChecks, '- id: c0')}: steps.0.checks: at most 24 checks in a step (budget)`);
  });

  it('refuses a text over 256 KiB and texts adding up to more than 2 MiB, at the line that names them', async () => {
    const big = await writePack(undefined, { 'steps/en.md': 'x'.repeat(256 * 1024 + 1) });
    expect(await problemsOf(big)).toContain(`lab.yaml:${lineOf(MINIMAL_MANIFEST, 'body:')}: "steps/en.md" is larger than 256 KiB (budget)`);
    // 12 steps of two 100 KiB texts each: every text is within its budget, together they are 2.3 MiB.
    const manifest = manyStepsManifest(12, (i) => ({ en: `t/${i}en.md`, zh: `t/${i}zh.md` }));
    const dir = await writePack(manifest);
    const text = 'y'.repeat(100 * 1024);
    await writeFiles(
      dir,
      Object.fromEntries(
        Array.from({ length: 12 }, (_, i): [string, string][] => [
          [`t/${i}en.md`, text],
          [`t/${i}zh.md`, text],
        ]).flat(),
      ),
    );
    const problems = await problemsOf(dir);
    expect(problems).toEqual([`lab.yaml:${lineOf(manifest, 't/10en.md')}: "t/10en.md": the pack's texts add up to more than 2 MiB (budget; a file counts once for every place that names it)`]);
  });

  it('keeps every built-in pack within the budgets', async () => {
    const labs = join(projectRoot(), 'labs');
    const ids = (await readdir(labs, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(await problemsOf(join(labs, id)), id).toEqual([]);
  });

  it('refuses a hostile pack of any size with a located message', { timeout: 120_000 }, async () => {
    for (const c of await hostilePackCases()) {
      const r = await refusal(c);
      expect(r, c.name).toBeDefined();
      expect(r?.message, c.name).toMatch(c.message);
      if (c.mode !== 'lint') expect(r?.type, c.name).toMatch(/^(PackError|UserError)$/);
    }
  });
});
