import { describe, expect, it } from 'vitest';
import { parseKeepalivedErrors, parseNginxErrors } from '../../electron/probes/configCheck.js';
import { lastGapMs, parseAddrLog } from '../../electron/probes/addrLog.js';
import { parseKeepalivedJson } from '../../electron/probes/vrrp.js';
import { selectVrrpInstance } from '../../electron/checks/evaluate.js';
import { parseSsListening } from '../../electron/probes/sockets.js';
import { parseIpAddrJson } from '../../electron/probes/addresses.js';

describe('probe parsers', () => {
  it('locates keepalived -t errors by file and line, once each, preferring the form naming the file', () => {
    const stderr = [
      "(/etc/keepalived/keepalived.conf: Line 17) Unknown keyword 'priorty'",
      "(/etc/keepalived/keepalived.conf: Line 17) Unknown keyword 'priorty'",
      "(Line 16) Unknown keyword 'priorty'",
      'Non-existent interface specified: eth9',
    ].join('\n');
    expect(parseKeepalivedErrors(stderr, '/etc/keepalived/keepalived.conf')).toEqual([{ file: '/etc/keepalived/keepalived.conf', line: 17, message: "Unknown keyword 'priorty'" }]);
  });

  it('locates nginx -t errors, with and without a line', () => {
    const stderr = [
      'nginx: [emerg] unknown directive "locaton" in /etc/nginx/conf.d/x.conf:3',
      'nginx: [emerg] bind() to 10.0.0.3:80 failed (99: Cannot assign requested address)',
      'nginx: configuration file /etc/nginx/nginx.conf test failed',
    ].join('\n');
    expect(parseNginxErrors(stderr)).toEqual([
      { file: '/etc/nginx/conf.d/x.conf', line: 3, message: 'unknown directive "locaton"' },
      { file: '', line: 0, message: 'bind() to 10.0.0.3:80 failed (99: Cannot assign requested address)' },
    ]);
  });

  it('measures the gap of the last VIP move from address logs of several nodes', () => {
    const lb01 = parseAddrLog(
      'lb01',
      '[2026-11-21T22:01:37.000000] 2: eth0    inet 10.0.0.3/32 scope global eth0\\       valid_lft forever\n' +
        '[2026-11-21T22:01:40.100000] Deleted 2: eth0    inet 10.0.0.3/32 scope global eth0\\       valid_lft forever\n',
    );
    const lb02 = parseAddrLog('lb02', '[2026-11-21T22:01:40.740000] 2: eth0    inet 10.0.0.3/32 scope global eth0\\ x\n');
    const events = [...lb01, ...lb02].sort((a, b) => a.at - b.at);
    expect(lastGapMs(events, 'lb02')).toEqual({ gapMs: 640, from: 'lb01' });
    expect(lastGapMs(events, 'lb01')).toBeUndefined();
    // Preemption: the new holder adds the address before the old one drops it: an overlap, not an old gap.
    const overlap = [...events, ...parseAddrLog('lb01', '[2026-11-21T22:01:50.000000] 2: eth0    inet 10.0.0.3/32 scope global eth0\\ x\n')];
    expect(lastGapMs(overlap, 'lb01')).toEqual({ gapMs: 0, from: 'lb02' });
  });

  it('reads keepalived JSON state, ss and ip -j output', () => {
    const json = JSON.stringify([{ data: { iname: 'VI_1', state: 2, effective_priority: 150, base_priority: 150, vrid: 50, vips: ['10.0.0.3 dev eth0 scope global'] }, stats: { advert_sent: 4 } }]);
    const [inst] = parseKeepalivedJson(json);
    expect(inst).toMatchObject({ name: 'VI_1', state: 'MASTER', effectivePriority: 150, vrid: 50, vips: ['10.0.0.3'], advertSent: 4 });
    expect(parseSsListening('LISTEN 0 511 0.0.0.0:80 0.0.0.0:*\nLISTEN 0 511 [::]:80 [::]:*\nLISTEN 0 5 10.0.0.3:8080 0.0.0.0:*')).toEqual([
      { address: '0.0.0.0', port: 80 },
      { address: '::', port: 80 },
      { address: '10.0.0.3', port: 8080 },
    ]);
    const ipj = JSON.stringify([
      { ifname: 'lo', addr_info: [{ family: 'inet', local: '127.0.0.1' }] },
      {
        ifname: 'eth0',
        addr_info: [
          { family: 'inet', local: '10.0.0.5' },
          { family: 'inet', local: '10.0.0.3' },
        ],
      },
    ]);
    expect(parseIpAddrJson(ipj)).toEqual(['127.0.0.1', '10.0.0.5', '10.0.0.3']);
  });
  it('finds the instance a vrrp check means by VIP, VRID or name, whatever the instance is called', () => {
    const dump = JSON.stringify([
      { data: { iname: 'VI_WWW', state: 2, effective_priority: 150, vrid: 51, vips: ['10.0.0.3 dev eth0 scope global'] }, stats: {} },
      { data: { iname: 'nginx_2', state: 1, effective_priority: 100, vrid: 52, vips: ['10.0.0.4/32 dev eth0'] }, stats: {} },
    ]);
    const instances = parseKeepalivedJson(dump);
    expect(selectVrrpInstance(instances, { vip: '10.0.0.4' })?.name).toBe('nginx_2');
    expect(selectVrrpInstance(instances, { vrid: 51 })?.name).toBe('VI_WWW');
    expect(selectVrrpInstance(instances, { instance: 'VI_WWW' })?.vrid).toBe(51);
    expect(selectVrrpInstance(instances, {})?.name).toBe('VI_WWW');
    expect(selectVrrpInstance(instances, { vip: '10.0.0.5' })).toBeUndefined();
    expect(selectVrrpInstance(instances, { instance: 'VI_1' })).toBeUndefined();
  });
});
