// The API's pure parts: the VIP timeline, mailbox parsing, the report's escaping, the default language,
// the editor's file list, the stream line splitter, the Docker watch's backoff, and the reset backup.
import { describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTimeline, holdersFromEvents } from '../../electron/topology/vipTimeline.js';
import { lineSplitter } from '../../electron/topology/addrMonitor.js';
import { stateAfter } from '../../electron/topology/containerEvents.js';
import { watchDocker } from '../../electron/topology/dockerWatch.js';
import { parseAddrLog, type AddrEvent } from '../../electron/probes/addrLog.js';
import { parseMbox, splitMailboxes } from '../../electron/mail/mbox.js';
import { editableFiles } from '../../electron/api/handlers/editableFiles.js';
import { defaultLang } from '../../electron/system/defaultLang.js';
import { backupLearnerFiles } from '../../electron/core/lifecycle.js';
import { escapeHtml, renderProgressHtml } from '../../electron/reports/progressHtml.js';
import { learnerName, reportFilename } from '../../electron/reports/progressReport.js';
import { findPack } from '../../electron/labs/catalog.js';
import type { ProgressReport } from '../../common/contract.js';
import { makeTempDir } from '../helpers/tempDirs.js';

const ev = (node: string, at: number, added: boolean, ip = '10.0.0.3'): AddrEvent => ({ node, at, ip, added });

describe('VIP timeline', () => {
  it('records the first election, a graceful move with its gap, and a move back', () => {
    const t = buildTimeline([ev('lb01', 1000, true), ev('lb01', 5000, false), ev('lb02', 5610, true), ev('lb01', 9000, true), ev('lb02', 9004, false)], ['10.0.0.3']);
    expect(t).toEqual([
      { vip: '10.0.0.3', from: null, to: 'lb01', at: 1000, gapMs: null },
      { vip: '10.0.0.3', from: 'lb01', to: 'lb02', at: 5610, gapMs: 610 },
      // Preemption: lb01 takes it 4 ms before lb02 lets go: an overlap, no interruption.
      { vip: '10.0.0.3', from: 'lb02', to: 'lb01', at: 9000, gapMs: 0 },
    ]);
  });

  it('shows a VIP that nobody holds now, and a second holder (split-brain) as such', () => {
    expect(buildTimeline([ev('lb01', 1, true), ev('lb01', 2, false)], ['10.0.0.3']).at(-1)).toEqual({ vip: '10.0.0.3', from: 'lb01', to: null, at: 2, gapMs: null });
    const split = buildTimeline([ev('lb01', 1, true), ev('lb02', 50, true)], ['10.0.0.3']);
    expect(split.at(-1)).toEqual({ vip: '10.0.0.3', from: null, to: 'lb02', at: 50, gapMs: null });
    expect([...(holdersFromEvents([ev('lb01', 1, true), ev('lb02', 50, true)], ['10.0.0.3']).get('10.0.0.3') ?? [])].sort()).toEqual(['lb01', 'lb02']);
  });

  it('ignores other addresses and repeated events, and keeps VIPs apart', () => {
    const t = buildTimeline([ev('lb01', 1, true, '10.0.0.5'), ev('lb01', 2, true), ev('lb01', 3, true), ev('lb02', 4, true, '10.0.0.4')], ['10.0.0.3', '10.0.0.4']);
    expect(t.map((e) => `${e.vip}:${e.to ?? '-'}`)).toEqual(['10.0.0.3:lb01', '10.0.0.4:lb02']);
  });

  it('reads the monitor lines the nodes print', () => {
    const line = '[2026-11-21T22:14:58.736035] Deleted 67: eth0    inet 10.250.77.3/32 scope global eth0\\       valid_lft forever preferred_lft forever';
    expect(parseAddrLog('lb01', line)).toEqual([{ node: 'lb01', at: Date.parse('2026-11-21T22:14:58.736Z'), ip: '10.250.77.3', added: false }]);
  });
});

