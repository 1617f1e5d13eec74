// Rosters: a CSV of names as teachers export it, every bad line reported at once, and ids from the position
// that are safe in Docker names and tell nothing of the learner.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEARNER_ID, MAX_LEARNERS, parseRoster, rosterOfCount, type Roster } from '../../electron/classroom/roster.js';
import { csvCell, parseCsvLine } from '../../electron/classroom/csv.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const learners = (roster: Roster): { name: string; id: string }[] => {
  if (!('learners' in roster)) throw new Error(`problems: ${JSON.stringify(roster.problems)}`);
  return roster.learners;
};
const problems = (roster: Roster): { line: number; message: string }[] => ('problems' in roster ? roster.problems : []);

describe('parseRoster', () => {
  it('reads names one a line, with a header, a BOM, CRLF, comments, blank lines and Chinese names', () => {
    const dir = makeTempDir('halab-roster-');
    const file = join(dir, 'roster.csv');
    writeFileSync(
      file,
      '\uFEFFname,email\r\n# morning group\r\n张伟,zhang.wei@example.edu\r\n\r\nAnna Schmidt\r\n  "Li, Wei" , li@example.edu\r\n"Jean ""JJ"" Dupont"\r\n   # indented comment\r\n王秀英\r\n',
    );
    expect(learners(parseRoster(readFileSync(file, 'utf8')))).toEqual([
      { name: '张伟', id: 'l01' },
      { name: 'Anna Schmidt', id: 'l02' },
      { name: 'Li, Wei', id: 'l03' },
      { name: 'Jean "JJ" Dupont', id: 'l04' },
      { name: '王秀英', id: 'l05' },
    ]);
  });

  it('takes a header only on the first line, and reads files without one or with old Mac line ends', () => {
    expect(learners(parseRoster('Name\nAda\nGrace'))).toEqual([
      { name: 'Ada', id: 'l01' },
      { name: 'Grace', id: 'l02' },
    ]);
    expect(learners(parseRoster('Ada\rname\rGrace')).map((l) => l.name)).toEqual(['Ada', 'name', 'Grace']);
  });

  it('reports every bad line with its number', () => {
    const text = [
      'name,email', // 1
      'Ada', // 2
      '"",a@b.c', // 3 empty name
      'Bell\u0007Labs', // 4 control character
      '长'.repeat(65), // 5 too long
      'ADA', // 6 duplicate, case-insensitive
      '"Grace', // 7 unclosed quote
      '# fine', // 8
      'Li, Wei', // 9 comma outside quotes
      'a,b@c,d', // 10 three fields
      '"Lin" Mei', // 11 text after a closing quote
      'Evil\u202Egnp.exe', // 12 bidi override
      'Ｇｒａｃｅ', // 13 full-width: fine
      'grace', // 14 duplicate after NFKC
    ].join('\n');
    const found = problems(parseRoster(text));
    expect(found.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 9, 10, 11, 12, 14]);
    expect(found.find((p) => p.line === 3)?.message).toMatch(/empty/);
    expect(found.find((p) => p.line === 4)?.message).toMatch(/control/);
    expect(found.find((p) => p.line === 5)?.message).toMatch(/65 characters.*64/);
    expect(found.find((p) => p.line === 6)?.message).toMatch(/line 2/);
    expect(found.find((p) => p.line === 7)?.message).toMatch(/not closed/);
    expect(found.find((p) => p.line === 9)?.message).toMatch(/quotes/);
    expect(found.find((p) => p.line === 14)?.message).toMatch(/line 13/);
  });

  it('counts name length in characters, not UTF-16 units', () => {
    expect(learners(parseRoster('😀'.repeat(64)))).toHaveLength(1);
    expect(problems(parseRoster('😀'.repeat(65)))[0]?.message).toMatch(/65 characters/);
  });

  it(`refuses more than ${MAX_LEARNERS} learners, and a roster with none`, () => {
    const many = Array.from({ length: MAX_LEARNERS + 5 }, (_, i) => `Learner ${i}`).join('\n');
    const over = problems(parseRoster(many));
    expect(over.map((p) => p.line)).toEqual([MAX_LEARNERS + 1]);
    expect(over[0]?.message).toMatch(/more than 200 learners \(205\)/);
    expect(learners(parseRoster(Array.from({ length: MAX_LEARNERS }, (_, i) => `Learner ${i}`).join('\n')))).toHaveLength(MAX_LEARNERS);
    expect(problems(parseRoster('\uFEFFname\n\n# nobody yet\n'))).toEqual([{ line: 0, message: 'the roster names no learner' }]);
    expect(problems(parseRoster(''))).toHaveLength(1);
  });

  it('gives ids from the position, unique and Docker-safe, wider when the class passes 99', () => {
    const big = learners(parseRoster(Array.from({ length: 150 }, (_, i) => `名字 ${i}`).join('\n')));
    expect(big[0]?.id).toBe('l001');
    expect(big[149]?.id).toBe('l150');
    expect(new Set(big.map((l) => l.id)).size).toBe(150);
    expect(big.every((l) => LEARNER_ID.test(l.id))).toBe(true);
  });
});

describe('rosterOfCount', () => {
  it('numbers learners 1..n', () => {
    expect(rosterOfCount(3)).toEqual([
      { name: 'learner 01', id: 'l01' },
      { name: 'learner 02', id: 'l02' },
      { name: 'learner 03', id: 'l03' },
    ]);
    const all = rosterOfCount(MAX_LEARNERS);
    expect(all.at(-1)).toEqual({ name: 'learner 200', id: 'l200' });
    expect(all.every((l) => LEARNER_ID.test(l.id))).toBe(true);
  });

  it('refuses 0, more than 200 and fractions', () => {
    for (const n of [0, -1, MAX_LEARNERS + 1, 2.5, Number.NaN]) expect(() => rosterOfCount(n)).toThrow(RangeError);
  });
});

describe('csv', () => {
  it('writes cells a spreadsheet reads back as the same text', () => {
    for (const text of ['plain', 'a,b', 'say "hi"', ' padded ', 'two\nlines', '张伟']) {
      const parsed = parseCsvLine(csvCell(text).replace('\n', ' '));
      expect(parsed).toEqual({ fields: [text.replace('\n', ' ')] });
    }
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-3)).toBe('-3');
  });
});
