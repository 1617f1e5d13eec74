// Brings a lab's network and nodes up and down. Docker labels are the source of truth for what exists;
// the instance record on disk says whether an `up` finished, so an interrupted one is found and removed.
import { LABEL, ownedFilter } from '../docker/labels.js';
import { ensureImage, type ProgressFn } from '../image/buildImage.js';
import { remapPack } from '../labs/catalog.js';
import type { LabPack } from '../labs/loadPack.js';
import type { NodeSpec } from '../labs/schema.js';
import { UserError, errorMessage } from '../util/errors.js';
import { assertKernelSupports } from '../system/kernelFeatures.js';
import { chooseSubnet, hostRoutes, parseCidr, type Cidr } from './subnet.js';
import { networkCreateOptions, observerHost } from './containerSpec.js';
import { isActiveStart, listInstances, loadInstance, processStartTime, removeInstanceRecord, saveInstance, type InstanceRecord } from './instances.js';
import { INSTANCE_NAME, networkName, nodeContainerName } from './names.js';
import { createAndStartNodes } from './nodeStart.js';
import { fenceLabNetwork, removeFencesExcept, removeLabFence } from './hostFirewall.js';
import { labContainers } from './labContainers.js';
import type { ContainerHandle } from '../runtime/containerRuntime.js';
import { runtime } from '../runtime/current.js';
import { closeProbeSessions } from '../runtime/probeSession.js';

export interface RunningLab {
  record: InstanceRecord;
  /** The pack as it runs: addresses already remapped into the subnet in use. */
  pack: LabPack;
  /** The node's container, found by this lab's labels (a container merely named like it is never used). */
  container(node: string): ContainerHandle;
  /** The node's sysctl helper, found the same way. */
  sysctlHelper(node: string): ContainerHandle;
  /** The protocol observer (observerHost in containerSpec.ts), and the node whose namespace it shares. */
  observer(): { node: string; container: ContainerHandle } | undefined;
  nodes: NodeSpec[];
}

export interface SweepReport {
  containers: string[];
  networks: string[];
}

/** Subnets of all the runtime's networks and of the host's routes: a lab must not overlap any of them. */
async function takenSubnets(): Promise<Cidr[]> {
  const nets = await runtime().listNetworks();
  const fromRuntime = nets.flatMap((n) => n.subnets.map(parseCidr).filter((c): c is Cidr => !!c));
  return [...fromRuntime, ...(await hostRoutes())];
}

/**
 * Removes a network once its containers are gone. The engine can report "active endpoints" for a moment
 * after the last container went (and for good after a removal race, moby#42119): force-disconnect whatever
 * it still lists, retry for a bounded time, then say exactly what is stuck.
 */
