// What the engine says, in Chinese: the same keys and parameters as en.ts (typed as its `Catalogue`), written
// for Chinese ops engineers in the words of labs/README.md's glossary (主节点/备节点, 优先级, VIP 漂移, 通告,
// 实测中断时间). keepalived's keywords and states stay as keepalived writes them (MASTER, BACKUP,
// virtual_router_id); the daemons' own messages, passed as parameters, stay in their words.
import { type Catalogue, type ConfigProblemParam, type ProtocolEventName, type ProtocolExpectedParam } from './en.js';
import { cliZhCN } from './cliZhCN.js';

const list = (xs: readonly string[], none = '无'): string => (xs.length ? xs.join('、') : none);
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const EVENT_ZH: Record<ProtocolEventName, string> = { advert: ' VRRP 通告', garp: '免费 ARP', arp_request: ' ARP 请求', arp_reply: ' ARP 应答' };
const AUTH_ZH: Record<'none' | 'pass' | 'ah' | 'null', string> = { none: '无', pass: 'PASS', ah: 'AH', null: '-' };
const expectedFieldsZh = (p: ProtocolExpectedParam): string =>
  [
    p.expectFrom ? `由 ${p.expectFrom} 发出` : '',
    p.priority !== undefined ? `优先级 ${p.priority}` : '',
    p.version !== undefined ? `VRRPv${p.version}` : '',
    p.auth ? `认证 ${AUTH_ZH[p.auth]}` : '',
    p.intervalMs !== undefined ? `通告间隔 ${seconds(p.intervalMs)} 秒` : '',
  ]
    .filter(Boolean)
    .join('，');
const keepalivedProblems = (ps: readonly ConfigProblemParam[]): string => (ps.length ? `：${ps.map((p) => `第 ${p.line} 行 ${p.message}`).join('；')}` : '');

