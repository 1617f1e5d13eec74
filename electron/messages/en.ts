// What the engine says, in English: one entry per message, a function of typed parameters. zh-CN.ts has the
// same keys with the same parameters (the type checker holds it to `Catalogue`). Keys are grouped by area:
// check.* (grading results), probe.* (why a reading failed), report.* (the progress report). A new area adds
// its keys here first, then in zh-CN.ts.
// cli.* (what `halab` prints) lives in cliEn.ts and is spread in below.
// Parameters are data (names, numbers, lists, the daemons' own words), never English to be rewritten.

/** A problem a daemon's config test reported: its own message, at a line (0 when it named none). */
export interface ConfigProblemParam {
  file: string;
  line: number;
  message: string;
}

import { cliEn } from './cliEn.js';

export type ProtocolEventName = 'advert' | 'garp' | 'arp_request' | 'arp_reply';
export interface ProtocolExpectedParam {
  event: ProtocolEventName;
  vrid?: number | undefined;
  vip?: string | undefined;
  from?: string | undefined;
  expectFrom?: string | undefined;
  priority?: number | undefined;
  version?: number | undefined;
  auth?: 'none' | 'pass' | 'ah' | undefined;
  intervalMs?: number | undefined;
}
export interface ProtocolSeenParam {
  count: number;
  sender: string | null;
  senderIp: string;
  agoMs: number;
  priority?: number | undefined;
  version?: number | undefined;
  auth?: 'none' | 'pass' | 'ah' | null | undefined;
  intervalMs?: number | undefined;
}
/** keepalived's own words for the VRRPv2 authentication types (auth_type PASS / AH); VRRPv3 has none. */
export const AUTH: Record<'none' | 'pass' | 'ah' | 'null', string> = { none: 'none', pass: 'PASS', ah: 'AH', null: '-' };

const list = (xs: readonly string[], none = '-'): string => (xs.length ? xs.join(', ') : none);
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const EVENT_EN: Record<ProtocolEventName, string> = { advert: 'VRRP advert', garp: 'gratuitous ARP', arp_request: 'ARP request', arp_reply: 'ARP reply' };
const expectedFields = (p: ProtocolExpectedParam): string =>
  [
    p.expectFrom ? `sent by ${p.expectFrom}` : '',
    p.priority !== undefined ? `priority ${p.priority}` : '',
    p.version !== undefined ? `VRRPv${p.version}` : '',
    p.auth ? `auth ${AUTH[p.auth]}` : '',
    p.intervalMs !== undefined ? `every ${seconds(p.intervalMs)} s` : '',
  ]
    .filter(Boolean)
    .join(', ');
const keepalivedProblems = (ps: readonly ConfigProblemParam[]): string => (ps.length ? `: ${ps.map((p) => `line ${p.line}: ${p.message}`).join('; ')}` : '');

