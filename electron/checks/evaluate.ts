// Evaluates one check once against the running lab: reads the nodes, compares with what the check expects.
import type { CheckSpec, Localized } from '../labs/schema.js';
import type { RunningLab } from '../topology/manager.js';
import { holdersOf, readAddresses } from '../probes/addresses.js';
import { lastGapMs, readAddrEvents } from '../probes/addrLog.js';
import { readVrrp, type VrrpInstance } from '../probes/vrrp.js';
import { httpFrom } from '../probes/http.js';
import { readListening } from '../probes/sockets.js';
import { checkKeepalivedConfig, checkNginxConfig } from '../probes/configCheck.js';
import { probeIn } from '../docker/execBatch.js';
import { errorMessage } from '../util/errors.js';

export interface Evaluation {
  passed: boolean;
  expected: Localized;
  seen: Localized;
  /** Figures measured on the way, e.g. { gap_ms: 640 }. */
  metrics?: Record<string, number>;
}

const L = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });
const list = (xs: string[]): string => (xs.length ? xs.join(', ') : '-');
const PROCESS_NAME: Record<string, string> = { keepalived: 'keepalived', nginx: 'nginx', cron: 'cron' };

async function evaluateVip(lab: RunningLab, c: Extract<CheckSpec, { kind: 'vip' }>): Promise<Evaluation> {
  const { addresses, unreachable } = await readAddresses(lab);
  const holders = holdersOf(addresses, c.vip);
  const down = unreachable.length ? ` (${list(unreachable)} unreachable)` : '';
  const seen = L(`holders of ${c.vip}: ${list(holders)}${down}`, `${c.vip} 所在节点：${list(holders)}${down ? `（不可达：${list(unreachable)}）` : ''}`);
  let passed: boolean;
  let expected: Localized;
  if (c.holder === 'none') {
    passed = holders.length === 0;
    expected = L(`no node holds ${c.vip}`, `没有节点持有 ${c.vip}`);
  } else if (c.holder === 'one') {
    passed = holders.length === 1;
    expected = L(`exactly one node holds ${c.vip}`, `恰好一个节点持有 ${c.vip}`);
  } else if (c.holder === 'split') {
    passed = holders.length >= 2;
    expected = L(`two or more nodes hold ${c.vip} (split-brain)`, `两个或更多节点同时持有 ${c.vip}（脑裂）`);
  } else {
    passed = holders.length === 1 && holders[0] === c.holder;
    expected = L(`only ${c.holder} holds ${c.vip}`, `只有 ${c.holder} 持有 ${c.vip}`);
  }
  if (!passed || !c.measure_gap || c.holder === 'none' || c.holder === 'one' || c.holder === 'split') return { passed, expected, seen };
  const gap = lastGapMs(await readAddrEvents(lab, c.vip), c.holder);
  if (!gap) return { passed, expected, seen };
  const secs = (gap.gapMs / 1000).toFixed(2);
  return {
    passed,
    expected,
    seen: L(`${seen.en}; moved from ${gap.from} with a gap of ${secs} s`, `${seen['zh-CN']}；从 ${gap.from} 漂移过来，中断 ${secs} 秒`),
    metrics: { gap_ms: Math.round(gap.gapMs) },
  };
}

type VrrpCheck = Extract<CheckSpec, { kind: 'vrrp' }>;

/** How the check names the instance it reads, in both languages. */
function vrrpSubject(c: VrrpCheck): Localized {
  if (c.vip !== undefined) return L(`the instance that carries ${c.vip}`, `负责 ${c.vip} 的实例`);
  if (c.vrid !== undefined) return L(`the instance with virtual_router_id ${c.vrid}`, `virtual_router_id 为 ${c.vrid} 的实例`);
  return c.instance !== undefined ? L(c.instance, c.instance) : L('VRRP instance', 'VRRP 实例');
}

/** The instance a check means: by the VIP it carries, its VRID, its name, or else the first. */
export function selectVrrpInstance(instances: readonly VrrpInstance[], c: Pick<VrrpCheck, 'instance' | 'vip' | 'vrid'>): VrrpInstance | undefined {
  if (c.vip !== undefined) return instances.find((i) => i.vips.includes(c.vip as string));
  if (c.vrid !== undefined) return instances.find((i) => i.vrid === c.vrid);
  if (c.instance !== undefined) return instances.find((i) => i.name === c.instance);
  return instances[0];
}

