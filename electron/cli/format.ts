// Human-readable output for the CLI: plain text, colour only on a terminal.
import type { CheckResult, StepResult } from '../checks/runChecks.js';
import type { Lang } from '../labs/schema.js';

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (s: string): string => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);

export function formatCheck(c: CheckResult, lang: Lang): string {
  const mark = c.passed ? green('✓') : red('✗');
  const lines = [`  ${mark} ${c.title[lang]} ${dim(`(${c.id}, ${c.ms} ms)`)}`];
  const label = lang === 'zh-CN' ? { exp: '期望', saw: '实际', hint: '提示' } : { exp: 'expected', saw: 'seen', hint: 'hint' };
  if (!c.passed) {
    lines.push(`      ${label.exp}: ${c.expected[lang]}`, `      ${label.saw}: ${c.seen[lang]}`, `      ${label.hint}: ${c.hint[lang]}`);
  } else if (c.metrics?.gap_ms !== undefined) {
    lines.push(`      ${c.seen[lang]}`);
  }
  return lines.join('\n');
}

export function formatStep(s: StepResult, lang: Lang): string {
  const head = `${s.passed ? green('PASS') : red('FAIL')} ${bold(`step ${s.index + 1}: ${s.title[lang]}`)} ${dim(`(${s.ms} ms)`)}`;
  return [head, ...s.checks.map((c) => formatCheck(c, lang))].join('\n');
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
