// Human-readable output for the CLI: plain text, colour only on a terminal, columns that line up in Chinese too.
import type { CheckResult, StepResult } from '../checks/runChecks.js';
import type { Cli } from './context.js';

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint =
  (code: number) =>
  (s: string): string =>
    tty ? `\x1b[${code}m${s}\x1b[0m` : s;
export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);
export const yellow = paint(33);

type Speaker = Pick<Cli, 'lang' | 't'>;

export function formatCheck(c: CheckResult, cli: Speaker): string {
  const { lang } = cli;
  const mark = c.passed ? green('✓') : red('✗');
  const lines = [`  ${mark} ${c.title[lang]} ${dim(`(${c.id}, ${c.ms} ms)`)}`];
  if (!c.passed) {
    lines.push(`      ${cli.t('cli.check.expected')}${c.expected[lang]}`, `      ${cli.t('cli.check.seen')}${c.seen[lang]}`, `      ${cli.t('cli.check.hint')}${c.hint[lang]}`);
  } else if (c.metrics?.gap_ms !== undefined) {
    lines.push(`      ${c.seen[lang]}`);
  }
  return lines.join('\n');
}

export function formatStep(s: StepResult, cli: Speaker): string {
  const head = `${s.passed ? green('PASS') : red('FAIL')} ${bold(cli.t('cli.check.step', { step: s.index + 1, title: s.title[cli.lang] }))} ${dim(`(${s.ms} ms)`)}`;
  return [head, ...s.checks.map((c) => formatCheck(c, cli))].join('\n');
}

/** Columns a terminal gives the text: CJK characters and full-width punctuation take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
