// What every CLI command gets: the parsed options, the language, and the three ways to speak (stdout for
// results, stderr for progress, --json for machines). Commands return the process exit code.
import { parseArgs } from 'node:util';
import type { Lang } from '../../common/contract.js';
import { defaultLang } from '../system/defaultLang.js';
import { say, type MessageArgs, type MessageKey } from '../messages/catalogue.js';
import { dim } from './format.js';

/** A mistake in how the command was typed: the usage text follows it, exit code 2. */
export class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  step: { type: 'string' },
  'from-step': { type: 'string' },
  instance: { type: 'string' },
  id: { type: 'string' },
  offline: { type: 'boolean' },
  'if-missing': { type: 'boolean', default: false },
  lang: { type: 'string' },
  port: { type: 'string' },
  'no-open': { type: 'boolean', default: false },
  follow: { type: 'boolean', default: false },
  roster: { type: 'string' },
  learners: { type: 'string' },
  labs: { type: 'string' },
  name: { type: 'string' },
  bind: { type: 'string' },
  'url-host': { type: 'string' },
  engines: { type: 'string' },
  reissue: { type: 'string' },
  instructor: { type: 'boolean', default: false },
  cert: { type: 'string' },
  key: { type: 'string' },
  dir: { type: 'string' },
  service: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  timeout: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type CliOptions = ReturnType<typeof parseCommandLine>['values'];

export function parseCommandLine(argv: string[]) {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  // What follows `--` is another program's argv (halab exec), options and all: kept apart as well.
  const end = tokens.findIndex((t) => t.kind === 'option-terminator');
  const rest = end === -1 ? undefined : positionals.slice(positionals.length - (tokens.length - end - 1));
  return { values, positionals, rest };
}

export interface Cli {
  opts: CliOptions;
  lang: Lang;
  /** A message of the catalogue in the CLI's language. */
  t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;
  out: (text: string) => void;
  progress: (line: string) => void;
  /** The data as JSON with --json, else the human form. */
  emit: (data: unknown, human: () => void) => void;
  /** The 0-based step --step names, checked against the lab's step count; undefined without --step. */
  stepIndex: (count: number) => number | undefined;
}

export function need(arg: string | undefined, what: string): string {
  if (!arg) throw new UsageError(`missing ${what}`);
  return arg;
}

export function stepNumber(text: string, option: string, count: number, why = ''): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > count) throw new UsageError(`${option} must be a number from 1 to ${count}${why}`);
  return n - 1;
}

export function createCli(opts: CliOptions): Cli {
  const out = (text: string): void => void process.stdout.write(`${text}\n`);
  const lang: Lang = opts.lang === 'zh-CN' || opts.lang === 'en' ? opts.lang : defaultLang();
  return {
    opts,
    lang,
    t: (key, ...args) => say(lang, key, ...args),
    out,
    progress: (line) => void process.stderr.write(`${dim(line)}\n`),
    emit: (data, human) => {
      if (opts.json) out(JSON.stringify(data, null, 2));
      else human();
    },
    stepIndex: (count) => (opts.step === undefined ? undefined : stepNumber(opts.step, '--step', count)),
  };
}
