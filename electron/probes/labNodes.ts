// What a probe needs of a running lab: its nodes and a way to reach each one's container. A running lab of
// topology/ has both; probes ask for no more, so they do not depend on how a lab is started.
import type { ContainerHandle } from '../runtime/containerRuntime.js';

export interface LabNodes {
  nodes: readonly { name: string }[];
  container(node: string): ContainerHandle;
}