describe('stream helpers', () => {
  it('splits lines across chunk edges, multi-byte characters included', () => {
    const lines: string[] = [];
    const s = lineSplitter((l) => lines.push(l));
    const text = Buffer.from('first line\n第二行\nthird');
    s.push(text.subarray(0, 13));
    s.push(text.subarray(13, 15));
    s.push(text.subarray(15));
    expect(lines).toEqual(['first line', '第二行']);
    s.end();
    expect(lines).toEqual(['first line', '第二行', 'third']);
  });

  it('maps engine actions to container states', () => {
    expect(stateAfter('start')).toBe('running');
    expect(stateAfter('die')).toBe('exited');
    expect(stateAfter('destroy')).toBe('missing');
    expect(stateAfter('exec_start')).toBeUndefined();
  });
});

describe('Docker watch', () => {
  it('reports a loss once, retries with a growing bounded delay, and reports the return once', async () => {
    vi.useFakeTimers();
    try {
      let up = true;
      const ping = vi.fn(() => (up ? Promise.resolve() : Promise.reject(new Error('gone'))));
      const changes: { ok: boolean; message?: string }[] = [];
      const w = watchDocker({ ping, onChange: (s) => changes.push(s), healthyMs: 1000, retryMs: 100, maxRetryMs: 400 });
      await vi.advanceTimersByTimeAsync(10);
      expect(changes).toEqual([]);
      up = false;
      await vi.advanceTimersByTimeAsync(1000);
      expect(changes).toEqual([{ ok: false, message: 'gone' }]);
      const before = ping.mock.calls.length;
      await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
      expect(ping.mock.calls.length - before).toBe(4); // 100, 200, 400, then stays at 400
      expect(w.ok).toBe(false);
      up = true;
      await vi.advanceTimersByTimeAsync(400);
      expect(changes).toEqual([{ ok: false, message: 'gone' }, { ok: true }]);
      w.stop();
      const calls = ping.mock.calls.length;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(ping.mock.calls.length).toBe(calls);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('mail', () => {
  const box = [
    'From root@lb02 Sat Nov 21 22:03:09 2026',
    'Date: Sat, 21 Nov 2026 22:03:09 +0000',
    'From: root@lb02',
    'To: someone@qq.com',
    'Subject: 异常告警keepalived',
    '',
    '主服务器lb02的keepalived服务的VIP无法获取',
    '>From the log',
    '',
    'From root@lb02 Sat Nov 21 22:04:09 2026',
    'From: root@lb02',
    'Subject: second',
    '',
    'body 2',
    '',
  ].join('\n');

  it('parses an mbox into messages, unescaping >From', () => {
    expect(parseMbox('lb02', 'someone', box)).toEqual([
      { node: 'lb02', user: 'someone', from: 'root@lb02', subject: '异常告警keepalived', date: 'Sat, 21 Nov 2026 22:03:09 +0000', body: '主服务器lb02的keepalived服务的VIP无法获取\nFrom the log' },
      { node: 'lb02', user: 'someone', from: 'root@lb02', subject: 'second', date: '', body: 'body 2' },
    ]);
    expect(parseMbox('lb01', 'root', '')).toEqual([]);
  });

  it('splits the node listing by mailbox and skips odd names', () => {
    expect(splitMailboxes('\0root\0mail A\0some one\0mail B\0ops\0mail C')).toEqual([
      { user: 'root', text: 'mail A' },
      { user: 'ops', text: 'mail C' },
    ]);
  });
});

describe('progress report', () => {
  const report: ProgressReport = {
    learner: '<img src=x onerror=alert(1)>',
    generatedAt: '2026-11-21T22:00:00.000Z',
    labs: [
      {
        id: 'vrrp-pair',
        title: { en: 'Pair "one" & <two>', 'zh-CN': '主备 <一>' },
        steps: [
          { id: 's1', title: { en: '<b>bold</b>', 'zh-CN': '第一步' }, attempts: 2, earnedAt: '2026-11-21T21:00:00.000Z', lastCheckedAt: '2026-11-21T21:00:00.000Z' },
          { id: 's2', title: { en: 'Two', 'zh-CN': '第二步' }, attempts: 0 },
        ],
      },
    ],
  };

  it('escapes every text and loads nothing from anywhere', () => {
    const html = renderProgressHtml(report, 'en');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Pair &quot;one&quot; &amp; &lt;two&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=["']?http|url\(/i);
    expect(html).toContain('1/2 steps');
  });

  it('speaks both languages', () => {
    expect(renderProgressHtml(report, 'zh-CN')).toContain('<html lang="zh-CN">');
    expect(renderProgressHtml(report, 'zh-CN')).toContain('已完成');
    expect(renderProgressHtml(report, 'zh-CN')).toContain('主备 &lt;一&gt;');
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });

  it('names the learner from HALAB_LEARNER or the OS user, and the file safely', () => {
    expect(learnerName({ HALAB_LEARNER: '  Li Lei ' })).toBe('Li Lei');
    expect(learnerName({})).toBeTruthy();
    expect(reportFilename({ ...report, learner: '../../etc/passwd' }, 'html')).toBe('halab-progress-etc-passwd-2026-11-21.html');
    expect(reportFilename({ ...report, learner: '李雷' }, 'json')).toBe('halab-progress-learner-2026-11-21.json');
  });
});

describe('default language', () => {
  it('follows HALAB_LANG, then the locale variables, then Intl', () => {
    expect(defaultLang({ HALAB_LANG: 'zh-CN', LANG: 'en_US.UTF-8' }, 'en-US')).toBe('zh-CN');
    expect(defaultLang({ LANG: 'zh_CN.UTF-8' }, 'en-US')).toBe('zh-CN');
    expect(defaultLang({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN')).toBe('en');
    expect(defaultLang({}, 'zh-Hans-CN')).toBe('zh-CN');
    expect(defaultLang({}, 'de-DE')).toBe('en');
  });
});

describe('editable files', () => {
  it('lists keepalived.conf on load balancers, sysctl.conf where net.* can be set, nginx configs and check scripts', async () => {
    const split = await editableFiles(await findPack('split-brain'));
    expect(split).toContainEqual({ node: 'lb01', path: '/etc/keepalived/keepalived.conf' });
    expect(split).toContainEqual({ node: 'lb02', path: '/etc/sysctl.conf' });
    expect(split).toContainEqual({ node: 'lb02', path: '/scripts/check_split.sh' });
    expect(split.some((f) => f.node === 'client')).toBe(false);
    const lbLayer = await editableFiles(await findPack('lb-layer'));
    expect(lbLayer).toContainEqual({ node: 'lb01', path: '/etc/nginx/conf.d/lb.conf' });
    expect(lbLayer).toContainEqual({ node: 'web01', path: '/etc/nginx/conf.d/sites.conf' });
    expect(lbLayer.some((f) => f.path.endsWith('.html'))).toBe(false);
  });
});

describe('reset backup', () => {
  it("copies the learner's files into a timestamped backup, and keeps nothing when there is nothing", async () => {
    process.env.HALAB_HOME = makeTempDir('halab-backup-');
    expect(await backupLearnerFiles('vrrp-pair')).toBeNull();
    const dir = join(process.env.HALAB_HOME, 'files', 'vrrp-pair', 'lb01', 'etc', 'keepalived');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'keepalived.conf'), 'vrrp_instance VI_1 {}\n');
    const backup = await backupLearnerFiles('vrrp-pair', new Date('2026-11-21T22:00:00.123Z'));
    expect(backup).toBe(join(process.env.HALAB_HOME, 'backups', 'vrrp-pair', '2026-11-21T22-00-00-123Z'));
    expect(await readFile(join(backup ?? '', 'lb01', 'etc', 'keepalived', 'keepalived.conf'), 'utf8')).toBe('vrrp_instance VI_1 {}\n');
  });
});
