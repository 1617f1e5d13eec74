// `halab pack lint`: everything the loader checks, plus what makes a pack good to teach with.
import { realpath } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isNode, type Document, type LineCounter } from 'yaml';
import { labsDir } from '../util/paths.js';
import { catalog } from './catalog.js';
import { findReferences } from './lintReferences.js';
import { loadPack, MANIFEST_FILE, type LabPack } from './loadPack.js';
import { MAX_MANIFEST_BYTES } from './budgets.js';
import { readPackFile } from './packFile.js';
import { nodeName, type LabManifest } from './schema.js';
import { locate, parseManifest, type PathKey } from './manifestYaml.js';
import { authoringProblems, foreignAddresses, foreignAddressMessage } from './packRules.js';
import { PackError } from '../util/errors.js';

export interface LintFinding {
  level: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

const REMOTE = /\bhttps?:\/\/(?!(10|127|192\.168|172\.(1[6-9]|2\d|3[01]))\.)[^\s)>\]]+/i;
// Inline `![alt](src)` and reference `![alt][ref]` images: the lesson renders neither.
const IMAGE = /!\[[^\]\n]*\]\s?[([][^)\]\n]*[)\]]/;
const RAW_HTML = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/i;

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

async function lintMarkdown(pack: LabPack, rel: string, out: LintFinding[]): Promise<void> {
  const file = join(pack.dir, rel);
  const text = await pack.readText(rel);
  if (!text.trim()) out.push({ level: 'error', file, line: 1, message: 'the text is empty: write what the learner reads here, in this file\'s language' });
  const prose = text.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' ')).replace(/`[^`\n]*`/g, (s) => ' '.repeat(s.length));
  const remote = REMOTE.exec(prose);
  if (remote) out.push({ level: 'error', file, line: lineOf(prose, remote[0]), message: `remote content is not allowed (${remote[0]}): lessons work offline; put what it shows into the text, or name it without a link` });
  const image = IMAGE.exec(prose);
  if (image) {
    out.push({ level: 'error', file, line: lineOf(prose, image[0]), message: `an image is not shown (${image[0]}): the lesson shows only its text in brackets; describe it in words, or draw it in a code block` });
  }
  const html = RAW_HTML.exec(prose);
  if (html) out.push({ level: 'error', file, line: lineOf(prose, html[0]), message: `raw HTML is not rendered (${html[0]}): use Markdown` });
  for (const f of findReferences(text)) out.push({ level: 'warning', file, ...f });
}

/** The learner-visible strings of lab.yaml (titles, summary, check titles, hints; not `sources`), read as written. */
function manifestReferences(m: LabManifest, manifestText: string, file: string, doc: Document, counter: LineCounter, out: LintFinding[]): void {
  const paths: (string | number)[][] = [['title'], ['summary']];
  m.steps.forEach((s, i) => {
    paths.push(['steps', i, 'title']);
    s.checks.forEach((_, j) => paths.push(['steps', i, 'checks', j, 'title'], ['steps', i, 'checks', j, 'hint']));
  });
  for (const path of paths) {
    for (const lang of ['en', 'zh-CN']) {
      const node = doc.getIn([...path, lang], true);
      if (!isNode(node) || !node.range) continue;
      const [start, end] = node.range;
      const first = counter.linePos(start).line;
      for (const f of findReferences(manifestText.slice(start, end), false)) out.push({ level: 'warning', file, line: first + f.line - 1, message: f.message });
    }
  }
}

const inside = (dir: string, root: string): boolean => {
  const rel = relative(root, dir);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
};

/** The lab list's order: built-in packs should set `order`, and no two packs of the same kind share one. */
async function orderFindings(m: LabManifest, dir: string, manifestText: string, file: string, out: LintFinding[]): Promise<void> {
  const builtIn = inside(dir, await realpath(labsDir()).catch(() => labsDir()));
  if (m.order === undefined) {
    if (builtIn) out.push({ level: 'warning', file, line: lineOf(manifestText, `id: ${m.id}`), message: 'no order: a built-in lab without one is listed after the ordered ones, by title' });
    return;
  }
  const others = (await catalog()).filter((e) => e.imported === !builtIn && e.order === m.order && e.id !== m.id);
  for (const e of others) {
    out.push({ level: 'warning', file, line: manifestText.slice(0, Math.max(0, manifestText.search(/^order:/m))).split('\n').length, message: `order ${m.order} is also the order of "${e.id}": the two are listed by id; give each lab its own place` });
  }
}

/** Regexes with an escaped subnet address (10\.0\.0\.3) are not rewritten by the subnet remap. */
function escapedAddresses(m: LabManifest, manifestText: string, file: string, out: LintFinding[]): void {
  const prefix = m.topology.subnet.replace(/\.0\/24$/, '').replace(/\./g, '\\\\.');
  const pattern = new RegExp(`${prefix}\\\\.\\d`);
  for (const [i, line] of manifestText.split('\n').entries()) {
    if (!line.trim().startsWith('#') && pattern.test(line)) out.push({ level: 'warning', file, line: i + 1, message: 'an address written with escaped dots is not moved when the lab is remapped: write 10.0.0.3, not 10\\.0\\.0\\.3' });
  }
}

/** The line of `path` in lab.yaml; with a needle, the line of the needle inside a multi-line value. */
function lineIn(doc: Document, counter: LineCounter, manifestText: string, path: PathKey[], needle?: string): number {
  const line = locate(doc, counter, path).line;
  let node: unknown;
  try {
    node = doc.getIn(path, true);
  } catch {
    return line;
  }
  if (!needle || !isNode(node) || !node.range) return line;
  const [start, end] = node.range;
  const at = manifestText.slice(start, end).indexOf(needle);
  return at < 0 ? line : counter.linePos(start + at).line;
}

/** Addresses in the files put onto nodes that the subnet remap cannot follow. */
async function fileAddresses(pack: LabPack, out: LintFinding[]): Promise<void> {
  const m = pack.manifest;
  const sources = new Set([...m.topology.nodes.flatMap((n) => n.files.map((f) => f.source)), ...m.steps.flatMap((s) => s.solution.files.map((f) => f.source))]);
  for (const rel of sources) {
    const text = await pack.readText(rel);
    for (const hit of foreignAddresses(text, m.topology.subnet)) {
      out.push({ level: 'warning', file: join(pack.dir, rel), line: text.slice(0, hit.index).split('\n').length, message: foreignAddressMessage(hit.address, m.topology.subnet) });
    }
  }
}

/** A pack's problems as findings; anything but a PackError is not the pack's fault and is thrown on. */
function problemsOf(err: unknown): LintFinding[] {
  if (!(err instanceof PackError)) throw err;
  return err.problems.map((p) => ({ level: 'error' as const, file: p.file, line: p.line, message: p.message }));
}

export async function lintPack(dir: string): Promise<LintFinding[]> {
  const out: LintFinding[] = [];
  let pack;
  try {
    pack = await loadPack(dir);
  } catch (err) {
    return problemsOf(err);
  }
  const m = pack.manifest;
  const manifestFile = join(pack.dir, MANIFEST_FILE);
  // Read again through the same checks as the load: the folder may have changed since.
  const read = await readPackFile(pack.dir, MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!read.ok) return [{ level: 'error', file: manifestFile, line: 1, message: read.message }];
  const manifestText = read.text;
  const texts = [...(m.intro ? [m.intro.en, m.intro['zh-CN']] : []), ...m.steps.flatMap((s) => [s.body.en, s.body['zh-CN']])];
  try {
    for (const rel of new Set(texts)) await lintMarkdown(pack, rel, out);
    await fileAddresses(pack, out);
  } catch (err) {
    return [...out, ...problemsOf(err)];
  }
  for (const s of m.steps) {
    if (!s.solution.files.length && !s.solution.run.length) {
      out.push({ level: 'error', file: manifestFile, line: lineOf(manifestText, `id: ${s.id}`), message: `step "${s.id}" has no reference solution: add solution.files or solution.run, done the way a learner would do the step` });
    }
    if (s.body.en === s.body['zh-CN']) out.push({ level: 'error', file: manifestFile, line: lineOf(manifestText, `id: ${s.id}`), message: `step "${s.id}" uses one text file for both languages: give each its own, e.g. steps/en/01-${s.id}.md and steps/zh-CN/01-${s.id}.md` });
  }
  if (!m.intro) out.push({ level: 'warning', file: manifestFile, line: 1, message: 'no intro: a short concept introduction helps learners; add intro: { en: steps/en/00-intro.md, zh-CN: steps/zh-CN/00-intro.md }' });
  // The folder is named as given: a pack is found by its id, and a folder of another name misleads.
  const folder = basename(resolve(dir));
  if (folder !== m.id) {
    const instead = nodeName.safeParse(folder).success ? `rename the folder to ${m.id}, or set id: ${folder}` : `rename the folder to ${m.id}`;
    out.push({ level: 'warning', file: manifestFile, line: lineOf(manifestText, `id: ${m.id}`), message: `the folder is named "${folder}" but the pack's id is "${m.id}": ${instead}` });
  }
  escapedAddresses(m, manifestText, manifestFile, out);
  let parsed;
  try {
    parsed = parseManifest(manifestText, manifestFile);
  } catch (err) {
    return [...out, ...problemsOf(err)];
  }
  const { doc, counter } = parsed;
  for (const f of authoringProblems(m)) out.push({ level: f.level, file: manifestFile, line: lineIn(doc, counter, manifestText, f.path, f.needle), message: f.message });
  manifestReferences(m, manifestText, manifestFile, doc, counter, out);
  await orderFindings(m, pack.dir, manifestText, manifestFile, out);
  return out;
}
