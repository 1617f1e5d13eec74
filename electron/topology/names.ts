// Names of a lab's Docker objects, derived from the instance name alone. Instance and node names are made of
// [a-z0-9-], so the "." separators cannot occur inside them: every (instance, node, role) has its own name
// (lab "a" node "b-c" is halab-a.b-c, lab "a-b" node "c" is halab-a-b.c; a node named "lb01-sysctl" is not
// lb01's helper, halab-<instance>.lb01.sysctl). Names only keep creations apart: containers are found by
// their labels (labContainers.ts), never by name alone.
export const networkName = (instance: string): string => `halab-${instance}`;
export const nodeContainerName = (instance: string, node: string): string => `halab-${instance}.${node}`;
export const sysctlHelperName = (instance: string, node: string): string => `halab-${instance}.${node}.sysctl`;
/** The protocol observer lives in one node's network namespace and is named after that node. */
export const observerName = (instance: string, node: string): string => `halab-${instance}.${node}.observer`;
export const INSTANCE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;
