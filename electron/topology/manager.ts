// Brings a lab's network and nodes up and down. Docker labels are the source of truth for what exists;
// the instance record on disk says whether an `up` finished, so an interrupted one is found and removed.
import type Docker from 'dockerode';
import { docker, ensureDocker, isNotFound } from '../docker/client.js';
import { LABEL, ownedFilter } from '../docker/labels.js';
import { execIn } from '../docker/exec.js';
import { makeTar, type TarEntry } from '../docker/tar.js';
import { ensureImage, type ProgressFn } from '../image/buildImage.js';
import { remapPack } from '../labs/catalog.js';
import type { LabPack } from '../labs/loadPack.js';
import type { NodeSpec } from '../labs/schema.js';
import { UserError, errorMessage } from '../util/errors.js';
import { assertKernelSupports } from '../system/kernelFeatures.js';
import { chooseSubnet, hostRoutes, parseCidr, type Cidr } from './subnet.js';
import { networkCreateOptions, nodeCreateOptions, sysctlHelperCreateOptions, wantsSysctlHelper } from './containerSpec.js';
import {
  isActiveStart,
  listInstances,
  loadInstance,
  processStartTime,
  removeInstanceRecord,
  saveInstance,
  type InstanceRecord,
} from './instances.js';
import { INSTANCE_NAME, networkName, nodeContainerName } from './names.js';

export interface RunningLab {
  record: InstanceRecord;
  /** The pack as it runs: addresses already remapped into the subnet in use. */
  pack: LabPack;
  container(node: string): Docker.Container;
  nodes: NodeSpec[];
}

export interface SweepReport {
  containers: string[];
  networks: string[];
}

/** Subnets of all Docker networks and of the host's routes: a lab must not overlap any of them. */
async function takenSubnets(): Promise<Cidr[]> {
  const nets = await docker().listNetworks();
  const fromDocker = nets.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => parseCidr(c.Subnet ?? '')).filter((c): c is Cidr => !!c));
  return [...fromDocker, ...(await hostRoutes())];
}

async function removeObjects(filter: { label: string[] }): Promise<SweepReport> {
  const d = docker();
  const containers = await d.listContainers({ all: true, filters: filter });
  // Helpers first: they live in their node's network namespace.
  containers.sort((a, b) => (a.Labels[LABEL.role] === 'sysctl-helper' ? -1 : 0) - (b.Labels[LABEL.role] === 'sysctl-helper' ? -1 : 0));
  await Promise.all(
    containers.map((c) =>
      d
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        }),
    ),
  );
  const networks = await d.listNetworks({ filters: filter });
  for (const n of networks) {
    await d
      .getNetwork(n.Id)
      .remove()
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }
  return { containers: containers.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')), networks: networks.map((n) => n.Name) };
}

/**
 * Removes what an interrupted run left behind: objects of this home with no finished record, and records
 * whose objects are gone. Objects of an `up` still in progress in another live process are left alone.
 */
export async function sweepOrphans(): Promise<SweepReport> {
  const d = docker();
  const records = new Map((await listInstances()).map((r) => [r.instance, r]));
  const [containers, networks] = await Promise.all([
    d.listContainers({ all: true, filters: ownedFilter() }),
    d.listNetworks({ filters: ownedFilter() }),
  ]);
  const seen = new Set([...containers.map((c) => c.Labels[LABEL.instance]), ...networks.map((n) => n.Labels?.[LABEL.instance])]);
  const report: SweepReport = { containers: [], networks: [] };
  for (const instance of seen) {
    if (!instance) continue;
    const rec = records.get(instance);
    if (rec && (rec.state === 'up' || isActiveStart(rec))) continue;
    const removed = await removeObjects(ownedFilter(instance));
    report.containers.push(...removed.containers);
    report.networks.push(...removed.networks);
    await removeInstanceRecord(instance);
  }
  for (const rec of records.values()) {
    if (!seen.has(rec.instance) && !isActiveStart(rec)) await removeInstanceRecord(rec.instance);
  }
  return report;
}

function nodeFiles(pack: LabPack, node: NodeSpec): Promise<TarEntry[]> {
  return Promise.all(
    node.files.map(async (f) => ({ path: f.path, content: await pack.readText(f.source), mode: parseInt(f.mode, 8) })),
  ).then((files) => [
    ...files,
    // Marker files the image's init reads to start services at boot, as `systemctl enable` would leave.
    ...node.services.map((s) => ({ path: `/etc/halab/enabled/${s}`, content: '' })),
  ]);
}

async function createNetwork(instance: string, lab: string, wanted: string): Promise<string> {
  const avoid = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const subnet = chooseSubnet(wanted, await takenSubnets(), avoid);
    if (!subnet) throw new UserError('No free /24 subnet is left for a lab network.', 'Remove unused Docker networks (docker network prune).', 'E_SUBNET');
    try {
      await docker().createNetwork(networkCreateOptions(instance, lab, subnet));
      return subnet;
    } catch (err) {
      // Another network may have taken it between our look and our create: try the next one.
      if (/overlap|already/i.test(errorMessage(err))) {
        avoid.add(subnet);
        continue;
      }
      throw err;
    }
  }
  throw new UserError('Could not create the lab network: every subnet tried clashed.', 'Remove unused Docker networks (docker network prune).', 'E_SUBNET');
}

/** The running lab's view for probes and checks. */
export function labView(record: InstanceRecord, pack: LabPack): RunningLab {
  const running = remapPack(pack, record.subnet);
  return {
    record,
    pack: running,
    nodes: running.manifest.topology.nodes,
    container: (node) => docker().getContainer(nodeContainerName(record.instance, node)),
  };
}

