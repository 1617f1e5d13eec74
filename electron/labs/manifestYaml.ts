// Parses lab.yaml within the budgets of budgets.ts: the tokens and the flow nesting are counted by the lexer
// before the parser runs (parse time and memory grow with them), duplicate keys are found in one pass (the
// parser's own check compares every pair of keys: 25k keys took 15 s), and the values are counted with
// aliases expanded before the schema sees them. Every refusal is a PackError located in the file.
import { isNode, isScalar, Lexer, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { PackError, type FileProblem } from '../util/errors.js';
import { MAX_ALIAS_COUNT, MAX_MANIFEST_DEPTH, MAX_MANIFEST_TOKENS, MAX_MANIFEST_VALUES } from './budgets.js';

export type PathKey = string | number;

export interface ParsedManifest {
  doc: Document;
  counter: LineCounter;
  data: unknown;
}

/** Line and column of the node at `path`, or of its nearest existing parent (a missing key is reported there). */
export function locate(doc: Document, counter: LineCounter, path: readonly PathKey[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    let node: unknown;
    try {
      node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    } catch {
      node = undefined; // a path through an alias or a scalar
    }
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

// The lexer's control tokens stand for structure, not for source text.
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** Counts tokens and flow nesting without parsing; the first excess is reported where it starts. */
function lexBudget(source: string): { offset: number; message: string } | undefined {
  let tokens = 0;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    tokens += 1;
    if (token === '[' || token === '{') depth += 1;
    else if (token === ']' || token === '}') depth -= 1;
    if (tokens > MAX_MANIFEST_TOKENS) return { offset, message: `YAML: more than ${MAX_MANIFEST_TOKENS} tokens (budget): a lab.yaml is small by nature` };
    if (depth > MAX_MANIFEST_DEPTH) return { offset, message: `YAML: nested more than ${MAX_MANIFEST_DEPTH} deep (budget)` };
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return undefined;
}

/** Keys used twice in one map, each at its own place. */
function duplicateKeys(doc: Document): { offset: number; key: string }[] {
  const at: { offset: number; key: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) at.push({ offset: pair.key.range?.[0] ?? 0, key });
        seen.add(key);
      }
    },
  });
  return at;
}

/** Counts values as the schema will see them (a shared alias target counts at every use); the path of the excess, if any. */
function valueBudget(data: unknown): { path: PathKey[]; message: string } | undefined {
  let values = 0;
  const walk = (value: unknown, path: PathKey[]): { path: PathKey[]; message: string } | undefined => {
    values += 1;
    if (values > MAX_MANIFEST_VALUES) return { path, message: `more than ${MAX_MANIFEST_VALUES} values once aliases are expanded (budget)` };
    if (path.length > MAX_MANIFEST_DEPTH) return { path, message: `YAML: nested more than ${MAX_MANIFEST_DEPTH} deep (budget)` };
    if (typeof value !== 'object' || value === null) return undefined;
    const entries: [PathKey, unknown][] = Array.isArray(value)
      ? (value as unknown[]).map((v, i): [PathKey, unknown] => [i, v])
      : value instanceof Map
        ? [...(value as Map<unknown, unknown>)].map(([k, v]): [PathKey, unknown] => [String(k), v])
        : Object.entries(value);
    for (const [key, child] of entries) {
      const found = walk(child, [...path, key]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(data, []);
}

/** Parses a manifest's text; throws PackError naming `file` and the line of every problem. */
export function parseManifest(source: string, file: string): ParsedManifest {
  const counter = new LineCounter();
  const at = (offset: number): FileProblem => {
    const pos = counter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message: '' };
  };
  const lexed = lexBudget(source);
  if (lexed) {
    const before = source.slice(0, lexed.offset);
    const line = before.split('\n').length;
    throw new PackError([{ file, line, column: lexed.offset - before.lastIndexOf('\n'), message: lexed.message }]);
  }
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    throw new PackError([{ file, line: 1, column: 1, message: `YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  if (doc.errors.length) {
    throw new PackError(doc.errors.map((e) => ({ ...at(e.pos[0]), message: `YAML: ${e.message.split('\n')[0] ?? e.message}` })));
  }
  const duplicates = duplicateKeys(doc);
  if (duplicates.length) {
    throw new PackError(duplicates.map(({ offset, key }) => ({ ...at(offset), message: `YAML: the key "${key.slice(0, 40)}" is given twice in this map: keep one of them` })));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // An alias bomb (aliases expanding into huge structures) is refused before it is expanded, at its first alias.
    let first = 0;
    visit(doc, {
      Alias(_, node) {
        first = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const text = err instanceof Error ? err.message : String(err);
    const why = /alias/i.test(text) ? `too many aliases (budget: ${MAX_ALIAS_COUNT} uses, fewer of a large value); write the values out instead of repeating *aliases` : text;
    throw new PackError([{ ...at(first), message: `YAML: ${why}` }]);
  }
  const excess = valueBudget(data);
  if (excess) throw new PackError([{ file, ...locate(doc, counter, excess.path), message: excess.message }]);
  return { doc, counter, data };
}
