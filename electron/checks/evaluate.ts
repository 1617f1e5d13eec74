// Evaluates one check once against the running lab: reads the nodes, compares with what the check expects.
// Every text is a message of the catalogue (electron/messages/), filled with what was read.
import type { CheckSpec, Localized } from '../labs/schema.js';
import type { LabNodes } from '../probes/labNodes.js';
import { holdersOf, readAddresses } from '../probes/addresses.js';
import { lastGapMs } from '../probes/addrLog.js';
import { completeHistory, readNodeLogs, withArrivalLogged } from '../probes/addrHistory.js';
import { readVrrp, type VrrpInstance } from '../probes/vrrp.js';
import { httpFrom } from '../probes/http.js';
import { readListening } from '../probes/sockets.js';
import { checkKeepalivedConfig, checkNginxConfig } from '../probes/configCheck.js';
import { probeIn } from '../runtime/execBatch.js';
import { msg, render } from '../messages/catalogue.js';
import { errorMessage } from '../util/errors.js';
import { evaluateProtocol } from './evaluateProtocol.js';

export interface Evaluation {
  passed: boolean;
  expected: Localized;
  seen: Localized;
  /** Figures measured on the way, e.g. { gap_ms: 640 }. */
  metrics?: Record<string, number>;
}

const PROCESS_NAME: Record<string, string> = { keepalived: 'keepalived', nginx: 'nginx', cron: 'cron' };

function vipExpectation(c: Extract<CheckSpec, { kind: 'vip' }>, holders: string[]): { passed: boolean; expected: Localized } {
  const vip = c.vip;
  if (c.holder === 'none') return { passed: holders.length === 0, expected: msg('check.vip.expected.none', { vip }) };
  if (c.holder === 'one') return { passed: holders.length === 1, expected: msg('check.vip.expected.one', { vip }) };
  if (c.holder === 'split') return { passed: holders.length >= 2, expected: msg('check.vip.expected.split', { vip }) };
  return { passed: holders.length === 1 && holders[0] === c.holder, expected: msg('check.vip.expected.node', { vip, node: c.holder }) };
}

async function evaluateVip(lab: LabNodes, c: Extract<CheckSpec, { kind: 'vip' }>): Promise<Evaluation> {
  const gapOf = c.measure_gap && c.holder !== 'none' && c.holder !== 'one' && c.holder !== 'split' ? c.holder : undefined;
  // Asked for in the same turn as the addresses, the logs ride in the same batch: they are read even when the
  // holder turns out wrong, which costs less than a second round trip when it is right.
  const logs = gapOf ? readNodeLogs(lab) : undefined;
  const { addresses, unreachable } = await readAddresses(lab);
  const holders = holdersOf(addresses, c.vip);
  const seen = msg('check.vip.holders', { vip: c.vip, holders, unreachable });
  const { passed, expected } = vipExpectation(c, holders);
  if (!passed || !gapOf || !logs) return { passed, expected, seen };
  // Only now, once: the nodes' deaths (a node that lost power logged no removal) and a stopped node's log.
  const history = await completeHistory(lab, await withArrivalLogged(lab, await logs, gapOf, c.vip));
  if (history.unreadable.length) return { passed, expected, seen: msg('check.vip.gapUnknown', { holders: seen, nodes: history.unreadable }) };
  const gap = lastGapMs(
    history.events.filter((e) => e.ip === c.vip),
    gapOf,
  );
  if (!gap) return { passed, expected, seen };
  const moved = msg(gap.atDeath ? 'check.vip.movedAtDeath' : 'check.vip.moved', { holders: seen, from: gap.from, gapMs: gap.gapMs });
  return { passed, expected, seen: moved, metrics: { gap_ms: Math.round(gap.gapMs) } };
}

type VrrpCheck = Extract<CheckSpec, { kind: 'vrrp' }>;

/** How the check names the instance it reads. */
function vrrpSubject(c: VrrpCheck): Localized {
  if (c.vip !== undefined) return msg('check.vrrp.subject.vip', { vip: c.vip });
  if (c.vrid !== undefined) return msg('check.vrrp.subject.vrid', { vrid: c.vrid });
  return c.instance !== undefined ? msg('check.vrrp.subject.named', { instance: c.instance }) : msg('check.vrrp.subject.first');
}

