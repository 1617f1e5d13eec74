// The topology manager on real Docker: hardening, isolation, subnet remap, cleanup.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { docker } from '../../electron/docker/client.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';

const INSTANCE = `it-topo-${process.pid}`;
const CLASH_NET = `halab-test-clash-${process.pid}`;
let lab: RunningLab;

describe('topology on real Docker', () => {
  beforeAll(async () => {
    isolateHome();
    await requireDockerAndImage();
    // Occupy the pack's own subnet so the lab must be remapped (our own labelled test network).
    // If another lab already holds that subnet, the clash exists anyway: that is all this needs.
    await docker()
      .createNetwork({ Name: CLASH_NET, Labels: { 'io.halab.test': 'clash' }, IPAM: { Config: [{ Subnet: '10.0.0.0/24' }] } })
      .catch((err: unknown) => {
        if (!/overlap/i.test(String(err))) throw err;
      });
    lab = await up(await loadPack(FIXTURE_PAIR), { instance: INSTANCE });
  });

  afterAll(async () => {
    await down(INSTANCE);
    await docker()
      .getNetwork(CLASH_NET)
      .remove()
      .catch(() => undefined);
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });

  it('remaps a clashing subnet and every address of the lab follows, files included', async () => {
    expect(lab.record.wantedSubnet).toBe('10.0.0.0/24');
    expect(lab.record.subnet).not.toBe('10.0.0.0/24');
    const prefix = lab.record.subnet.replace(/0\/24$/, '');
    expect(lab.nodes.map((n) => n.ip)).toEqual([`${prefix}5`, `${prefix}6`, `${prefix}100`]);
    const conf = await lab.container('lb01').exec(['cat', '/etc/keepalived/keepalived.conf']);
    expect(conf.stdout).toContain(`${prefix}3`);
    const addr = await lab.container('lb01').exec(['ip', '-j', '-4', 'addr', 'show', 'eth0']);
    expect(addr.stdout).toContain(`"${prefix}5"`);
  });

  it('hardens every node: not privileged, NET_ADMIN+NET_RAW only added, limits, read-only /proc/sys', async () => {
    for (const node of lab.nodes) {
      const info = await docker().getContainer(lab.container(node.name).ref).inspect();
      expect(info.HostConfig.Privileged).toBe(false);
      expect(info.HostConfig.CapAdd).toEqual(['NET_ADMIN', 'NET_RAW']);
      expect(info.HostConfig.NetworkMode).toBe(`halab-${INSTANCE}`);
      expect(info.HostConfig.Memory).toBeGreaterThan(0);
      expect(info.HostConfig.PidsLimit).toBeGreaterThan(0);
      const write = await lab.container(node.name).exec(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward']);
      expect(write.exitCode).not.toBe(0);
      expect(write.stderr).toMatch(/Read-only file system/);
    }
  });

  it('gives the lab network no way out: no NAT and no default route in the nodes', async () => {
    const net = await docker().getNetwork(`halab-${INSTANCE}`).inspect();
    expect(net.Options?.['com.docker.network.bridge.enable_ip_masquerade']).toBe('false');
    expect(net.Labels?.['io.halab.instance']).toBe(INSTANCE);
    for (const node of lab.nodes) {
      const routes = await lab.container(node.name).exec(['ip', '-4', 'route']);
      expect(routes.stdout).not.toMatch(/default/);
    }
  });

  it('elects exactly one VIP holder on this network (VRRP multicast crosses it)', async () => {
    const vip = lab.pack.manifest.topology.vips[0] ?? '';
    const holders = async (): Promise<string[]> => {
      const found: string[] = [];
      for (const node of lab.nodes) {
        const res = await lab.container(node.name).exec(['ip', '-4', 'addr', 'show', 'eth0']);
        if (res.stdout.includes(`${vip}/`)) found.push(node.name);
      }
      return found;
    };
    // Until the election settles there are zero holders, or briefly two; then exactly lb01.
    await vi.waitFor(
      async () => {
        expect(await holders()).toHaveLength(1);
      },
      { timeout: 10_000, interval: 300 },
    );
    expect(await holders()).toEqual(['lb01']);
  });
});
