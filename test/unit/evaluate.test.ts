// Grading without Docker: every check kind of checks/evaluate.ts on readings recorded from a real vrrp-pair lab
// (test/fixtures/readings: `fresh` just up, `pair` lb01 MASTER with the VIP, `failover` lb01's keepalived
// stopped and the VIP on lb02, `configs` two more keepalived files), a pass and a fail each, with the expected
// and seen texts in both languages.
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../electron/checks/evaluate.js';
import { fakeLab, loadReadings, type FakeLab, type Recording } from '../helpers/fakeRuntime.js';
import { check, recordedChecks as rc, VIP } from '../fixtures/readings/checks.js';
import type { CheckSpec } from '../../electron/labs/schema.js';

const fresh = loadReadings('fresh');
const pair = loadReadings('pair');
const failover = loadReadings('failover');
const configs = loadReadings('configs');
const lab = (nodes: Record<string, Recording[]>): FakeLab => fakeLab(nodes);
/** The runtime's real answer for a container that is gone. */
const goneError = fresh.gone?.error ?? { message: 'fresh.json has no recording of a gone container' };

/** The texts of an evaluation, for one assertion on everything a learner reads. */
const texts = (ev: Evaluation): { passed: boolean; expected: string[]; seen: string[] } => ({
  passed: ev.passed,
  expected: [ev.expected.en, ev.expected['zh-CN']],
  seen: [ev.seen.en, ev.seen['zh-CN']],
});
const grade = async (nodes: Record<string, Recording[]>, spec: CheckSpec): Promise<ReturnType<typeof texts>> => texts(await evaluate(lab(nodes), spec));

describe('vip', () => {
  it('holder "one": passes with one holder, fails with none', async () => {
    expect(await grade(pair.nodes, rc.vipOne)).toEqual({
      passed: true,
      expected: [`exactly one node holds ${VIP}`, `有且只有一个节点持有 ${VIP}`],
      seen: [`holders of ${VIP}: lb01`, `${VIP} 所在节点：lb01`],
    });
    expect(await grade(fresh.nodes, rc.vipOne)).toMatchObject({ passed: false, seen: [`holders of ${VIP}: -`, `${VIP} 所在节点：无`] });
  });

  it('holder "none": passes before keepalived runs, fails once a node holds it', async () => {
    const none = check('vip', { vip: VIP, holder: 'none' });
    expect(await grade(fresh.nodes, none)).toMatchObject({ passed: true, expected: [`no node holds ${VIP}`, `没有任何节点持有 ${VIP}`] });
    expect((await grade(pair.nodes, none)).passed).toBe(false);
  });

  it('holder "split": passes when two nodes hold the VIP at once', async () => {
    const split = check('vip', { vip: VIP, holder: 'split' });
    // lb01 as it held the VIP, lb02 as it held it after the failover: two holders, a split brain.
    const both = { ...pair.nodes, lb02: failover.nodes.lb02 ?? [] };
    expect(await grade(both, split)).toEqual({
      passed: true,
      expected: [`two or more nodes hold ${VIP} (split-brain)`, `两个及以上节点同时持有 ${VIP}（脑裂）`],
      seen: [`holders of ${VIP}: lb01, lb02`, `${VIP} 所在节点：lb01、lb02`],
    });
    expect((await grade(pair.nodes, split)).passed).toBe(false);
    expect((await grade(both, rc.vipOne)).passed).toBe(false);
  });

  it('a named holder: passes on that node only', async () => {
    const onLb01 = check('vip', { vip: VIP, holder: 'lb01' });
    expect(await grade(pair.nodes, onLb01)).toMatchObject({ passed: true, expected: [`only lb01 holds ${VIP}`, `${VIP} 只在 lb01 上`] });
    expect(await grade(failover.nodes, onLb01)).toMatchObject({ passed: false, seen: [`holders of ${VIP}: lb02`, `${VIP} 所在节点：lb02`] });
  });

  it("measure_gap: reports the gap of the move from the nodes' address logs", async () => {
    const ev = await evaluate(lab(failover.nodes), rc.vipOnLb02WithGap);
    // lb01 logged the VIP deleted at 05:07:59.622, lb02 logged it added at 05:08:00.234.
    expect(ev.metrics).toEqual({ gap_ms: 612 });
    expect(texts(ev)).toEqual({
      passed: true,
      expected: [`only lb02 holds ${VIP}`, `${VIP} 只在 lb02 上`],
      seen: [`holders of ${VIP}: lb02; moved from lb01 with a gap of 0.61 s`, `${VIP} 所在节点：lb02；从 lb01 漂移过来，实测中断时间 0.61 秒`],
    });
    // Not on lb02: no gap to measure, and no log is read (the fake has none recorded for that moment).
    const before = await evaluate(lab(pair.nodes), rc.vipOnLb02WithGap);
    expect(before).toMatchObject({ passed: false, seen: { en: `holders of ${VIP}: lb01` } });
    expect(before.metrics).toBeUndefined();
  });

  it('names the nodes it could not read', async () => {
    const ev = await evaluate(fakeLab(pair.nodes, { web03: goneError }), rc.vipOne);
    expect(texts(ev)).toMatchObject({ passed: true, seen: [`holders of ${VIP}: lb01 (web03 unreachable)`, `${VIP} 所在节点：lb01（无法访问：web03）`] });
  });
});

