// One load of a pack folder for `halab pack dev`: the lesson as the learner meets it (both languages), and
// the findings of `halab pack lint` (the same function), their files relative to the pack folder. A pack
// that does not load gives its problems as findings and a message instead of a preview, never a throw.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Localized } from '../../common/contract.js';
import type { PackFinding, PackPreview } from '../../common/packDev.js';
import { lintPack, type LintFinding } from '../labs/lintPack.js';
import { loadPack, type LabPack } from '../labs/loadPack.js';
import { errorMessage, PackError } from '../util/errors.js';

export interface PackLoad {
  preview?: PackPreview;
  loadError?: string;
  findings: PackFinding[];
}

async function bothLanguages(pack: LabPack, files: Localized): Promise<Localized> {
  const [en, zh] = await Promise.all([pack.readText(files.en), pack.readText(files['zh-CN'])]);
  return { en, 'zh-CN': zh };
}

export async function previewOf(pack: LabPack): Promise<PackPreview> {
  const m = pack.manifest;
  const [intro, steps] = await Promise.all([
    m.intro ? bothLanguages(pack, m.intro) : Promise.resolve(undefined),
    Promise.all(
      m.steps.map(async (s) => ({
        id: s.id,
        title: s.title,
        body: await bothLanguages(pack, s.body),
        checks: s.checks.map((c) => ({ id: c.id, kind: c.kind, title: c.title, hint: c.hint })),
      })),
    ),
  ]);
  return { id: m.id, title: m.title, summary: m.summary, ...(intro ? { intro } : {}), steps };
}

/** A path as the author knows it: relative to the pack folder when inside it. */
function packRelative(file: string, roots: readonly string[]): string {
  for (const root of roots) {
    const rel = relative(root, file);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
  }
  return file;
}

/** The first problem of a failed load, its file relative to the pack: what the page shows instead of the lesson. */
function loadErrorOf(err: unknown, roots: readonly string[]): string {
  if (err instanceof PackError && err.problems[0]) {
    const p = err.problems[0];
    const more = err.problems.length > 1 ? ` (and ${err.problems.length - 1} more)` : '';
    return `${packRelative(p.file, roots)}:${p.line}: ${p.message}${more}`;
  }
  return errorMessage(err);
}

export async function loadForPreview(dir: string): Promise<PackLoad> {
  const given = resolve(dir);
  const roots = [await realpath(given).catch(() => given), given];
  const toFinding = (f: LintFinding): PackFinding => ({ level: f.level, file: packRelative(f.file, roots), line: f.line, message: f.message });
  let findings: PackFinding[];
  try {
    findings = (await lintPack(dir)).map(toFinding);
  } catch (err) {
    // Not the pack's fault (the disk, a bug): said once, as an error at the folder.
    findings = [{ level: 'error', file: '.', line: 1, message: errorMessage(err) }];
  }
  try {
    return { preview: await previewOf(await loadPack(dir)), findings };
  } catch (err) {
    return { loadError: loadErrorOf(err, roots), findings };
  }
}