export const zhCN: Catalogue = {
  // ---- check.* ----
  'check.node.expected': () => '能读取到节点状态',
  'check.node.unreadable': (p) => `无法读取节点状态：${p.error}`,

  'check.vip.expected.none': (p) => `没有任何节点持有 ${p.vip}`,
  'check.vip.expected.one': (p) => `有且只有一个节点持有 ${p.vip}`,
  'check.vip.expected.split': (p) => `两个及以上节点同时持有 ${p.vip}（脑裂）`,
  'check.vip.expected.node': (p) => `${p.vip} 只在 ${p.node} 上`,
  'check.vip.holders': (p) => `${p.vip} 所在节点：${list(p.holders)}${p.unreachable.length ? `（无法访问：${list(p.unreachable)}）` : ''}`,
  'check.vip.moved': (p) => `${p.holders}；从 ${p.from} 漂移过来，实测中断时间 ${seconds(p.gapMs)} 秒`,
  'check.vip.movedAtDeath': (p) => `${p.holders}；${p.from} 停机时仍持有它，从 ${p.from} 漂移过来，实测中断时间 ${seconds(p.gapMs)} 秒`,
  'check.vip.gapUnknown': (p) => `${p.holders}；无法测量中断时间：读取不到 ${list(p.nodes)} 的地址变更记录`,

  'check.vrrp.subject.vip': (p) => `承载 ${p.vip} 的实例`,
  'check.vrrp.subject.vrid': (p) => `virtual_router_id 为 ${p.vrid} 的实例`,
  'check.vrrp.subject.named': (p) => `名为 ${p.instance} 的实例`,
  'check.vrrp.subject.first': () => 'VRRP 实例',
  'check.vrrp.expected': (p) => `${p.node}：${p.subject}处于 ${p.state} 状态${p.priority !== undefined ? `，优先级 ${p.priority}` : ''}`,
  'check.vrrp.unreadable': (p) => `${p.node}：${p.problem}`,
  'check.vrrp.noInstance': (p) =>
    p.instances.length
      ? `${p.node}：找不到这个实例（现有：${list(p.instances.map((i) => `${i.name}（VRID ${i.vrid}${i.vips.length ? `，${i.vips.join(' ')}` : ''}）`))}）`
      : `${p.node}：keepalived 里没有任何 VRRP 实例`,
  'check.vrrp.seen': (p) => `${p.node}：${p.instance} 处于 ${p.state} 状态，当前优先级 ${p.priority}`,

  'check.http.expected': (p) => `从 ${p.from} 访问 ${p.url}${p.host ? `（Host: ${p.host}）` : ''}，返回 HTTP ${p.status}${p.body ? `，响应内容匹配 /${p.body}/` : ''}`,
  'check.http.noAnswer': (p) => `没有收到 HTTP 响应：${p.problem}`,
  'check.http.answer': (p) => `HTTP ${p.status}：${p.snippet ? `"${p.snippet}"` : '（响应内容为空）'}`,

  'check.listening.expected': (p) => `${p.node} 在监听 ${p.address ?? '*'}:${p.port}`,
  'check.listening.expectedNot': (p) => `${p.node} 没有监听 ${p.address ?? '*'}:${p.port}`,
  'check.listening.seen': (p) => `${p.node} 正在监听：${list(p.sockets)}`,

  'check.service.expected.running': (p) => `${p.node} 上的 ${p.service} 正在运行`,
  'check.service.expected.stopped': (p) => `${p.node} 上的 ${p.service} 已停止`,
  'check.service.running': (p) => `正在运行（PID ${list(p.pids)}）`,
  'check.service.stopped': () => '没有运行',

  'check.config.expected': (p) =>
    p.path || p.daemon === 'keepalived' ? `${p.node} 上的 ${p.path ?? '/etc/keepalived/keepalived.conf'} 通过 ${p.daemon} 的配置检查` : `${p.node} 上 nginx 的全部配置通过 nginx -t 检查`,

  'check.file.expected': (p) => {
    const parts = [p.matches.length ? `包含 ${list(p.matches.map((r) => `/${r}/`))}` : '', p.notMatches.length ? `不包含 ${list(p.notMatches.map((r) => `/${r}/`))}` : ''];
    return `${p.node}:${p.path} ${parts.filter(Boolean).join('，') || '存在且可读（内容不限）'}`;
  },
  'check.file.unreadable': (p) => `无法读取 ${p.path}：${p.error}`,
  'check.file.asExpected': () => '全部符合要求',
  'check.file.mismatch': (p) => [...p.missing.map((r) => `缺少 /${r}/`), ...p.present.map((r) => `不应包含 /${r}/`)].join('，'),

  'check.command.expected': (p) => {
    const parts = [p.exitCode !== undefined ? `退出码为 ${p.exitCode}` : '', p.matches ? `输出匹配 /${p.matches}/` : ''].filter(Boolean);
    return `在 ${p.node} 上运行 \`${p.run}\`：${parts.join('，') || '退出码不限'}`;
  },
  'check.command.seen': (p) => `退出码 ${p.exitCode}：${p.tail || '（无输出）'}`,

  'check.arp.expected': (p) => `${p.from} 的 ARP 表中 ${p.ip} 对应 ${p.macOf} 的 MAC 地址 ${p.mac || '?'}`,
  'check.arp.seen': (p) => `${p.ip} 对应 ${p.mac}（${list(p.states, '-')}）`,
  'check.arp.none': (p) => `ARP 表中没有 ${p.ip} 的条目`,

  'check.protocol.expected': (p) => {
    const vip = p.vip ? (p.event === 'advert' ? `含 VIP ${p.vip}` : `针对 ${p.vip}`) : '';
    const selector = [p.vrid !== undefined ? `VRID ${p.vrid}` : '', vip, p.from ? `由 ${p.from} 发出` : ''].filter(Boolean).join('，');
    const shows = expectedFieldsZh(p);
    return shows ? `最近一条${EVENT_ZH[p.event]}${selector ? `（${selector}）` : ''}：${shows}` : `实验网络上出现过${EVENT_ZH[p.event]}${selector ? `（${selector}）` : ''}`;
  },
  'check.protocol.seen': (p) =>
    `共抓到 ${p.count} 条，最近一条在 ${seconds(p.agoMs)} 秒前，来自 ${p.sender ?? '?'}（${p.senderIp}）${p.priority !== undefined ? `，优先级 ${p.priority}，VRRPv${p.version ?? '?'}，认证 ${AUTH_ZH[p.auth ?? 'null']}，通告间隔 ${seconds(p.intervalMs ?? 0)} 秒` : ''}`,
  'check.protocol.none': (p) => `实验启动以来没有抓到这类${EVENT_ZH[p.event]}`,
  'check.protocol.unreadable': (p) => (p.problem === 'noObserver' ? `实验的抓包容器没有运行（${p.detail}），重启实验即可恢复` : `抓包容器里没有抓包记录（${p.detail}）`),

  // ---- probe.* ----
  'probe.vrrp.notRunning': () => 'keepalived 没有运行',
  'probe.vrrp.dumpFailed': (p) => `读取 keepalived 状态失败（退出码 ${p.exitCode}）${p.detail ? `：${p.detail}` : ''}`,
  'probe.vrrp.badJson': () => 'keepalived 导出的状态不是有效的 JSON',

  'probe.http.cannotConnect': (p) => `无法建立连接（${p.detail}）`,
  'probe.http.timeout': (p) => `${p.seconds} 秒内没有响应（${p.detail}）`,
  'probe.http.emptyReply': (p) => `服务端没有返回任何内容就断开了连接（${p.detail}）`,
  'probe.http.failed': (p) => (p.detail ? `curl 执行失败：${p.detail}` : `curl 执行失败（退出码 ${p.exitCode}）`),

  'probe.config.ok': (p) => `配置检查通过${keepalivedProblems(p.problems)}`,
  'probe.keepalived.missing': (p) => `${p.path} 不存在`,
  'probe.keepalived.noInstance': () => '没有 vrrp_instance 配置块：keepalived 能启动，但什么也不会做',
  'probe.keepalived.cannotRun': (p) => `keepalived 无法运行${keepalivedProblems(p.problems)}`,
  'probe.keepalived.errors': (p) => `配置有错误${keepalivedProblems(p.problems)}`,
  'probe.keepalived.scriptSecurity': (p) => `配置了检测脚本，但没有开启 enable_script_security${keepalivedProblems(p.problems)}`,
  'probe.keepalived.exit': (p) => `keepalived -t 退出码为 ${p.exitCode}${keepalivedProblems(p.problems)}`,
  'probe.nginx.errors': (p) => `配置有错误：${p.problems.map((x) => (x.line ? `${x.file}:${x.line} ${x.message}` : x.message)).join('；') || p.detail || 'nginx -t 没有通过'}`,

  // ---- report.* ----
  'report.title': () => 'HA Lab 学习进度',
  'report.learner': () => '学员',
  'report.generated': () => '生成时间',
  'report.overall': () => '总体',
  'report.steps': () => '步',
  'report.step': () => '步骤',
  'report.status': () => '状态',
  'report.earned': () => '已完成',
  'report.notEarned': () => '未完成',
  'report.solved': () => '用参考答案完成（不计入）',
  'report.attempts': () => '检查次数',
  'report.lastChecked': () => '最近检查',
  'report.noLabs': () => '没有找到实验包。',

  ...cliZhCN,
};
