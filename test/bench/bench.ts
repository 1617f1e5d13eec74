// `npm run bench`: speed figures of the lab runtime, printed as ratios against baselines measured in the
// same run where one exists. All traffic stays inside the benchmark's own lab network (probes run in the
// client node); every loop is bounded in count and time. Options: --json, --runs N, --build.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findPack, remapPack } from '../../electron/labs/catalog.js';
import type { LabPack } from '../../electron/labs/loadPack.js';
import { down, up, type RunningLab } from '../../electron/topology/manager.js';
import { holdersOf, readAddresses } from '../../electron/probes/addresses.js';
import { runStep } from '../../electron/checks/runChecks.js';
import { applyFault, applySolution } from '../../electron/checks/actions.js';
import { execIn } from '../../electron/docker/exec.js';
import { buildImage, canBuildOffline, ensureImage, imageSizeBytes } from '../../electron/image/buildImage.js';
import { ensureDocker, docker } from '../../electron/docker/client.js';
import { nodeCreateOptions, networkCreateOptions, sysctlHelperCreateOptions, wantsSysctlHelper } from '../../electron/topology/containerSpec.js';
import { makeTar } from '../../electron/docker/tar.js';

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' }, build: { type: 'boolean', default: false } } });
const RUNS = Math.max(1, Math.min(20, Number(args.runs) || 5));
const log = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);
process.env.HALAB_HOME = mkdtempSync(join(tmpdir(), 'halab-bench-'));

interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}
const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: s[Math.floor((s.length - 1) / 2)] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
};
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Lab 1 with its step-1 solution files as starting files and keepalived enabled: "up" ends in an election. */
function electingPack(pack: LabPack): LabPack {
  const m = structuredClone(pack.manifest);
  for (const f of m.steps[0]?.solution.files ?? []) {
    const node = m.topology.nodes.find((n) => n.name === f.node);
    if (!node) continue;
    node.files.push({ path: f.path, source: f.source, mode: f.mode });
    if (!node.services.includes('keepalived')) node.services.push('keepalived');
  }
  return { ...pack, manifest: m };
}

async function waitOneHolder(read: () => Promise<string[]>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await read()).length === 1) return;
    await sleep(50);
  }
  throw new Error('no single VIP holder within 20 s');
}

/** The same network and containers made with the plain docker CLI, one command after another. */
async function dockerCliUp(pack: LabPack, image: string, instance: string): Promise<void> {
  const m = pack.manifest;
  const d = (argv: string[], input?: Buffer): void => {
    execFileSync('docker', argv, { stdio: ['pipe', 'ignore', 'pipe'], ...(input ? { input } : {}) });
  };
  const net = networkCreateOptions(instance, m.id, m.topology.subnet);
  d(['network', 'create', '--label', 'io.halab.test=bench', '-o', 'com.docker.network.bridge.enable_ip_masquerade=false', '--subnet', m.topology.subnet, '--gateway', net.IPAM?.Config?.[0]?.Gateway ?? '', `halab-${instance}`]);
  for (const node of m.topology.nodes) {
    const o = nodeCreateOptions(instance, m.id, node, image);
    const name = o.name ?? '';
    d(['create', '--name', name, '--hostname', node.name, '--label', 'io.halab.test=bench', '--network', `halab-${instance}`, '--ip', node.ip, '--cap-add', 'NET_ADMIN', '--cap-add', 'NET_RAW', '--cap-drop', 'MKNOD', '--cap-drop', 'AUDIT_WRITE', '--cap-drop', 'SETFCAP', '--security-opt', 'no-new-privileges', '--memory', '256m', '--memory-swap', '256m', '--pids-limit', '256', image]);
    const files = [
      ...(await Promise.all(node.files.map(async (f) => ({ path: f.path, content: await pack.readText(f.source), mode: parseInt(f.mode, 8) })))),
      ...node.services.map((s) => ({ path: `/etc/halab/enabled/${s}`, content: '' })),
    ];
    d(['cp', '-', `${name}:/`], makeTar(files));
    d(['start', name]);
    d(['exec', name, 'ip', 'route', 'del', 'default']);
    if (wantsSysctlHelper(node)) {
      const h = sysctlHelperCreateOptions(instance, m.id, node, image);
      d(['run', '-d', '--name', h.name ?? '', '--label', 'io.halab.test=bench', '--network', `container:${name}`, '--cap-drop', 'ALL', '--cap-add', 'NET_ADMIN', '--security-opt', 'systempaths=unconfined', '--security-opt', 'no-new-privileges', '--read-only', '--memory', '32m', '--memory-swap', '32m', '--pids-limit', '32', '--entrypoint', '/usr/bin/tini', image, '--', '/usr/local/sbin/halab-sysctld']);
    }
  }
}

function dockerCliDown(instance: string): void {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', 'label=io.halab.test=bench'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  spawnSync('docker', ['network', 'rm', `halab-${instance}`], { stdio: 'ignore' });
}

