// The `protocol` check on a real recording (keepalived 2.2.7 in the lab image: lb01 stops gracefully, lb02
// takes over), read through a stub observer: selection, the latest-event rule, both languages, and the
// observer's failures. The lint rules of the kind are here too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProtocolEvent } from '../../common/protocol/events.js';
import { evaluate } from '../../electron/checks/evaluate.js';
import type { CheckSpec } from '../../electron/labs/schema.js';
import { decodeRingDump } from '../../electron/protocol/captureRing.js';
import { judge, mismatches, selectEvents, type ProtocolCheck } from '../../electron/protocol/eventMatch.js';
import type { ExecResult } from '../../electron/runtime/containerRuntime.js';
import { projectRoot } from '../../electron/util/paths.js';
import { stubHandle } from '../helpers/stubRuntime.js';
import { parse } from 'yaml';
import { MINIMAL_MANIFEST } from '../helpers/minimalPack.js';
import { labManifest } from '../../electron/labs/schema.js';
import { semanticProblems } from '../../electron/labs/packRules.js';

const NODES = [
  { name: 'lb01', ip: '10.213.0.5' },
  { name: 'lb02', ip: '10.213.0.6' },
  { name: 'client', ip: '10.213.0.100' },
];
/** The recording was made on a lab moved to 10.213.0.0/24 (the subnet remap). */
const VIP = '10.213.0.3';
const dump = `${readFileSync(join(projectRoot(), 'test/fixtures/captures/vrrp-pair-graceful.pcap')).toString('base64')}\n`;
const events: ProtocolEvent[] = decodeRingDump(dump, NODES);

const check = (fields: Partial<ProtocolCheck>): ProtocolCheck => ({ id: 'p', kind: 'protocol', event: 'advert', expect: {}, title: { en: '', 'zh-CN': '' }, hint: { en: '', 'zh-CN': '' }, ...fields });

function labWith(answer: () => Promise<ExecResult>) {
  const observer = stubHandle('halab-t.client.observer', { exec: answer });
  return { nodes: NODES, container: () => stubHandle('node', {}), observer: () => ({ node: 'client', container: observer }) };
}
const recorded = labWith(() => Promise.resolve({ exitCode: 0, stdout: dump, stderr: '', ms: 1 }));

