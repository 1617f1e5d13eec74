// The message catalogue: every language has every key with the same parameters (held by the type checker:
// the @ts-expect-error lines below fail `tsc` if a broken catalogue ever type-checks), and parameters given in
// both languages reach each language as its own.
import { describe, expect, it } from 'vitest';
import { en, type Catalogue } from '../../electron/messages/en.js';
import { zhCN } from '../../electron/messages/zh-CN.js';
import { msg, render, say, type Message } from '../../electron/messages/catalogue.js';

describe('message catalogue', () => {
  it('zh-CN has exactly the keys of en', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('refuses, at type-check time, a language missing a key or with other parameters', () => {
    const { 'report.title': dropped, ...rest } = zhCN;
    // @ts-expect-error a catalogue without one of en's keys is not a Catalogue
    const missing: Catalogue = rest;
    // @ts-expect-error a message whose parameters differ from en's is not a Catalogue
    const otherParams: Catalogue = { ...zhCN, 'check.arp.none': (p: { address: string }) => p.address };
    expect([dropped(), Object.keys(missing).length, typeof otherParams]).toEqual(['HA Lab 学习进度', Object.keys(en).length - 1, 'object']);
  });

  it('fills parameters in every language', () => {
    expect(msg('check.vip.expected.node', { vip: '10.0.0.3', node: 'lb02' })).toEqual({ en: 'only lb02 holds 10.0.0.3', 'zh-CN': '10.0.0.3 只在 lb02 上' });
    expect(say('zh-CN', 'check.service.running', { pids: ['12', '13'] })).toBe('正在运行（PID 12、13）');
    expect(say('en', 'report.noLabs')).toBe('No lab packs found.');
  });

  it('gives each language its own text of a parameter given in both', () => {
    const problem = msg('probe.vrrp.notRunning');
    expect(msg('check.vrrp.unreadable', { node: 'lb01', problem })).toEqual({ en: 'lb01: keepalived is not running', 'zh-CN': 'lb01：keepalived 没有运行' });
  });

  it('renders a message kept as data', () => {
    const verdict: Message = { key: 'probe.keepalived.errors', params: { problems: [{ file: '/etc/keepalived/keepalived.conf', line: 17, message: "Unknown keyword 'priorty'" }] } };
    expect(render(verdict)).toEqual({ en: "config errors: line 17: Unknown keyword 'priorty'", 'zh-CN': "配置有错误：第 17 行 Unknown keyword 'priorty'" });
  });
});
