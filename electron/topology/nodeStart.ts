// Creating and starting a lab's node containers, and waiting until their boot services run.
import { makeTar, type TarEntry } from '../docker/tar.js';
import type { LabPack } from '../labs/loadPack.js';
import type { NodeSpec } from '../labs/schema.js';
import type { ContainerHandle, ContainerSpec } from '../runtime/containerRuntime.js';
import { runtime } from '../runtime/current.js';
import { errorMessage } from '../util/errors.js';
import { ADDR_LOG, logStamp, lossLines } from '../probes/addrLog.js';
import { NODE_DISK_SIZE, nodeCreateOptions, observerCreateOptions, observerHost, sysctlHelperCreateOptions, wantsSysctlHelper } from './containerSpec.js';

/**
 * Removes the node's default route (nothing leaves the lab network), then waits until the image's init
 * has started the boot services, so a lab is never graded half-started. Also used after a node restart.
 */
export const NODE_READY_SCRIPT = [
  'ip route del default 2>/dev/null',
  'for i in $(seq 1 200); do [ "$(tail -n 1 /var/log/halab/init.log 2>/dev/null)" = "[halab-init] ready" ] && exit 0; sleep 0.05; done',
  'echo "the node did not finish starting its services within 10 s" >&2; exit 1',
].join('; ');

/** Written before every start: init.log survives a restart, so its last line "ready" can only be this boot's. */
const FRESH_INIT_LOG: TarEntry = { path: '/var/log/halab/init.log', content: '' };

/** Nodes starting at the same time, taken in the pack's order. */
const STARTS_AT_ONCE = 2;
/**
 * Nodes being created and filled at the same time. Creating every node at once makes the first ones wait
 * behind the rest; one more than the starts in flight keeps the next node ready to start.
 */
const CREATES_AT_ONCE = STARTS_AT_ONCE + 1;

/**
 * Whether the engine limits a container layer's size: Docker does only for overlay2 on xfs mounted with
 * pquota (and says "--storage-opt is supported only for ..." elsewhere). Learned from the first create of
 * this process and remembered; where it is refused, RLIMIT_FSIZE (containerSpec.ts) still caps every file.
 */
let layerSizeLimit: boolean | undefined;

/** Whether this process's nodes got a container-layer size limit (undefined before the first node). */
export const hasLayerSizeLimit = (): boolean | undefined => layerSizeLimit;

async function createNodeContainer(spec: ContainerSpec): Promise<ContainerHandle> {
  if (layerSizeLimit !== false) {
    try {
      const c = await runtime().createContainer({ ...spec, HostConfig: { ...spec.HostConfig, StorageOpt: { size: NODE_DISK_SIZE } } });
      layerSizeLimit = true;
      return c;
    } catch (err) {
      if (!/storage-opt|storage option|quota/i.test(errorMessage(err))) throw err;
      layerSizeLimit = false;
    }
  }
  return runtime().createContainer(spec);
}

async function waitNodeReady(c: ContainerHandle): Promise<void> {
  const res = await c.exec(['bash', '-c', NODE_READY_SCRIPT], { timeoutMs: 12_000 });
  if (res.exitCode !== 0) throw new Error(`node start: ${res.stderr.trim()}`);
}

/** Starts the lab's protocol observer in its host node's network namespace (the node must be running). */
export async function startObserver(instance: string, lab: string, host: NodeSpec, image: string): Promise<void> {
  const observer = await runtime().createContainer(observerCreateOptions(instance, lab, host, image));
  await observer.start();
}

export async function startSysctlHelper(instance: string, lab: string, node: NodeSpec, image: string): Promise<void> {
  const helper = await runtime().createContainer(sysctlHelperCreateOptions(instance, lab, node, image));
  await helper.start();
}

