// The host firewall's fence around a lab network. The bridge cannot be --internal (that drops VRRP multicast
// between nodes on this engine), Docker lets a bridge's traffic into the host (INPUT) and out (FORWARD), and a
// node has NET_ADMIN, so deleting its default route keeps nobody in: it can put it back and reach any host
// service bound to 0.0.0.0 through the gateway. These rules drop everything the lab's bridge sends to the
// host or out of it, and everything routed into it; traffic between the nodes is bridged and untouched.
// Each rule carries the comment halab:<home>:<instance>, so it is removed with its lab (down, a failed up,
// the orphan sweep) and never confused with another home's or anyone else's rules.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homeId } from '../docker/labels.js';

/** How long one iptables call may take, including waiting for the xtables lock another process holds. */
const IPTABLES_TIMEOUT_MS = 10_000;
const LOCK_WAIT = ['-w', '5'];

type Family = 'iptables' | 'ip6tables';

export type FenceOutcome = { fenced: true } | { fenced: false; reason: string };

/** The comment that marks a lab's rules. */
export const fenceTag = (instance: string, home = homeId()): string => `halab:${home}:${instance}`;

/** The Linux bridge Docker makes for a network: br- and the first 12 characters of its id. */
export const bridgeOf = (networkId: string): string => `br-${networkId.slice(0, 12)}`;

/**
 * The rules for one bridge, each an argv for iptables/ip6tables after the lock wait. forwardChain is
 * DOCKER-USER where Docker made it (its rules for users, evaluated before Docker's own ACCEPTs), else FORWARD.
 */
export function fenceRules(bridge: string, tag: string, forwardChain: string): string[][] {
  const mark = ['-m', 'comment', '--comment', tag, '-j', 'DROP'];
  return [
    ['-I', 'INPUT', '-i', bridge, ...mark],
    ['-I', forwardChain, '-i', bridge, '!', '-o', bridge, ...mark],
    ['-I', forwardChain, '!', '-i', bridge, '-o', bridge, ...mark],
  ];
}

export interface OwnedRule {
  home: string;
  instance: string;
  /** The argv that deletes it (the saved rule with -A turned into -D). */
  deleteArgv: string[];
}

/** The halab rules in `iptables-save` output, each with what removes it. */
export function ownedRules(saved: string): OwnedRule[] {
  const rules: OwnedRule[] = [];
  for (const line of saved.split('\n')) {
    if (!line.startsWith('-A ')) continue;
    const tokens = line.split(/\s+/).map((t) => t.replace(/^"(.*)"$/, '$1'));
    const at = tokens.indexOf('--comment');
    const m = at >= 0 ? /^halab:([0-9a-f]+):([a-z0-9][a-z0-9-]*)$/.exec(tokens[at + 1] ?? '') : null;
    if (!m?.[1] || !m[2]) continue;
    rules.push({ home: m[1], instance: m[2], deleteArgv: ['-D', ...tokens.slice(1)] });
  }
  return rules;
}

interface Run {
  ok: boolean;
  stdout: string;
  stderr: string;
  missing: boolean;
}

function run(cmd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: IPTABLES_TIMEOUT_MS, encoding: 'utf8' }, (err, stdout, stderr) => {
      const missing = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !err, stdout, stderr: stderr || (err ? err.message : ''), missing });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/**
 * Deletes rules in one `<family>-restore --noflush` call (one process, applied atomically); when that fails
 * (a rule went meanwhile, or the legacy backend's lock is held) each is deleted on its own.
 */
async function deleteRules(family: Family, rules: string[][]): Promise<number> {
  if (!rules.length) return 0;
  const batch = ['*filter', ...rules.map((r) => r.join(' ')), 'COMMIT', ''].join('\n');
  if ((await run(`${family}-restore`, ['--noflush'], batch)).ok) return rules.length;
  let removed = 0;
  // Another process may have removed one a moment ago: a missing rule is not an error.
  for (const rule of rules) if ((await run(family, [...LOCK_WAIT, ...rule])).ok) removed++;
  return removed;
}

/** Why this process cannot change the host firewall, from the failed call's answer. */
function unavailable(family: Family, res: Run): string {
  if (res.missing) return `${family} is not installed on this machine`;
  if (/permission denied|must be root|not permitted/i.test(res.stderr)) {
    return `${family} needs root and this process runs as uid ${process.getuid?.() ?? '?'}`;
  }
  return `${family} failed: ${res.stderr.trim().split('\n')[0] ?? ''}`;
}

async function forwardChain(family: Family): Promise<string> {
  return (await run(family, [...LOCK_WAIT, '-S', 'DOCKER-USER'])).ok ? 'DOCKER-USER' : 'FORWARD';
}

async function addRules(family: Family, bridge: string, tag: string): Promise<string | undefined> {
  const probe = await run(family, [...LOCK_WAIT, '-S', 'INPUT']);
  if (!probe.ok) return unavailable(family, probe);
  for (const rule of fenceRules(bridge, tag, await forwardChain(family))) {
    const res = await run(family, [...LOCK_WAIT, ...rule]);
    if (!res.ok) return unavailable(family, res);
  }
  return undefined;
}

/**
 * Fences a lab network off the host. Never throws: where the host firewall cannot be changed here (no
 * iptables, not root, the engine's bridges live in a VM), the outcome says why, for the caller to tell.
 */
export async function fenceLabNetwork(instance: string, networkId: string): Promise<FenceOutcome> {
  const bridge = bridgeOf(networkId);
  if (!existsSync(`/sys/class/net/${bridge}`)) {
    return { fenced: false, reason: `the lab network's bridge ${bridge} is not on this machine (the container engine runs in a VM, remotely or rootless)` };
  }
  return fenceBridge(bridge, fenceTag(instance));
}

/** Adds the fence rules of one bridge, IPv4 then IPv6; the outcome says why when it cannot. */
export async function fenceBridge(bridge: string, tag: string): Promise<FenceOutcome> {
  const v4 = await addRules('iptables', bridge, tag);
  if (v4) return { fenced: false, reason: v4 };
  // Docker turns IPv6 off in the nodes, but net.* keys are theirs to set (through the sysctl helper), and
  // the bridge has a link-local address: the host's [::] services would be as near as its 0.0.0.0 ones.
  const v6 = await addRules('ip6tables', bridge, tag);
  if (v6) return { fenced: false, reason: v6 };
  return { fenced: true };
}

/** Removes this home's fence rules the predicate picks (both families); returns how many went. */
async function removeRules(pick: (instance: string) => boolean): Promise<number> {
  let removed = 0;
  const home = homeId();
  for (const family of ['iptables', 'ip6tables'] as const) {
    const saved = await run(`${family}-save`, ['-t', 'filter']);
    if (!saved.ok) continue;
    const mine = ownedRules(saved.stdout).filter((rule) => rule.home === home && pick(rule.instance));
    removed += await deleteRules(
      family,
      mine.map((rule) => rule.deleteArgv),
    );
  }
  return removed;
}

/** Removes one lab's fence, or every fence of this home when no instance is given. */
export function removeLabFence(instance?: string): Promise<number> {
  return removeRules((i) => instance === undefined || i === instance);
}

/** Removes this home's fences of every instance that is not kept (running or still starting). */
export function removeFencesExcept(keep: (instance: string) => boolean): Promise<number> {
  return removeRules((i) => !keep(i));
}
