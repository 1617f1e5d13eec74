// Lab pack format v1: the single definition of a pack manifest (lab.yaml).
// The TypeScript types are inferred from it and labs/lab-pack.schema.json is generated from it,
// so editors, `halab pack lint` and the loader all agree.
import { z } from 'zod';
import { MAX_CHECKS_PER_STEP, MAX_FILES_PER_LIST, MAX_NODES, MAX_STEPS } from './budgets.js';

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const CIDR24 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){2}\.0\/24$/;
// The lookahead runs from the very start, before the first "/": started after it, "/.." slipped through.
const ABS_PATH = /^(?!.*(^|\/)\.\.(\/|$))\/[A-Za-z0-9._\-/]+$/;
const REL_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\-/]+$/;

// Ids and names become keys of plain objects (progress, views): one that names a member of Object.prototype
// would read or write the prototype instead of an own entry.
const RESERVED_NAMES = new Set(['constructor', 'prototype', '__proto__']);

export const nodeName = z
  .string()
  .regex(NAME, 'a name: a lowercase letter, then up to 30 lowercase letters, digits or "-" (e.g. lb01, vip-on-lb02)')
  .refine((s) => !RESERVED_NAMES.has(s), 'a reserved word (constructor, prototype): choose another name');
export const ipv4 = z.string().regex(IPV4, 'an IPv4 address such as 10.0.0.5');
const relPath = z.string().regex(REL_PATH, 'a path inside the pack, relative, without ".."');
const absPath = z.string().regex(ABS_PATH, 'an absolute path inside the node, without ".."');
const seconds = z.number().positive().max(600);

