// What a probe needs of a running lab: its nodes and a way to reach each one's container. A running lab of
// topology/ has both; probes ask for no more, so they do not depend on how a lab is started.
import type { ContainerHandle } from '../runtime/containerRuntime.js';

export interface LabNodes {
  /** The addresses name the senders of captured packets. */
  nodes: readonly { name: string; ip?: string }[];
  container(node: string): ContainerHandle;
  /** The protocol observer and the node whose network namespace it shares; absent where a lab has none. */
  observer?(): { node: string; container: ContainerHandle } | undefined;
}
