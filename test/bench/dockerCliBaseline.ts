// The baseline for `up`: the same network and containers made with the plain docker CLI, one command after
// another, with the same hardening flags. Everything carries the label io.halab.test=<instance> and is removed by name.
import { execFileSync, spawnSync } from 'node:child_process';
import type { LabPack } from '../../electron/labs/loadPack.js';
import { makeTar } from '../../electron/docker/tar.js';
import {
  NODE_CAPS,
  NODE_FILE_BYTES,
  NODE_LOG_CONFIG,
  NODE_NANO_CPUS,
  NODE_SYSCTLS,
  networkCreateOptions,
  nodeCreateOptions,
  observerCreateOptions,
  observerHost,
  sysctlHelperCreateOptions,
  wantsSysctlHelper,
} from '../../electron/topology/containerSpec.js';

const labelOf = (instance: string): string => `io.halab.test=${instance}`;

function dockerCli(argv: string[], input?: Buffer): void {
  execFileSync('docker', argv, { stdio: ['pipe', 'ignore', 'pipe'], timeout: 60_000, ...(input ? { input } : {}) });
}

export async function dockerCliUp(pack: LabPack, image: string, instance: string): Promise<void> {
  const m = pack.manifest;
  const label = labelOf(instance);
  const net = networkCreateOptions(instance, m.id, m.topology.subnet);
  const gateway = net.IPAM?.Config?.[0]?.Gateway ?? '';
  dockerCli(['network', 'create', '--label', label, '-o', 'com.docker.network.bridge.enable_ip_masquerade=false', '--subnet', m.topology.subnet, '--gateway', gateway, net.Name]);
  const sysctls = Object.entries(NODE_SYSCTLS).flatMap(([k, v]) => ['--sysctl', `${k}=${v}`]);
  const observerNode = observerHost(m.topology.nodes);
  for (const node of m.topology.nodes) {
    const name = nodeCreateOptions(instance, m.id, node, image).name ?? '';
    dockerCli([
      'create',
      '--name',
      name,
      '--hostname',
      node.name,
      '--label',
      label,
      '--network',
      net.Name,
      '--ip',
      node.ip,
      '--cap-drop',
      'ALL',
      ...NODE_CAPS.flatMap((c) => ['--cap-add', c]),
      '--security-opt',
      'no-new-privileges',
      '--memory',
      '256m',
      '--memory-swap',
      '256m',
      '--pids-limit',
      '256',
      '--cpus',
      String(NODE_NANO_CPUS / 1e9),
      '--ulimit',
      `fsize=${NODE_FILE_BYTES}`,
      '--log-driver',
      NODE_LOG_CONFIG.Type,
      ...Object.entries(NODE_LOG_CONFIG.Config).flatMap(([k, v]) => ['--log-opt', `${k}=${v}`]),
      ...sysctls,
      image,
    ]);
    const files = [
      ...(await Promise.all(node.files.map(async (f) => ({ path: f.path, content: await pack.readText(f.source), mode: parseInt(f.mode, 8) })))),
      ...node.services.map((s) => ({ path: `/etc/halab/enabled/${s}`, content: '' })),
    ];
    dockerCli(['cp', '-', `${name}:/`], makeTar(files));
    dockerCli(['start', name]);
    dockerCli(['exec', name, 'ip', 'route', 'del', 'default']);
    if (wantsSysctlHelper(node)) {
      const helper = sysctlHelperCreateOptions(instance, m.id, node, image).name ?? '';
      dockerCli([
        'run',
        '-d',
        '--name',
        helper,
        '--label',
        label,
        '--network',
        `container:${name}`,
        '--cap-drop',
        'ALL',
        '--cap-add',
        'NET_ADMIN',
        '--security-opt',
        'systempaths=unconfined',
        '--security-opt',
        'no-new-privileges',
        '--read-only',
        '--memory',
        '32m',
        '--memory-swap',
        '32m',
        '--pids-limit',
        '32',
        '--entrypoint',
        '/usr/bin/tini',
        image,
        '--',
        '/usr/local/sbin/halab-sysctld',
      ]);
    }
    if (node === observerNode) dockerCli(observerRunArgs(instance, m.id, node, name, label, image));
  }
}

/** `docker run` of the protocol observer with the options halab gives it. */
function observerRunArgs(instance: string, lab: string, node: Parameters<typeof observerCreateOptions>[2], nodeName: string, label: string, image: string): string[] {
  const o = observerCreateOptions(instance, lab, node, image);
  const hc = o.HostConfig ?? {};
  return [
    'run',
    '-d',
    '--name',
    o.name ?? '',
    '--label',
    label,
    '--network',
    `container:${nodeName}`,
    '--cap-drop',
    'ALL',
    ...((hc.CapAdd ?? []) as string[]).flatMap((c) => ['--cap-add', c]),
    '--security-opt',
    'no-new-privileges',
    '--read-only',
    ...Object.entries(hc.Tmpfs ?? {}).flatMap(([path, opts]) => ['--tmpfs', `${path}:${opts}`]),
    '--memory',
    String(hc.Memory),
    '--memory-swap',
    String(hc.MemorySwap),
    '--pids-limit',
    String(hc.PidsLimit),
    '--cpus',
    String((hc.NanoCpus ?? 0) / 1e9),
    '--entrypoint',
    '/usr/bin/tini',
    image,
    '--',
    'tcpdump',
    ...(o.Cmd ?? []),
  ];
}

/** Who holds the VIP in the baseline lab, read with `docker exec ... ip addr` on every node. */
export function dockerCliHolders(pack: LabPack, instance: string, vip: string): string[] {
  const held: string[] = [];
  for (const n of pack.manifest.topology.nodes) {
    const name = nodeCreateOptions(instance, pack.manifest.id, n, '').name ?? '';
    const r = spawnSync('docker', ['exec', name, 'ip', '-4', 'addr', 'show', 'eth0'], { encoding: 'utf8', timeout: 10_000 });
    if (r.stdout.includes(`${vip}/`)) held.push(n.name);
  }
  return held;
}

export function dockerCliDown(pack: LabPack, instance: string): void {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${labelOf(instance)}`], { encoding: 'utf8', timeout: 30_000 })
    .split('\n')
    .filter(Boolean);
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 60_000 });
  spawnSync('docker', ['network', 'rm', networkCreateOptions(instance, pack.manifest.id, pack.manifest.topology.subnet).Name], { stdio: 'ignore', timeout: 30_000 });
}