/** A node's address log larger than this is left as it is at a restart (it holds far more than a lab's events). */
const ADDR_LOG_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A node that died holding addresses (a power loss, a suspended lab) logged no loss of them: its address
 * monitor died with its network namespace. The losses are added to its log before it boots again, stamped
 * when the engine saw it stop, so the log stays true across restarts (VIP gaps and the timeline read it).
 */
async function logLossesAtDeath(c: ContainerHandle): Promise<void> {
  const state = await c.inspect();
  const stamp = !state || state.running || !state.finishedAt ? undefined : logStamp(state.finishedAt);
  if (!stamp || stamp.startsWith('0001-') || !c.readFile) return;
  const log = (await c.readFile(ADDR_LOG, ADDR_LOG_MAX_BYTES))?.toString('utf8');
  const losses = log ? lossLines(log, stamp) : '';
  if (log && losses) await c.putArchive(makeTar([{ path: ADDR_LOG, content: `${log}${log.endsWith('\n') ? '' : '\n'}${losses}` }]), '/');
}

/**
 * Starts a created or stopped node and waits for its boot services. beforeReady runs once the node runs
 * (its sysctl helper needs the node's network namespace, and the node's init may wait for the helper).
 */
export async function startNode(c: ContainerHandle, beforeReady?: () => Promise<void>): Promise<void> {
  await logLossesAtDeath(c);
  await c.putArchive(makeTar([FRESH_INIT_LOG]), '/');
  await c.start();
  await beforeReady?.();
  await waitNodeReady(c);
}

async function nodeFiles(pack: LabPack, node: NodeSpec): Promise<TarEntry[]> {
  const files = await Promise.all(node.files.map(async (f) => ({ path: f.path, content: await pack.readText(f.source), mode: parseInt(f.mode, 8) })));
  return [
    ...files,
    // Marker files the image's init reads to start services at boot, as `systemctl enable` would leave.
    ...node.services.map((s) => ({ path: `/etc/halab/enabled/${s}`, content: '' })),
    FRESH_INIT_LOG,
  ];
}

export interface NodesToStart {
  instance: string;
  lab: string;
  image: string;
  /** The running pack: its addresses already remapped. */
  pack: LabPack;
  onReady: (node: NodeSpec) => void;
}

/**
 * Creates, fills and starts every node of the lab in the pack's order, a few at a time. Started all at once,
 * every node competes with every other for the engine and the CPU, and all of them, the first included,
 * finish late together; in order, the first nodes' services (an election, say) begin early, and waiting for
 * a node's services overlaps the next starts. Resolves when every node is ready. On a failure it rejects
 * only after everything in flight has settled, so the caller's cleanup finds all that was created.
 */
export async function createAndStartNodes(spec: NodesToStart): Promise<void> {
  const { instance, lab, image, pack } = spec;
  const nodes = pack.manifest.topology.nodes;
  const observerNode = observerHost(nodes);
  const created: Promise<ContainerHandle>[] = [];
  const started: Promise<ContainerHandle>[] = [];
  const ready: Promise<void>[] = [];
  nodes.forEach((node, i) => {
    created[i] = (created[i - CREATES_AT_ONCE] ?? Promise.resolve()).then(async () => {
      const c = await createNodeContainer(nodeCreateOptions(instance, lab, node, image));
      await c.putArchive(makeTar(await nodeFiles(pack, node)), '/');
      return c;
    });
    started[i] = Promise.all([created[i], started[i - STARTS_AT_ONCE]]).then(async ([c]) => {
      await c.start();
      return c;
    });
    ready[i] = started[i].then(async (c) => {
      if (wantsSysctlHelper(node)) await startSysctlHelper(instance, lab, node, image);
      // Recording starts with the first node it can hear from, so the first election is in the capture.
      await Promise.all([waitNodeReady(c), node === observerNode ? startObserver(instance, lab, node, image) : undefined]);
      spec.onReady(node);
    });
  });
  const settled = await Promise.allSettled([...created, ...started, ...ready]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
