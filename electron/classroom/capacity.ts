// How many labs this machine holds at once, from what the running labs really use: their memory (the
// cgroups of their containers) and their CPU, measured while the class works. Until a lab has been
// measured, a lab is taken to need DEFAULT_LAB_BYTES (the bench measures about 41 MB for the first VRRP
// lab at rest); a fifth of the host's available memory and CPU stays free for the server and the engine.
import { readFile } from 'node:fs/promises';
import { cpus, freemem } from 'node:os';
import type { RunningLab } from '../topology/manager.js';

export const DEFAULT_LAB_BYTES = 64 * 1024 * 1024;
export const DEFAULT_LAB_CORES = 0.05;
const HEADROOM = 0.8;

export interface LabUse {
  bytes: number;
  /** Cores in use, averaged since the previous reading (0 on the first). */
  cores: number;
}

export interface CapacityInput {
  /** The host's available memory now (running labs already use theirs). */
  availableBytes: number;
  cores: number;
  running: number;
  /** Measured per running lab; empty before the first measurement. */
  uses: readonly LabUse[];
}

/** The largest number of labs running at once, the ones running now included. */
export function capacityOf(input: CapacityInput): number {
  const measured = input.uses.length > 0;
  const perLabBytes = measured ? Math.max(...input.uses.map((u) => u.bytes), 1) : DEFAULT_LAB_BYTES;
  const perLabCores = Math.max(measured ? input.uses.reduce((s, u) => s + u.cores, 0) / input.uses.length : 0, DEFAULT_LAB_CORES);
  const byMemory = input.running + Math.floor((input.availableBytes * HEADROOM) / perLabBytes);
  const byCpu = Math.floor((input.cores * HEADROOM) / perLabCores);
  return Math.max(0, Math.min(byMemory, byCpu));
}

/** MemAvailable from /proc/meminfo (what the kernel can give without swapping), else Node's free memory. */
export async function availableBytes(): Promise<number> {
  const text = await readFile('/proc/meminfo', 'utf8').catch(() => '');
  const kb = /^MemAvailable:\s+(\d+) kB$/m.exec(text)?.[1];
  return kb ? Number(kb) * 1024 : freemem();
}

export const hostCores = (): number => cpus().length;

/** A container's memory in bytes and CPU time in ns, from its own cgroup (v2 or v1). */
const CGROUP_READING =
  'm=$(cat /sys/fs/cgroup/memory.current 2>/dev/null || cat /sys/fs/cgroup/memory/memory.usage_in_bytes); c=$(awk \'/^usage_usec/ {print $2 * 1000}\' /sys/fs/cgroup/cpu.stat 2>/dev/null || cat /sys/fs/cgroup/cpuacct/cpuacct.usage); echo "$m $c"';

/** The lab's nodes' memory and CPU time, summed; nodes that do not answer count as nothing. */
export async function readLabCgroups(lab: RunningLab): Promise<{ bytes: number; cpuNs: number }> {
  const readings = await Promise.all(
    lab.nodes.map(async (n) => {
      const res = await lab
        .container(n.name)
        .exec(['sh', '-c', CGROUP_READING], { timeoutMs: 3000 })
        .catch(() => undefined);
      const [m, c] = (res?.stdout.trim() ?? '').split(/\s+/).map(Number);
      return { bytes: Number.isFinite(m) ? (m ?? 0) : 0, cpuNs: Number.isFinite(c) ? (c ?? 0) : 0 };
    }),
  );
  return readings.reduce((a, r) => ({ bytes: a.bytes + r.bytes, cpuNs: a.cpuNs + r.cpuNs }), { bytes: 0, cpuNs: 0 });
}
