// A stand-in HalabApi for the UI's component tests: answers from per-method handlers, records every call,
// and lets the test push events the way the host would.
import { ApiCallError } from '../../../common/apiError.js';
import type { EventName, EventPayloads, HalabApi, LabDetail, LabSummary, MethodInput, MethodName, MethodOutput, StepResultView, SystemStatus, TopologyState } from '../../../common/contract.js';

export type FakeHandlers = { [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export interface FakeApi extends HalabApi {
  calls: { method: MethodName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(event: EventName): number;
}

export function fakeApi(handlers: FakeHandlers): FakeApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      calls.push({ method, input });
      const h: ((i: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>) | undefined = handlers[method];
      if (!h) throw new ApiCallError({ code: 'E_METHOD', message: `fake: no handler for ${method}` });
      return h(input);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}

export const L = (en: string, zh?: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': zh ?? `${en} (zh)` });

export function status(over: Partial<SystemStatus> = {}): SystemStatus {
  return {
    docker: { ok: true, version: '27.0' },
    image: { tag: 'halab-node:abc', present: true, building: false, canBuildOffline: true },
    kernel: [],
    defaultLang: 'en',
    ...over,
  };
}

export function labSummaries(): LabSummary[] {
  return [
    { id: 'vrrp-pair', title: L('The first VRRP pair', '第一对 VRRP 主备'), summary: L('One VIP on two balancers.', '两台负载均衡共用一个 VIP。'), minutes: 45, steps: 4, earned: 2, running: true },
    { id: 'nopreempt', title: L('No preemption'), summary: L('Stay on the backup.'), steps: 3, earned: 0, running: false },
    { id: 'broken', title: L(''), summary: L(''), steps: 0, earned: 0, running: false, error: 'lab.yaml:12: steps.0.checks: required' },
  ];
}

export function labDetail(over: Partial<LabDetail> = {}): LabDetail {
  return {
    id: 'vrrp-pair',
    title: L('The first VRRP pair', '第一对 VRRP 主备'),
    summary: L('One VIP on two balancers.'),
    intro: L('# Intro\n\nWelcome.', '# 简介\n\n欢迎。'),
    subnet: '10.0.0.0/24',
    vips: ['10.0.0.3'],
    running: true,
    nodes: [
      { name: 'lb01', role: 'lb', ip: '10.0.0.5', state: 'running' },
      { name: 'lb02', role: 'lb', ip: '10.0.0.6', state: 'running' },
      { name: 'web01', role: 'web', ip: '10.0.0.7', state: 'running' },
      { name: 'client', role: 'client', ip: '10.0.0.100', state: 'running' },
    ],
    editableFiles: [
      { node: 'lb01', path: '/etc/keepalived/keepalived.conf' },
      { node: 'lb02', path: '/etc/keepalived/keepalived.conf' },
    ],
    mail: false,
    steps: [
      {
        id: 'configure',
        title: L('Write the configurations', '编写配置'),
        body: L('Write `keepalived.conf`.', '编写 `keepalived.conf`。'),
        checks: [
          { id: 'lb01-syntax', title: L('keepalived accepts lb01', 'lb01 语法正确') },
          { id: 'lb02-syntax', title: L('keepalived accepts lb02', 'lb02 语法正确') },
        ],
        earnedAt: '2024-05-01T10:00:00Z',
      },
      {
        id: 'start',
        title: L('Start keepalived', '启动 keepalived'),
        body: L('Run `systemctl start keepalived`.', '执行 `systemctl start keepalived`。'),
        checks: [{ id: 'vip-on-lb01', title: L('lb01 holds the VIP', 'VIP 在 lb01 上') }],
      },
    ],
    ...over,
  };
}

export function stepResult(index: number, passes: Record<string, boolean>, over: Partial<StepResultView> = {}): StepResultView {
  const checks = Object.entries(passes).map(([id, passed]) => ({
    id,
    kind: 'vip',
    title: L(`title of ${id}`, `${id} 的标题`),
    hint: L(`hint for ${id}`, `${id} 的提示`),
    expected: L(`expected ${id}`, `期望 ${id}`),
    seen: L(`seen ${id}`, `实际 ${id}`),
    passed,
    ms: 12,
  }));
  const passed = checks.every((c) => c.passed);
  return { step: `s${index}`, index, passed, earned: passed, checks, ms: 40, ...over };
}

export function topology(holders: Record<string, string[]>, over: Partial<TopologyState> = {}): TopologyState {
  return {
    lab: 'vrrp-pair',
    at: Date.now(),
    nodes: labDetail().nodes,
    vips: Object.entries(holders).map(([vip, h]) => ({ vip, holders: h })),
    vrrp: [
      { node: 'lb01', instance: 'VI_1', state: 'MASTER', priority: 150 },
      { node: 'lb02', instance: 'VI_1', state: 'BACKUP', priority: 100 },
    ],
    timeline: [],
    ...over,
  };
}
