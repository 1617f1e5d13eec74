import { describe, expect, it } from 'vitest';
import { networkCreateOptions, nodeCreateOptions, sysctlHelperCreateOptions } from '../../electron/topology/containerSpec.js';
import type { NodeSpec } from '../../electron/labs/schema.js';

const node: NodeSpec = { name: 'lb01', role: 'lb', ip: '10.0.0.5', services: [], files: [] };

describe('container options', () => {
  it('gives nodes NET_ADMIN and NET_RAW only, limits, and never privilege or host networking', () => {
    const o = nodeCreateOptions('t1', 'lab', node, 'img');
    expect(o.HostConfig?.Privileged).toBe(false);
    expect(o.HostConfig?.CapAdd).toEqual(['NET_ADMIN', 'NET_RAW']);
    expect(o.HostConfig?.NetworkMode).toBe('halab-t1');
    expect(o.HostConfig?.Memory).toBeGreaterThan(0);
    expect(o.HostConfig?.PidsLimit).toBeGreaterThan(0);
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
    expect(o.HostConfig?.NetworkMode).toBe('container:halab-t1-lb01');
    expect(o.HostConfig?.Privileged).toBe(false);
  });

  it('creates a labelled bridge with no NAT and the gateway at .254', () => {
    const o = networkCreateOptions('t1', 'lab', '10.213.4.0/24');
    expect(o.Options).toEqual({ 'com.docker.network.bridge.enable_ip_masquerade': 'false' });
    expect(o.IPAM?.Config?.[0]).toEqual({ Subnet: '10.213.4.0/24', Gateway: '10.213.4.254' });
    expect(o.Internal).toBe(false);
  });
});
