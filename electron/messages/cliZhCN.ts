// cli.*: what `halab` prints for people, in Chinese (same keys and parameters as cliEn.ts).
import type { cliEn } from './cliEn.js';

const FIELD_ZH: Record<string, string> = {
  version: '版本',
  priority: '优先级',
  intervalMs: 'advert_int',
  auth: '认证方式',
  src: '源地址',
  vips: 'VIP',
  senderIp: '发送方地址',
  senderMac: '发送方 MAC',
  from: '发送方',
};

export const cliZhCN: typeof cliEn = {
  'cli.column.lab': () => '实验',
  'cli.column.progress': () => '进度',
  'cli.column.title': () => '标题',
  'cli.column.node': () => '节点',
  'cli.column.address': () => '地址',
  'cli.column.role': () => '角色',
  'cli.labs.invalid': () => '无效',
  'cli.labs.progress': (p) => `${p.steps ? Math.round((100 * p.earned) / p.steps) : 0}%（${p.earned}/${p.steps}${p.solved ? `，${p.solved} 步用了参考答案` : ''}）`,

  'cli.up.interrupted': () => '[up] 已中断：正在清理已创建的容器和网络',
  'cli.up.checkpointStep': (p) => `[up] 第 ${p.step}/${p.total} 步：应用参考答案`,
  'cli.up.started': (p) => `${p.instance} 已启动，用时 ${p.seconds.toFixed(1)} 秒，网段 ${p.subnet}`,
  'cli.up.alreadyRunning': (p) => `${p.instance} 已在运行，网段 ${p.subnet}`,
  'cli.up.fromStep': (p) => `第 1-${p.solved} 步已用参考答案完成（记为"用参考答案完成"，不算自己完成），从第 ${p.solved + 1} 步开始。`,
  'cli.up.next': (p) => `进入节点：halab shell ${p.instance} ${p.node}    检查结果：halab check ${p.instance}`,

  'cli.status.swept': (p) => `已清理上次中断留下的资源：${p.names.join('、')}`,
  'cli.status.none': () => '当前没有运行中的实验。启动一个：halab up <实验>（实验列表见 halab labs）',
  'cli.down.removed': (p) => `已删除 ${p.containers} 个容器、${p.networks} 个网络。`,

  'cli.steps.heading': (p) => `${p.lab}：第 ${p.step}/${p.of} 步 ${p.title}`,
  'cli.steps.earned': () => '已完成',
  'cli.steps.solved': () => '已用参考答案完成',
  'cli.steps.next': (p) => `完成后运行：halab check ${p.instance}`,

  'cli.check.step': (p) => `第 ${p.step} 步：${p.title}`,
  'cli.check.expected': () => '期望：',
  'cli.check.seen': () => '实际：',
  'cli.check.hint': () => '提示：',
  'cli.solve.step': (p) => `[solve] 第 ${p.step} 步：${p.title}`,
  'cli.solve.done': (p) => `已应用参考答案，直到第 ${p.step} 步。`,
  'cli.fault.done': (p) => `已在 ${p.node} 上执行 ${p.fault}。`,
  'cli.mail.none': () => '没有邮件。',
  'cli.labs.imported': () => '已导入',
  'cli.protocol.none': () => '还没有抓到任何报文。',
  'cli.protocol.observer': (p) => `抓包位置：${p.node} 的网络命名空间，能收到所有节点的组播和广播，以及 ${p.node} 自己收发的报文。`,
  'cli.protocol.advert': (p) => `通告 VRID ${p.vrid} 优先级 ${p.priority} VRRPv${p.version} 认证 ${p.auth} 间隔 ${(p.intervalMs / 1000).toFixed(2)} 秒 [${p.vips}]`,
  'cli.protocol.garp': (p) => `免费 ARP：${p.ip} 对应 ${p.mac}`,
  'cli.protocol.arpRequest': (p) => `ARP 请求：${p.sender} 询问 ${p.target} 的 MAC`,
  'cli.protocol.arpReply': (p) => `ARP 应答：${p.ip} 对应 ${p.mac}`,
  'cli.protocol.probe': (p) => `${p.proto} ${p.what} ${p.src} -> ${p.dst}`,
  'cli.protocol.repeats': (p) => (p.count > 1 ? `×${p.count}${p.everyMs !== null && p.everyMs >= 10 ? `，每 ${(p.everyMs / 1000).toFixed(2)} 秒` : ''}` : ''),
  'cli.protocol.changed': (p) => `变化的字段：${p.fields.map((f) => FIELD_ZH[f] ?? f).join('、')}`,

  'cli.testPack.gap': (p) => `中断 ${p.step}/${p.check}：${(p.gapMs / 1000).toFixed(2)} 秒`,
  'cli.testPack.summary': (p) => `${p.lab}：${p.proven}/${p.total} 项检查正反两面都已验证，用时 ${p.seconds} 秒`,
  'cli.pack.created': (p) => `已创建 ${p.dir}（${p.id}）。下一步：halab pack lint ${p.dir} && halab test-pack ${p.dir}`,
  'cli.pack.lintFailed': () => 'lint 未通过',
  'cli.pack.lintPassed': (p) => `lint 通过${p.warnings ? `，有 ${p.warnings} 条警告` : ''}`,
  'cli.pack.exported': (p) => `已写出 ${p.zip}：${p.id}，共 ${p.files} 个文件`,
  'cli.pack.imported': (p) => `已把 ${p.id} 导入到 ${p.dir}。自测：halab test-pack ${p.id}`,
  'cli.image.alreadyBuilt': (p) => `${p.tag}（已构建）`,
};
