// The hardened Docker create options for lab nodes and their sysctl helpers: one place to review.
import type { ContainerSpec, NetworkSpec } from '../runtime/containerRuntime.js';
import type { NodeSpec } from '../labs/schema.js';
import { LABEL, labelsFor } from '../docker/labels.js';
import { networkName, nodeContainerName, sysctlHelperName } from './names.js';

export const NODE_MEMORY_BYTES = 256 * 1024 * 1024;
export const NODE_PIDS_LIMIT = 256;
export const HELPER_MEMORY_BYTES = 32 * 1024 * 1024;
export const HELPER_PIDS_LIMIT = 32;
/** Added to Docker's default set: netlink address changes (VIPs, iptables) and raw VRRP/ARP sockets. Nothing else. */
export const NODE_CAPS = ['NET_ADMIN', 'NET_RAW'];
/** Defaults a lab node never needs. */
export const NODE_CAPS_DROPPED = ['MKNOD', 'AUDIT_WRITE', 'SETFCAP'];
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
      CapAdd: NODE_CAPS,
      CapDrop: NODE_CAPS_DROPPED,
      SecurityOpt: ['no-new-privileges'],
      Memory: NODE_MEMORY_BYTES,
      MemorySwap: NODE_MEMORY_BYTES,
      PidsLimit: NODE_PIDS_LIMIT,
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
 * A sidecar in the node's network namespace whose /proc/sys is writable, so the node can set net.* keys
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
      // The API form of `--security-opt systempaths=unconfined`: /proc/sys writable, for this helper only.
      MaskedPaths: [],
      ReadonlyPaths: [],
      ReadonlyRootfs: true,
      Memory: HELPER_MEMORY_BYTES,
      MemorySwap: HELPER_MEMORY_BYTES,
      PidsLimit: HELPER_PIDS_LIMIT,
      RestartPolicy: { Name: 'no' },
    },
  };
}

export function wantsSysctlHelper(node: NodeSpec): boolean {
  return node.net_sysctl ?? node.role === 'lb';
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