async function evaluateVrrp(lab: RunningLab, c: VrrpCheck): Promise<Evaluation> {
  const subject = vrrpSubject(c);
  const expected = L(
    `${c.node}: ${subject.en} in ${c.state}${c.priority !== undefined ? `, priority ${c.priority}` : ''}`,
    `${c.node}：${subject['zh-CN']} 处于 ${c.state}${c.priority !== undefined ? `，优先级 ${c.priority}` : ''}`,
  );
  const reading = await readVrrp(lab.container(c.node));
  if (!reading.ok) return { passed: false, expected, seen: L(`${c.node}: ${reading.reason}`, `${c.node}：${reading.reason === 'keepalived is not running' ? 'keepalived 没有运行' : reading.reason}`) };
  const inst = selectVrrpInstance(reading.instances, c);
  if (!inst) {
    const has = list(reading.instances.map((i) => `${i.name} (VRID ${i.vrid}${i.vips.length ? `, ${i.vips.join(' ')}` : ''})`));
    return { passed: false, expected, seen: L(`${c.node}: no such instance (has: ${has})`, `${c.node}：没有这样的实例（现有：${has}）`) };
  }
  const passed = inst.state === c.state && (c.priority === undefined || inst.effectivePriority === c.priority);
  return {
    passed,
    expected,
    seen: L(`${c.node}: ${inst.name} ${inst.state}, effective priority ${inst.effectivePriority}`, `${c.node}：${inst.name} ${inst.state}，有效优先级 ${inst.effectivePriority}`),
  };
}

async function evaluateHttp(lab: RunningLab, c: Extract<CheckSpec, { kind: 'http' }>): Promise<Evaluation> {
  const host = c.host ? ` (Host: ${c.host})` : '';
  const bodyWant = c.body ? `, body matching /${c.body}/` : '';
  const expected = L(`${c.from} -> ${c.url}${host}: HTTP ${c.status}${bodyWant}`, `${c.from} 访问 ${c.url}${host}：HTTP ${c.status}${c.body ? `，内容匹配 /${c.body}/` : ''}`);
  const res = await httpFrom(lab.container(c.from), c.url, { ...(c.host ? { host: c.host } : {}), ...(c.user_agent ? { userAgent: c.user_agent } : {}) });
  const bodyOk = !c.body || new RegExp(c.body, 'm').test(res.body);
  const snippet = res.body.trim().replace(/\s+/g, ' ').slice(0, 120);
  const seen =
    res.status === 0
      ? L(`no HTTP answer: ${res.error || 'no response'}`, `没有 HTTP 响应：${res.error || '无响应'}`)
      : L(`HTTP ${res.status}: "${snippet}"`, `HTTP ${res.status}："${snippet}"`);
  return { passed: res.status === c.status && bodyOk, expected, seen };
}

async function evaluateListening(lab: RunningLab, c: Extract<CheckSpec, { kind: 'listening' }>): Promise<Evaluation> {
  const sockets = await readListening(lab.container(c.node));
  const where = `${c.address ?? '*'}:${c.port}`;
  const match = sockets.filter((s) => s.port === c.port && (!c.address || s.address === c.address));
  const seen = L(`${c.node} listens on: ${list(sockets.map((s) => `${s.address}:${s.port}`))}`, `${c.node} 监听：${list(sockets.map((s) => `${s.address}:${s.port}`))}`);
  return {
    passed: c.listening ? match.length > 0 : match.length === 0,
    expected: c.listening ? L(`${c.node} listens on ${where}`, `${c.node} 监听 ${where}`) : L(`${c.node} does not listen on ${where}`, `${c.node} 不监听 ${where}`),
    seen,
  };
}

async function evaluateService(lab: RunningLab, c: Extract<CheckSpec, { kind: 'service' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['pgrep', '-x', PROCESS_NAME[c.service] ?? c.service], { timeoutMs: 3000 });
  const running = res.exitCode === 0;
  const pids = res.stdout.trim().split('\n').filter(Boolean);
  return {
    passed: running === c.running,
    expected: c.running ? L(`${c.service} running on ${c.node}`, `${c.node} 上 ${c.service} 正在运行`) : L(`${c.service} stopped on ${c.node}`, `${c.node} 上 ${c.service} 已停止`),
    seen: running ? L(`running (pid ${list(pids)})`, `正在运行（pid ${list(pids)}）`) : L('not running', '没有运行'),
  };
}

