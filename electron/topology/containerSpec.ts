// The hardened Docker create options for lab nodes and their sysctl helpers: one place to review.
import type { ContainerSpec, NetworkSpec } from '../runtime/containerRuntime.js';
import type { NodeSpec } from '../labs/schema.js';
import { LABEL, labelsFor } from '../docker/labels.js';
import { networkName, nodeContainerName, observerName, sysctlHelperName } from './names.js';
import { CAPTURE_FILTER, CAPTURE_SNAPLEN, IMMEDIATE, RING_DIR, RING_FILE_MB, RING_FILES } from '../protocol/captureFiles.js';

export const NODE_MEMORY_BYTES = 256 * 1024 * 1024;
export const NODE_PIDS_LIMIT = 256;
/** One core: a node's daemons are single-threaded, so a learner's `yes > /dev/null` loops leave the host the rest. */
export const NODE_NANO_CPUS = 1_000_000_000;
/** The helper only answers a few sysctl writes. */
export const HELPER_NANO_CPUS = 250_000_000;
export const HELPER_MEMORY_BYTES = 32 * 1024 * 1024;
export const HELPER_PIDS_LIMIT = 32;
/**
 * The json-file log of a node (what its init and anything writing to /proc/1/fd/1 print): 2 files of 1 MiB.
 * A node's init logs a few lines per boot; keepalived and nginx log to files inside the node.
 */
export const NODE_LOG_CONFIG = { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } };
/**
 * The largest file a node can write (RLIMIT_FSIZE; raising it needs CAP_SYS_RESOURCE, which nodes lack). The
 * labs' biggest files are logs of a few MiB; this bounds one runaway file where the engine cannot bound the
 * container layer as a whole.
 */
export const NODE_FILE_BYTES = 64 * 1024 * 1024;
/** The container layer's size, where the engine supports a limit (overlay2 on xfs mounted with pquota). */
export const NODE_DISK_SIZE = '1G';
/**
 * Everything a node can do as root, and nothing else (Docker's defaults are dropped first):
 * CHOWN, DAC_OVERRIDE, FOWNER: root edits and saves files it does not own (mail spools, the editor keeps
 * owner and mode); KILL: signals to nginx workers and other users' processes; SETGID, SETUID: nginx workers,
 * cron jobs and keepalived scripts run as other users; NET_BIND_SERVICE: nginx on port 80; NET_ADMIN:
 * VIPs, routes, iptables; NET_RAW: VRRP, ARP, ping, tcpdump. Not kept from Docker's defaults (the labs pass
 * without them): MKNOD, AUDIT_WRITE, SETFCAP, SETPCAP, FSETID, SYS_CHROOT.
 */
export const NODE_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'SETGID', 'SETUID', 'NET_BIND_SERVICE', 'NET_ADMIN', 'NET_RAW'];
/** Docker's default set of /proc paths hidden from a container (moby oci/defaults.go), kept for the helper. */
export const DOCKER_MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];
/**
 * The helper's read-only paths: Docker's defaults, with /proc/sys replaced by each of its folders but net,
 * so only net.* keys (the node's own network namespace) are writable. Folders a kernel lacks are skipped by
 * the runtime; the hardening test fails on any folder of /proc/sys that is not listed here.
 */
export const HELPER_READONLY_PATHS = [
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sysrq-trigger',
  ...['abi', 'crypto', 'debug', 'dev', 'fs', 'kernel', 'sunrpc', 'user', 'vm'].map((d) => `/proc/sys/${d}`),
];
/** Kernel settings of every node's network namespace, fixed at create time. */
export const NODE_SYSCTLS: Record<string, string> = { 'net.ipv4.ip_forward': '0' };

export function nodeCreateOptions(instance: string, lab: string, node: NodeSpec, image: string): ContainerSpec {
  const net = networkName(instance);
  return {
    name: nodeContainerName(instance, node.name),
    Hostname: node.name,
    Image: image,
    Labels: labelsFor(instance, lab, { [LABEL.node]: node.name, [LABEL.role]: 'node' }),
    Env: [`HALAB_NODE=${node.name}`, `HALAB_ROLE=${node.role}`],
    HostConfig: {
      NetworkMode: net,
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: NODE_CAPS,
      SecurityOpt: ['no-new-privileges'],
      Memory: NODE_MEMORY_BYTES,
      MemorySwap: NODE_MEMORY_BYTES,
      PidsLimit: NODE_PIDS_LIMIT,
      NanoCpus: NODE_NANO_CPUS,
      Ulimits: [{ Name: 'fsize', Soft: NODE_FILE_BYTES, Hard: NODE_FILE_BYTES }],
      LogConfig: NODE_LOG_CONFIG,
      // /proc/sys stays read-only: Docker's default for unprivileged containers. Never unmask it here.
      // A new network namespace inherits the host's ip_forward (1 wherever Docker runs). Real servers do not
      // route: a node that forwarded would relay the client's packets to the new VIP holder during a
      // failover and hide the outage the lab is about. Docker sets net.* keys in the node's own namespace.
      Sysctls: NODE_SYSCTLS,
      RestartPolicy: { Name: 'no' },
      // Docker's embedded DNS forwards unknown names to the host's resolvers: point it at the node's own
      // loopback so no lookup ever leaves the machine. Node names still resolve through the aliases below.
      Dns: ['127.0.0.1'],
    },
    NetworkingConfig: { EndpointsConfig: { [net]: { IPAMConfig: { IPv4Address: node.ip }, Aliases: [node.name] } } },
  };
}

