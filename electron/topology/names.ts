// Names of a lab's Docker objects, derived from the instance name alone.
export const networkName = (instance: string): string => `halab-${instance}`;
export const nodeContainerName = (instance: string, node: string): string => `halab-${instance}-${node}`;
export const sysctlHelperName = (instance: string, node: string): string => `halab-${instance}-${node}-sysctl`;
export const INSTANCE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;
