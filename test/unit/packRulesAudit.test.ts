// Every rule labs/README.md states about a pack, one test each, for the rules no other test file covers (the
// others are listed in the report of the audit and in packLintRules.test.ts): `halab pack lint` refuses or warns
// with a message that says what is wrong, where (file:line) and what to write instead.
import { describe, expect, it } from 'vitest';
import { lintPack } from '../../electron/labs/lintPack.js';
import { MINIMAL_MANIFEST, writePack } from '../helpers/minimalPack.js';

interface Rule {
  /** The rule as labs/README.md states it. */
  rule: string;
  manifest: string;
  extra?: Record<string, string>;
  /** Every finding lint gives, as `file:line: level: message`, line numbers of MINIMAL_MANIFEST's layout. */
  findings: string[];
}

const CHECK_TAIL = '        title: { en: T, zh-CN: T }\n        hint: { en: H, zh-CN: H }\n';
/** The minimal pack with one more check in its step. */
const withCheck = (check: string): string => MINIMAL_MANIFEST.replace('    solution:\n', `${check}${CHECK_TAIL}    solution:\n`);
const withVip = (m: string): string => m.replace('  subnet: 10.0.0.0/24\n', '  subnet: 10.0.0.0/24\n  vips: [10.0.0.3]\n');
const replaced = (from: string, to: string): string => {
  if (!MINIMAL_MANIFEST.includes(from)) throw new Error(`not in the minimal pack: ${from}`);
  return MINIMAL_MANIFEST.replace(from, to);
};
/** The minimal pack has no intro, and lives in a temporary folder not named after it: two warnings of their own. */
const ALWAYS = /^lab\.yaml:\d+: warning: (no intro|the folder is named)/;

