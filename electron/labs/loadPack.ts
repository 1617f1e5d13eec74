// Reads a lab pack folder: parses lab.yaml within the pack budgets, validates it against the schema with
// file:line errors, and checks that every file the manifest names is a regular file inside the pack, within
// its budget. Files are checked again whenever they are read later (readText).
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkSpec, labManifest, type LabManifest } from './schema.js';
import { PackError, type FileProblem } from '../util/errors.js';
import { formatBytes, MAX_MANIFEST_BYTES, MAX_PACK_TEXT_BYTES, MAX_TEXT_FILE_BYTES } from './budgets.js';
import { locate, parseManifest, type PathKey } from './manifestYaml.js';
import { openPackFile, readPackFile } from './packFile.js';
import { semanticProblems } from './packRules.js';
import { describeIssue } from './issueMessages.js';

const CHECK_KINDS = checkSpec.options.map((o) => o.shape.kind.value);

export const MANIFEST_FILE = 'lab.yaml';
/** Problems told at once: enough to fix a pack by, and a hostile one cannot make the message huge. */
const MAX_REPORTED_PROBLEMS = 50;

/** A PackError with the first problems, located lazily: locating thousands would cost more than parsing. */
function packError<T>(items: readonly T[], toProblem: (item: T) => FileProblem): PackError {
  const told = items.slice(0, MAX_REPORTED_PROBLEMS).map(toProblem);
  const last = told[told.length - 1];
  if (items.length <= MAX_REPORTED_PROBLEMS || !last) return new PackError(told);
  return new PackError([...told, { file: last.file, line: last.line, column: 1, message: `and ${items.length - told.length} more problems` }]);
}

export interface LabPack {
  dir: string;
  manifest: LabManifest;
  /** Reads a text of the pack by its relative path, checked again (inside, a regular file, within budget). */
  readText(relPath: string): Promise<string>;
}

/** Every pack-relative file the manifest refers to, with its path in the document (for line numbers). */
function referencedFiles(m: LabManifest): { rel: string; path: PathKey[] }[] {
  const refs: { rel: string; path: PathKey[] }[] = [];
  if (m.intro) {
    refs.push({ rel: m.intro.en, path: ['intro', 'en'] }, { rel: m.intro['zh-CN'], path: ['intro', 'zh-CN'] });
  }
  m.topology.nodes.forEach((n, i) => {
    n.files.forEach((f, j) => refs.push({ rel: f.source, path: ['topology', 'nodes', i, 'files', j, 'source'] }));
  });
  m.steps.forEach((s, i) => {
    refs.push({ rel: s.body.en, path: ['steps', i, 'body', 'en'] }, { rel: s.body['zh-CN'], path: ['steps', i, 'body', 'zh-CN'] });
    s.solution.files.forEach((f, j) => refs.push({ rel: f.source, path: ['steps', i, 'solution', 'files', j, 'source'] }));
  });
  return refs;
}

/** Checks every referenced file (opened, not read) and the pack's total of text. */
async function fileProblems(dir: string, m: LabManifest): Promise<{ path: PathKey[]; message: string }[]> {
  const out: { path: PathKey[]; message: string }[] = [];
  let total = 0;
  for (const ref of referencedFiles(m)) {
    const opened = await openPackFile(dir, ref.rel, MAX_TEXT_FILE_BYTES);
    if (!opened.ok) {
      out.push({ path: ref.path, message: opened.message });
      continue;
    }
    await opened.handle.close();
    if (total <= MAX_PACK_TEXT_BYTES && (total += opened.size) > MAX_PACK_TEXT_BYTES) {
      out.push({ path: ref.path, message: `"${ref.rel}": the pack's texts add up to more than ${formatBytes(MAX_PACK_TEXT_BYTES)} (budget; a file counts once for every place that names it)` });
    }
  }
  return out;
}

/** Loads and validates a pack; throws PackError listing every problem with file:line. */
export async function loadPack(dirArg: string): Promise<LabPack> {
  const dir = await realpath(resolve(dirArg)).catch(() => {
    throw new PackError([{ file: dirArg, line: 1, column: 1, message: 'no such lab pack folder' }]);
  });
  const file = join(dir, MANIFEST_FILE);
  const read = await readPackFile(dir, MANIFEST_FILE, MAX_MANIFEST_BYTES);
  if (!read.ok) {
    const missing = read.message.endsWith('does not exist in the pack');
    throw new PackError([{ file, line: 1, column: 1, message: missing ? `cannot read ${MANIFEST_FILE}: is this a lab pack folder?` : read.message }]);
  }
  const { doc, counter, data } = parseManifest(read.text, file);
  // With the input in each issue, a message can tell a missing field from one of the wrong type.
  const parsed = labManifest.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    throw packError(parsed.error.issues, (issue) => ({ file, ...locate(doc, counter, issue.path as PathKey[]), message: describeIssue(issue, CHECK_KINDS) }));
  }
  const manifest = parsed.data;
  const where = (path: PathKey[]): { line: number; column: number } => locate(doc, counter, path);
  const problems = [...semanticProblems(manifest), ...(await fileProblems(dir, manifest))];
  if (problems.length) throw packError(problems, (p) => ({ file, ...where(p.path), message: p.message }));
  return {
    dir,
    manifest,
    readText: async (rel) => {
      const text = await readPackFile(dir, rel, MAX_TEXT_FILE_BYTES);
      if (!text.ok) throw new PackError([{ file: join(dir, rel), line: 1, column: 1, message: text.message }]);
      return text.text;
    },
  };
}
