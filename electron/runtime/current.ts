// The container runtime the engine uses: Docker unless a test put a fake in its place.
import type { ContainerRuntime } from './containerRuntime.js';
import { DockerRuntime } from './dockerRuntime.js';

let current: ContainerRuntime | undefined;

export function runtime(): ContainerRuntime {
  current ??= new DockerRuntime();
  return current;
}

/** Replaces the runtime (a fake in unit tests); returns the function that puts the previous one back. */
export function useRuntime(next: ContainerRuntime): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}