async function evaluateConfig(lab: RunningLab, c: Extract<CheckSpec, { kind: 'config_valid' }>): Promise<Evaluation> {
  const container = lab.container(c.node);
  const reading = c.daemon === 'keepalived' ? await checkKeepalivedConfig(container, c.path) : await checkNginxConfig(container, c.path);
  const what = c.path ?? (c.daemon === 'keepalived' ? '/etc/keepalived/keepalived.conf' : 'nginx config');
  return {
    passed: reading.valid,
    expected: L(`${c.daemon} accepts ${what} on ${c.node}`, `${c.node} 上 ${c.daemon} 认为 ${what} 有效`),
    seen: L(reading.summary, reading.summary),
  };
}

async function evaluateFile(lab: RunningLab, c: Extract<CheckSpec, { kind: 'file' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['head', '-c', '1048576', c.path], { timeoutMs: 3000 });
  const want = [...c.matches.map((r) => `/${r}/`), ...c.not_matches.map((r) => `not /${r}/`)].join(', ');
  const expected = L(`${c.node}:${c.path} has ${want || 'any content'}`, `${c.node}:${c.path} 包含 ${want || '任意内容'}`);
  if (res.exitCode !== 0) return { passed: false, expected, seen: L(`cannot read ${c.path}: ${res.stderr.trim()}`, `无法读取 ${c.path}：${res.stderr.trim()}`) };
  const missing = c.matches.filter((r) => !new RegExp(r, 'm').test(res.stdout));
  const present = c.not_matches.filter((r) => new RegExp(r, 'm').test(res.stdout));
  const passed = missing.length === 0 && present.length === 0;
  const problems = [...missing.map((r) => `missing /${r}/`), ...present.map((r) => `has /${r}/`)];
  return {
    passed,
    expected,
    seen: passed ? L('all patterns as expected', '全部符合') : L(problems.join(', '), problems.join('，').replace(/missing/g, '缺少').replace(/has /g, '不应有 ')),
  };
}

async function evaluateCommand(lab: RunningLab, c: Extract<CheckSpec, { kind: 'command' }>): Promise<Evaluation> {
  const res = await probeIn(lab.container(c.node), ['bash', '-c', c.run], { timeoutMs: 8000 });
  const output = `${res.stdout}${res.stderr}`;
  const exitOk = c.exit_code === undefined || res.exitCode === c.exit_code;
  const textOk = !c.matches || new RegExp(c.matches, 'm').test(output);
  const parts = [c.exit_code !== undefined ? `exit ${c.exit_code}` : '', c.matches ? `output matching /${c.matches}/` : ''].filter(Boolean);
  const tail = output.trim().split('\n').slice(-3).join(' | ').slice(0, 200);
  const gapSeconds = c.gap_seconds ? Number(new RegExp(c.gap_seconds, 'm').exec(output)?.[1]) : NaN;
  return {
    ...(Number.isFinite(gapSeconds) ? { metrics: { gap_ms: Math.round(gapSeconds * 1000) } } : {}),
    passed: exitOk && textOk,
    expected: L(`\`${c.run}\` on ${c.node}: ${parts.join(', ') || 'exit 0'}`, `${c.node} 上运行 \`${c.run}\`：${parts.join('，') || 'exit 0'}`),
    seen: L(`exit ${res.exitCode}: ${tail || '(no output)'}`, `退出码 ${res.exitCode}：${tail || '（无输出）'}`),
  };
}

async function evaluateArp(lab: RunningLab, c: Extract<CheckSpec, { kind: 'arp' }>): Promise<Evaluation> {
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
  const expected = L(`${c.from}'s ARP entry for ${c.ip} is ${c.mac_of}'s MAC ${wanted || '?'}`, `${c.from} 的 ARP 表中 ${c.ip} 对应 ${c.mac_of} 的 MAC ${wanted || '?'}`);
  return {
    passed: !!got && got === wanted,
    expected,
    seen: got ? L(`${c.ip} is at ${got} (${list(entry?.state ?? [])})`, `${c.ip} 对应 ${got}（${list(entry?.state ?? [])}）`) : L(`no ARP entry for ${c.ip}`, `ARP 表中没有 ${c.ip}`),
  };
}

export async function evaluate(lab: RunningLab, check: CheckSpec): Promise<Evaluation> {
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
    }
  } catch (err) {
    const msg = errorMessage(err).split('\n')[0] ?? '';
    return { passed: false, expected: L('a reading from the node', '读取节点状态'), seen: L(`could not read the node: ${msg}`, `无法读取节点：${msg}`) };
  }
}