/** Probes the VIP from the client every 10 ms (bounded: 1500 probes, 15 s) and returns the longest silence. */
async function measureGap(lab: RunningLab, vip: string, action: () => Promise<void>): Promise<number> {
  const client = lab.container('client');
  const probe = execIn(client, ['ping', '-D', '-n', '-i', '0.01', '-W', '0.1', '-c', '1500', '-w', '15', vip], { timeoutMs: 17_000 });
  await sleep(500);
  await action();
  const out = (await probe).stdout;
  const times = [...out.matchAll(/^\[(\d+\.\d+)\] \d+ bytes from/gm)].map((m) => Number(m[1]));
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return gap * 1000;
}

async function main(): Promise<void> {
  await ensureDocker();
  const image = await ensureImage(log);
  const pack = electingPack(await findPack('vrrp-pair'));
  const vip = pack.manifest.topology.vips[0] ?? '10.0.0.3';
  const result: Record<string, unknown> = { cores: cpus().length };

  // 1. Warm up until exactly one VIP holder: halab vs the plain docker CLI, alternating, same run.
  const ours: number[] = [];
  const cli: number[] = [];
  const warmRuns = Math.min(RUNS, 3);
  for (let i = 0; i < warmRuns; i++) {
    const inst = `bench-up-${i}`;
    let t = performance.now();
    const lab = await up(pack, { instance: inst });
    // The same subnet for both: if the pack's own is taken here, the baseline uses the remapped one too.
    const same = remapPack(pack, lab.record.subnet);
    const labVip = same.manifest.topology.vips[0] ?? vip;
    await waitOneHolder(async () => holdersOf((await readAddresses(lab)).addresses, labVip));
    ours.push(performance.now() - t);
    await down(inst);
    const cliInst = `bench-cli-${i}`;
    t = performance.now();
    try {
      await dockerCliUp(same, image, cliInst);
      await waitOneHolder(() => {
        const held: string[] = [];
        for (const n of same.manifest.topology.nodes) {
          const r = spawnSync('docker', ['exec', `halab-${cliInst}-${n.name}`, 'ip', '-4', 'addr', 'show', 'eth0'], { encoding: 'utf8' });
          if (r.stdout.includes(`${labVip}/`)) held.push(n.name);
        }
        return Promise.resolve(held);
      });
      cli.push(performance.now() - t);
    } finally {
      dockerCliDown(cliInst);
    }
    log(`up ${i + 1}/${warmRuns}: halab ${(ours[i] ?? 0).toFixed(0)} ms, docker CLI ${(cli[i] ?? 0).toFixed(0)} ms`);
  }
  result.up_ms = spread(ours);
  result.up_docker_cli_ms = spread(cli);
  result.up_vs_docker_ratio = round(spread(ours).median / spread(cli).median);

  // 2. Warm check of step 2 (after its solution), and 3. failover gaps, on one running lab 1.
  const lab = await up(await findPack('vrrp-pair'), { instance: 'bench-lab' });
  try {
    const steps = lab.pack.manifest.steps;
    const labVip = lab.pack.manifest.topology.vips[0] ?? vip;
    for (const s of steps.slice(0, 2)) await applySolution(lab, s);
    await runStep(lab, 1);
    const checkMs: number[] = [];
    for (let i = 0; i < 10; i++) checkMs.push((await runStep(lab, 1)).ms);
    result.check_ms = spread(checkMs);
    result.check_ms_p50 = spread(checkMs).median;

    const graceful: number[] = [];
    const crash: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      graceful.push(await measureGap(lab, labVip, () => applyFault(lab, 'stop_service', 'lb01', 'keepalived')));
      await applyFault(lab, 'start_service', 'lb01', 'keepalived');
      await sleep(4000); // preemption back to lb01, then quiet
      crash.push(await measureGap(lab, labVip, () => applyFault(lab, 'kill_node', 'lb01')));
      await applyFault(lab, 'start_node', 'lb01');
      await execIn(lab.container('lb01'), ['systemctl', 'start', 'keepalived']);
      await sleep(4000);
      log(`failover ${i + 1}/${RUNS}: graceful ${(graceful[i] ?? 0).toFixed(0)} ms, crash ${(crash[i] ?? 0).toFixed(0)} ms`);
    }
    const skew = ((256 - 100) / 256) * 1000;
    result.failover_graceful_ms = spread(graceful);
    result.failover_crash_ms = spread(crash);
    result.failover_graceful_floor_ms = round(skew, 1);
    result.failover_crash_floor_ms = round(3000 + skew, 1);
    result.failover_graceful_ratio = round(spread(graceful).median / skew);
    result.failover_crash_ratio = round(spread(crash).median / (3000 + skew));
  } finally {
    await down('bench-lab');
  }

  // 4. The image: size, and (with --build) the offline build time.
  result.image = image;
  result.image_mb = round((await imageSizeBytes(image)) / 1e6, 1);
  if (args.build && canBuildOffline()) {
    await docker().getImage(image).tag({ repo: 'halab-node', tag: 'bench-keep' });
    await docker().getImage(image).remove();
    const t = performance.now();
    await buildImage({ offline: true, onProgress: log });
    result.image_build_offline_s = round((performance.now() - t) / 1000, 1);
    await docker().getImage('halab-node:bench-keep').remove().catch(() => undefined);
  } else {
    result.image_build_offline_s = null;
  }

  if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(28)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