describe('vrrp', () => {
  it('by the VIP an instance carries: state and effective priority', async () => {
    expect(await grade(pair.nodes, rc.vrrpLb01ByVip)).toEqual({
      passed: true,
      expected: [`lb01: the instance that carries ${VIP} in MASTER`, `lb01：承载 ${VIP} 的实例处于 MASTER 状态`],
      seen: ['lb01: VI_1 MASTER, effective priority 150', 'lb01：VI_1 处于 MASTER 状态，当前优先级 150'],
    });
    // After the failover lb02 is MASTER: a check for BACKUP fails and says what it saw.
    expect(await grade(failover.nodes, rc.vrrpLb02ByVip)).toMatchObject({
      passed: false,
      seen: ['lb02: VI_1 MASTER, effective priority 100', 'lb02：VI_1 处于 MASTER 状态，当前优先级 100'],
    });
  });

  it('with a priority: passes on the effective priority only', async () => {
    expect((await grade(pair.nodes, { ...rc.vrrpLb01ByVip, priority: 150 })).passed).toBe(true);
    expect(await grade(pair.nodes, { ...rc.vrrpLb01ByVip, priority: 100 })).toMatchObject({
      passed: false,
      expected: [`lb01: the instance that carries ${VIP} in MASTER, priority 100`, `lb01：承载 ${VIP} 的实例处于 MASTER 状态，优先级 100`],
    });
  });

  it('by virtual_router_id, and what the node has when no instance has it', async () => {
    const byVrid = check('vrrp', { node: 'lb02', vrid: 50, state: 'BACKUP' });
    expect(await grade(pair.nodes, byVrid)).toMatchObject({
      passed: true,
      expected: ['lb02: the instance with virtual_router_id 50 in BACKUP', 'lb02：virtual_router_id 为 50 的实例处于 BACKUP 状态'],
    });
    expect(await grade(pair.nodes, { ...byVrid, vrid: 51 })).toMatchObject({
      passed: false,
      seen: [`lb02: no such instance (has: VI_1 (VRID 50, ${VIP}))`, `lb02：找不到这个实例（现有：VI_1（VRID 50，${VIP}））`],
    });
  });

  it('by instance name, or the first instance', async () => {
    const named = check('vrrp', { node: 'lb01', instance: 'VI_1', state: 'MASTER' });
    expect(await grade(pair.nodes, named)).toMatchObject({ passed: true, expected: ['lb01: VI_1 in MASTER', 'lb01：名为 VI_1 的实例处于 MASTER 状态'] });
    expect((await grade(pair.nodes, { ...named, instance: 'VI_2' })).passed).toBe(false);
    expect(await grade(pair.nodes, rc.vrrpLb01First)).toMatchObject({ passed: true, expected: ['lb01: VRRP instance in MASTER', 'lb01：VRRP 实例处于 MASTER 状态'] });
  });

  it('keepalived not running: says so in both languages', async () => {
    expect(await grade(failover.nodes, rc.vrrpLb01ByVip)).toMatchObject({ passed: false, seen: ['lb01: keepalived is not running', 'lb01：keepalived 没有运行'] });
  });

  it("a failed or broken state dump: the reason, with the dump tool's own words", async () => {
    const timedOut = 'halab-vrrp-json: timed out after 2 s waiting for a complete /tmp/keepalived.json';
    const lb01 = (r: Omit<Recording, 'argv'>): Record<string, Recording[]> => ({ lb01: [{ argv: ['halab-vrrp-json'], ...r }] });
    expect(await grade(lb01({ exitCode: 4, stdout: '', stderr: `${timedOut}\n` }), rc.vrrpLb01ByVip)).toMatchObject({
      seen: [`lb01: keepalived's state dump failed (exit 4): ${timedOut}`, `lb01：读取 keepalived 状态失败（退出码 4）：${timedOut}`],
    });
    const dump = pair.nodes.lb01?.find((r) => r.argv[0] === 'halab-vrrp-json')?.stdout ?? '';
    expect(await grade(lb01({ exitCode: 0, stdout: dump.slice(0, 200), stderr: '' }), rc.vrrpLb01ByVip)).toMatchObject({
      seen: ['lb01: keepalived wrote a state dump that is not valid JSON', 'lb01：keepalived 导出的状态不是有效的 JSON'],
    });
  });
});