/** The instance a check means: by the VIP it carries, its VRID, its name, or else the first. */
export function selectVrrpInstance(instances: readonly VrrpInstance[], c: Pick<VrrpCheck, 'instance' | 'vip' | 'vrid'>): VrrpInstance | undefined {
  if (c.vip !== undefined) return instances.find((i) => i.vips.includes(c.vip as string));
  if (c.vrid !== undefined) return instances.find((i) => i.vrid === c.vrid);
  if (c.instance !== undefined) return instances.find((i) => i.name === c.instance);
  return instances[0];
}

async function evaluateVrrp(lab: LabNodes, c: VrrpCheck): Promise<Evaluation> {
  const node = c.node;
  const expected = msg('check.vrrp.expected', { node, subject: vrrpSubject(c), state: c.state, priority: c.priority });
  const reading = await readVrrp(lab.container(node));
  if (!reading.ok) return { passed: false, expected, seen: msg('check.vrrp.unreadable', { node, problem: render(reading.problem) }) };
  const inst = selectVrrpInstance(reading.instances, c);
  if (!inst) return { passed: false, expected, seen: msg('check.vrrp.noInstance', { node, instances: reading.instances }) };
  return {
    passed: inst.state === c.state && (c.priority === undefined || inst.effectivePriority === c.priority),
    expected,
    seen: msg('check.vrrp.seen', { node, instance: inst.name, state: inst.state, priority: inst.effectivePriority }),
  };
}

async function evaluateHttp(lab: LabNodes, c: Extract<CheckSpec, { kind: 'http' }>): Promise<Evaluation> {
  const expected = msg('check.http.expected', { from: c.from, url: c.url, host: c.host, status: c.status, body: c.body });
  const res = await httpFrom(lab.container(c.from), c.url, { ...(c.host ? { host: c.host } : {}), ...(c.user_agent ? { userAgent: c.user_agent } : {}) });
  const bodyOk = !c.body || new RegExp(c.body, 'm').test(res.body);
  const seen = res.problem
    ? msg('check.http.noAnswer', { problem: render(res.problem) })
    : msg('check.http.answer', { status: res.status, snippet: res.body.trim().replace(/\s+/g, ' ').slice(0, 120) });
  return { passed: res.status === c.status && bodyOk, expected, seen };
}

async function evaluateListening(lab: LabNodes, c: Extract<CheckSpec, { kind: 'listening' }>): Promise<Evaluation> {
  const sockets = await readListening(lab.container(c.node));
  const match = sockets.filter((s) => s.port === c.port && (!c.address || s.address === c.address));
  const where = { node: c.node, address: c.address, port: c.port };
  return {
    passed: c.listening ? match.length > 0 : match.length === 0,
    expected: c.listening ? msg('check.listening.expected', where) : msg('check.listening.expectedNot', where),
    seen: msg('check.listening.seen', { node: c.node, sockets: sockets.map((s) => `${s.address}:${s.port}`) }),
  };
}

async function evaluateService(lab: LabNodes, c: Extract<CheckSpec, { kind: 'service' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['pgrep', '-x', PROCESS_NAME[c.service] ?? c.service], { timeoutMs: 3000 });
  const running = res.exitCode === 0;
  const pids = res.stdout.trim().split('\n').filter(Boolean);
  const which = { node: c.node, service: c.service };
  return {
    passed: running === c.running,
    expected: c.running ? msg('check.service.expected.running', which) : msg('check.service.expected.stopped', which),
    seen: running ? msg('check.service.running', { pids }) : msg('check.service.stopped'),
  };
}

async function evaluateConfig(lab: LabNodes, c: Extract<CheckSpec, { kind: 'config_valid' }>): Promise<Evaluation> {
  const container = lab.container(c.node);
  const reading = c.daemon === 'keepalived' ? await checkKeepalivedConfig(container, c.path) : await checkNginxConfig(container, c.path);
  return {
    passed: reading.valid,
    expected: msg('check.config.expected', { node: c.node, daemon: c.daemon, path: c.path }),
    seen: render(reading.verdict),
  };
}

