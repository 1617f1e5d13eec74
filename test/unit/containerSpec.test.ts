import { describe, expect, it } from 'vitest';
import { networkCreateOptions, nodeCreateOptions, observerCreateOptions, observerHost, sysctlHelperCreateOptions } from '../../electron/topology/containerSpec.js';
import type { NodeSpec } from '../../electron/labs/schema.js';

const node: NodeSpec = { name: 'lb01', role: 'lb', ip: '10.0.0.5', services: [], files: [] };

describe('container options', () => {
  it('gives nodes exactly the capabilities the labs need, CPU, memory, pids, log and file limits, and never privilege or host networking', () => {
    const o = nodeCreateOptions('t1', 'lab', node, 'img');
    expect(o.HostConfig?.Privileged).toBe(false);
    expect(o.HostConfig?.CapDrop).toEqual(['ALL']);
    expect(o.HostConfig?.CapAdd).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'SETGID', 'SETUID', 'NET_BIND_SERVICE', 'NET_ADMIN', 'NET_RAW']);
    expect(o.HostConfig?.NetworkMode).toBe('halab-t1');
    expect(o.HostConfig?.Memory).toBeGreaterThan(0);
    expect(o.HostConfig?.PidsLimit).toBeGreaterThan(0);
    expect(o.HostConfig?.NanoCpus).toBe(1e9);
    expect(o.HostConfig?.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } });
    expect(o.HostConfig?.Ulimits).toEqual([{ Name: 'fsize', Soft: 64 * 1024 * 1024, Hard: 64 * 1024 * 1024 }]);
    expect(o.HostConfig?.SecurityOpt).not.toContain('systempaths=unconfined');
    expect(o.HostConfig?.ReadonlyPaths).toBeUndefined();
    expect(o.HostConfig?.MaskedPaths).toBeUndefined();
    expect(o.HostConfig?.Dns).toEqual(['127.0.0.1']);
    // Nodes do not route, like the tutorials' servers: the host's ip_forward=1 must not leak in.
    expect(o.HostConfig?.Sysctls).toEqual({ 'net.ipv4.ip_forward': '0' });
    expect(o.Labels).toMatchObject({ 'io.halab.managed': '1', 'io.halab.instance': 't1', 'io.halab.node': 'lb01' });
  });

  it('confines the sysctl helper: all caps dropped but NET_ADMIN, read-only root, the node namespace', () => {
    const o = sysctlHelperCreateOptions('t1', 'lab', node, 'img');
    expect(o.HostConfig?.CapDrop).toEqual(['ALL']);
    expect(o.HostConfig?.CapAdd).toEqual(['NET_ADMIN']);
    expect(o.HostConfig?.ReadonlyRootfs).toBe(true);
    expect(o.HostConfig?.NetworkMode).toBe('container:halab-t1.lb01');
    expect(o.HostConfig?.Privileged).toBe(false);
    expect(o.HostConfig?.NanoCpus).toBeGreaterThan(0);
  });

  it("keeps Docker's /proc masks in the sysctl helper and every /proc/sys folder but net read-only", () => {
    const o = sysctlHelperCreateOptions('t1', 'lab', node, 'img');
    expect(o.HostConfig?.MaskedPaths).toEqual(expect.arrayContaining(['/proc/kcore', '/proc/keys', '/proc/timer_list', '/proc/sched_debug']));
    const ro = o.HostConfig?.ReadonlyPaths ?? [];
    expect(ro).toEqual(expect.arrayContaining(['/proc/sysrq-trigger', '/proc/bus', '/proc/fs', '/proc/irq']));
    expect(ro).toEqual(expect.arrayContaining(['abi', 'debug', 'dev', 'fs', 'kernel', 'user', 'vm'].map((d) => `/proc/sys/${d}`)));
    expect(ro.filter((p) => p === '/proc/sys' || p.startsWith('/proc/sys/net'))).toEqual([]);
  });

  it('confines the observer: a raw socket and a user switch only, read-only root, a bounded tmpfs ring, in one node namespace', () => {
    const client: NodeSpec = { name: 'client', role: 'client', ip: '10.0.0.100', services: [], files: [] };
    const o = observerCreateOptions('t1', 'lab', client, 'img');
    expect(o.name).toBe('halab-t1.client.observer');
    expect(o.Labels?.['io.halab.role']).toBe('observer');
    expect(o.HostConfig?.NetworkMode).toBe('container:halab-t1.client');
    expect(o.HostConfig?.Privileged).toBe(false);
    expect(o.HostConfig?.CapDrop).toEqual(['ALL']);
    expect(o.HostConfig?.CapAdd).toEqual(['NET_RAW', 'SETUID', 'SETGID']);
    expect(o.HostConfig?.SecurityOpt).toEqual(['no-new-privileges']);
    expect(o.HostConfig?.ReadonlyRootfs).toBe(true);
    expect(o.HostConfig?.Tmpfs).toEqual({ '/var/lib/halab-capture': 'size=4m,mode=1777,noexec,nosuid,nodev' });
    expect(o.HostConfig?.PidsLimit).toBe(16);
    expect(o.HostConfig?.NanoCpus).toBe(250_000_000);
    // Non-promiscuous, each packet as it comes, headers only, a ring of 3 files of 1 MB: never more than the tmpfs holds.
    expect(o.Cmd?.slice(0, 15)).toEqual([
      '-i',
      'eth0',
      '-p',
      '-n',
      '--immediate-mode',
      '-U',
      '-s',
      '256',
      '-w',
      '/var/lib/halab-capture/ring',
      '-C',
      '1',
      '-W',
      '3',
      expect.stringContaining('vrrp or arp'),
    ]);
    // The client hears its own probes; without one, a web node; else the first node.
    expect(observerHost([node, client])?.name).toBe('client');
    expect(observerHost([node, { ...client, name: 'web01', role: 'web' }])?.name).toBe('web01');
    expect(observerHost([node])?.name).toBe('lb01');
  });

  it('creates a labelled bridge with no NAT and the gateway at .254', () => {
    const o = networkCreateOptions('t1', 'lab', '10.213.4.0/24');
    expect(o.Options).toEqual({ 'com.docker.network.bridge.enable_ip_masquerade': 'false' });
    expect(o.IPAM?.Config?.[0]).toEqual({ Subnet: '10.213.4.0/24', Gateway: '10.213.4.254' });
    expect(o.Internal).toBe(false);
  });
});
