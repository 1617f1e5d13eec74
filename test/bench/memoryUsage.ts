// Memory in use by a container as Docker's CLI (`docker stats`) computes it from the stats API.
import type Docker from 'dockerode';

export type MemoryReading = Pick<Docker.MemoryStats, 'usage'> & { stats?: Partial<Docker.MemoryStats['stats']> };

/** usage minus the inactive page cache: total_inactive_file on cgroup v1, else inactive_file (cgroup v2). */
export function memoryInUseBytes(mem: MemoryReading): number {
  const usage = mem.usage ?? 0;
  const s = mem.stats ?? {};
  if (s.total_inactive_file !== undefined && s.total_inactive_file < usage) return usage - s.total_inactive_file;
  if (s.inactive_file !== undefined && s.inactive_file < usage) return usage - s.inactive_file;
  return usage;
}