/**
 * A sidecar in the node's network namespace whose /proc/sys/net is writable, so the node can set net.* keys
 * (which belong to that namespace only) without the node itself ever getting a writable /proc/sys.
 * It runs only the image's fixed halab-sysctld, which accepts net.* keys and nothing else.
 */
export function sysctlHelperCreateOptions(instance: string, lab: string, node: NodeSpec, image: string): ContainerSpec {
  return {
    name: sysctlHelperName(instance, node.name),
    Image: image,
    Entrypoint: ['/usr/bin/tini', '--', '/usr/local/sbin/halab-sysctld'],
    Cmd: [],
    Labels: labelsFor(instance, lab, { [LABEL.node]: node.name, [LABEL.role]: 'sysctl-helper' }),
    HostConfig: {
      NetworkMode: `container:${nodeContainerName(instance, node.name)}`,
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: ['NET_ADMIN'],
      SecurityOpt: ['no-new-privileges'],
      // It runs as uid 0, which may write kernel.* keys and /proc/sysrq-trigger by file mode alone: only
      // /proc/sys/net is left writable, everything else Docker protects stays protected.
      MaskedPaths: DOCKER_MASKED_PATHS,
      ReadonlyPaths: HELPER_READONLY_PATHS,
      ReadonlyRootfs: true,
      Memory: HELPER_MEMORY_BYTES,
      MemorySwap: HELPER_MEMORY_BYTES,
      PidsLimit: HELPER_PIDS_LIMIT,
      NanoCpus: HELPER_NANO_CPUS,
      LogConfig: NODE_LOG_CONFIG,
      RestartPolicy: { Name: 'no' },
    },
  };
}

export function wantsSysctlHelper(node: NodeSpec): boolean {
  return node.net_sysctl ?? node.role === 'lb';
}

/** The observer only runs tcpdump: a raw socket, then it becomes the unprivileged tcpdump user. */
export const OBSERVER_CAPS = ['NET_RAW', 'SETUID', 'SETGID'];
export const OBSERVER_MEMORY_BYTES = 32 * 1024 * 1024;
export const OBSERVER_PIDS_LIMIT = 16;
export const OBSERVER_NANO_CPUS = 250_000_000;

/**
 * A sidecar in one node's network namespace that records what crosses the lab network (VRRP adverts, ARP,
 * the client's probes) into a small ring of pcap files on a tmpfs, for the protocol view and the `protocol`
 * check. Nothing is captured on the host. tcpdump opens its socket as root and then switches to its own
 * user, which holds no capability at all; the root filesystem is read-only, and the ring is bounded.
 */
export function observerCreateOptions(instance: string, lab: string, host: NodeSpec, image: string): ContainerSpec {
  return {
    name: observerName(instance, host.name),
    Image: image,
    Entrypoint: ['/usr/bin/tini', '--', 'tcpdump'],
    Cmd: ['-i', 'eth0', '-p', '-n', IMMEDIATE, '-U', '-s', String(CAPTURE_SNAPLEN), '-w', `${RING_DIR}/ring`, '-C', String(RING_FILE_MB), '-W', String(RING_FILES), CAPTURE_FILTER],
    Labels: labelsFor(instance, lab, { [LABEL.node]: host.name, [LABEL.role]: 'observer' }),
    HostConfig: {
      NetworkMode: `container:${nodeContainerName(instance, host.name)}`,
      Privileged: false,
      CapDrop: ['ALL'],
      CapAdd: OBSERVER_CAPS,
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      // Sticky and world-writable: tcpdump writes as its own user; nobody else in the container writes.
      Tmpfs: { [RING_DIR]: `size=${RING_FILE_MB * RING_FILES + 1}m,mode=1777,noexec,nosuid,nodev` },
      Memory: OBSERVER_MEMORY_BYTES,
      MemorySwap: OBSERVER_MEMORY_BYTES,
      PidsLimit: OBSERVER_PIDS_LIMIT,
      NanoCpus: OBSERVER_NANO_CPUS,
      LogConfig: NODE_LOG_CONFIG,
      RestartPolicy: { Name: 'no' },
    },
  };
}

/**
 * The node whose network namespace the observer joins: the client when there is one (it sees the lab's
 * multicast and broadcast like every node, plus its own probes and the ARP replies it gets), else a web
 * server, else the first node.
 */
export function observerHost(nodes: readonly NodeSpec[]): NodeSpec | undefined {
  return nodes.find((n) => n.role === 'client') ?? nodes.find((n) => n.role === 'web') ?? nodes[0];
}

export function networkCreateOptions(instance: string, lab: string, subnet: string): NetworkSpec {
  const gateway = subnet.replace(/0\/24$/, '254');
  return {
    Name: networkName(instance),
    Driver: 'bridge',
    CheckDuplicate: true,
    // Not --internal: on this engine that drops VRRP multicast between nodes. No masquerade means no way out.
    Internal: false,
    Options: { 'com.docker.network.bridge.enable_ip_masquerade': 'false' },
    IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: gateway }] },
    Labels: labelsFor(instance, lab),
  };
}
