// Reads a lab pack folder: parses lab.yaml, validates it against the schema with file:line errors,
// and checks that every file the manifest names exists inside the pack.
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { checkSpec, labManifest, type LabManifest } from './schema.js';

const CHECK_KINDS = checkSpec.options.map((o) => o.shape.kind.value);
import { PackError, type FileProblem } from '../util/errors.js';

export const MANIFEST_FILE = 'lab.yaml';
/** Larger manifests or texts are refused rather than read: a pack is small by nature. */
export const MAX_PACK_FILE_BYTES = 1024 * 1024;

export interface LabPack {
  dir: string;
  manifest: LabManifest;
  /** Reads a file of the pack by its relative path (already checked to exist and stay inside). */
  readText(relPath: string): Promise<string>;
}

type PathKey = string | number;

function locate(doc: Document, counter: LineCounter, path: PathKey[]): { line: number; column: number } {
  // Walk up the path until a node exists: a missing key is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind') {
    return `${where}unknown check kind; expected one of ${CHECK_KINDS.join(', ')}`;
  }
  return `${where}${issue.message}`;
}

async function assertInside(dir: string, rel: string, file: string, problems: FileProblem[], line: number): Promise<void> {
  const full = resolve(dir, rel);
  try {
    const real = await realpath(full);
    const relToPack = relative(dir, real);
    if (relToPack.startsWith('..') || relToPack.startsWith(sep)) {
      problems.push({ file, line, column: 1, message: `"${rel}" resolves outside the pack (a link?)` });
      return;
    }
    const info = await stat(real);
    if (!info.isFile()) problems.push({ file, line, column: 1, message: `"${rel}" is not a file` });
    else if (info.size > MAX_PACK_FILE_BYTES) problems.push({ file, line, column: 1, message: `"${rel}" is larger than 1 MiB` });
  } catch {
    problems.push({ file, line, column: 1, message: `"${rel}" does not exist in the pack` });
  }
}

/** Every pack-relative file the manifest refers to, with its path in the document (for line numbers). */
function referencedFiles(m: LabManifest): { rel: string; path: PathKey[] }[] {
  const refs: { rel: string; path: PathKey[] }[] = [];
  if (m.intro) {
    refs.push({ rel: m.intro.en, path: ['intro', 'en'] }, { rel: m.intro['zh-CN'], path: ['intro', 'zh-CN'] });
  }
  m.topology.nodes.forEach((n, i) => { n.files.forEach((f, j) => refs.push({ rel: f.source, path: ['topology', 'nodes', i, 'files', j, 'source'] })); },
  );
  m.steps.forEach((s, i) => {
    refs.push({ rel: s.body.en, path: ['steps', i, 'body', 'en'] }, { rel: s.body['zh-CN'], path: ['steps', i, 'body', 'zh-CN'] });
    s.solution.files.forEach((f, j) => refs.push({ rel: f.source, path: ['steps', i, 'solution', 'files', j, 'source'] }));
  });
  return refs;
}