async function removeNetwork(id: string, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await runtime().removeNetwork(id);
      return;
    } catch (err) {
      if (!/active endpoints/i.test(errorMessage(err)) || Date.now() > deadline) {
        throw new UserError(`Docker refuses to remove the lab network ${name}: ${errorMessage(err)}`, { fix: 'Restart the Docker engine, then run halab down again.', code: 'E_DOCKER' });
      }
      const members = await runtime()
        .networkMembers(id)
        .catch(() => []);
      await Promise.all(
        members.map((c) =>
          runtime()
            .disconnect(id, c)
            .catch(() => undefined),
        ),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Removes the containers and networks the filter selects, and the host firewall rules of the same labs. */
async function removeObjects(filter: { label: string[] }, instance?: string): Promise<SweepReport> {
  const rt = runtime();
  const containers = await rt.listContainers(filter.label);
  const isHelper = (c: (typeof containers)[number]): boolean => c.labels[LABEL.role] !== 'node';
  const remove = (c: (typeof containers)[number]): Promise<void> => rt.container(c.id).remove();
  // Helpers first, and finished, before their nodes: a helper lives in its node's network namespace, and
  // removing both at once can leave a stale endpoint that blocks the network's removal.
  await Promise.all(containers.filter(isHelper).map(remove));
  await Promise.all(containers.filter((c) => !isHelper(c)).map(remove));
  const networks = await rt.listNetworks(filter.label);
  for (const n of networks) await removeNetwork(n.id, n.name);
  await removeLabFence(instance);
  return { containers: containers.map((c) => c.name), networks: networks.map((n) => n.name) };
}

let sweeping: Promise<SweepReport> | undefined;

/**
 * Removes what an interrupted run left behind: objects of this home with no finished record, and records
 * whose objects are gone. Objects of an `up` still in progress in another live process are left alone.
 * One sweep at a time per process (the app sweeps at start while a window may already start a lab): a
 * second caller joins the sweep under way, as two removals of one container collide in the engine.
 */
export function sweepOrphans(): Promise<SweepReport> {
  sweeping ??= sweepOnce().finally(() => {
    sweeping = undefined;
  });
  return sweeping;
}

async function sweepOnce(): Promise<SweepReport> {
  // Objects before records: `up` saves its record before creating anything, so an object seen here has
  // its record by the time the records are read, even when that `up` began a moment ago.
  const [containers, networks] = await Promise.all([runtime().listContainers(ownedFilter().label), runtime().listNetworks(ownedFilter().label)]);
  const records = new Map((await listInstances()).map((r) => [r.instance, r]));
  const seen = new Set([...containers.map((c) => c.labels[LABEL.instance]), ...networks.map((n) => n.labels[LABEL.instance])]);
  const report: SweepReport = { containers: [], networks: [] };
  for (const instance of seen) {
    if (!instance) continue;
    const rec = records.get(instance);
    if (rec && (rec.state === 'up' || isActiveStart(rec))) continue;
    const removed = await removeObjects(ownedFilter(instance), instance);
    report.containers.push(...removed.containers);
    report.networks.push(...removed.networks);
    await removeInstanceRecord(instance);
  }
  for (const rec of records.values()) {
    if (!seen.has(rec.instance) && !isActiveStart(rec)) await removeInstanceRecord(rec.instance);
  }
  // Fences whose lab is gone (an `up` killed after the fence, before its first container, leaves no object).
  await removeFencesExcept((instance) => {
    const rec = records.get(instance);
    return !!rec && (rec.state === 'up' || isActiveStart(rec));
  });
  return report;
}

/** Fences the new lab network off the host (hostFirewall.ts), or says clearly why it cannot. */
async function fenceNetwork(instance: string, say: ProgressFn): Promise<void> {
  const [net] = await runtime().listNetworks(ownedFilter(instance).label);
  const outcome = net ? await fenceLabNetwork(instance, net.id) : { fenced: false as const, reason: 'the lab network is not listed' };
  if (!outcome.fenced) {
    say(
      `[up] warning: ${outcome.reason}, so the host firewall is unchanged and the lab's nodes can reach this host's services listening on 0.0.0.0. Run halab as root on the Docker host to fence the lab network.`,
    );
  }
}

/**
 * Networks are made one at a time in this process: labs started together (a class pressing Start) would
 * otherwise all choose the same free subnet, and all but one clash.
 */
let networksMade: Promise<unknown> = Promise.resolve();

function createNetwork(instance: string, lab: string, wanted: string): Promise<string> {
  const made = networksMade.then(() => createNetworkNow(instance, lab, wanted));
  networksMade = made.catch(() => undefined);
  return made;
}

async function createNetworkNow(instance: string, lab: string, wanted: string): Promise<string> {
  const avoid = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const subnet = chooseSubnet(wanted, await takenSubnets(), avoid);
    if (!subnet) throw new UserError('No free /24 subnet is left for a lab network.', { fix: 'Remove unused Docker networks (docker network prune).', code: 'E_SUBNET' });
    try {
      await runtime().createNetwork(networkCreateOptions(instance, lab, subnet));
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
  throw new UserError('Could not create the lab network: every subnet tried clashed.', { fix: 'Remove unused Docker networks (docker network prune).', code: 'E_SUBNET' });
}

/** The running lab's view for probes and checks. */
export function labView(record: InstanceRecord, pack: LabPack): RunningLab {
  const running = remapPack(pack, record.subnet);
  const containers = labContainers(record.instance);
  return {
    record,
    pack: running,
    nodes: running.manifest.topology.nodes,
    container: (node) => containers.node(node),
    sysctlHelper: (node) => containers.sysctlHelper(node),
    observer: () => {
      const host = observerHost(running.manifest.topology.nodes);
      return host && { node: host.name, container: containers.observer(host.name) };
    },
  };
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
  await runtime().version();
  await sweepOrphans();
  const existing = await loadInstance(instance);
  if (existing) {
    throw new UserError(`The lab "${instance}" is already ${existing.state === 'up' ? 'running' : 'starting'}.`, { fix: `Use it, or run: halab down ${instance}`, code: 'E_RUNNING' });
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
    await fenceNetwork(instance, say);
    const view = labView(record, pack);
    say(`[up] network ${record.network} ${record.subnet}`);
    await createAndStartNodes({
      instance,
      lab,
      image,
      pack: view.pack,
      onReady: (node) => {
        say(`[up] ${node.name} ${node.ip}`);
      },
    });
    record.state = 'up';
    await saveInstance(record);
    return view;
  } catch (err) {
    await removeObjects(ownedFilter(instance), instance).catch(() => undefined);
    await removeInstanceRecord(instance);
    if (/Conflict.*already in use/i.test(errorMessage(err))) {
      throw new UserError(`A container or network named like this lab already exists and is not ours: ${errorMessage(err)}`, {
        fix: 'Remove it, or run the lab under another instance name.',
        code: 'E_NAME_CLASH',
      });
    }
    throw err;
  }
}

/** Removes one lab instance (containers, helpers, network, record). Touches only objects labelled as ours. */
export async function down(instance: string): Promise<SweepReport> {
  await runtime().version();
  const report = await removeObjects(ownedFilter(instance), instance);
  // Their containers are gone, so the sessions have ended or are about to: drop them now.
  closeProbeSessions(report.containers);
  await removeInstanceRecord(instance);
  return report;
}

export async function downAll(): Promise<SweepReport> {
  await runtime().version();
  const report = await removeObjects(ownedFilter());
  closeProbeSessions(report.containers);
  for (const rec of await listInstances()) await removeInstanceRecord(rec.instance);
  return report;
}

/** The record of a running instance, or a clear error. */
export async function requireRunning(instance: string): Promise<InstanceRecord> {
  const rec = await loadInstance(instance);
  if (!rec || rec.state !== 'up') throw new UserError(`The lab "${instance}" is not running.`, { fix: `Start it: halab up ${instance}`, code: 'E_NOT_RUNNING' });
  return rec;
}

export interface NodeStatus {
  node: string;
  ip: string;
  container: string;
  state: string;
}

export async function nodeStatuses(view: RunningLab): Promise<NodeStatus[]> {
  const containers = await runtime().listContainers(ownedFilter(view.record.instance).label);
  const byNode = new Map(containers.filter((c) => c.labels[LABEL.role] === 'node').map((c) => [c.labels[LABEL.node], c]));
  return view.nodes.map((n) => ({
    node: n.name,
    ip: n.ip,
    container: nodeContainerName(view.record.instance, n.name),
    state: byNode.get(n.name)?.state ?? 'missing',
  }));
}