/**
 * Removes the node's default route (nothing leaves the lab network), then waits until the image's init
 * has started the boot services, so a lab is never graded half-started. Also used after a node restart.
 */
export const NODE_READY_SCRIPT = [
  'ip route del default 2>/dev/null',
  'for i in $(seq 1 200); do [ "$(tail -n 1 /var/log/halab/init.log 2>/dev/null)" = "[halab-init] ready" ] && exit 0; sleep 0.05; done',
  'echo "the node did not finish starting its services within 10 s" >&2; exit 1',
].join('; ');

export async function startNode(c: Docker.Container): Promise<void> {
  // init.log survives a restart: emptied first, its last line "ready" can only be this boot's.
  await c.putArchive(makeTar([{ path: '/var/log/halab/init.log', content: '' }]), { path: '/' });
  await c.start();
  const res = await execIn(c, ['bash', '-c', NODE_READY_SCRIPT], { timeoutMs: 12_000 });
  if (res.exitCode !== 0) throw new Error(`node start: ${res.stderr.trim()}`);
}

export async function startSysctlHelper(instance: string, lab: string, node: NodeSpec, image: string): Promise<void> {
  const helper = await docker().createContainer(sysctlHelperCreateOptions(instance, lab, node, image));
  await helper.start();
}

export interface UpOptions {
  instance?: string;
  onProgress?: ProgressFn;
}

export async function up(pack: LabPack, opts: UpOptions = {}): Promise<RunningLab> {
  const lab = pack.manifest.id;
  const instance = opts.instance ?? lab;
  if (!INSTANCE_NAME.test(instance)) throw new UserError(`"${instance}" is not a valid instance name (lowercase letters, digits, "-").`);
  const say = opts.onProgress ?? ((): void => undefined);
  await assertKernelSupports(pack.manifest.requires, lab);
  await ensureDocker();
  await sweepOrphans();
  const existing = await loadInstance(instance);
  if (existing) {
    throw new UserError(`The lab "${instance}" is already ${existing.state === 'up' ? 'running' : 'starting'}.`, `Use it, or run: halab down ${instance}`, 'E_RUNNING');
  }
  const image = await ensureImage(say);
  const record: InstanceRecord = {
    instance,
    lab,
    packDir: pack.dir,
    wantedSubnet: pack.manifest.topology.subnet,
    subnet: pack.manifest.topology.subnet,
    network: networkName(instance),
    state: 'starting',
    pid: process.pid,
    pidStart: processStartTime(process.pid),
    createdAt: new Date().toISOString(),
  };
  await saveInstance(record);
  try {
    record.subnet = await createNetwork(instance, lab, record.wantedSubnet);
    if (record.subnet !== record.wantedSubnet) say(`[up] ${record.wantedSubnet} is taken here: using ${record.subnet}; every address of the lab follows.`);
    await saveInstance(record);
    const view = labView(record, pack);
    say(`[up] network ${record.network} ${record.subnet}`);
    // allSettled: on a failure, every creation in flight must finish before the cleanup below lists objects.
    const settled = await Promise.allSettled(
      view.nodes.map(async (node) => {
        const c = await docker().createContainer(nodeCreateOptions(instance, lab, node, image));
        const files = await nodeFiles(view.pack, node);
        if (files.length) await c.putArchive(makeTar(files), { path: '/' });
        await startNode(c);
        if (wantsSysctlHelper(node)) await startSysctlHelper(instance, lab, node, image);
        say(`[up] ${node.name} ${node.ip}`);
      }),
    );
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    record.state = 'up';
    await saveInstance(record);
    return view;
  } catch (err) {
    await removeObjects(ownedFilter(instance)).catch(() => undefined);
    await removeInstanceRecord(instance);
    if (/Conflict.*already in use/i.test(errorMessage(err))) {
      throw new UserError(`A container or network named like this lab already exists and is not ours: ${errorMessage(err)}`, 'Remove it, or run the lab under another instance name.', 'E_NAME_CLASH');
    }
    throw err;
  }
}

/** Removes one lab instance (containers, helpers, network, record). Touches only objects labelled as ours. */
export async function down(instance: string): Promise<SweepReport> {
  await ensureDocker();
  const report = await removeObjects(ownedFilter(instance));
  await removeInstanceRecord(instance);
  return report;
}

export async function downAll(): Promise<SweepReport> {
  await ensureDocker();
  const report = await removeObjects(ownedFilter());
  for (const rec of await listInstances()) await removeInstanceRecord(rec.instance);
  return report;
}

/** The record of a running instance, or a clear error. */
export async function requireRunning(instance: string): Promise<InstanceRecord> {
  const rec = await loadInstance(instance);
  if (!rec || rec.state !== 'up') throw new UserError(`The lab "${instance}" is not running.`, `Start it: halab up ${instance}`, 'E_NOT_RUNNING');
  return rec;
}

export interface NodeStatus {
  node: string;
  ip: string;
  container: string;
  state: string;
}

export async function nodeStatuses(view: RunningLab): Promise<NodeStatus[]> {
  const containers = await docker().listContainers({ all: true, filters: ownedFilter(view.record.instance) });
  const byNode = new Map(containers.filter((c) => c.Labels[LABEL.role] === 'node').map((c) => [c.Labels[LABEL.node], c]));
  return view.nodes.map((n) => ({
    node: n.name,
    ip: n.ip,
    container: nodeContainerName(view.record.instance, n.name),
    state: byNode.get(n.name)?.State ?? 'missing',
  }));
}