export const en = {
  // ---- check.*: expected / seen of every check kind ----
  'check.node.expected': () => 'a reading from the node',
  'check.node.unreadable': (p: { error: string }) => `could not read the node: ${p.error}`,

  'check.vip.expected.none': (p: { vip: string }) => `no node holds ${p.vip}`,
  'check.vip.expected.one': (p: { vip: string }) => `exactly one node holds ${p.vip}`,
  'check.vip.expected.split': (p: { vip: string }) => `two or more nodes hold ${p.vip} (split-brain)`,
  'check.vip.expected.node': (p: { vip: string; node: string }) => `only ${p.node} holds ${p.vip}`,
  'check.vip.holders': (p: { vip: string; holders: readonly string[]; unreachable: readonly string[] }) =>
    `holders of ${p.vip}: ${list(p.holders)}${p.unreachable.length ? ` (${list(p.unreachable)} unreachable)` : ''}`,
  'check.vip.moved': (p: { holders: string; from: string; gapMs: number }) => `${p.holders}; moved from ${p.from} with a gap of ${seconds(p.gapMs)} s`,
  'check.vip.movedAtDeath': (p: { holders: string; from: string; gapMs: number }) => `${p.holders}; moved from ${p.from}, which went down holding it, with a gap of ${seconds(p.gapMs)} s`,
  'check.vip.gapUnknown': (p: { holders: string; nodes: readonly string[] }) => `${p.holders}; the gap is not measured: the address log of ${list(p.nodes)} could not be read`,

  'check.vrrp.subject.vip': (p: { vip: string }) => `the instance that carries ${p.vip}`,
  'check.vrrp.subject.vrid': (p: { vrid: number }) => `the instance with virtual_router_id ${p.vrid}`,
  'check.vrrp.subject.named': (p: { instance: string }) => p.instance,
  'check.vrrp.subject.first': () => 'VRRP instance',
  'check.vrrp.expected': (p: { node: string; subject: string; state: string; priority?: number | undefined }) =>
    `${p.node}: ${p.subject} in ${p.state}${p.priority !== undefined ? `, priority ${p.priority}` : ''}`,
  'check.vrrp.unreadable': (p: { node: string; problem: string }) => `${p.node}: ${p.problem}`,
  'check.vrrp.noInstance': (p: { node: string; instances: readonly { name: string; vrid: number; vips: readonly string[] }[] }) =>
    p.instances.length
      ? `${p.node}: no such instance (has: ${list(p.instances.map((i) => `${i.name} (VRID ${i.vrid}${i.vips.length ? `, ${i.vips.join(' ')}` : ''})`))})`
      : `${p.node}: keepalived has no VRRP instance`,
  'check.vrrp.seen': (p: { node: string; instance: string; state: string; priority: number }) => `${p.node}: ${p.instance} ${p.state}, effective priority ${p.priority}`,

  'check.http.expected': (p: { from: string; url: string; host?: string | undefined; status: number; body?: string | undefined }) =>
    `${p.from} -> ${p.url}${p.host ? ` (Host: ${p.host})` : ''}: HTTP ${p.status}${p.body ? `, body matching /${p.body}/` : ''}`,
  'check.http.noAnswer': (p: { problem: string }) => `no HTTP answer: ${p.problem}`,
  'check.http.answer': (p: { status: number; snippet: string }) => `HTTP ${p.status}: ${p.snippet ? `"${p.snippet}"` : '(empty body)'}`,

  'check.listening.expected': (p: { node: string; address?: string | undefined; port: number }) => `${p.node} listens on ${p.address ?? '*'}:${p.port}`,
  'check.listening.expectedNot': (p: { node: string; address?: string | undefined; port: number }) => `${p.node} does not listen on ${p.address ?? '*'}:${p.port}`,
  'check.listening.seen': (p: { node: string; sockets: readonly string[] }) => `${p.node} listens on: ${list(p.sockets)}`,

  'check.service.expected.running': (p: { node: string; service: string }) => `${p.service} running on ${p.node}`,
  'check.service.expected.stopped': (p: { node: string; service: string }) => `${p.service} stopped on ${p.node}`,
  'check.service.running': (p: { pids: readonly string[] }) => `running (pid ${list(p.pids)})`,
  'check.service.stopped': () => 'not running',

  'check.config.expected': (p: { node: string; daemon: 'keepalived' | 'nginx'; path?: string | undefined }) =>
    `${p.daemon} accepts ${p.path ?? (p.daemon === 'keepalived' ? '/etc/keepalived/keepalived.conf' : 'its whole config')} on ${p.node}`,

  'check.file.expected': (p: { node: string; path: string; matches: readonly string[]; notMatches: readonly string[] }) =>
    `${p.node}:${p.path} has ${list([...p.matches.map((r) => `/${r}/`), ...p.notMatches.map((r) => `not /${r}/`)], 'any content')}`,
  'check.file.unreadable': (p: { path: string; error: string }) => `cannot read ${p.path}: ${p.error}`,
  'check.file.asExpected': () => 'all patterns as expected',
  'check.file.mismatch': (p: { missing: readonly string[]; present: readonly string[] }) => [...p.missing.map((r) => `missing /${r}/`), ...p.present.map((r) => `has /${r}/`)].join(', '),

  'check.command.expected': (p: { node: string; run: string; exitCode?: number | undefined; matches?: string | undefined }) =>
    `\`${p.run}\` on ${p.node}: ${list([p.exitCode !== undefined ? `exit ${p.exitCode}` : '', p.matches ? `output matching /${p.matches}/` : ''].filter(Boolean), 'any exit code')}`,
  'check.command.seen': (p: { exitCode: number; tail: string }) => `exit ${p.exitCode}: ${p.tail || '(no output)'}`,

  'check.arp.expected': (p: { from: string; ip: string; macOf: string; mac: string }) => `${p.from}'s ARP entry for ${p.ip} is ${p.macOf}'s MAC ${p.mac || '?'}`,
  'check.arp.seen': (p: { ip: string; mac: string; states: readonly string[] }) => `${p.ip} is at ${p.mac} (${list(p.states)})`,
  'check.arp.none': (p: { ip: string }) => `no ARP entry for ${p.ip}`,

  'check.protocol.expected': (p: ProtocolExpectedParam) => {
    const vip = p.vip ? (p.event === 'advert' ? `listing ${p.vip}` : `for ${p.vip}`) : '';
    const selector = [p.vrid !== undefined ? `VRID ${p.vrid}` : '', vip, p.from ? `from ${p.from}` : ''].filter(Boolean).join(' ');
    const shows = expectedFields(p);
    return shows ? `the latest ${EVENT_EN[p.event]}${selector ? ` (${selector})` : ''}: ${shows}` : `a ${EVENT_EN[p.event]}${selector ? ` (${selector})` : ''} on the lab network`;
  },
  'check.protocol.seen': (p: ProtocolSeenParam) =>
    `latest of ${p.count}: from ${p.sender ?? '?'} (${p.senderIp})${p.priority !== undefined ? `, priority ${p.priority}, VRRPv${p.version ?? '?'}, auth ${AUTH[p.auth ?? 'null']}, every ${seconds(p.intervalMs ?? 0)} s` : ''}, ${seconds(p.agoMs)} s ago`,
  'check.protocol.none': (p: { event: ProtocolEventName }) => `no ${EVENT_EN[p.event]} of this kind captured since the lab started`,
  'check.protocol.unreadable': (p: { problem: 'noObserver' | 'notRecording'; detail: string }) =>
    p.problem === 'noObserver' ? `the lab's protocol observer is not running (${p.detail}); restart the lab to bring it back` : `the protocol observer has no recording (${p.detail})`,

  // ---- probe.*: why a reading came out as it did; `detail` is the tool's own words ----
  'probe.vrrp.notRunning': () => 'keepalived is not running',
  'probe.vrrp.dumpFailed': (p: { exitCode: number; detail: string }) => `keepalived's state dump failed (exit ${p.exitCode})${p.detail ? `: ${p.detail}` : ''}`,
  'probe.vrrp.badJson': () => 'keepalived wrote a state dump that is not valid JSON',

  'probe.http.cannotConnect': (p: { detail: string }) => `could not connect (${p.detail})`,
  'probe.http.timeout': (p: { seconds: number; detail: string }) => `no answer within ${p.seconds} s (${p.detail})`,
  'probe.http.emptyReply': (p: { detail: string }) => `the server closed the connection without an answer (${p.detail})`,
  'probe.http.failed': (p: { exitCode: number; detail: string }) => (p.detail ? `curl failed: ${p.detail}` : `curl failed (exit ${p.exitCode})`),

  'probe.config.ok': (p: { problems: readonly ConfigProblemParam[] }) => `config OK${keepalivedProblems(p.problems)}`,
  'probe.keepalived.missing': (p: { path: string }) => `${p.path} does not exist`,
  'probe.keepalived.noInstance': () => 'no vrrp_instance block: keepalived would run but do nothing',
  'probe.keepalived.cannotRun': (p: { problems: readonly ConfigProblemParam[] }) => `keepalived cannot run${keepalivedProblems(p.problems)}`,
  'probe.keepalived.errors': (p: { problems: readonly ConfigProblemParam[] }) => `config errors${keepalivedProblems(p.problems)}`,
  'probe.keepalived.scriptSecurity': (p: { problems: readonly ConfigProblemParam[] }) => `scripts configured without enable_script_security${keepalivedProblems(p.problems)}`,
  'probe.keepalived.exit': (p: { exitCode: number; problems: readonly ConfigProblemParam[] }) => `keepalived -t exited with ${p.exitCode}${keepalivedProblems(p.problems)}`,
  'probe.nginx.errors': (p: { problems: readonly ConfigProblemParam[]; detail: string }) =>
    `config errors: ${p.problems.map((x) => (x.line ? `${x.file}:${x.line}: ${x.message}` : x.message)).join('; ') || p.detail || 'nginx rejected the configuration'}`,

  // ---- report.*: the HTML progress report ----
  'report.title': () => 'HA Lab progress',
  'report.learner': () => 'Learner',
  'report.generated': () => 'Generated',
  'report.overall': () => 'Overall',
  'report.steps': () => 'steps',
  'report.step': () => 'Step',
  'report.status': () => 'Status',
  'report.earned': () => 'Earned',
  'report.notEarned': () => 'Not yet',
  'report.solved': () => 'Done with the solution (not earned)',
  'report.attempts': () => 'Checks run',
  'report.lastChecked': () => 'Last checked',
  'report.noLabs': () => 'No lab packs found.',

  ...cliEn,
};

/** The shape every language's catalogue has: the same keys, each with the same parameters. */
export type Catalogue = typeof en;
