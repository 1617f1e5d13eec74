// A container runtime or handle for unit tests that need only a few of its calls: the test gives those, and
// every other call fails loudly, naming itself, so a code path that starts using one is caught.
import type { ContainerHandle, ContainerRuntime } from '../../electron/runtime/containerRuntime.js';

const notUsed = (name: string) => (): never => {
  throw new Error(`${name} is not used by this test`);
};

const HANDLE_CALLS = ['exec', 'execStream', 'execPipe', 'execTty', 'putArchive', 'inspect', 'start', 'kill', 'remove'] as const;
const RUNTIME_CALLS = ['version', 'container', 'createContainer', 'listContainers', 'listNetworks', 'createNetwork', 'removeNetwork', 'networkMembers', 'disconnect', 'image', 'watchEvents'] as const;

export function stubHandle(ref: string, calls: Partial<Omit<ContainerHandle, 'ref'>>): ContainerHandle {
  return { ...(Object.fromEntries(HANDLE_CALLS.map((c) => [c, notUsed(c)])) as unknown as Omit<ContainerHandle, 'ref'>), ...calls, ref };
}

export function stubRuntime(calls: Partial<ContainerRuntime>): ContainerRuntime {
  return { ...(Object.fromEntries(RUNTIME_CALLS.map((c) => [c, notUsed(c)])) as unknown as ContainerRuntime), ...calls };
}
