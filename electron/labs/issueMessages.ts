// The schema's complaints about a lab.yaml, told to a pack author: what is wrong, at which field, and what to
// write instead. The schema's own messages (names, addresses, regexes) already say so and are kept as they are.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** What to write, per field name; `en`/`zh-CN` and array items borrow the example of the field they belong to. */
const EXAMPLES: Record<string, string> = {
  format: 'format: 1',
  id: 'id: my-lab',
  order: 'order: 50 (a whole number from 1 to 9999)',
  title: 'title: { en: The first VRRP pair, zh-CN: 第一对 VRRP 主备 }',
  summary: 'summary: { en: One paragraph, zh-CN: 一段话 }',
  hint: 'hint: { en: Run `ip a` on lb01., zh-CN: 在 lb01 上执行 `ip a`。 }',
  sources: "sources: ['seed 001 §7']",
  minutes: 'minutes: 30 (a whole number from 1 to 600)',
  mail: 'mail: true',
  requires: 'requires: [ip_vs]',
  topology: 'topology: { subnet: 10.0.0.0/24, vips: [10.0.0.3], nodes: [...] }',
  subnet: 'subnet: 10.0.0.0/24',
  vips: 'vips: [10.0.0.3]',
  nodes: 'nodes: [{ name: lb01, role: lb, ip: 10.0.0.5 }]',
  name: 'name: lb01',
  role: 'role: lb (lb, web or client)',
  ip: 'ip: 10.0.0.5',
  services: 'services: [keepalived, nginx]',
  files: 'files: [{ path: /var/www/html/index.html, source: files/lb01/index.html }]',
  net_sysctl: 'net_sysctl: true',
  path: 'path: /etc/keepalived/keepalived.conf',
  source: 'source: files/lb01/index.html',
  mode: 'mode: "0755" (in quotes: unquoted, YAML reads 0755 as the number 755)',
  intro: 'intro: { en: steps/en/00-intro.md, zh-CN: steps/zh-CN/00-intro.md }',
  steps: 'steps: [{ id: configure, title: ..., body: ..., checks: [...], solution: ... }]',
  body: 'body: { en: steps/en/01-configure.md, zh-CN: steps/zh-CN/01-configure.md }',
  checks: 'checks: [{ id: vip-on-lb01, kind: vip, vip: 10.0.0.3, holder: lb01, title: ..., hint: ... }]',
  solution: 'solution: { files: [...], run: [...] }',
  run: "run: 'systemctl start keepalived'",
  expect_exit: 'expect_exit: 0',
  sleep: 'sleep: 2 (seconds, more than 0, at most 600)',
  fault: 'fault: kill_node',
  within: 'within: 8 (seconds, more than 0, at most 600)',
  vip: 'vip: 10.0.0.3',
  holder: 'holder: lb01 (a node name, or none, one or split)',
  measure_gap: 'measure_gap: true',
  node: 'node: lb01',
  from: 'from: client',
  mac_of: 'mac_of: lb02',
  instance: 'instance: VI_1',
  vrid: 'vrid: 50 (1 to 255)',
  state: 'state: MASTER',
  priority: 'priority: 150 (0 to 255)',
  url: 'url: http://10.0.0.3/',
  host: 'host: www.example.com (letters, digits, ".", "-" and ":")',
  user_agent: 'user_agent: iPhone (at most 200 characters)',
  status: 'status: 200',
  port: 'port: 80 (1 to 65535)',
  address: 'address: 10.0.0.3',
  listening: 'listening: true',
  service: 'service: keepalived',
  running: 'running: true',
  daemon: 'daemon: keepalived',
  matches: "matches: ['^\\s*priority\\s+150\\b']",
  not_matches: "not_matches: ['^\\s*nopreempt\\b']",
  exit_code: 'exit_code: 0 (0 to 255)',
  gap_seconds: "gap_seconds: 'longest gap ([0-9.]+) s'",
  event: 'event: advert',
  expect: 'expect: { from: lb02, priority: 0 }',
  version: 'version: 2',
  auth: 'auth: pass',
  interval_ms: 'interval_ms: 1000 (10 to 255000)',
};
/** Fields whose meaning in a check differs from the same name elsewhere in the manifest. */
const CHECK_EXAMPLES: Record<string, string> = {
  body: "body: '^lb01\\b' (a regular expression on the response body)",
  matches: "matches: ['^\\s*priority\\s+150\\b'] (in a command check, one regex: matches: 'MASTER')",
  from: 'from: client',
};

