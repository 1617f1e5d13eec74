// A class roster from a CSV of names (a spreadsheet's export, or typed by hand), or a class of numbered
// learners. Ids come from the position (l01, l02, ...): they go into container names, so they are short and
// Docker-safe, and a learner's name never reaches Docker, the logs of the engine, or another learner's view.
import { parseCsvLine } from './csv.js';

export const MAX_LEARNERS = 200;
export const MAX_NAME_LENGTH = 64;
/** A learner id: part of Docker instance names. */
export const LEARNER_ID = /^[a-z0-9][a-z0-9-]{0,15}$/;

export interface RosterEntry {
  name: string;
  id: string;
}

export interface RosterProblem {
  /** 1-based line of the file; 0 for the file as a whole. */
  line: number;
  message: string;
}

export type Roster = { learners: RosterEntry[] } | { problems: RosterProblem[] };

// C0 and C1 controls, and the bidirectional overrides and isolates that can make a name display as another.
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Text holds a control character or a bidi override (a tab or a newline counts too). */
export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** The name as two names are compared: NFKC (full-width letters are the ASCII ones), case folded. */
export const nameKey = (name: string): string => name.trim().normalize('NFKC').toLowerCase();

/** Why this is not a usable learner name, or undefined when it is. */
export function nameProblem(raw: string): string | undefined {
  const name = raw.trim();
  if (!name) return 'the name is empty';
  if (hasControlCharacters(name)) return 'the name holds control characters';
  // Code points, not UTF-16 units: a Chinese or emoji name is not cut short.
  const length = Array.from(name).length;
  if (length > MAX_NAME_LENGTH) return `the name is ${length} characters long: at most ${MAX_NAME_LENGTH}`;
  return undefined;
}

const idWidth = (count: number): number => Math.max(2, String(count).length);
const learnerId = (position: number, width: number): string => `l${String(position).padStart(width, '0')}`;

const isHeader = (fields: readonly string[]): boolean => fields[0]?.toLowerCase() === 'name' && (fields.length === 1 || (fields.length === 2 && fields[1]?.toLowerCase() === 'email'));

/**
 * Reads a roster: one learner a line as `name` or `name,email` (the email is not kept), an optional header
 * line `name` or `name,email`, UTF-8 with or without a BOM. Blank lines and lines starting with # are
 * skipped. Every bad line is reported, so a teacher fixes the file once.
 */
export function parseRoster(text: string): Roster {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const names: { name: string; line: number }[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  let first = true;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const parsed = parseCsvLine(raw);
    const wasFirst = first;
    first = false;
    if ('problem' in parsed) {
      problems.push({ line, message: parsed.problem });
      return;
    }
    const { fields } = parsed;
    if (wasFirst && isHeader(fields)) return;
    if (fields.length > 2) {
      problems.push({ line, message: `${fields.length} fields: a line is a name, or a name and an email; put a name with a comma in quotes` });
      return;
    }
    const email = fields[1] ?? '';
    if (email && !email.includes('@')) {
      problems.push({ line, message: `"${email}" is not an email address: put a name with a comma in quotes` });
      return;
    }
    const name = (fields[0] ?? '').trim();
    const problem = nameProblem(name);
    if (problem) {
      problems.push({ line, message: problem });
      return;
    }
    const key = nameKey(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line, message: `the same name as line ${earlier}: make the names differ (add an initial, say)` });
      return;
    }
    seen.set(key, line);
    names.push({ name, line });
  });
  const over = names[MAX_LEARNERS];
  if (over) problems.push({ line: over.line, message: `more than ${MAX_LEARNERS} learners (${names.length}): a class has at most ${MAX_LEARNERS}; split the roster` });
  if (names.length === 0 && problems.length === 0) problems.push({ line: 0, message: 'the roster names no learner' });
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  const width = idWidth(names.length);
  return { learners: names.map((n, i) => ({ name: n.name, id: learnerId(i + 1, width) })) };
}

/** A class of n numbered learners ("learner 01", ...), when there is no roster. */
export function rosterOfCount(n: number): RosterEntry[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_LEARNERS) throw new RangeError(`a class has 1 to ${MAX_LEARNERS} learners, not ${n}`);
  const width = idWidth(n);
  return Array.from({ length: n }, (_, i) => ({ name: `learner ${String(i + 1).padStart(width, '0')}`, id: learnerId(i + 1, width) }));
}