/** Cross-field rules the schema alone cannot express. */
function semanticProblems(m: LabManifest): { message: string; path: PathKey[] }[] {
  const out: { message: string; path: PathKey[] }[] = [];
  const names = new Set<string>();
  const ips = new Set<string>();
  const prefix = m.topology.subnet.replace(/0\/24$/, '');
  m.topology.nodes.forEach((n, i) => {
    if (names.has(n.name)) out.push({ message: `node name "${n.name}" is used twice`, path: ['topology', 'nodes', i, 'name'] });
    if (ips.has(n.ip)) out.push({ message: `address ${n.ip} is used twice`, path: ['topology', 'nodes', i, 'ip'] });
    if (!n.ip.startsWith(prefix)) out.push({ message: `${n.ip} is outside the subnet ${m.topology.subnet}`, path: ['topology', 'nodes', i, 'ip'] });
    const host = Number(n.ip.split('.')[3]);
    if (host === 0 || host >= 254) out.push({ message: `${n.ip}: .0, .254 and .255 are reserved (network, gateway, broadcast)`, path: ['topology', 'nodes', i, 'ip'] });
    names.add(n.name);
    ips.add(n.ip);
  });
  m.topology.vips.forEach((v, i) => {
    if (ips.has(v)) out.push({ message: `VIP ${v} is also a node's address`, path: ['topology', 'vips', i] });
  });
  const stepIds = new Set<string>();
  m.steps.forEach((s, i) => {
    if (stepIds.has(s.id)) out.push({ message: `step id "${s.id}" is used twice`, path: ['steps', i, 'id'] });
    stepIds.add(s.id);
    const checkIds = new Set<string>();
    s.checks.forEach((c, j) => {
      if (checkIds.has(c.id)) out.push({ message: `check id "${c.id}" is used twice in this step`, path: ['steps', i, 'checks', j, 'id'] });
      checkIds.add(c.id);
      for (const key of ['node', 'from', 'mac_of'] as const) {
        const ref = (c as Record<string, unknown>)[key];
        if (typeof ref === 'string' && !names.has(ref)) {
          out.push({ message: `${key}: no node named "${ref}"`, path: ['steps', i, 'checks', j, key] });
        }
      }
      if (c.kind === 'vip' && !['none', 'one', 'split'].includes(c.holder) && !names.has(c.holder)) {
        out.push({ message: `holder: no node named "${c.holder}"`, path: ['steps', i, 'checks', j, 'holder'] });
      }
      if (c.kind === 'vrrp') {
        const selectors = (['instance', 'vip', 'vrid'] as const).filter((k) => c[k] !== undefined);
        if (selectors.length > 1) out.push({ message: `choose one of instance, vip and vrid (this check has ${selectors.join(' and ')})`, path: ['steps', i, 'checks', j, selectors[1] ?? 'vip'] });
        if (c.vip !== undefined && !m.topology.vips.includes(c.vip)) {
          out.push({ message: `vip: ${c.vip} is not one of the lab's VIPs (topology.vips)`, path: ['steps', i, 'checks', j, 'vip'] });
        }
      }
    });
    s.solution.files.forEach((f, j) => {
      if (!names.has(f.node)) out.push({ message: `no node named "${f.node}"`, path: ['steps', i, 'solution', 'files', j, 'node'] });
    });
    s.solution.run.forEach((a, j) => {
      if ('node' in a && !names.has(a.node)) out.push({ message: `no node named "${a.node}"`, path: ['steps', i, 'solution', 'run', j, 'node'] });
    });
  });
  return out;
}

/** Loads and validates a pack; throws PackError listing every problem with file:line. */
export async function loadPack(dirArg: string): Promise<LabPack> {
  const dir = await realpath(resolve(dirArg)).catch(() => {
    throw new PackError([{ file: dirArg, line: 1, column: 1, message: 'no such lab pack folder' }]);
  });
  const file = join(dir, MANIFEST_FILE);
  let source: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_PACK_FILE_BYTES) throw new PackError([{ file, line: 1, column: 1, message: 'lab.yaml is larger than 1 MiB' }]);
    source = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof PackError) throw err;
    throw new PackError([{ file, line: 1, column: 1, message: `cannot read ${MANIFEST_FILE}: is this a lab pack folder?` }]);
  }
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new PackError(
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, message: `YAML: ${e.message.split('\n')[0] ?? e.message}` };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    // An alias bomb (aliases expanding into huge structures) is refused before it is expanded.
    throw new PackError([{ file, line: 1, column: 1, message: `YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const parsed = labManifest.safeParse(data);
  if (!parsed.success) {
    throw new PackError(
      parsed.error.issues.map((issue) => ({ file, ...locate(doc, counter, issue.path as PathKey[]), message: describeIssue(issue) })),
    );
  }
  const manifest = parsed.data;
  const problems: FileProblem[] = semanticProblems(manifest).map((p) => ({ file, ...locate(doc, counter, p.path), message: p.message }));
  for (const ref of referencedFiles(manifest)) {
    await assertInside(dir, ref.rel, file, problems, locate(doc, counter, ref.path).line);
  }
  if (problems.length) throw new PackError(problems);
  return {
    dir,
    manifest,
    readText: (rel) => readFile(join(dir, rel), 'utf8'),
  };
}