const RULES: Rule[] = [
  {
    rule: 'format is always 1',
    manifest: replaced('format: 1', 'format: 2'),
    findings: ['lab.yaml:1: error: format: format must be 1, not 2; write e.g. format: 1'],
  },
  {
    rule: 'title, summary, topology and steps are required',
    manifest: replaced('title: { en: Tiny, zh-CN: 小实验 }\n', ''),
    findings: ['lab.yaml:1: error: title: title is missing; write e.g. title: { en: The first VRRP pair, zh-CN: 第一对 VRRP 主备 }'],
  },
  {
    rule: 'a localized text has two non-empty strings, en and zh-CN',
    manifest: replaced('summary: { en: One node, zh-CN: 一个节点 }', "summary: { en: One node, zh-CN: '' }"),
    findings: ['lab.yaml:4: error: summary.zh-CN: summary zh-CN must not be empty; write e.g. summary: { en: One paragraph, zh-CN: 一段话 }'],
  },
  {
    rule: 'names are lowercase: a letter, then up to 30 letters, digits or "-"',
    manifest: replaced('  - id: first', '  - id: a-step-id-that-runs-well-past-31-chars'),
    findings: ['lab.yaml:15: error: steps.0.id: a name: a lowercase letter, then up to 30 lowercase letters, digits or "-" (e.g. lb01, vip-on-lb02)'],
  },
  {
    rule: 'order is an integer from 1 to 9999',
    manifest: replaced('id: tiny\n', 'id: tiny\norder: 0\n'),
    findings: ['lab.yaml:3: error: order: order must be more than 0, not 0; write e.g. order: 50 (a whole number from 1 to 9999)'],
  },
  {
    rule: 'sources is a list of strings',
    manifest: replaced('id: tiny\n', 'id: tiny\nsources: [{ doc: seed 001 }]\n'),
    findings: ['lab.yaml:3: error: sources.0: each entry of sources must be a text, not {"doc":"seed 001"}; write e.g. sources: [\'seed 001 §7\']'],
  },
  {
    rule: 'minutes is an integer from 1 to 600',
    manifest: replaced('id: tiny\n', 'id: tiny\nminutes: 601\n'),
    findings: ['lab.yaml:3: error: minutes: minutes must be at most 600, not 601; write e.g. minutes: 30 (a whole number from 1 to 600)'],
  },
  {
    rule: 'mail is a boolean',
    manifest: replaced('id: tiny\n', 'id: tiny\nmail: yes please\n'),
    findings: ['lab.yaml:3: error: mail: mail must be true or false, not "yes please"; write e.g. mail: true'],
  },
  {
    rule: 'requires lists ip_vs only',
    manifest: replaced('id: tiny\n', 'id: tiny\nrequires: [netem]\n'),
    findings: ['lab.yaml:3: error: requires.0: each entry of requires must be ip_vs, not "netem"; write e.g. requires: [ip_vs]'],
  },
  {
    rule: 'subnet is a /24',
    manifest: replaced('subnet: 10.0.0.0/24', 'subnet: 10.0.0.0/16'),
    findings: ['lab.yaml:6: error: topology.subnet: a /24 subnet such as 10.0.0.0/24'],
  },
  {
    rule: 'a lab has at least one node',
    manifest: MINIMAL_MANIFEST.replace(/ {2}nodes:\n[\s\S]*?(?=steps:)/, '  nodes: []\n'),
    findings: ['lab.yaml:7: error: topology.nodes: nodes needs at least 1 entry; write e.g. nodes: [{ name: lb01, role: lb, ip: 10.0.0.5 }]'],
  },
  {
    rule: 'node names are unique',
    manifest: replaced('steps:\n', '    - { name: lb01, role: client, ip: 10.0.0.100 }\nsteps:\n'),
    findings: ['lab.yaml:14: error: node name "lb01" is used twice: give each node a name of its own'],
  },
  {
    rule: 'node addresses are unique',
    manifest: replaced('steps:\n', '    - { name: client, role: client, ip: 10.0.0.5 }\nsteps:\n'),
    findings: ['lab.yaml:14: error: address 10.0.0.5 is used twice: give each node an address of its own'],
  },
  {
    rule: 'a node address is not .0, .254 or .255',
    manifest: replaced('ip: 10.0.0.5', 'ip: 10.0.0.254'),
    findings: ['lab.yaml:10: error: 10.0.0.254: .0, .254 and .255 are reserved (network, gateway, broadcast): choose a host number from 1 to 253'],
  },
  {
    rule: 'no VIP is also a node address',
    manifest: replaced('  subnet: 10.0.0.0/24\n', '  subnet: 10.0.0.0/24\n  vips: [10.0.0.5]\n'),
    findings: ["lab.yaml:7: error: VIP 10.0.0.5 is also a node's address: a VIP belongs to no node; choose a free address of the subnet"],
  },
  {
    rule: 'role is lb, web or client',
    manifest: replaced('role: lb', 'role: router'),
    findings: ['lab.yaml:9: error: topology.nodes.0.role: role must be one of lb, web, client, not "router"; write e.g. role: lb (lb, web or client)'],
  },
  {
    rule: 'services are keepalived, nginx or cron',
    manifest: replaced('      ip: 10.0.0.5\n', '      ip: 10.0.0.5\n      services: [haproxy]\n'),
    findings: ['lab.yaml:11: error: topology.nodes.0.services.0: each entry of services must be one of keepalived, nginx, cron, not "haproxy"; write e.g. services: [keepalived, nginx]'],
  },
  {
    rule: 'net_sysctl is a boolean',
    manifest: replaced('      ip: 10.0.0.5\n', '      ip: 10.0.0.5\n      net_sysctl: on\n'),
    findings: ['lab.yaml:11: error: topology.nodes.0.net_sysctl: net_sysctl must be true or false, not "on"; write e.g. net_sysctl: true'],
  },
  {
    rule: 'a node file path is absolute, without spaces or ".."',
    manifest: replaced('        - path: /etc/keepalived/keepalived.conf', '        - path: /etc/keepalived/my keepalived.conf'),
    findings: ['lab.yaml:12: error: topology.nodes.0.files.0.path: an absolute path inside the node, without ".."'],
  },
  {
    rule: 'a path in the pack is relative',
    manifest: replaced('source: files/keepalived.conf', 'source: /etc/keepalived/keepalived.conf'),
    findings: ['lab.yaml:13: error: topology.nodes.0.files.0.source: a path inside the pack, relative, without ".."'],
  },
  {
    rule: 'mode is a quoted octal string',
    manifest: replaced('          source: files/keepalived.conf\n', '          source: files/keepalived.conf\n          mode: 0755\n'),
    findings: ['lab.yaml:14: error: topology.nodes.0.files.0.mode: mode must be a text, not 755; write e.g. mode: "0755" (in quotes: unquoted, YAML reads 0755 as the number 755)'],
  },
  {
    rule: 'step ids are unique',
    manifest: `${MINIMAL_MANIFEST}${MINIMAL_MANIFEST.slice(MINIMAL_MANIFEST.indexOf('  - id: first')).replace('has-file', 'has-file-2')}`,
    findings: ['lab.yaml:30: error: step id "first" is used twice: give each step an id of its own'],
  },
  {
    rule: 'a step has at least one check',
    manifest: MINIMAL_MANIFEST.replace(/ {4}checks:\n[\s\S]*?(?= {4}solution:)/, '    checks: []\n'),
    findings: ['lab.yaml:18: error: steps.0.checks: every step needs at least one check'],
  },
  {
    rule: 'a step has a solution',
    manifest: MINIMAL_MANIFEST.replace(/ {4}solution:\n[\s\S]*$/, ''),
    findings: ['lab.yaml:15: error: steps.0.solution: solution is missing; write e.g. solution: { files: [...], run: [...] }'],
  },
  {
    rule: 'a step has a reference solution: files or run',
    manifest: MINIMAL_MANIFEST.replace(/ {4}solution:\n[\s\S]*$/, '    solution: {}\n'),
    findings: ['lab.yaml:15: error: step "first" has no reference solution: add solution.files or solution.run, done the way a learner would do the step'],
  },
  {
    rule: 'check ids are unique within their step',
    manifest: withCheck("      - id: has-file\n        kind: command\n        node: lb01\n        run: 'true'\n        exit_code: 0\n"),
    findings: ['lab.yaml:26: error: check id "has-file" is used twice in this step: give each check an id of its own'],
  },
  {
    rule: 'within is more than 0 and at most 600 seconds',
    manifest: replaced('        kind: file\n', '        kind: file\n        within: 900\n'),
    findings: ['lab.yaml:21: error: steps.0.checks.0.within: within must be at most 600, not 900; write e.g. within: 8 (seconds, more than 0, at most 600)'],
  },
  {
    rule: 'a vip check holder is a node, none, one or split',
    manifest: withVip(withCheck('      - id: on-lb09\n        kind: vip\n        vip: 10.0.0.3\n        holder: lb09\n')),
    findings: ['lab.yaml:30: error: holder: no node named "lb09"; the nodes are lb01, or write none, one or split'],
  },
  {
    rule: 'a vrrp check state is MASTER, BACKUP or FAULT',
    manifest: withCheck('      - id: lb01-master\n        kind: vrrp\n        node: lb01\n        state: MASTR\n'),
    findings: ['lab.yaml:29: error: steps.0.checks.1.state: state must be one of MASTER, BACKUP, FAULT, not "MASTR"; write e.g. state: MASTER'],
  },
  {
    rule: 'an http check host is a plain host name',
    manifest: withCheck("      - id: www\n        kind: http\n        from: lb01\n        url: http://10.0.0.5/\n        host: 'www.example.com/admin'\n"),
    findings: ['lab.yaml:30: error: steps.0.checks.1.host: a Host header: a name or address with letters, digits, ".", "-" and ":", e.g. www.example.com'],
  },
  {
    rule: 'a listening check port is 1 to 65535',
    manifest: withCheck('      - id: web\n        kind: listening\n        node: lb01\n        port: 80000\n'),
    findings: ['lab.yaml:29: error: steps.0.checks.1.port: port must be at most 65535, not 80000; write e.g. port: 80 (1 to 65535)'],
  },
  {
    rule: 'a service check names keepalived, nginx or cron',
    manifest: withCheck('      - id: ha\n        kind: service\n        node: lb01\n        service: haproxy\n        running: true\n'),
    findings: ['lab.yaml:29: error: steps.0.checks.1.service: service must be one of keepalived, nginx, cron, not "haproxy"; write e.g. service: keepalived'],
  },
  {
    rule: 'a config_valid daemon is keepalived or nginx',
    manifest: withCheck('      - id: syntax\n        kind: config_valid\n        node: lb01\n        daemon: haproxy\n'),
    findings: ['lab.yaml:29: error: steps.0.checks.1.daemon: daemon must be one of keepalived, nginx, not "haproxy"; write e.g. daemon: keepalived'],
  },
  {
    rule: 'gap_seconds has a group: the figure in seconds',
    manifest: withCheck("      - id: gap\n        kind: command\n        node: lb01\n        run: 'cat /tmp/gap'\n        exit_code: 0\n        gap_seconds: 'longest gap [0-9.]+ s'\n"),
    findings: ["lab.yaml:31: error: gap_seconds has no group: its first group is the figure, in seconds; put the number in parentheses, e.g. 'longest gap ([0-9.]+) s'"],
  },
  {
    rule: 'an arp check names nodes of the lab',
    manifest: withCheck('      - id: arp\n        kind: arp\n        from: lb01\n        ip: 10.0.0.3\n        mac_of: lb09\n'),
    findings: ['lab.yaml:30: error: mac_of: no node named "lb09"; the nodes are lb01'],
  },
  {
    rule: 'a protocol check: VRRPv3 has no authentication',
    manifest: withCheck('      - id: adverts\n        kind: protocol\n        event: advert\n        expect: { version: 3, auth: pass }\n'),
    findings: ['lab.yaml:29: error: auth with version 3: VRRPv3 adverts carry no authentication; remove auth, or expect version: 2'],
  },
  {
    rule: 'a protocol check: VRRPv2 carries whole seconds, VRRPv3 centiseconds',
    manifest: withCheck('      - id: adverts\n        kind: protocol\n        event: advert\n        expect: { version: 2, interval_ms: 100 }\n'),
    findings: ['lab.yaml:29: error: interval_ms 100 with version 2: a VRRPv2 advert carries whole seconds; write a multiple of 1000, e.g. interval_ms: 1000'],
  },
  {
    rule: 'every node of a solution names a node of the topology',
    manifest: `${MINIMAL_MANIFEST}        - { node: lb09, run: 'true' }\n`,
    findings: ['lab.yaml:30: error: node: no node named "lb09"; the nodes are lb01'],
  },
  {
    rule: 'an action is a command, a fault or a pause',
    manifest: `${MINIMAL_MANIFEST}        - { node: lb01, cmd: 'true' }\n`,
    findings: [
      "lab.yaml:30: error: steps.0.solution.run.1: an action is one of { node: lb01, run: 'systemctl start keepalived' } (expect_exit optional), { fault: kill_node, node: lb01 } (service for stop_service and start_service) or { sleep: 2 }",
    ],
  },
  {
    rule: 'a fault is one of the six the app has',
    manifest: `${MINIMAL_MANIFEST}        - { fault: reboot, node: lb01 }\n`,
    findings: [
      'lab.yaml:30: error: steps.0.solution.run.1.fault: fault must be one of stop_service, start_service, kill_node, start_node, block_vrrp, restore_network, not "reboot"; write e.g. fault: kill_node',
    ],
  },
  {
    rule: 'a pause is more than 0 and at most 600 seconds',
    manifest: `${MINIMAL_MANIFEST}        - { sleep: 0 }\n`,
    findings: ['lab.yaml:30: error: steps.0.solution.run.1.sleep: sleep must be more than 0, not 0; write e.g. sleep: 2 (seconds, more than 0, at most 600)'],
  },
  {
    rule: 'a solution command is at most 4000 characters',
    manifest: `${MINIMAL_MANIFEST}        - { node: lb01, run: '${'x'.repeat(4001)}' }\n`,
    findings: ["lab.yaml:30: error: steps.0.solution.run.1.run: run must be at most 4000 characters long; write e.g. run: 'systemctl start keepalived'"],
  },
  {
    rule: 'a solution sets net.* keys with sysctl, not by writing /proc/sys',
    manifest: `${MINIMAL_MANIFEST}        - node: lb01\n          run: |\n            set -e\n            echo 1 > /proc/sys/net/ipv4/ip_nonlocal_bind\n`,
    findings: [
      "lab.yaml:33: error: a solution command cannot write to /proc/sys: it is read-only in a node, and only the learner's terminal passes such a write to the sysctl helper; write sysctl -w net.ipv4.ip_nonlocal_bind=1 (net.* keys, on a node with net_sysctl)",
    ],
  },
  {
    rule: 'a lab address in lab.yaml is written with plain dots',
    manifest: replaced("matches: ['vrrp_instance']", "matches: ['^\\s*10\\.0\\.0\\.3\\b']"),
    findings: ['lab.yaml:23: warning: an address written with escaped dots is not moved when the lab is remapped: write 10.0.0.3, not 10\\.0\\.0\\.3'],
  },
  {
    rule: 'a step or intro text is not empty',
    manifest: MINIMAL_MANIFEST,
    extra: { 'steps/zh.md': '\n' },
    findings: ["steps/zh.md:1: error: the text is empty: write what the learner reads here, in this file's language"],
  },
  {
    rule: 'a text has no images: the lesson shows none',
    manifest: MINIMAL_MANIFEST,
    extra: { 'steps/en.md': '# First\n\nThe pair:\n\n![two nodes](files/pair.png)\n' },
    findings: ['steps/en.md:5: error: an image is not shown (![two nodes](files/pair.png)): the lesson shows only its text in brackets; describe it in words, or draw it in a code block'],
  },
  {
    rule: 'each language has its own text file',
    manifest: replaced('zh-CN: steps/zh.md', 'zh-CN: steps/en.md'),
    findings: ['lab.yaml:15: error: step "first" uses one text file for both languages: give each its own, e.g. steps/en/01-first.md and steps/zh-CN/01-first.md'],
  },
  {
    rule: 'a node has at most 32 files (budget)',
    manifest: replaced('      files:\n', `      files:\n${Array.from({ length: 32 }, (_, i) => `        - { path: /tmp/f${i}, source: files/keepalived.conf }\n`).join('')}`),
    findings: ['lab.yaml:12: error: topology.nodes.0.files: at most 32 files of a node (budget)'],
  },
  {
    rule: 'lab.yaml is nested at most 32 deep (budget)',
    manifest: `${MINIMAL_MANIFEST}sources: ${'['.repeat(40)}${']'.repeat(40)}\n`,
    findings: ['lab.yaml:30: error: YAML: nested more than 32 deep (budget)'],
  },
  {
    rule: 'lab.yaml has at most 50 aliases (budget)',
    manifest: `${replaced('title: { en: Tiny, zh-CN: 小实验 }', 'title: &t { en: Tiny, zh-CN: 小实验 }')}sources: [${Array<string>(51).fill('*t').join(', ')}]\n`,
    findings: ['lab.yaml:30: error: YAML: too many aliases (budget: 50 uses, fewer of a large value); write the values out instead of repeating *aliases'],
  },
];

describe('the rules of labs/README.md, as lint enforces them', () => {
  it.each(RULES)('$rule', async ({ manifest, extra, findings }) => {
    const dir = await writePack(manifest, extra);
    const found = (await lintPack(dir)).map((f) => `${f.file.slice(dir.length + 1)}:${f.line}: ${f.level}: ${f.message}`);
    expect(found.filter((f) => !ALWAYS.test(f))).toEqual(findings);
  });

  it('warns when a pack has no intro', async () => {
    const found = await lintPack(await writePack());
    expect(found.filter((f) => /intro/.test(f.message)).map((f) => `${f.line}: ${f.level}: ${f.message}`)).toEqual([
      '1: warning: no intro: a short concept introduction helps learners; add intro: { en: steps/en/00-intro.md, zh-CN: steps/zh-CN/00-intro.md }',
    ]);
  });
});