describe('the protocol check', () => {
  it('selects by event, VRID, VIP and sender, in capture order', () => {
    const lb01 = selectEvents(events, check({ vrid: 50, from: 'lb01' }));
    expect(lb01.length).toBeGreaterThan(1);
    expect(lb01.every((e) => e.kind === 'advert' && e.from === 'lb01' && e.vrid === 50)).toBe(true);
    expect(lb01.map((e) => e.at)).toEqual([...lb01.map((e) => e.at)].sort((a, b) => a - b));
    expect(selectEvents(events, check({ vrid: 99 }))).toEqual([]);
    const burst = selectEvents(events, check({ event: 'garp', vip: VIP }));
    expect(burst.length).toBeGreaterThanOrEqual(5);
    expect(burst.every((e) => e.kind === 'arp' && e.gratuitous)).toBe(true);
    // A gratuitous ARP is never an ordinary request or reply.
    expect(selectEvents(events, check({ event: 'arp_request', vip: VIP })).every((e) => e.kind === 'arp' && !e.gratuitous)).toBe(true);
  });

  it('grades the latest selected event against every expected field', () => {
    expect(judge(events, check({ vrid: 50, from: 'lb01', expect: { priority: 0 } })).passed).toBe(true);
    expect(judge(events, check({ vrid: 50, expect: { from: 'lb02', priority: 100, version: 2, auth: 'pass', interval_ms: 1000 } })).passed).toBe(true);
    expect(judge(events, check({ vrid: 50, expect: { from: 'lb01' } })).passed).toBe(false);
    expect(judge(events, check({ event: 'garp', vip: VIP, expect: { from: 'lb02' } })).passed).toBe(true);
    const latest = judge(events, check({ vrid: 50 })).latest;
    expect(latest && mismatches(latest, { from: 'lb01', priority: 150, version: 3, auth: 'none', interval_ms: 100 })).toEqual(['from', 'priority', 'version', 'auth', 'interval_ms']);
    expect(judge([], check({})).passed).toBe(false);
  });

  it('reports what it expected and what it saw, in both languages', async () => {
    const pass = await evaluate(recorded, check({ vrid: 50, from: 'lb01', expect: { priority: 0 } }));
    expect(pass.passed).toBe(true);
    expect(pass.expected.en).toBe('the latest VRRP advert (VRID 50 from lb01): priority 0');
    expect(pass.expected['zh-CN']).toBe('最近一条 VRRP 通告（VRID 50，由 lb01 发出）：优先级 0');
    expect(pass.seen.en).toMatch(/^latest of \d+: from lb01 \(10\.213\.0\.5\), priority 0, VRRPv2, auth PASS, every 1\.00 s, [\d.]+ s ago$/);
    expect(pass.seen['zh-CN']).toMatch(/^共抓到 \d+ 条，最近一条在 [\d.]+ 秒前，来自 lb01（10\.213\.0\.5），优先级 0，VRRPv2，认证 PASS，通告间隔 1\.00 秒$/);
    const fail = await evaluate(recorded, check({ event: 'garp', vip: VIP, expect: { from: 'lb01' } }));
    expect(fail.passed).toBe(false);
    expect(fail.seen.en).toMatch(/from lb02 \(02:42:[0-9a-f:]+\)/);
    const none = await evaluate(recorded, check({ vrid: 77 }));
    expect(none.seen.en).toBe('no VRRP advert of this kind captured since the lab started');
    expect(none.seen['zh-CN']).toBe('实验启动以来没有抓到这类 VRRP 通告');
  });

  it('fails with the reason when the observer is gone or has no recording', async () => {
    const gone = labWith(() => Promise.reject(Object.assign(new Error('No such container: halab-t.client.observer'), { statusCode: 404 })));
    const g = await evaluate(gone, check({}));
    expect(g.passed).toBe(false);
    expect(g.seen.en).toMatch(/^the lab's protocol observer is not running \(No such container/);
    expect(g.seen['zh-CN']).toMatch(/^实验的抓包容器没有运行/);
    const empty = labWith(() => Promise.resolve({ exitCode: 3, stdout: '', stderr: '', ms: 1 }));
    expect((await evaluate(empty, check({}) as CheckSpec)).seen.en).toBe('the protocol observer has no recording (exit 3)');
    const noObserver = { nodes: NODES, container: () => stubHandle('node', {}) };
    expect((await evaluate(noObserver, check({}) as CheckSpec)).seen.en).toMatch(/this lab has no observer/);
  });

  it('is refused by lint where its fields cannot mean anything', () => {
    const m = labManifest.parse(parse(MINIMAL_MANIFEST.replace('  subnet: 10.0.0.0/24\n', '  subnet: 10.0.0.0/24\n  vips: [10.0.0.3]\n')));
    const step = m.steps[0];
    if (!step) throw new Error('the minimal pack has a step');
    step.checks = [
      check({ id: 'a', event: 'garp' }),
      check({ id: 'b', event: 'arp_reply', vip: m.topology.vips[0] ?? '', vrid: 50 }),
      check({ id: 'c', vip: '10.9.9.9' }),
      check({ id: 'd', from: 'nobody', expect: { from: 'ghost' } }),
    ] as CheckSpec[];
    const messages = semanticProblems(m).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(messages).toEqual([
      'steps.0.checks.0.event: garp needs vip: the address the ARP is about',
      'steps.0.checks.1.event: arp_reply: only vip, from and expect.from apply (vrid, priority, version, auth and interval_ms belong to adverts)',
      "steps.0.checks.2.vip: vip: 10.9.9.9 is not one of the lab's VIPs (topology.vips): use one of 10.0.0.3, or declare it there",
      'steps.0.checks.3.from: from: no node named "nobody"; the nodes are lb01',
      'steps.0.checks.3.expect.from: expect.from: no node named "ghost"; the nodes are lb01',
    ]);
  });
});