/** Text in both languages of the app. */
export const localized = z.strictObject({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).describe('Text in both languages of the app.');

/** Why JavaScript refuses a pattern, in the engine's words without the pattern itself; undefined when it compiles. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'm');
    return undefined;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // V8 says "Invalid regular expression: /<pattern>/m: <reason>": the pattern is in the file already.
    const head = `Invalid regular expression: /${pattern}/m: `;
    return text.startsWith(head) ? text.slice(head.length) : text;
  }
}

const regexString = z
  .string()
  .min(1)
  .check((ctx) => {
    const problem = regexProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message: `not a valid JavaScript regular expression: ${problem}` });
  });

export const serviceName = z.enum(['keepalived', 'nginx', 'cron']);

const fileSpec = z.strictObject({
  path: absPath,
  source: relPath,
  mode: z.string().regex(/^0[0-7]{3}$/, 'an octal mode such as "0644"').default('0644'),
});

export const nodeSpec = z.strictObject({
  name: nodeName,
  role: z.enum(['lb', 'web', 'client']),
  ip: ipv4,
  services: z.array(serviceName).default([]).describe('Services enabled at boot, as `systemctl enable` would.'),
  files: z.array(fileSpec).max(MAX_FILES_PER_LIST, `at most ${MAX_FILES_PER_LIST} files of a node (budget)`).default([]),
  net_sysctl: z.boolean().optional().describe('A helper container lets the node set net.* sysctls without a writable /proc/sys. Default: on for lb nodes.'),
});

const checkBase = {
  id: nodeName,
  title: localized,
  hint: localized,
  within: seconds.optional().describe('Timed check: poll until it passes, for at most this many seconds.'),
};

export const checkSpec = z.discriminatedUnion('kind', [
  z.strictObject({
    ...checkBase,
    kind: z.literal('vip'),
    vip: ipv4,
    holder: z.union([nodeName, z.enum(['none', 'one', 'split'])]).describe('A node name (the only holder), "none", "one" (exactly one, any) or "split" (two or more).'),
    measure_gap: z.boolean().default(false).describe('Report the gap between the VIP leaving its last holder and arriving at this one.'),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('vrrp'),
    node: nodeName,
    // Which vrrp_instance to read: at most one of instance, vip and vrid; none means the node's first instance.
    instance: z.string().min(1).optional().describe('The instance by its name in keepalived.conf. A name is the learner\'s choice: prefer vip or vrid, which grade what keepalived does.'),
    vip: ipv4.optional().describe('The instance that carries this virtual address, whatever it is called.'),
    vrid: z.number().int().min(1).max(255).optional().describe('The instance with this virtual_router_id.'),
    state: z.enum(['MASTER', 'BACKUP', 'FAULT']),
    priority: z.number().int().min(0).max(255).optional(),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('http'),
    from: nodeName,
    url: z.string().regex(/^http:\/\/[A-Za-z0-9.\-:]+(\/[\x21-\x7e]*)?$/, {
      error: (issue) =>
        typeof issue.input === 'string' && /^https:/i.test(issue.input)
          ? 'only http:// URLs: the check runs curl on the `from` node, and the node image has no CA certificates, so curl fails every https:// request (exit 77, error setting certificate file) before it sends anything; check the page over http://'
          : 'an http:// URL: http://, then a host or address, an optional :port and path (no spaces)',
    }),
    host: z
      .string()
      .regex(/^[A-Za-z0-9.\-:]+$/, 'a Host header: a name or address with letters, digits, ".", "-" and ":", e.g. www.example.com')
      .optional(),
    user_agent: z.string().max(200).optional(),
    status: z.number().int().min(0).max(599).default(200),
    body: regexString.optional(),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('listening'),
    node: nodeName,
    port: z.number().int().min(1).max(65535),
    address: ipv4.optional(),
    listening: z.boolean().default(true),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('service'),
    node: nodeName,
    service: serviceName,
    running: z.boolean(),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('config_valid'),
    node: nodeName,
    daemon: z.enum(['keepalived', 'nginx']),
    path: absPath.optional(),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('file'),
    node: nodeName,
    path: absPath,
    matches: z.array(regexString).default([]),
    not_matches: z.array(regexString).default([]),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('command'),
    node: nodeName,
    run: z.string().min(1).max(4000),
    exit_code: z.number().int().min(0).max(255).optional(),
    matches: regexString.optional(),
    gap_seconds: regexString
      .optional()
      .describe('A regular expression whose first group, in the output, is an outage the command measured, in seconds (e.g. "longest gap ([0-9.]+) s"). Reported with the result and by test-pack, like measure_gap.'),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('arp'),
    from: nodeName,
    ip: ipv4,
    mac_of: nodeName.describe("The entry must carry this node's eth0 MAC address."),
  }),
  z.strictObject({
    ...checkBase,
    kind: z.literal('protocol'),
    event: z
      .enum(['advert', 'garp', 'arp_request', 'arp_reply'])
      .describe('What was captured on the lab network: a VRRP advert, a gratuitous ARP, an ARP request or an ARP reply. The check grades the latest such event.'),
    vrid: z.number().int().min(1).max(255).optional().describe('Only adverts of this virtual_router_id.'),
    vip: ipv4.optional().describe('Only adverts that list this address, or ARP about it.'),
    from: nodeName.optional().describe('Only what this node sent.'),
    expect: z
      .strictObject({
        from: nodeName.optional().describe('The latest event came from this node.'),
        priority: z.number().int().min(0).max(255).optional().describe('The advert carried this priority (0: the master gave up).'),
        version: z.union([z.literal(2), z.literal(3)]).optional(),
        auth: z.enum(['none', 'pass', 'ah']).optional().describe('VRRPv2 authentication type.'),
        interval_ms: z.number().int().min(10).max(255_000).optional().describe('Advert interval in ms.'),
      })
      .default({})
      .describe('What the latest selected event must show. Empty: any such event at all.'),
  }),
]);

export const faultKind = z.enum(['stop_service', 'start_service', 'kill_node', 'start_node', 'block_vrrp', 'restore_network']);

export const actionSpec = z.union([
  z.strictObject({ node: nodeName, run: z.string().min(1).max(4000), expect_exit: z.number().int().optional() }),
  z.strictObject({ fault: faultKind, node: nodeName, service: serviceName.optional() }),
  z.strictObject({ sleep: seconds }),
]);

const solutionFile = fileSpec.extend({ node: nodeName });

export const stepSpec = z.strictObject({
  id: nodeName,
  title: localized,
  body: z.strictObject({ en: relPath, 'zh-CN': relPath }).describe('Markdown files, one per language, relative to the pack.'),
  checks: z.array(checkSpec).min(1, 'every step needs at least one check').max(MAX_CHECKS_PER_STEP, `at most ${MAX_CHECKS_PER_STEP} checks in a step (budget)`),
  solution: z.strictObject({
    files: z.array(solutionFile).max(MAX_FILES_PER_LIST, `at most ${MAX_FILES_PER_LIST} solution files in a step (budget)`).default([]),
    run: z.array(actionSpec).default([]),
  }),
});

export const labManifest = z.strictObject({
  format: z.literal(1),
  id: nodeName,
  order: z
    .number()
    .int()
    .positive()
    .max(9999)
    .optional()
    .describe('Place of the lab in the lab list, lower first (the built-in labs use 10, 20, 30, ...). Imported packs come after the built-in ones; a pack without an order follows the ordered ones, by title. Equal orders fall back to the id.'),
  title: localized,
  summary: localized,
  sources: z.array(z.string()).default([]).describe('The documents the lab draws on, one entry each. Shown in the lab view as a collapsed "Where this comes from" note; keep learner-facing texts free of references to them.'),
  minutes: z.number().int().positive().max(600).optional(),
  mail: z
    .boolean()
    .default(false)
    .describe('The lab view gets a Mail tab with the mail its nodes deliver locally (notify or alert scripts that run `mail`).'),
  requires: z.array(z.enum(['ip_vs'])).default([]).describe('Kernel features the lab cannot run without, e.g. ip_vs.'),
  topology: z.strictObject({
    subnet: z.string().regex(CIDR24, 'a /24 subnet such as 10.0.0.0/24'),
    vips: z.array(ipv4).default([]),
    nodes: z.array(nodeSpec).min(1).max(MAX_NODES, `at most ${MAX_NODES} nodes in a pack (budget)`),
  }),
  intro: z.strictObject({ en: relPath, 'zh-CN': relPath }).optional(),
  steps: z.array(stepSpec).min(1).max(MAX_STEPS, `at most ${MAX_STEPS} steps in a pack (budget)`),
});

export type LabManifest = z.infer<typeof labManifest>;
export type NodeSpec = z.infer<typeof nodeSpec>;
export type StepSpec = z.infer<typeof stepSpec>;
export type CheckSpec = z.infer<typeof checkSpec>;
export type ActionSpec = z.infer<typeof actionSpec>;
export type FaultKind = z.infer<typeof faultKind>;
export type ServiceName = z.infer<typeof serviceName>;
export type Localized = z.infer<typeof localized>;
export type Lang = keyof Localized;
