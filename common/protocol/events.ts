// What crosses a lab network, as the protocol view, the failover timelines and the `protocol` check see it.
// Decoded from packets captured inside the lab (electron/protocol/), never on the host.

/** Sender resolved to a lab node by its IPv4 source or its MAC; null when no node owns it. */
export type NodeRef = string | null;

export interface AdvertEvent {
  kind: 'advert';
  /** ms since the epoch, with fractions: the capture's kernel timestamp (the host clock every node shares). */
  at: number;
  from: NodeRef;
  /** The IPv4 source of the advert (the sender's own address, never the VIP). */
  src: string;
  version: 2 | 3;
  vrid: number;
  /** 0 means the master is giving up (a graceful stop). */
  priority: number;
  /** Advertisement interval in ms: VRRPv2 carries whole seconds, VRRPv3 centiseconds. */
  intervalMs: number;
  /** VRRPv2 only: none, simple password (PASS) or IP authentication header (AH); null in VRRPv3. */
  auth: 'none' | 'pass' | 'ah' | null;
  /** The virtual addresses the advert lists. */
  vips: string[];
}

export interface ArpEvent {
  kind: 'arp';
  at: number;
  from: NodeRef;
  op: 'request' | 'reply';
  /** Sender protocol and hardware addresses. */
  senderIp: string;
  senderMac: string;
  targetIp: string;
  /** A gratuitous ARP: sender and target address are the same (a new holder announcing an address). */
  gratuitous: boolean;
}

export interface ProbeEvent {
  kind: 'probe';
  at: number;
  from: NodeRef;
  src: string;
  dst: string;
  proto: 'icmp' | 'tcp';
  /** icmp: echo-request, echo-reply, unreachable; tcp: syn, syn-ack, rst, fin. */
  what: 'echo-request' | 'echo-reply' | 'unreachable' | 'syn' | 'syn-ack' | 'rst' | 'fin';
  /** The TCP destination port (tcp only). */
  port?: number;
}

export type ProtocolEvent = AdvertEvent | ArpEvent | ProbeEvent;
export type ProtocolEventKind = ProtocolEvent['kind'];