async function evaluateFile(lab: LabNodes, c: Extract<CheckSpec, { kind: 'file' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['head', '-c', '1048576', c.path], { timeoutMs: 3000 });
  const expected = msg('check.file.expected', { node: c.node, path: c.path, matches: c.matches, notMatches: c.not_matches });
  if (res.exitCode !== 0) return { passed: false, expected, seen: msg('check.file.unreadable', { path: c.path, error: res.stderr.trim() }) };
  const missing = c.matches.filter((r) => !new RegExp(r, 'm').test(res.stdout));
  const present = c.not_matches.filter((r) => new RegExp(r, 'm').test(res.stdout));
  const passed = missing.length === 0 && present.length === 0;
  return { passed, expected, seen: passed ? msg('check.file.asExpected') : msg('check.file.mismatch', { missing, present }) };
}

async function evaluateCommand(lab: LabNodes, c: Extract<CheckSpec, { kind: 'command' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['bash', '-c', c.run], { timeoutMs: 8000 });
  const output = `${res.stdout}${res.stderr}`;
  const exitOk = c.exit_code === undefined || res.exitCode === c.exit_code;
  const textOk = !c.matches || new RegExp(c.matches, 'm').test(output);
  const tail = output.trim().split('\n').slice(-3).join(' | ').slice(0, 200);
  const gapSeconds = c.gap_seconds ? Number(new RegExp(c.gap_seconds, 'm').exec(output)?.[1]) : NaN;
  return {
    ...(Number.isFinite(gapSeconds) ? { metrics: { gap_ms: Math.round(gapSeconds * 1000) } } : {}),
    passed: exitOk && textOk,
    expected: msg('check.command.expected', { node: c.node, run: c.run, exitCode: c.exit_code, matches: c.matches }),
    seen: msg('check.command.seen', { exitCode: res.exitCode, tail }),
  };
}

async function evaluateArp(lab: LabNodes, c: Extract<CheckSpec, { kind: 'arp' }>): Promise<Evaluation> {
  const [neigh, mac] = await Promise.all([
    probeIn(lab.container(c.from), ['ip', '-j', 'neigh', 'show', c.ip], { timeoutMs: 3000 }),
    probeIn(lab.container(c.mac_of), ['cat', '/sys/class/net/eth0/address'], { timeoutMs: 3000 }),
  ]);
  const wanted = mac.stdout.trim().toLowerCase();
  let entry: { lladdr?: string; state?: string[] } | undefined;
  try {
    entry = (JSON.parse(neigh.stdout || '[]') as { lladdr?: string; state?: string[] }[])[0];
  } catch {
    entry = undefined;
  }
  const got = entry?.lladdr?.toLowerCase();
  return {
    passed: !!got && got === wanted,
    expected: msg('check.arp.expected', { from: c.from, ip: c.ip, macOf: c.mac_of, mac: wanted }),
    seen: got ? msg('check.arp.seen', { ip: c.ip, mac: got, states: entry?.state ?? [] }) : msg('check.arp.none', { ip: c.ip }),
  };
}

export async function evaluate(lab: LabNodes, check: CheckSpec): Promise<Evaluation> {
  try {
    switch (check.kind) {
      case 'vip':
        return await evaluateVip(lab, check);
      case 'vrrp':
        return await evaluateVrrp(lab, check);
      case 'http':
        return await evaluateHttp(lab, check);
      case 'listening':
        return await evaluateListening(lab, check);
      case 'service':
        return await evaluateService(lab, check);
      case 'config_valid':
        return await evaluateConfig(lab, check);
      case 'file':
        return await evaluateFile(lab, check);
      case 'command':
        return await evaluateCommand(lab, check);
      case 'arp':
        return await evaluateArp(lab, check);
      case 'protocol':
        return await evaluateProtocol(lab, check);
    }
  } catch (err) {
    const error = errorMessage(err).split('\n')[0] ?? '';
    return { passed: false, expected: msg('check.node.expected'), seen: msg('check.node.unreadable', { error }) };
  }
}
