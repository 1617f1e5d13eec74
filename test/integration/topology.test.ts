// The topology manager on real Docker: hardening, isolation, subnet remap, cleanup.
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPack } from '../../electron/labs/loadPack.js';
import { down, sweepOrphans, up, type RunningLab } from '../../electron/topology/manager.js';
import { loadInstance, saveInstance } from '../../electron/topology/instances.js';
import { docker } from '../../electron/docker/client.js';
import { LABEL, homeId } from '../../electron/docker/labels.js';
import { FIXTURE_PAIR, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { capabilityNames, firewallRuleCount, iptablesUsable } from '../helpers/hostReach.js';

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

  it('hardens every node: not privileged, exactly the capabilities the labs need, CPU, memory, pids, log and file limits, read-only /proc/sys', async () => {
    for (const node of lab.nodes) {
      const c = lab.container(node.name);
      const info = await docker().getContainer(c.ref).inspect();
      expect(info.Config.Labels[LABEL.node]).toBe(node.name);
      expect(info.HostConfig.Privileged).toBe(false);
      expect(info.HostConfig.NetworkMode).toBe(`halab-${INSTANCE}`);
      // Capabilities as the node's init holds them (effective and bounding set), not only as configured.
      const status = (await c.exec(['cat', '/proc/1/status'])).stdout;
      const caps = (field: string): string[] => capabilityNames(new RegExp(`^${field}:\\s*([0-9a-f]+)`, 'm').exec(status)?.[1] ?? '');
      const NEEDED = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'SETGID', 'SETUID', 'NET_BIND_SERVICE', 'NET_ADMIN', 'NET_RAW'];
      expect(caps('CapEff').sort()).toEqual([...NEEDED].sort());
      expect(caps('CapBnd').sort()).toEqual([...NEEDED].sort());
      // CPU: at most one core per node, read off the node's own cgroup (v1 or v2).
      expect(info.HostConfig.NanoCpus).toBe(1e9);
      const cpu = (await c.exec(['sh', '-c', 'cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"'])).stdout.trim();
      const [quota, period] = cpu.split(/\s+/).map(Number);
      expect((quota ?? 0) / (period ?? 1)).toBe(1);
      expect(info.HostConfig.Memory).toBeGreaterThan(0);
      expect(info.HostConfig.PidsLimit).toBeGreaterThan(0);
      expect(info.HostConfig.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } });
      // The container layer: a size limit where the engine has one (overlay2 on xfs with pquota), and every
      // file capped everywhere (RLIMIT_FSIZE, which root in the node cannot raise without CAP_SYS_RESOURCE).
      if (info.HostConfig.StorageOpt?.size) process.stderr.write(`[topology] container layer limited to ${info.HostConfig.StorageOpt.size}\n`);
      else process.stderr.write(`[topology] ${info.Driver}: no container-layer size limit on this engine; files capped by RLIMIT_FSIZE\n`);
      expect(info.HostConfig.Ulimits).toEqual([{ Name: 'fsize', Soft: 64 * 1024 * 1024, Hard: 64 * 1024 * 1024 }]);
      const big = await c.exec(['bash', '-c', 'head -c 70M /dev/zero > /tmp/halab-big; s=$?; stat -c %s /tmp/halab-big; rm -f /tmp/halab-big; exit $s']);
      expect(big.exitCode).not.toBe(0);
      expect(Number(big.stdout.trim())).toBe(64 * 1024 * 1024);
      const write = await c.exec(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward']);
      expect(write.exitCode).not.toBe(0);
      expect(write.stderr).toMatch(/Read-only file system/);
    }
  });

  it("keeps Docker's /proc masks in the sysctl helper and leaves only /proc/sys/net writable", async () => {
    const helper = lab.sysctlHelper('lb01');
    const info = await docker()
      .getContainer((await helper.inspect())?.id ?? '')
      .inspect();
    expect(info.Config.Labels[LABEL.role]).toBe('sysctl-helper');
    expect(info.HostConfig.MaskedPaths).toEqual(expect.arrayContaining(['/proc/kcore', '/proc/keys', '/proc/timer_list']));
    expect(info.HostConfig.ReadonlyPaths).toEqual(expect.arrayContaining(['/proc/sysrq-trigger', '/proc/sys/kernel', '/proc/sys/vm', '/proc/sys/fs']));
    const inHelper = async (script: string): Promise<{ exitCode: number; out: string }> => {
      const res = await helper.exec(['bash', '-c', script]);
      return { exitCode: res.exitCode, out: res.stdout + res.stderr };
    };
    // A kernel.* write inside the helper itself (domainname is per UTS namespace: harmless if it ever succeeded).
    const kernel = await inHelper('echo halab > /proc/sys/kernel/domainname');
    expect(kernel.exitCode).not.toBe(0);
    expect(kernel.out).toMatch(/Read-only file system/);
    // Every top-level folder of /proc/sys this kernel has: one root-writable file of each, tried for writing.
    const writable = await inHelper('for d in /proc/sys/*/; do f=$(find "$d" -maxdepth 3 -type f -perm -200 2>/dev/null | head -n 1); [ -n "$f" ] && [ -w "$f" ] && echo "$d"; done; exit 0');
    expect(writable.out.trim().split('\n')).toEqual(['/proc/sys/net/']);
    // sysrq-trigger is read-only where the kernel has it (this project's VM kernel has no magic SysRq).
    expect((await inHelper('[ -e /proc/sysrq-trigger ] || { echo absent; exit; }; [ -w /proc/sysrq-trigger ] && echo writable || echo read-only')).out.trim()).toMatch(/^(absent|read-only)$/);
    expect((await inHelper('wc -c < /proc/timer_list')).out.trim()).toBe('0');
    // The helper still does its one job: a node sets a net.* key through it.
    const set = await lab.container('lb01').exec(['sysctl', '-w', 'net.ipv4.ip_nonlocal_bind=1']);
    expect(set.stdout.trim()).toBe('net.ipv4.ip_nonlocal_bind = 1');
    expect((await lab.container('lb01').exec(['cat', '/proc/sys/net/ipv4/ip_nonlocal_bind'])).stdout.trim()).toBe('1');
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

  it('keeps the host out of reach: a node cannot connect to a host service on 0.0.0.0, even with a default route back', async () => {
    expect(iptablesUsable(), 'this test needs iptables as root on the Docker host').toBe(true);
    let accepted = 0;
    const server: Server = createServer((sock) => {
      accepted++;
      sock.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as { port: number }).port;
    try {
      const gateway = lab.record.subnet.replace(/0\/24$/, '254');
      const otherHostIps = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith(gateway.replace(/254$/, '')))
        .map((a) => a?.address ?? '');
      const node = lab.container('client');
      expect((await node.exec(['ip', 'route', 'replace', 'default', 'via', gateway])).exitCode).toBe(0);
      for (const target of [gateway, ...otherHostIps.slice(0, 2)]) {
        const res = await node.exec(['timeout', '2', 'bash', '-c', `exec 3<>/dev/tcp/${target}/${port}`], { timeoutMs: 8000 });
        expect(res.exitCode, `the node reached ${target}:${port} on the host`).not.toBe(0);
      }
      expect(accepted).toBe(0);
      // The lab itself still talks: the client reaches lb01's nginx across the same bridge.
      const http = await node.exec(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', `http://${lab.nodes[0]?.ip ?? ''}/`], { timeoutMs: 8000 });
      expect(http.stdout).toBe('200');
    } finally {
      await lab.container('client').exec(['ip', 'route', 'del', 'default']);
      server.close();
    }
    expect(firewallRuleCount(homeId(), INSTANCE)).toBeGreaterThan(0);
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

  it("halab down removes the lab's host firewall rules with it", async () => {
    const other = `${INSTANCE}-b`;
    let whileUp = 0;
    try {
      await up(await loadPack(FIXTURE_PAIR), { instance: other });
      whileUp = firewallRuleCount(homeId(), other);
    } finally {
      await down(other);
    }
    expect(whileUp).toBeGreaterThan(0);
    expect(firewallRuleCount(homeId(), other)).toBe(0);
    expect(await leftovers(other)).toEqual({ containers: 0, networks: 0 });
  });

  // Last: it removes the lab. An `up` killed half-way leaves a "starting" record of a dead process.
  it("the orphan sweep removes a killed up's containers, network and host firewall rules", async () => {
    const before = firewallRuleCount(homeId(), INSTANCE);
    expect(before).toBeGreaterThan(0);
    const rec = await loadInstance(INSTANCE);
    if (!rec) throw new Error('no instance record');
    await saveInstance({ ...rec, state: 'starting', pid: 2 ** 22 + 1, pidStart: 'gone' });
    const report = await sweepOrphans();
    expect(report.networks).toEqual([`halab-${INSTANCE}`]);
    expect(firewallRuleCount(homeId(), INSTANCE)).toBe(0);
    expect(await leftovers(INSTANCE)).toEqual({ containers: 0, networks: 0 });
  });
});