const SHAPES_OF_ACTIONS = "an action is one of { node: lb01, run: 'systemctl start keepalived' } (expect_exit optional), { fault: kill_node, node: lb01 } (service for stop_service and start_service) or { sleep: 2 }";

/** The field an issue is about: the last name in its path (not an index, not en/zh-CN). */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  const names = path.filter((p): p is string => typeof p === 'string' && p !== 'en' && p !== 'zh-CN');
  return names[names.length - 1];
}

function exampleFor(path: readonly PropertyKey[]): string | undefined {
  const field = fieldOf(path);
  if (field === undefined) return undefined;
  return (path.includes('checks') ? CHECK_EXAMPLES[field] : undefined) ?? EXAMPLES[field];
}

const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

const A_OR_AN: Record<string, string> = { object: 'a map of fields', array: 'a list', string: 'a text', number: 'a number', boolean: 'true or false' };

/** zod's own wording starts thus; a message written in the schema does not, and is kept. */
const GENERIC = /^(Invalid|Too small|Too big|Unrecognized)/;

/** The problem of one issue, without where it is. */
function problemOf(issue: Issue): string {
  const field = fieldOf(issue.path) ?? 'the manifest';
  const last = issue.path[issue.path.length - 1];
  const langName = last === 'en' || last === 'zh-CN' ? last : undefined;
  // What the value is: a field, one language of it, or an entry of a list.
  const subject = langName ? `${field} ${langName}` : typeof last === 'number' ? `each entry of ${field}` : field;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const more = issue.keys.length > 10 ? ` and ${issue.keys.length - 10} more` : '';
      return `unknown field(s) ${issue.keys.slice(0, 10).map((k) => `"${k.slice(0, 40)}"`).join(', ')}${more}: remove it, or correct its spelling (labs/README.md lists the fields of each part)`;
    }
    case 'invalid_type':
      if (issue.input === undefined) return langName ? `${field} needs its ${langName} text` : `${field} is missing`;
      return `${subject} must be ${A_OR_AN[issue.expected] ?? issue.expected}, not ${shown(issue.input)}`;
    case 'invalid_value':
      return `${subject} must be ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map((v) => String(v)).join(', ')}${issue.input === undefined ? '' : `, not ${shown(issue.input)}`}`;
    case 'too_small':
    case 'too_big': {
      if (!GENERIC.test(issue.message)) return issue.message;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (issue.origin === 'string') return issue.code === 'too_small' ? `${subject} must not be empty` : `${subject} must be at most ${String(bound)} characters long`;
      if (issue.origin === 'array') return issue.code === 'too_small' ? `${field} needs at least ${String(bound)} entry` : `${field} has more than ${String(bound)} entries`;
      const relation = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      return `${subject} must be ${relation} ${String(bound)}${issue.input === undefined ? '' : `, not ${shown(issue.input)}`}`;
    }
    default:
      return GENERIC.test(issue.message) ? `${field} is not valid here` : issue.message;
  }
}

/** The branch of an action a pack author meant, read off the keys given: run, fault or sleep. */
function actionBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const input = issue.input;
  if (!input || typeof input !== 'object') return undefined;
  const keys = Object.keys(input);
  const at = keys.includes('fault') ? 1 : keys.includes('sleep') ? 2 : keys.includes('run') ? 0 : -1;
  return at < 0 ? undefined : issue.errors[at];
}

/** One issue as `path: problem; write e.g. example`. */
export function describeIssue(issue: Issue, checkKinds: readonly string[]): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind') return `${where}unknown check kind; expected one of ${checkKinds.join(', ')}`;
  if (issue.code === 'invalid_union' && issue.path.includes('run')) {
    const branch = actionBranch(issue);
    const inner = branch?.find((i) => i.code !== 'unrecognized_keys') ?? branch?.[0];
    if (!inner) return `${where}${SHAPES_OF_ACTIONS}`;
    return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, checkKinds);
  }
  const problem = problemOf(issue);
  const example = exampleFor(issue.path);
  // A message of the schema's own says what to write already; zod's generic ones get the example.
  const own = problem === issue.message;
  return `${where}${problem}${example && !own && issue.code !== 'unrecognized_keys' ? `; write e.g. ${example}` : ''}`;
}