describe('http', () => {
  it('status and body from the client through the VIP', async () => {
    expect(await grade(pair.nodes, rc.httpVip)).toEqual({
      passed: true,
      expected: [`client -> http://${VIP}/: HTTP 200`, `从 client 访问 http://${VIP}/，返回 HTTP 200`],
      seen: ['HTTP 200: "lb01 10.0.0.5"', 'HTTP 200："lb01 10.0.0.5"'],
    });
    const fromLb02 = { ...rc.httpVip, body: 'lb02' };
    expect(await grade(pair.nodes, fromLb02)).toMatchObject({
      passed: false,
      expected: [`client -> http://${VIP}/: HTTP 200, body matching /lb02/`, `从 client 访问 http://${VIP}/，返回 HTTP 200，响应内容匹配 /lb02/`],
    });
    expect((await grade(failover.nodes, fromLb02)).passed).toBe(true);
  });

  it('with a Host header', async () => {
    expect(await grade(pair.nodes, rc.httpVipHost)).toMatchObject({
      passed: true,
      expected: [`client -> http://${VIP}/ (Host: www.example.com): HTTP 200`, `从 client 访问 http://${VIP}/（Host: www.example.com），返回 HTTP 200`],
    });
  });

  it('another status than expected', async () => {
    expect((await grade(pair.nodes, rc.httpMissingPage)).passed).toBe(true);
    const seen = await grade(pair.nodes, { ...rc.httpMissingPage, status: 200 });
    expect(seen.passed).toBe(false);
    expect(seen.seen[0]).toMatch(/^HTTP 404: "<html> <head><title>404 Not Found<\/title>/);
    expect(seen.seen[1]).toMatch(/^HTTP 404："<html> <head><title>404 Not Found<\/title>/);
  });

  it("no answer: a timeout or a refused connection, with curl's own words", async () => {
    expect(await grade(fresh.nodes, rc.httpVip)).toMatchObject({
      passed: false,
      seen: [
        'no HTTP answer: no answer within 3 s (curl: (28) Connection timed out after 3000 milliseconds)',
        '没有收到 HTTP 响应：3 秒内没有响应（curl: (28) Connection timed out after 3000 milliseconds）',
      ],
    });
    const refused = "curl: (7) Failed to connect to 10.0.0.7 port 81 after 0 ms: Couldn't connect to server";
    expect(await grade(pair.nodes, rc.httpRefused)).toMatchObject({
      passed: false,
      seen: [`no HTTP answer: could not connect (${refused})`, `没有收到 HTTP 响应：无法建立连接（${refused}）`],
    });
  });
});

describe('listening', () => {
  const sockets = ['lb01 listens on: 127.0.0.11:43775, 0.0.0.0:80, :::80', 'lb01 正在监听：127.0.0.11:43775、0.0.0.0:80、:::80'];

  it('a port on any address, and on one address', async () => {
    expect(await grade(pair.nodes, rc.listeningLb01)).toEqual({ passed: true, expected: ['lb01 listens on *:80', 'lb01 在监听 *:80'], seen: sockets });
    // nginx listens on 0.0.0.0, not on the VIP itself.
    expect(await grade(pair.nodes, { ...rc.listeningLb01, address: VIP })).toMatchObject({
      passed: false,
      expected: [`lb01 listens on ${VIP}:80`, `lb01 在监听 ${VIP}:80`],
    });
  });

  it('not listening', async () => {
    expect(await grade(pair.nodes, { ...rc.listeningLb01, listening: false })).toEqual({
      passed: false,
      expected: ['lb01 does not listen on *:80', 'lb01 没有监听 *:80'],
      seen: sockets,
    });
    expect((await grade(pair.nodes, { ...rc.listeningLb01, port: 443, listening: false })).passed).toBe(true);
  });
});

describe('service', () => {
  it('running, with its pids', async () => {
    expect(await grade(pair.nodes, rc.keepalivedLb01)).toEqual({
      passed: true,
      expected: ['keepalived running on lb01', 'lb01 上的 keepalived 正在运行'],
      seen: ['running (pid 270, 271)', '正在运行（PID 270、271）'],
    });
    expect(await grade(failover.nodes, rc.keepalivedLb01)).toMatchObject({ passed: false, seen: ['not running', '没有运行'] });
  });

  it('stopped', async () => {
    const stopped = { ...rc.keepalivedLb01, running: false };
    expect(await grade(failover.nodes, stopped)).toMatchObject({ passed: true, expected: ['keepalived stopped on lb01', 'lb01 上的 keepalived 已停止'] });
    expect((await grade(pair.nodes, stopped)).passed).toBe(false);
  });
});

describe('config_valid', () => {
  const conf = '/etc/keepalived/keepalived.conf';

  it('keepalived: a valid file, a missing one', async () => {
    expect(await grade(pair.nodes, rc.keepalivedConfLb01)).toEqual({
      passed: true,
      expected: [`keepalived accepts ${conf} on lb01`, `lb01 上的 ${conf} 通过 keepalived 的配置检查`],
      seen: ['config OK', '配置检查通过'],
    });
    expect(await grade(fresh.nodes, rc.keepalivedConfLb01)).toMatchObject({ passed: false, seen: [`${conf} does not exist`, `${conf} 不存在`] });
  });

  it('keepalived: errors by line, no vrrp_instance, scripts without script security', async () => {
    expect(await grade(pair.nodes, rc.keepalivedBadConf)).toMatchObject({
      passed: false,
      seen: ["config errors: line 9: Unknown keyword 'priorty'", "配置有错误：第 9 行 Unknown keyword 'priorty'"],
    });
    expect(await grade(configs.nodes, rc.keepalivedEmptyConf)).toMatchObject({
      passed: false,
      seen: ['no vrrp_instance block: keepalived would run but do nothing', '没有 vrrp_instance 配置块：keepalived 能启动，但什么也不会做'],
    });
    expect(await grade(configs.nodes, rc.keepalivedScriptConf)).toMatchObject({
      passed: false,
      seen: ['scripts configured without enable_script_security', '配置了检测脚本，但没有开启 enable_script_security'],
    });
  });

  it('nginx: the whole config, and a file with an error', async () => {
    expect(await grade(pair.nodes, rc.nginxConfLb01)).toEqual({
      passed: true,
      expected: ['nginx accepts its whole config on lb01', 'lb01 上 nginx 的全部配置通过 nginx -t 检查'],
      seen: ['config OK', '配置检查通过'],
    });
    expect(await grade(pair.nodes, rc.nginxBadConf)).toMatchObject({
      passed: false,
      expected: ['nginx accepts /tmp/bad-nginx.conf on lb01', 'lb01 上的 /tmp/bad-nginx.conf 通过 nginx 的配置检查'],
      seen: ['config errors: /tmp/bad-nginx.conf:5: unknown directive "locaton"', '配置有错误：/tmp/bad-nginx.conf:5 unknown directive "locaton"'],
    });
  });
});

describe('file', () => {
  const path = '/etc/keepalived/keepalived.conf';
  const [state, priority] = ['^\\s*state\\s+MASTER\\b', '^\\s*priority\\s+150\\b'];

  it('matches', async () => {
    expect(await grade(pair.nodes, rc.fileLb01Role)).toEqual({
      passed: true,
      expected: [`lb01:${path} has /${state}/, /${priority}/`, `lb01:${path} 包含 /${state}/、/${priority}/`],
      seen: ['all patterns as expected', '全部符合要求'],
    });
  });

  it('a pattern missing, a pattern that must not be there', async () => {
    const backup = '^\\s*state\\s+BACKUP\\b';
    expect(await grade(pair.nodes, { ...rc.fileLb01Role, matches: [backup], not_matches: [priority] })).toEqual({
      passed: false,
      expected: [`lb01:${path} has /${backup}/, not /${priority}/`, `lb01:${path} 包含 /${backup}/，不包含 /${priority}/`],
      seen: [`missing /${backup}/, has /${priority}/`, `缺少 /${backup}/，不应包含 /${priority}/`],
    });
    expect((await grade(pair.nodes, { ...rc.fileLb01Role, not_matches: ['^\\s*nopreempt'] })).passed).toBe(true);
  });

  it("a file that cannot be read: head's own words", async () => {
    const err = `head: cannot open '${path}' for reading: No such file or directory`;
    expect(await grade(fresh.nodes, rc.fileLb01Role)).toMatchObject({ passed: false, seen: [`cannot read ${path}: ${err}`, `无法读取 ${path}：${err}`] });
  });
});

describe('command', () => {
  const ping = `ping -c 1 -W 1 ${VIP}`;

  it('exit code and output', async () => {
    const ok = await grade(pair.nodes, rc.pingVip);
    expect(ok).toMatchObject({
      passed: true,
      expected: [`\`${ping}\` on client: exit 0, output matching /1 received/`, `在 client 上运行 \`${ping}\`：退出码为 0，输出匹配 /1 received/`],
    });
    expect(ok.seen[0]).toMatch(/^exit 0: .*1 packets transmitted, 1 received/);
    expect(ok.seen[1]).toMatch(/^退出码 0：.*1 packets transmitted, 1 received/);
    const down = await grade(fresh.nodes, rc.pingVip);
    expect(down.passed).toBe(false);
    expect(down.seen[0]).toMatch(/^exit 1: .*1 packets transmitted, 0 received/);
  });

  it('gap_seconds: the outage the command measured, as a metric', async () => {
    const ev = await evaluate(lab(failover.nodes), rc.pingGap);
    expect(ev.metrics).toEqual({ gap_ms: 650 });
    expect(texts(ev)).toMatchObject({ passed: true, seen: ['exit 0: 94 replies, longest gap 0.65 s', '退出码 0：94 replies, longest gap 0.65 s'] });
    const noLog = await evaluate(lab(pair.nodes), rc.pingGap);
    expect(noLog.metrics).toBeUndefined();
    expect(texts(noLog)).toMatchObject({ passed: false, seen: ['exit 1: (no output)', '退出码 1：（无输出）'] });
  });

  it('with neither an exit code nor a pattern: any result passes, and the text says so', async () => {
    expect(await grade(fresh.nodes, check('command', { node: 'client', run: ping }))).toMatchObject({
      passed: true,
      expected: [`\`${ping}\` on client: any exit code`, `在 client 上运行 \`${ping}\`：退出码不限`],
    });
  });
});

describe('arp', () => {
  it("the client's entry for the VIP carries the holder's MAC", async () => {
    expect(await grade(pair.nodes, rc.arpVipLb01)).toEqual({
      passed: true,
      expected: [`client's ARP entry for ${VIP} is lb01's MAC 02:42:0a:00:00:05`, `client 的 ARP 表中 ${VIP} 对应 lb01 的 MAC 地址 02:42:0a:00:00:05`],
      seen: [`${VIP} is at 02:42:0a:00:00:05 (REACHABLE)`, `${VIP} 对应 02:42:0a:00:00:05（REACHABLE）`],
    });
    expect(await grade(failover.nodes, rc.arpVipLb01)).toMatchObject({ passed: false, seen: [`${VIP} is at 02:42:0a:00:00:06 (REACHABLE)`, `${VIP} 对应 02:42:0a:00:00:06（REACHABLE）`] });
  });

  it('no resolved entry', async () => {
    expect(await grade(fresh.nodes, rc.arpVipLb01)).toMatchObject({ passed: false, seen: [`no ARP entry for ${VIP}`, `ARP 表中没有 ${VIP} 的条目`] });
  });
});

describe('a node that cannot be read', () => {
  it("fails the check with the runtime's error, in both languages", async () => {
    const ev = await evaluate(fakeLab(pair.nodes, { lb01: goneError }), rc.keepalivedLb01);
    const error = goneError.message.split('\n')[0] ?? '';
    expect(error).toMatch(/No such container/);
    expect(texts(ev)).toEqual({
      passed: false,
      expected: ['a reading from the node', '能读取到节点状态'],
      seen: [`could not read the node: ${error}`, `无法读取节点状态：${error}`],
    });
  });
});
